"""A deterministic wget-style mirror of N pages for the scale benchmark (`bench_scale.py`).

Several hosts (municipalities, associations, a regional FRDL-like site), each with a
robots.txt naming its WordPress sitemap index, sitemaps with `lastmod`, a home page and a
paginated news listing of teasers, and posts. A quarter of the posts report on the
congress (prose naming people with their positions and organisations), some are
programmes (time lines, moderators) or speaker pages (name headings, biographies), a few
are reposts of another host's report (syndicated copies), and the rest is local news.
Names, organisations and places are put together from syllables, so people are distinct
across the mirror and each page's words are its own. All text is generated here.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

POSTS_PER_LISTING = 20
SITEMAP_CHUNK = 1000

_FIRST_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
            "Zofia", "Joanna", "Magdalena", "Monika", "Teresa", "Danuta", "Beata", "Aleksandra", "Dorota",
            "Jolanta", "Iwona", "Karolina", "Justyna", "Marta", "Natalia", "Halina", "Renata", "Grażyna"]
_FIRST_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław",
            "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz",
            "Zbigniew", "Jerzy", "Rafał", "Robert", "Kamil", "Maciej", "Sławomir", "Janusz", "Ryszard"]
_ROOT = ["bor", "dąb", "gał", "kro", "lis", "mał", "now", "ost", "pia", "ros", "sad", "tar", "wil", "zaj",
         "brz", "cho", "dem", "gór", "jas", "kał", "lew", "mod", "pru", "rud", "sob", "szc", "wro", "żuk"]
_MID = ["a", "e", "o", "i", "y", "u", "ar", "en", "ol", "ik", "ow", "ew", "ak", "usz"]
_SUFFIX_M = ["ski", "cki", "wicz", "ak", "czyk", "ek", "iak", "ewski", "owski", "ny"]
_SUFFIX_F = ["ska", "cka", "wicz", "ak", "czyk", "ek", "iak", "ewska", "owska", "na"]
_PLACE_END = ["ów", "owo", "ice", "in", "no", "awa", "any", "ewo", "ka", "ec"]
_POSITIONS = ["prezes", "wiceprezes", "członkini zarządu", "dyrektor", "koordynatorka projektów", "wójt",
              "burmistrz", "radna", "sekretarz", "specjalista ds. partycypacji", "animatorka", "skarbnik"]
_ORG_KINDS = ["Stowarzyszenie na rzecz Rozwoju", "Fundacja Wspierania Inicjatyw", "Lokalna Grupa Działania",
              "Centrum Aktywności Lokalnej w", "Urząd Gminy", "Ośrodek Kultury w", "Towarzystwo Przyjaciół",
              "Stowarzyszenie Sołtysów Gminy", "Uniwersytet Trzeciego Wieku w", "Spółdzielnia Socjalna"]
_TOPICS = ["budżet obywatelski", "rady seniorów", "konsultacje społeczne", "współpraca z organizacjami",
           "inicjatywa lokalna", "fundusz sołecki", "rewitalizacja", "młodzieżowe rady", "wolontariat",
           "partnerstwa międzysektorowe", "program współpracy", "zielone inwestycje", "edukacja obywatelska"]
_VERBS = ["omawiano", "przedstawiono", "podsumowano", "zaprezentowano", "porównano", "wskazano", "opisano"]
_OBJECTS = ["doświadczenia gmin", "wyniki badań", "dobre praktyki", "nowe narzędzia", "plany na przyszły rok",
            "zmiany w przepisach", "wnioski z ankiet", "efekty projektów", "potrzeby mieszkańców"]
_PLACES_ADJ = ["wiejskich", "miejskich", "powiatowych", "małych", "średnich", "sąsiednich", "partnerskich"]
_NEWS = ["Zebranie wiejskie", "Festyn rodzinny", "Remont świetlicy", "Nabór wniosków", "Konkurs plastyczny",
         "Dzień Seniora", "Warsztaty rękodzieła", "Sprzątanie brzegów rzeki", "Spotkanie z mieszkańcami",
         "Turniej piłki nożnej", "Koncert kolęd", "Nowy plac zabaw", "Dyżur radnych", "Szkolenie dla sołtysów"]
_FILLER = ["mieszkańcy", "sołectwo", "świetlica", "harmonogram", "zgłoszenia", "organizatorzy", "uczestnicy",
           "wolontariusze", "biblioteka", "szkoła", "boisko", "ogłoszenie", "regulamin", "nagrody", "termin",
           "budynek", "droga", "chodnik", "park", "przedszkole", "kościół", "strażacy", "koło gospodyń"]
_EDITIONS = {1: "I", 2: "II", 3: "III"}


@dataclass
class Post:
    host: str
    slug: str
    title: str
    published: date
    kind: str  # news, report, programme, speakers, repost
    body: str  # HTML of the article body
    teaser: str


@dataclass
class Host:
    name: str
    site: str
    posts: list[Post] = field(default_factory=list)


class _Words:
    """The generator's vocabulary, drawn from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.serial = 0

    def surname(self, female: bool) -> str:
        r = self.rng
        stem = r.choice(_ROOT) + r.choice(_MID) + (r.choice(_ROOT) if r.random() < 0.6 else "")
        return (stem + r.choice(_SUFFIX_F if female else _SUFFIX_M)).capitalize()

    def person(self) -> tuple[str, bool]:
        female = self.rng.random() < 0.5
        first = self.rng.choice(_FIRST_F if female else _FIRST_M)
        return f"{first} {self.surname(female)}", female

    def place(self) -> str:
        r = self.rng
        return (r.choice(_ROOT) + r.choice(_MID) + r.choice(_PLACE_END)).capitalize()

    def organisation(self) -> str:
        return f"{self.rng.choice(_ORG_KINDS)} {self.place()}"

    def sentence(self, words: int | None = None) -> str:
        r = self.rng
        n = words or r.randint(8, 18)
        parts = [r.choice(_FILLER) for _ in range(n)]
        parts[r.randrange(n)] = r.choice(_TOPICS)
        parts[r.randrange(n)] = self.place()
        self.serial += 1
        return (" ".join(parts) + f" {r.choice(_VERBS)} {self.serial}.").capitalize()

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def _congress(rng: random.Random) -> tuple[int, str]:
    edition = rng.choice([1, 2, 3])
    return edition, f"{_EDITIONS[edition]} Krajowy Kongres Współpracy Lokalnej"


