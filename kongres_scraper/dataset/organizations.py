"""Organisations: one row per organisation however a page names it, with kind and parent.

Pages write `FRDL`, `Fundacja Rozwoju Demokracji Lokalnej` and its full name with the
patron for one foundation; analysts counting sectors need one row for it. So names are
mapped to a canonical name through a table of well-known acronyms and their variants,
`Name (ACR)` is read as both, and a unit named after its parent (`Departament … MSWiA`,
`Ośrodek Badań nad Migracjami UW`, `Wydział … Uniwersytetu Warszawskiego`) gets a parent
link. The kind (sector) is read from the name by the ordered rules in `KIND_RULES`,
which the data dictionary prints; a name no rule fits keeps an unknown (empty) kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .. import keys
from ..normalize.orgs import to_nominative
from .ids import fold, make_id
from .schema import NAME_ORIGINS, frame_of


@dataclass(frozen=True)
class Known:
    """A well-known organisation: canonical name, acronym, kind and other spellings."""

    name: str
    acronym: str | None
    kind: str
    variants: tuple[str, ...] = ()


KNOWN: tuple[Known, ...] = (
    Known("Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego", "FRDL", "ngo",
          ("Fundacja Rozwoju Demokracji Lokalnej", "Fundacji Rozwoju Demokracji Lokalnej",
           "Fundacji Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego")),
    Known("Uniwersytet Warszawski", "UW", "university", ("Uniwersytetu Warszawskiego",)),
    Known("Uniwersytet im. Adama Mickiewicza w Poznaniu", "UAM", "university",
          ("Uniwersytet Adama Mickiewicza w Poznaniu", "Uniwersytet Adama Mickiewicza",
           "Uniwersytetu Adama Mickiewicza w Poznaniu", "Uniwersytetu im. Adama Mickiewicza w Poznaniu")),
    Known("Katolicki Uniwersytet Lubelski Jana Pawła II", "KUL", "university",
          ("Katolicki Uniwersytet Lubelski", "Katolickiego Uniwersytetu Lubelskiego Jana Pawła II")),
    Known("Uniwersytet Jagielloński", "UJ", "university", ("Uniwersytetu Jagiellońskiego",)),
    Known("Uniwersytet Marii Curie-Skłodowskiej w Lublinie", "UMCS", "university",
          ("Uniwersytet Marii Curie-Skłodowskiej", "Uniwersytetu Marii Curie-Skłodowskiej")),
    Known("Uniwersytet Mikołaja Kopernika w Toruniu", "UMK", "university"),
    Known("Uniwersytet Kardynała Stefana Wyszyńskiego w Warszawie", "UKSW", "university",
          ("Uniwersytetu Kardynała Stefana Wyszyńskiego w Warszawie",)),
    Known("Uniwersytet Łódzki", "UŁ", "university", ("Uniwersytetu Łódzkiego",)),
    Known("Uniwersytet Wrocławski", "UWr", "university", ("Uniwersytetu Wrocławskiego",)),
    Known("Uniwersytet Gdański", "UG", "university", ("Uniwersytetu Gdańskiego",)),
    Known("Uniwersytet SWPS", "SWPS", "university", ("Uniwersytetu SWPS",)),
    Known("Szkoła Główna Handlowa w Warszawie", "SGH", "university", ("Szkoła Główna Handlowa",)),
    Known("Politechnika Warszawska", "PW", "university", ("Politechniki Warszawskiej",)),
    Known("Polska Akademia Nauk", "PAN", "university", ("Polskiej Akademii Nauk",)),
    Known("Ministerstwo Spraw Wewnętrznych i Administracji", "MSWiA", "central_government",
          ("Ministerstwa Spraw Wewnętrznych i Administracji",)),
    Known("Ministerstwo Rodziny, Pracy i Polityki Społecznej", "MRPiPS", "central_government",
          ("Ministerstwo Rodziny i Polityki Społecznej", "Ministerstwa Rodziny, Pracy i Polityki Społecznej")),
    Known("Ministerstwo Funduszy i Polityki Regionalnej", "MFiPR", "central_government"),
    Known("Ministerstwo Kultury i Dziedzictwa Narodowego", "MKiDN", "central_government"),
    Known("Ministerstwo Spraw Zagranicznych", "MSZ", "central_government"),
    Known("Kancelaria Prezesa Rady Ministrów", "KPRM", "central_government"),
    Known("Rzecznik Praw Obywatelskich", "RPO", "central_government",
          ("Biuro Rzecznika Praw Obywatelskich", "Rzecznika Praw Obywatelskich")),
    Known("Najwyższa Izba Kontroli", "NIK", "central_government"),
    Known("Główny Urząd Statystyczny", "GUS", "central_government"),
    Known("Narodowy Instytut Wolności – Centrum Rozwoju Społeczeństwa Obywatelskiego", "NIW-CRSO",
          "central_government", ("Narodowy Instytut Wolności", "NIW")),
    Known("Związek Miast Polskich", "ZMP", "local_government"),
    Known("Związek Powiatów Polskich", "ZPP", "local_government"),
    Known("Związek Gmin Wiejskich Rzeczypospolitej Polskiej", "ZGWRP", "local_government"),
    Known("Ogólnopolska Federacja Organizacji Pozarządowych", "OFOP", "ngo"),
    Known("Polsko-Amerykańska Fundacja Wolności", "PAFW", "ngo"),
    Known("Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL", "CAL", "ngo"),
    Known("Muzeum Historii Polski", "MHP", "culture"),
    Known("Komisja Europejska", "KE", "international"),
    Known("Unia Europejska", "UE", "international"),
    Known("Organizacja Narodów Zjednoczonych", "ONZ", "international"),
    Known("Telewizja Polska", "TVP", "media"),
    Known("Polska Agencja Prasowa", "PAP", "media"),
)

# Ordered rules on the folded name: (kind, regex, what it means). Rules marked as head rules
# look at the start of the name, where Polish names put their type noun
# (`Biblioteka Publiczna w dzielnicy …` is a library, not a district); the others are
# tried on the whole name after no head rule fitted.
HEAD_RULES: tuple[tuple[str, str, str], ...] = (
    ("ngo", r"^(fundacja|stowarzyszenie|federacja|towarzystwo|koalicja|kolo gospodyn|lokalna grupa dzialania"
            r"|ochotnicza straz|zwiazek stowarzyszen|forum|siec|instytut spraw publicznych|caritas"
            r"|centrum wolontariatu|bank zywnosci)\b",
     "name starts with fundacja, stowarzyszenie, federacja, towarzystwo, koalicja, koło gospodyń, "
     "lokalna grupa działania, ochotnicza straż, związek stowarzyszeń, forum, sieć, caritas, "
     "centrum wolontariatu, bank żywności"),
    ("culture", r"^(biblioteka|muzeum|dom kultury|centrum kultury|osrodek kultury|gminny osrodek kultury"
                r"|miejski osrodek kultury|teatr|galeria|filharmonia|archiwum|mediateka)\b",
     "name starts with biblioteka, muzeum, dom/centrum/ośrodek kultury, teatr, galeria, filharmonia, archiwum"),
    ("central_government", r"^(ministerstwo|ministry|kancelaria (prezydenta|prezesa|sejmu|senatu)|sejm|senat"
                           r"|rzecznik praw|biuro rzecznika|najwyzsza izba|glowny urzad|urzad wojewodzki"
                           r"|narodowy instytut wolnosci|trybunal|krajowa rada)\b",
     "name starts with ministerstwo, kancelaria Prezydenta/Prezesa RM/Sejmu/Senatu, Sejm, Senat, "
     "rzecznik praw (RPO, RPD), NIK, główny urząd, urząd wojewódzki, NIW, trybunał, krajowa rada"),
    ("local_government", r"^(urzad (miasta|gminy|miejski|marszalkowski|dzielnicy|m st)|urzad\b|gmina|miasto"
                         r"|starostwo|powiat|wojewodztwo|sejmik|rada (miasta|gminy|powiatu|dzielnicy|miejska)"
                         r"|zwiazek (miast|powiatow|gmin)|(miejski|gminny|powiatowy|regionalny) osrodek pomocy"
                         r"|osrodek pomocy spolecznej|samorzad|dzielnica|powiatowe centrum|powiatowy urzad"
                         r"|urzad pracy)\b",
     "name starts with urząd (miasta, gminy, marszałkowski, …), gmina, miasto, starostwo, powiat, "
     "województwo, sejmik, rada miasta/gminy/powiatu, związek miast/powiatów/gmin, ośrodek pomocy społecznej, "
     "samorząd, dzielnica, powiatowe centrum, powiatowy urząd, urząd pracy"),
    ("university", r"^(uniwersytet|katolicki uniwersytet|uczelnia|politechnika|akademia|szkola (wyzsza|glowna)"
                   r"|wyzsza szkola|instytut|osrodek badan|centrum badan|pracownia|katedra|wydzial|university"
                   r"|college|centre for|center for|polska akademia nauk)\b",
     "name starts with uniwersytet, uczelnia, politechnika, akademia, szkoła wyższa/główna, instytut, "
     "ośrodek/centrum badań, katedra, wydział, university, college, centre for"),
    ("media", r"^(gazeta|radio|telewizja|tygodnik|dziennik|portal|magazyn|kwartalnik|miesiecznik|wydawnictwo"
              r"|polskie radio|agencja prasowa)\b",
     "name starts with gazeta, radio, telewizja, tygodnik, dziennik, portal, magazyn, wydawnictwo"),
    ("international", r"^(komisja europejska|parlament europejski|unia europejska|rada europy|ambasada"
                      r"|organizacja narodow|bank swiatowy|european|united nations|unhcr|unicef|oecd|council of europe)\b",
     "name starts with Komisja Europejska, Parlament Europejski, Rada Europy, ambasada, ONZ, UNHCR, UNICEF, "
     "OECD, European …"),
    ("business", r"^(bank|firma|spolka|spoldzielnia|grupa kapitalowa|przedsiebiorstwo)\b",
     "name starts with bank, firma, spółka, spółdzielnia, grupa kapitałowa, przedsiębiorstwo"),
    ("other", r"^(parafia|kosciol|diecezja|archidiecezja|partia|sad|szkola podstawowa|liceum|przedszkole"
              r"|zespol szkol|policja|komenda|straz miejska)\b",
     "name starts with parafia, kościół, diecezja, partia, sąd, szkoła podstawowa, liceum, przedszkole, "
     "zespół szkół, policja, komenda, straż miejska"),
)
ANYWHERE_RULES: tuple[tuple[str, str, str], ...] = (
    ("business", r"\b(sp z o o|s a|sp k|sp j|ltd|inc|gmbh|llc)$", "legal form of a company at the end "
     "(sp. z o.o., S.A., sp.k., Ltd, Inc, GmbH)"),
    ("ngo", r"\b(fundacji|fundacja|stowarzyszenie|stowarzyszenia|foundation|association)\b",
     "fundacja, stowarzyszenie, foundation or association anywhere in the name"),
    ("university", r"\b(uniwersytet\w*|universit\w*|politechnik\w*)\b",
     "uniwersytet, politechnika, university or université anywhere in the name"),
    ("culture", r"\b(biblioteka|muzeum|dom kultury|osrodek kultury|centrum kultury|teatr)\b",
     "biblioteka, muzeum, dom/ośrodek/centrum kultury or teatr anywhere in the name (`Miejska Biblioteka Publiczna`)"),
    ("local_government", r"\b(powiatow\w*|gminn\w*|miejsk\w*|starostw\w*|marszalkowsk\w*)\b",
     "an adjective of local government anywhere in the name (powiatowy, gminny, miejski, marszałkowski)"),
)
_SUBUNIT = re.compile(
    r"^(departament|wydzial|biuro|instytut|osrodek|katedra|zaklad|centrum|pracownia|biblioteka|muzeum|"
    r"gabinet|sekretariat|zespol)\b"
)
_ACRONYM_IN_PARENS = re.compile(r"^(?P<name>.+?)\s*\((?P<acr>[A-ZŁŚŻŹĆŃÓ][A-Za-złśżźćńó\-]{1,9})\)$")
_GENITIVE_PARENT_HEAD = re.compile(
    r"\s(?P<parent>(Ministerstwa|Uniwersytetu|Urzędu|Kancelarii|Politechniki|Akademii|Fundacji|Stowarzyszenia"
    r"|Instytutu|Biura|Związku|Muzeum|Starostwa)\s.+)$"
)


@dataclass(frozen=True)
class Canonical:
    """A name reduced to its canonical spelling, with the acronym when one is known or given."""

    name: str
    acronym: str | None
    key: str


@dataclass
class OrgOverride:
    """The curator's corrections for one organisation (see overrides.toml)."""

    name: str | None = None
    acronym: str | None = None
    kind: str | None = None
    parent: str | None = None
    same_as: str | None = None  # the org id to keep (the id the organisation had before a rename)
    spelling: str | None = None  # the name as the curator wrote it (an alias of `name`)


