"""build_tables: one fact per row, one person across sources, copies not counted twice, stable output.

`example_records()` is a small hand-made crawl reused by the writer, datapackage and loader tests.
"""
from __future__ import annotations

import random

import pandas as pd

from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.overrides import Overrides

PROGRAMME = "https://kongreswspolpracy.pl/ii-krajowy-kongres-wspolpracy-lokalnej/"
SPEAKERS = "https://kongreswspolpracy.pl/prelegenci-iikkwl/"
NEWS = "https://frdl.org.pl/aktualnosci/relacja-z-ii-kongresu/"
COPY = "https://www.gmina-przyklad.pl/aktualnosci/relacja-z-ii-kongresu"
NEWS_III = "https://frdl.lublin.pl/iii-kongres-sila-wspolnoty/"
OTHER = "https://example.org/kongres-przewodniczacych/"
DEBATE = "Kultura współpracy – jak władze samorządowe mogą wspierać aktywność organizacji pozarządowych?"
MIGRATION = "Doświadczenie migracji międzynarodowej z perspektywy mieszkańców małych miejscowości"
REPORT = (
    "Drugiego dnia kongresu odbyła się debata o migracji. Debatę prowadził prof. Witold Klaus z Ośrodka "
    "Badań nad Migracjami UW. Do dyskusji zaproszono Panią Bogumiłę Stępińską oraz Alicję Kępkę, ekspertkę "
    "w Departamencie Spraw Międzynarodowych i Migracji MSWiA. Uczestnicy wspominali Jerzego Regulskiego. " * 3
)


def person(name, role, session=None, orgs=(), **kw):
    return {"name": name, "role": role, "session": session, "organizations": list(orgs),
            "honorific": kw.get("honorific"), "position": kw.get("position"), "gender": kw.get("gender"),
            "evidence": kw.get("evidence", f"{name} ({role})")}


def record(url, page_type="article", about=True, edition=2, published=None, sessions=(), people=(),
           topics=(), mentions=(), text=None, site=None):
    text = text if text is not None else f"Strona {url}"
    return {"url": url, "title": f"Tytuł {url}", "published": published, "author": None,
            "site": site or url.split("/")[2], "page_type": page_type, "about_congress": about,
            "edition": edition, "sessions": list(sessions), "people": list(people), "mentions": list(mentions),
            "topics": list(topics), "text": text, "text_hash": None}