def _report(w: _Words, slug_no: int) -> tuple[str, str, str]:
    r = w.rng
    edition, congress = _congress(r)
    title = f"Relacja z {congress.replace('Krajowy Kongres', 'Krajowego Kongresu')} – {r.choice(_TOPICS)} ({slug_no})"
    people = []
    for _ in range(r.randint(2, 5)):
        name, female = w.person()
        people.append(f"{name}, {r.choice(_POSITIONS)} {w.organisation()}")
    body = [f"<p>W dniach obrad {congress} {r.choice(_VERBS)} {r.choice(_OBJECTS)} samorządów "
            f"{r.choice(_PLACES_ADJ)}. {w.paragraph(3)}</p>",
            f"<p>W dyskusji udział wzięli: {'; '.join(people)}.</p>",
            f"<p>{w.paragraph(r.randint(3, 6))}</p>",
            f"<p>Moderatorem rozmowy był {w.person()[0]} z {w.organisation()}. {w.paragraph(2)}</p>"]
    return title, "".join(body), people[0]


def _programme(w: _Words, slug_no: int) -> tuple[str, str, str]:
    r = w.rng
    edition, congress = _congress(r)
    rows = []
    hour = 9
    for k in range(r.randint(4, 8)):
        start, end = f"{hour}:00", f"{hour + 1}:30"
        topic = r.choice(_TOPICS)
        rows.append(f"<p><strong>{start}–{end} Panel {k + 1}: {topic.capitalize()} w gminach {r.choice(_PLACES_ADJ)}</strong></p>")
        rows.append(f"<p>Moderator: {w.person()[0]}, {r.choice(_POSITIONS)} {w.organisation()}</p>")
        rows.append(f"<p>Paneliści: {', '.join(w.person()[0] for _ in range(r.randint(2, 4)))}</p>")
        hour += 2
    title = f"Program – {congress} (dzień {slug_no % 2 + 1}, {slug_no})"
    return title, f"<p>{congress}: program obrad. {w.sentence()}</p>" + "".join(rows), rows[1]