_QUOTED = re.compile(r'[„“"]([^„“”"]+)[”"“]')
_BARE_ACRONYM = re.compile(r"^[A-ZŁŚŻŹĆŃÓ][A-ZŁŚŻŹĆŃÓa-z]{1,7}$")


def _clean(name: str) -> str:
    """Single spaces, no trailing punctuation, Polish quotes („…”) whatever quotes the page used."""
    text = " ".join(name.replace("\u00a0", " ").split()).strip(" ,;:")
    return _QUOTED.sub(r"„\1”", text)


_BY_ACRONYM: dict[str, Known] = {fold(k.acronym): k for k in KNOWN if k.acronym}
_BY_VARIANT: dict[str, Known] = {fold(v): k for k in KNOWN for v in (k.name, *k.variants)}


def known(name: str) -> Known | None:
    """The well-known organisation a name or acronym stands for, if any."""
    key = fold(name)
    return _BY_VARIANT.get(key) or (_BY_ACRONYM.get(key) if name.strip().isupper() or len(key) <= 6 else None)


def canonical(name: str, aliases: dict[str, str] | None = None) -> Canonical:
    """The canonical spelling of an organisation name (acronyms expanded, `(ACR)` read off)."""
    text = _clean(name)
    if aliases and fold(text) in aliases:
        text = aliases[fold(text)]
    acronym = None
    m = _ACRONYM_IN_PARENS.match(text)
    if m:
        text, acronym = m.group("name"), m.group("acr")
    hit = known(text) or (known(acronym) if acronym else None)
    if hit:
        return Canonical(hit.name, hit.acronym, fold(hit.name))
    if acronym is None and _BARE_ACRONYM.match(text) and sum(c.isupper() for c in text) >= 2:
        acronym = text  # an acronym we cannot expand is still an acronym
    return Canonical(text, acronym, fold(text))