def example_records() -> list[dict]:
    """A programme, a speakers page, a report and its syndicated copy, an edition III post, another event."""
    news_people = [
        person("Witold Klaus", "moderator", MIGRATION, ["Ośrodek Badań nad Migracjami UW",
               "Stowarzyszenie Interwencji Prawnej"], honorific="prof.",
               gender="m", evidence="Debatę prowadził prof. Witold Klaus z Ośrodka Badań nad Migracjami UW."),
        person("Bogumiła Stępińska", "panelist", MIGRATION, gender="f"),
        person("Alicja Kępka", "panelist", MIGRATION, ["Departament Spraw Międzynarodowych i Migracji MSWiA"],
               position="ekspertka", gender="f"),
    ]
    return [
        record(PROGRAMME, "programme", sessions=[
            {"title": "Rejestracja uczestników", "format": "registration", "day": "2024-10-10", "start": "09:30", "end": "10:30"},
            {"title": DEBATE, "format": "debata", "day": "2024-10-10", "start": "15:15", "end": "16:15"},
            {"title": MIGRATION, "format": "debata", "day": "2024-10-11", "start": "11:00", "end": "12:00"},
            {"title": "Przerwa kawowa", "format": "break", "day": "2024-10-10", "start": "14:15", "end": "14:30"},
        ], people=[
            person("Witold Klaus", "moderator", MIGRATION, ["Stowarzyszenie Interwencji Prawnej"],
                   honorific="prof. dr hab.", position="prezes Stowarzyszenia Interwencji Prawnej"),
            person("Marzena Błaszczyk", "moderator", DEBATE, ["FRDL"]),
            person("Jan Kowalski", "panelist", DEBATE, ["Urząd Miasta Lublin"], position="=SUM(1+1)"),
        ]),
        record(SPEAKERS, "speakers", people=[
            person("Witold Klaus", "speaker", None, ["Uniwersytet Warszawski"]),
            person("Marzena Blaszczyk", "moderator", None, ["Fundacja Rozwoju Demokracji Lokalnej"]),
            person("Ewa Kaczmarek", "speaker", None, ["Fundacja Panoptykon"]),
        ]),
        record(NEWS, published="2024-10-14", sessions=[{"title": MIGRATION.upper(), "format": "debata",
                                                       "day": None, "start": None, "end": None}],
               people=news_people, topics=[DEBATE.replace("Kultura", "kultura"), "Prawa człowieka w czasach kryzysów"],
               mentions=[{"name": "Jerzy Regulski", "evidence": "wspominali Jerzego Regulskiego"},
                         {"name": "Witold Klaus", "evidence": "prof. Witold Klaus"}],
               text=REPORT),
        record(COPY, published="2024-10-18", people=news_people, text="  " + REPORT.replace("Drugiego", "DRUGIEGO")),
        record(NEWS_III, edition=3, published="2025-10-12", mentions=[
            {"name": "Alicja Kępka", "evidence": "jak mówiła rok temu Alicja Kępka"}], sessions=[{"title": "Siła wspólnoty w praktyce",
               "format": "panel", "day": "2025-10-09", "start": "10:00", "end": "11:00"}], people=[
            person("Witold Klaus", "panelist", "Siła wspólnoty w praktyce", ["UW"], honorific="prof."),
            person("Marzena Błaszczyk", "host", None, ["FRDL"], gender="f"),
        ]),
        record(OTHER, about=False, edition=None, people=[person("Ewa Nowak", "moderator", "Inny panel")],
               sessions=[{"title": "Inny panel", "format": "panel", "day": None, "start": None, "end": None}]),
    ]


def example_log() -> list[dict]:
    return [
        {"url": r["url"], "fetched_at": "2026-11-27T06:00:00+00:00", "status": 200, "page_type": r["page_type"],
         "content_hash": "0" * 64, "error": None}
        for r in example_records()
    ] + [{"url": "https://kongreswspolpracy.pl/missing", "fetched_at": "2026-11-27T06:01:00Z", "status": 404,
          "page_type": None, "content_hash": None, "error": "HTTP 404"},
         {"url": "https://kongreswspolpracy.pl/sitemap.xml", "fetched_at": "2026-11-27T05:59:59.250000Z",
          "status": 200, "page_type": "sitemap", "content_hash": "1" * 64, "error": None}]


def build():
    return build_tables(example_records(), example_log(), Overrides())


def pid(tables, key):
    return tables["people"].set_index("match_key").loc[key, "person_id"]


def test_one_person_across_programme_speakers_news_and_editions():
    t = build()
    klaus = pid(t, "witold klaus")
    parts = t["participations"][t["participations"]["person_id"] == klaus]
    assert sorted(parts["edition"].tolist()) == [2, 3]
    assert set(parts["role"].astype(str)) == {"moderator", "panelist"}
    orgs = t["organizations"].set_index("org_id")
    aff = t["affiliations"][t["affiliations"]["person_id"] == klaus]
    assert set(orgs.loc[aff["org_id"], "name"]) == {
        "Stowarzyszenie Interwencji Prawnej", "Uniwersytet Warszawski", "Ośrodek Badań nad Migracjami UW"}
    assert t["people"].set_index("person_id").loc[klaus, "honorific"] in {"prof.", "prof. dr hab."}
    # The diacritic-less spelling on the speakers page is the same person.
    assert (t["people"]["match_key"] == "marzena blaszczyk").sum() == 1


def test_an_academic_running_an_ngo_is_no_review_case():
    assert build()["review"].empty