def _speakers(w: _Words, slug_no: int) -> tuple[str, str, str]:
    r = w.rng
    edition, congress = _congress(r)
    cards = []
    for _ in range(r.randint(6, 14)):
        name, _female = w.person()
        cards.append(f'<div class="speaker"><h3>{name}</h3><p>{r.choice(_POSITIONS).capitalize()} '
                     f"{w.organisation()}. {w.sentence()}</p></div>")
    title = f"Prelegenci {congress.replace('Krajowy Kongres', 'Krajowego Kongresu')} ({slug_no})"
    return title, f"<p>{w.sentence()}</p>" + "".join(cards), cards[0]


def _news(w: _Words, slug_no: int) -> tuple[str, str, str]:
    r = w.rng
    title = f"{r.choice(_NEWS)} w miejscowości {w.place()} ({slug_no})"
    body = "".join(f"<p>{w.paragraph(r.randint(2, 5))}</p>" for _ in range(r.randint(2, 5)))
    return title, body, ""


def _slug(title: str, k: int) -> str:
    table = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
    words = "".join(ch if ch.isalnum() else " " for ch in title.translate(table).lower()).split()
    return "-".join(words[:8]) + f"-{k}"


def plan(n_pages: int, seed: int = 2026) -> list[Host]:
    """The hosts and posts of an N-page mirror (listing pages, the first being the home page, + posts = N)."""
    rng = random.Random(seed)
    w = _Words(rng)
    n_hosts = max(3, min(12, 3 + n_pages // 2500))
    hosts = []
    for k in range(n_hosts):
        place = w.place()
        kind = ["gmina", "stowarzyszenie", "frdl-region"][k % 3]
        hosts.append(Host(f"{kind}-{_slug(place, k)}.pl", {"gmina": f"Gmina {place}",
                                                            "stowarzyszenie": f"Stowarzyszenie {place}",
                                                            "frdl-region": f"Ośrodek FRDL {place}"}[kind]))
    # posts per host p with ceil(p / 20) listing pages (the first is the home page), summing to N
    remaining = n_pages
    for i, host in enumerate(hosts):
        share = remaining // (n_hosts - i)
        posts = share - share // (POSTS_PER_LISTING + 1)
        while posts > 1 and -(-posts // POSTS_PER_LISTING) + posts > share:
            posts -= 1
        host.posts = [None] * posts  # filled below
        remaining -= -(-posts // POSTS_PER_LISTING) + posts
    start = date(2023, 1, 1)
    reports: list[Post] = []
    serial = 0
    for host in hosts:
        for k in range(len(host.posts)):
            serial += 1
            roll = rng.random()
            if roll < 0.04 and reports:
                original = rng.choice(reports)
                title, kind = original.title, "repost"
                body = f"<p>Źródło: {escape(original.host)}. Przedruk za zgodą autorów.</p>" + original.body
                teaser = original.teaser
            else:
                maker, kind = ((_report, "report") if roll < 0.25 else (_programme, "programme") if roll < 0.30
                               else (_speakers, "speakers") if roll < 0.35 else (_news, "news"))
                title, body, teaser = maker(w, serial)
            published = start + timedelta(days=rng.randrange(0, 1000))
            post = Post(host.name, _slug(title, serial), title, published, kind, body, teaser)
            host.posts[k] = post
            if kind == "report":
                reports.append(post)
        host.posts.sort(key=lambda p: (p.published, p.slug), reverse=True)
    return hosts


def _page(host: Host, title: str, main: str, sidebar: list[Post], published: date | None = None) -> str:
    meta = (f'<meta property="article:published_time" content="{published.isoformat()}T10:00:00+00:00">'
            if published else "")
    recent = "".join(f'<li><a href="https://{host.name}/aktualnosci/{p.slug}/">{escape(p.title)}</a></li>'
                     for p in sidebar)
    return (
        "<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(title)} – {escape(host.site)}</title>"
        f'<meta property="og:site_name" content="{escape(host.site)}">{meta}</head><body>'
        f'<header class="site-header"><a href="https://{host.name}/">{escape(host.site)}</a>'
        f'<nav class="menu"><a href="https://{host.name}/">Aktualności</a> <a href="#kontakt">Kontakt</a></nav></header>'
        f'<div id="content"><main>{main}</main>'
        f'<aside class="sidebar"><h2>Ostatnie wpisy</h2><ul>{recent}</ul></aside></div>'
        f'<footer class="site-footer">© {escape(host.site)}. Wszelkie prawa zastrzeżone.</footer>'
        "</body></html>\n"
    )


def _post_html(host: Host, post: Post, sidebar: list[Post]) -> str:
    main = (f'<article class="post"><h1 class="entry-title">{escape(post.title)}</h1>'
            f'<time class="published" datetime="{post.published.isoformat()}">{post.published.isoformat()}</time>'
            f'<div class="entry-content">{post.body}</div></article>')
    return _page(host, post.title, main, sidebar, post.published)


def _listing_html(host: Host, posts: list[Post], page: int, pages: int, sidebar: list[Post]) -> str:
    teasers = "".join(
        f'<article class="teaser"><h2><a href="https://{host.name}/aktualnosci/{p.slug}/">{escape(p.title)}</a></h2>'
        f'<time datetime="{p.published.isoformat()}">{p.published.isoformat()}</time>'
        f"<p>{escape(_plain(p.body)[:160])}…</p></article>" for p in posts)
    nav = "".join(f'<a href="https://{host.name}/{"" if k == 1 else f"page/{k}/"}">{k}</a> '
                  for k in range(max(1, page - 2), min(pages, page + 2) + 1))
    if page < pages:
        nav += f'<a rel="next" href="https://{host.name}/page/{page + 1}/">Następna</a>'
    main = f'<h1>{escape(host.site)}: aktualności, strona {page}</h1>{teasers}<div class="pagination">{nav}</div>'
    return _page(host, f"Aktualności {page}", main, sidebar)


def _plain(html: str) -> str:
    out, inside = [], False
    for ch in html:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
            out.append(" ")
        elif not inside:
            out.append(ch)
    return " ".join("".join(out).split())


def write_mirror(root: Path, n_pages: int, seed: int = 2026) -> tuple[Path, int]:
    """Write the mirror and its sources file; returns (sources file, HTML pages written)."""
    hosts = plan(n_pages, seed)
    written = 0
    sources = []
    for host in hosts:
        base = root / host.name
        base.mkdir(parents=True, exist_ok=True)
        sidebar = host.posts[:5]
        (base / "robots.txt").write_text(f"User-agent: *\nDisallow: /wp-admin/\n\nSitemap: https://{host.name}/wp-sitemap.xml\n",
                                         encoding="utf-8")
        chunks = [host.posts[k:k + SITEMAP_CHUNK] for k in range(0, len(host.posts), SITEMAP_CHUNK)]
        index = "".join(f"<sitemap><loc>https://{host.name}/wp-sitemap-posts-post-{k + 1}.xml</loc></sitemap>"
                        for k in range(len(chunks)))
        (base / "wp-sitemap.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{index}</sitemapindex>\n", encoding="utf-8")
        for k, chunk in enumerate(chunks):
            urls = "".join(f"<url><loc>https://{host.name}/aktualnosci/{p.slug}/</loc>"
                           f"<lastmod>{p.published.isoformat()}</lastmod></url>" for p in chunk)
            (base / f"wp-sitemap-posts-post-{k + 1}.xml").write_text(
                f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{urls}</urlset>\n", encoding="utf-8")
        pages = -(-len(host.posts) // POSTS_PER_LISTING)
        for page in range(1, pages + 1):  # the home page is page 1 of the news listing, as on a WordPress blog
            path = base / ("" if page == 1 else f"page/{page}")
            path.mkdir(parents=True, exist_ok=True)
            chunk = host.posts[(page - 1) * POSTS_PER_LISTING:page * POSTS_PER_LISTING]
            (path / "index.html").write_text(_listing_html(host, chunk, page, pages, sidebar), encoding="utf-8")
            written += 1
        for post in host.posts:
            path = base / "aktualnosci" / post.slug
            path.mkdir(parents=True, exist_ok=True)
            (path / "index.html").write_text(_post_html(host, post, sidebar), encoding="utf-8")
            written += 1
        sources += ["[[source]]", f'name = "{host.name.replace(".", "-")}"',
                    f'kind = "{"news" if host.name.startswith("gmina") else "organiser"}"',
                    f'start_urls = ["https://{host.name}/"]', f"max_pages = {n_pages + 10}", ""]
    (root / "CAPTURED").write_text("2026-01-15T12:00:00Z\n", encoding="utf-8")
    sources_file = root.parent / f"{root.name}-sources.toml"
    sources_file.write_text("\n".join(sources), encoding="utf-8")
    return sources_file, written