def classify(name: str) -> str | None:
    """The kind of an organisation from its name by `HEAD_RULES` then `ANYWHERE_RULES`; None = unknown."""
    hit = known(name)
    if hit:
        return hit.kind
    key = fold(name)
    for kind, pattern, _ in HEAD_RULES + ANYWHERE_RULES:
        if re.search(pattern, key):
            return kind
    return None


def parent_name(name: str) -> str | None:
    """The parent organisation a unit's name gives, in the nominative; None when it gives none.

    `Departament Spraw Międzynarodowych i Migracji MSWiA` → the ministry (trailing known
    acronym); `Wydział Prawa Uniwersytetu Warszawskiego` → `Uniwersytet Warszawski`
    (a genitive organisation name after a unit noun).
    """
    if not _SUBUNIT.match(fold(name)):
        return None
    words = name.split()
    if len(words) > 1 and fold(words[-1]) in _BY_ACRONYM and words[-1][:1].isupper():
        return _BY_ACRONYM[fold(words[-1])].name
    m = _GENITIVE_PARENT_HEAD.search(name)
    if m:
        parent = m.group("parent")
        hit = known(parent)
        return hit.name if hit else to_nominative(parent)
    return None


@dataclass
class OrganizationRegistry:
    """Collects organisation names seen while building and hands out stable org ids."""

    overrides: dict[str, OrgOverride] = field(default_factory=dict)  # folded name -> override
    _rows: dict[str, dict] = field(default_factory=dict)  # key -> row
    _aliases: dict[str, str] = field(default_factory=dict)
    _kinds: dict[str, str | None] = field(default_factory=dict)  # org id -> kind
    _spellings: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # (name, org id, origin, url)
    _claimed: dict[str, str] = field(default_factory=dict)  # org id -> key, to catch an id given twice

    def __post_init__(self) -> None:
        for key, ov in self.overrides.items():
            if ov.name:
                self._aliases[key] = ov.name

    def add(self, name: str, source_url: str | None = None) -> str:
        """The org id of a name, registering it (and its parent) on first sight.

        `source_url` is the page that wrote `name`: the spelling goes to `organization_names`.
        """
        canon = canonical(name, self._aliases)
        ov = self.overrides.get(canon.key, OrgOverride())
        org_id = ov.same_as or make_id("o", canon.key)
        if source_url is not None:
            self._spellings.append((_clean(name), org_id, "page", source_url))
        if canon.key in self._rows:
            row = self._rows[canon.key]
            row["acronym"] = row["acronym"] or canon.acronym
            return org_id
        if self._claimed.setdefault(org_id, canon.key) != canon.key:
            raise ValueError(f"overrides: org id {org_id} is given to both {self._claimed[org_id]!r} "
                             f"and {canon.key!r} (same_as)")
        parent = ov.parent or parent_name(canon.name)
        parent_id = self.add(parent) if parent and fold(parent) != canon.key else None
        hit = known(canon.name)
        kind = ov.kind or (hit.kind if hit else None)
        if kind is None and parent_id is not None:
            kind = self._rows[canonical(parent, self._aliases).key]["kind"]
        self._kinds[org_id] = kind or classify(canon.name)
        self._rows[canon.key] = {
            "org_id": org_id,
            "name": canon.name,
            "name_key": keys.fold(canon.name),
            "acronym": ov.acronym or canon.acronym,
            "kind": self._kinds[org_id],
            "parent_org_id": parent_id,
        }
        self._spellings.append((canon.name, org_id, "canonical", None))
        for variant in hit.variants if hit else ():
            self._spellings.append((variant, org_id, "known", None))
        return org_id

    def kind_of(self, org_id: str) -> str | None:
        """The kind of a registered organisation."""
        return self._kinds.get(org_id)

    def table(self) -> pd.DataFrame:
        """The typed `organizations` table."""
        return frame_of("organizations", list(self._rows.values()))

    def names_table(self) -> pd.DataFrame:
        """The typed `organization_names` table: every spelling seen or known, by folded key.

        Each spelling gives its `keys.org_keys` (the folded name, then reduced forms). A key
        goes to the organisation of its most trusted origin; a key that two organisations
        claim at that level is left out (a join on it would be a guess).
        """
        spellings = list(self._spellings)
        for ov in self.overrides.values():  # the curator's spellings of a renamed organisation
            target = self._rows.get(canonical(ov.name, self._aliases).key) if ov.name and ov.spelling else None
            if target:
                spellings.append((ov.spelling, target["org_id"], "curation", None))
        for row in self._rows.values():
            if row["acronym"]:
                spellings.append((row["acronym"], row["org_id"], "acronym", None))
        rank = {o: i for i, o in enumerate(NAME_ORIGINS)}
        best: dict[str, list[dict]] = {}
        reduced: dict[str, list[str]] = {}  # name -> its keys: a page spelling is mostly the canonical name
        for name, org_id, origin, url in spellings:
            if name not in reduced:
                reduced[name] = keys.org_keys(name)
            for i, key in enumerate(reduced[name]):
                cand = {"name_key": key, "org_id": org_id, "name": name,
                        "origin": origin if i == 0 else "reduced", "source_url": url}
                held = best.get(key)
                if not key:
                    continue
                if held and rank[held[0]["origin"]] < rank[cand["origin"]]:
                    if held[0]["source_url"] is None and held[0]["org_id"] == org_id:
                        held[0]["source_url"] = url  # the first page that wrote the name so
                    continue
                if held and rank[held[0]["origin"]] == rank[cand["origin"]]:
                    held.append(cand)
                    continue
                if held and cand["source_url"] is None and held[0]["org_id"] == org_id:
                    cand["source_url"] = held[0]["source_url"]
                best[key] = [cand]
        rows = [cands[0] for cands in best.values() if len({c["org_id"] for c in cands}) == 1]
        return frame_of("organization_names", rows)