def test_every_fact_carries_source_and_evidence():
    t = build()
    for name in ("participations", "affiliations"):
        assert t[name]["source_url"].notna().all() and t[name]["evidence"].notna().all()
    klaus_mod = t["participations"][(t["participations"]["person_id"] == pid(t, "witold klaus"))
                                    & (t["participations"]["role"] == "moderator")]
    assert klaus_mod["source_url"].tolist() == [PROGRAMME]  # most authoritative source wins


def test_position_goes_to_the_organisation_it_names():
    t = build()
    affs = t["affiliations"].merge(t["organizations"], on="org_id")
    klaus = affs[(affs["person_id"] == pid(t, "witold klaus")) & (affs["edition"] == 2)].set_index("name")
    assert klaus.loc["Stowarzyszenie Interwencji Prawnej", "position"] == "prezes Stowarzyszenia Interwencji Prawnej"
    assert pd.isna(klaus.loc["Uniwersytet Warszawski", "position"])
    kepka = affs[affs["person_id"] == pid(t, "alicja kepka")]
    assert kepka["position"].tolist() == ["ekspertka"]  # one organisation: the position is its own


def test_position_at_with_several_organisations():
    from kongres_scraper.dataset.build import position_at

    pos = "prezes Stowarzyszenia Interwencji Prawnej"
    assert position_at(pos, "Stowarzyszenie Interwencji Prawnej", 2) == pos
    assert position_at(pos, "Ośrodek Badań nad Migracjami UW", 2) is None
    assert position_at("ekspert", "Fundacja Panoptykon", 1) == "ekspert"


def test_session_less_row_is_dropped_when_a_session_is_known():
    t = build()
    mod = t["participations"][(t["participations"]["person_id"] == pid(t, "marzena blaszczyk"))]
    assert mod[mod["edition"] == 2]["session_id"].notna().all()
    assert mod[mod["edition"] == 3]["session_id"].isna().all()  # host of edition III, no session named


def test_speakers_page_adds_speakers_not_a_second_role():
    t = build()
    parts = t["participations"]
    klaus = parts[(parts["person_id"] == pid(t, "witold klaus")) & (parts["edition"] == 2)]
    assert klaus["role"].astype(str).tolist() == ["moderator"]
    only_listed = parts[parts["person_id"] == pid(t, "ewa kaczmarek")]
    assert only_listed["role"].astype(str).tolist() == ["speaker"] and only_listed["session_id"].isna().all()


def test_only_congress_pages_contribute_but_all_are_articles():
    t = build()
    assert "ewa nowak" not in set(t["people"]["match_key"])
    assert "Inny panel" not in set(t["sessions"]["title"])
    assert OTHER in set(t["articles"]["url"])
    assert not t["articles"].set_index("url").loc[OTHER, "about_congress"]


def test_syndicated_copy_points_to_the_earliest_and_adds_nothing():
    t = build()
    arts = t["articles"].set_index("url")
    assert arts.loc[COPY, "duplicate_of"] == arts.loc[NEWS, "article_id"]
    assert pd.isna(arts.loc[NEWS, "duplicate_of"])
    for name in ("participations", "affiliations", "topics", "mentions"):
        assert COPY not in set(t[name]["source_url"])
    stepinska = t["participations"][t["participations"]["person_id"] == pid(t, "bogumila stepinska")]
    assert len(stepinska) == 1


def test_repost_with_a_line_of_its_own_is_a_copy_but_a_teaser_is_not():
    from kongres_scraper.dataset.duplicates import find_duplicates

    original = record(NEWS, published="2024-10-14", text=REPORT)
    repost = record(COPY, published="2024-10-20", text="Źródło: Fundacja Rozwoju Demokracji Lokalnej. " * 4 + REPORT)
    teaser = record("https://example.org/teaser", published="2024-10-21", text=REPORT[:250] + " Czytaj więcej.")
    other = record("https://example.org/other", published="2024-10-01", text="Zupełnie inny tekst o czymś innym. " * 20)
    assert find_duplicates([original, repost, teaser, other]) == {COPY: NEWS}


def test_sessions_merge_across_sources_and_skip_breaks():
    t = build()
    sessions = t["sessions"]
    assert not sessions["title"].str.contains("Przerwa|Rejestracja").any()
    migration = sessions[sessions["title"].str.startswith("Doświadczenie")]
    assert len(migration) == 1
    assert migration.iloc[0]["start"] == "11:00" and str(migration.iloc[0]["day"]) == "2024-10-11"
    assert migration.iloc[0]["source_url"] == PROGRAMME


def test_numbered_or_separately_listed_sessions_are_not_merged():
    rec = record(PROGRAMME, "programme", sessions=[
        {"title": "Warsztat 1: budżet obywatelski", "format": "warsztat", "day": None, "start": "10:00", "end": None},
        {"title": "Warsztat 2: budżet obywatelski", "format": "warsztat", "day": None, "start": "10:00", "end": None},
        {"title": "Panel o współpracy lokalnej w gminach", "format": "panel", "day": None, "start": None, "end": None},
        {"title": "Panel o współpracy lokalnej w gminie", "format": "panel", "day": None, "start": None, "end": None},
        {"title": "Debata I: migracje i integracja", "format": "debata", "day": None, "start": None, "end": None},
        {"title": "Debata II: migracje i integracja", "format": "debata", "day": None, "start": None, "end": None},
    ])
    news = record(NEWS, sessions=[{"title": "Warsztat 1 – budżet obywatelski", "format": None, "day": None,
                                   "start": None, "end": None}])
    sessions = build_tables([rec, news], [], Overrides())["sessions"]
    assert len(sessions) == 6
    assert set(sessions["source_url"]) == {PROGRAMME}


def test_topics_link_to_sessions_of_their_edition():
    t = build()
    topics = t["topics"].set_index("title")
    assert topics.loc[DEBATE.replace("Kultura", "kultura"), "session_id"] == \
        t["sessions"].set_index("title").loc[DEBATE, "session_id"]
    assert pd.isna(topics.loc["Prawa człowieka w czasach kryzysów", "session_id"])


def test_mentions_link_participants_of_other_pages_and_skip_the_page_own():
    t = build()
    m = t["mentions"].set_index("match_key")
    assert pd.isna(m.loc["jerzy regulski", "person_id"])
    assert m.loc["alicja kepka", "person_id"] == pid(t, "alicja kepka")
    assert m.loc["alicja kepka", "edition"] == 3
    assert "witold klaus" not in m.index  # moderator of the debate the same page reports


def test_editions_and_crawl_log_are_typed():
    t = build()
    assert t["editions"]["edition"].tolist() == [1, 2, 3]
    assert t["editions"].set_index("edition").loc[3, "theme"] == "Siła wspólnoty"
    assert str(t["editions"].set_index("edition").loc[1, "start_date"]) == "2023-09-19"
    log = t["crawl_log"]
    assert str(log["fetched_at"].dtype) == "datetime64[us, UTC]"
    assert str(log["status"].dtype) == "Int64" and log["status"].isna().sum() == 0
    assert set(log["page_type"].dropna().astype(str)) == {"programme", "speakers", "article", "sitemap"}


def test_build_is_deterministic_whatever_the_record_order():
    first = build()
    shuffled = example_records()
    random.Random(7).shuffle(shuffled)
    second = build_tables(shuffled, list(reversed(example_log())), Overrides())
    for name, frame in first.items():
        pd.testing.assert_frame_equal(frame, second[name], obj=name)


def test_empty_input_gives_empty_typed_tables():
    t = build_tables([], [], Overrides())
    assert len(t["editions"]) == 3
    for name in ("people", "sessions", "participations", "articles", "crawl_log"):
        assert t[name].empty


def messy_records() -> list[dict]:
    """Values extraction may still produce: loose times, bad dates, Polish role labels, a new edition."""
    return [
        record("https://kongreswspolpracy.pl/iv-kongres/", "programme", edition=4, published="2026-13-45",
               sessions=[{"title": "Panel otwarcia", "format": "panel", "day": "not a date", "start": "9.30", "end": "10:4"}],
               people=[person("Anna Zielińska", "moderatorka", "Panel otwarcia", gender="x"),
                       person("Piotr Wiśniewski", "juggler", "Panel otwarcia"),
                       person("", "panelist", "Panel otwarcia")]),
    ]


def test_messy_values_are_normalised_or_dropped():
    t = build_tables(messy_records(), [], Overrides())
    session = t["sessions"].iloc[0]
    assert session["start"] == "09:30" and pd.isna(session["end"]) and pd.isna(session["day"])
    assert pd.isna(t["articles"].iloc[0]["published"])
    assert t["people"]["name"].tolist() == ["Anna Zielińska"]
    assert t["participations"]["role"].astype(str).tolist() == ["moderator"]
    assert t["people"].iloc[0]["gender"] == "f"  # the bad value is dropped, the name tells
    editions = t["editions"].set_index("edition")
    assert 4 in editions.index and pd.isna(editions.loc[4, "year"])


def test_topic_written_under_a_session_links_to_that_session():
    sessions = [{"title": "Miasto dla pieszych", "format": "panel", "day": None, "start": None, "end": None}]
    rec = record(PROGRAMME, page_type="programme", sessions=sessions, topics=["strefy tempo 30", "zieleń"])
    rec["topic_sessions"] = {"strefy tempo 30": "Miasto dla pieszych"}
    t = build_tables([rec], [], Overrides())
    topics = t["topics"].set_index("title")
    assert topics.loc["strefy tempo 30", "session_id"] == t["sessions"].set_index("title").loc["Miasto dla pieszych", "session_id"]
    assert pd.isna(topics.loc["zieleń", "session_id"])


def test_an_office_written_before_an_organisation_goes_to_that_organisation():
    from kongres_scraper.dataset.build import position_at

    line = "Moderator: prof. Witold Klaus, Ośrodek Badań nad Migracjami UW, prezes Stowarzyszenia Interwencji Prawnej"
    assert position_at("prezes", "Stowarzyszenie Interwencji Prawnej", 2, line) == \
        "prezes Stowarzyszenia Interwencji Prawnej"
    assert position_at("prezes", "Ośrodek Badań nad Migracjami UW", 2, line) is None


def test_an_official_keeps_the_office_at_the_municipality():
    from kongres_scraper.dataset.build import position_at

    assert position_at("wójt", "Gmina Leśna Wola", 1, "Moderator: Michał Sobczak – wójt Gminy Leśna Wola") == \
        "wójt Gminy Leśna Wola"


def test_a_position_naming_another_organisation_is_not_given_to_the_only_one():
    from kongres_scraper.dataset.build import position_at

    assert position_at("prezes", "Uniwersytet Warszawski", 1, "Jan Nowak, prezes Stowarzyszenia Wolna Wola") is None
    assert position_at("prezes Stowarzyszenia Wolna Wola", "Uniwersytet Warszawski", 1) is None


def test_bylines_are_not_mentions():
    rec = record(NEWS, mentions=[{"name": "Joanna Pietras", "evidence": "7 października 2024 / Przez Joanna Pietras"},
                                 {"name": "Tomasz Lech", "evidence": "Tomasz Lech"},
                                 {"name": "Jerzy Regulski", "evidence": "wspominali Jerzego Regulskiego"}])
    rec["author"] = "Tomasz Lech"
    mentions = build_tables([rec], [], Overrides())["mentions"]
    assert mentions["name"].tolist() == ["Jerzy Regulski"]


def test_a_municipality_named_by_an_office_is_local_government_with_the_office():
    rec = record(PROGRAMME, "programme", sessions=[{"title": "Klimat dla wspólnoty", "format": "panel",
                                                   "day": None, "start": None, "end": None}],
                 people=[person("Michał Sobczak", "moderator", "Klimat dla wspólnoty", ["Gmina Leśna Wola"],
                                position="wójt", evidence="Moderator: Michał Sobczak – wójt Gminy Leśna Wola")])
    t = build_tables([rec], [], Overrides())
    affs = t["affiliations"].merge(t["organizations"], on="org_id")
    assert affs[["name", "kind", "position"]].values.tolist() == [
        ["Gmina Leśna Wola", "local_government", "wójt Gminy Leśna Wola"]]
