"""Programme page: sessions (title, format, day, times) and role-labelled people."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.programme import parse_programme

PAGE = Path(__file__).parents[1] / "pages" / "programme.html"


@pytest.fixture(scope="module")
def parsed():
    doc = parse_document(PAGE.read_bytes(), "https://example.org/program/")
    return parse_programme(doc)


def _session(parsed, title):
    """The session with this title."""
    return next(s for s in parsed[0] if s["title"] == title)


def _person(parsed, name, role=None):
    """The (first) entry of this person, optionally in this role."""
    return next(p for p in parsed[1] if p["name"] == name and (role is None or p["role"] == role))


def test_titles(parsed):
    titles = [s["title"] for s in parsed[0] if s["format"] not in ("break", "registration")]
    assert titles == [
        "Otwarcie Kongresu",
        "Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?",
        "Obywatele i innowacje demokratyczne",
        "Wspólnota różnorodności w małych miejscowościach",
        "Budżet obywatelski krok po kroku",
        "Kultura współpracy w gminie",
        "Czego uczy nas trzydzieści lat samorządu",
    ]


def test_formats(parsed):
    assert _session(parsed, "Otwarcie Kongresu")["format"] is None
    assert _session(parsed, "Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?")["format"] == "panel"
    assert _session(parsed, "Wspólnota różnorodności w małych miejscowościach")["format"] == "debata"
    assert _session(parsed, "Budżet obywatelski krok po kroku")["format"] == "warsztat"
    assert _session(parsed, "Kultura współpracy w gminie")["format"] == "panel"
    assert _session(parsed, "Czego uczy nas trzydzieści lat samorządu")["format"] == "wykład"


def test_keynote_session_format(parsed):
    assert _session(parsed, "Obywatele i innowacje demokratyczne")["format"] == "keynote"


def test_breaks_and_registration(parsed):
    kinds = {s["title"]: s["format"] for s in parsed[0] if s["format"] in ("break", "registration")}
    assert kinds == {"REJESTRACJA": "registration", "Przerwa kawowa": "break", "Lunch": "break"}


def test_parallel_marker_is_not_a_session(parsed):
    assert not any("równoległe" in s["title"] for s in parsed[0])


def test_times(parsed):
    s = _session(parsed, "Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?")
    assert (s["start"], s["end"]) == ("10:30", "11:15")
    assert (_session(parsed, "Otwarcie Kongresu")["start"], _session(parsed, "Otwarcie Kongresu")["end"]) == ("10:00", "10:30")


def test_start_only_time(parsed):
    s = _session(parsed, "Czego uczy nas trzydzieści lat samorządu")
    assert (s["start"], s["end"]) == ("11:00", None)


def test_parallel_sessions_share_slot(parsed):
    a = _session(parsed, "Wspólnota różnorodności w małych miejscowościach")
    b = _session(parsed, "Budżet obywatelski krok po kroku")
    assert (a["start"], a["end"]) == (b["start"], b["end"]) == ("12:00", "13:00")


def test_day(parsed):
    assert _session(parsed, "Otwarcie Kongresu")["day"] == "2024-10-10"
    assert _session(parsed, "Kultura współpracy w gminie")["day"] == "2024-10-11"


def test_people_names(parsed):
    assert {p["name"] for p in parsed[1]} == {
        "Paulina Pospieszna", "Jan Kowalski", "Anna Nowak", "Simon Niemeyer", "Rikki Dean",
        "Artur Gluziński", "Maria Wiśniewska", "Bronisław Wildstein", "Jarosław Jęczeń", "Witold Klaus",
        "Jarosław Dolny",
    }


def test_roles_from_labels(parsed):
    assert _person(parsed, "Paulina Pospieszna")["role"] == "moderator"
    assert _person(parsed, "Jan Kowalski")["role"] == "panelist"
    assert _person(parsed, "Anna Nowak")["role"] == "panelist"
    assert _person(parsed, "Artur Gluziński")["role"] == "host"
    assert _person(parsed, "Maria Wiśniewska")["role"] == "host"
    assert _person(parsed, "Bronisław Wildstein")["role"] == "panelist"


def test_role_suffix_overrides_label(parsed):
    assert _person(parsed, "Witold Klaus")["role"] == "moderator"


def test_keynote_is_a_bare_person_line(parsed):
    assert _person(parsed, "Rikki Dean")["role"] == "keynote"
    assert _person(parsed, "Jarosław Dolny")["role"] == "keynote"


def test_session_of_person(parsed):
    assert _person(parsed, "Simon Niemeyer")["session"] == "Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?"


def test_organizations(parsed):
    assert _person(parsed, "Paulina Pospieszna")["organizations"] == ["Uniwersytet Adama Mickiewicza w Poznaniu"]
    assert _person(parsed, "Simon Niemeyer")["organizations"] == ["Centre for Deliberative Democracy and Global Governance"]
    assert _person(parsed, "Anna Nowak")["organizations"] == ["Stowarzyszenie Interwencji Prawnej"]
    assert _person(parsed, "Jarosław Jęczeń")["organizations"] == ["KUL", "Fundacja Rozwoju KUL"]
    assert _person(parsed, "Artur Gluziński")["organizations"] == []


def test_affiliation_on_next_line(parsed):
    p = _person(parsed, "Bronisław Wildstein")
    assert p["position"] == "Pisarz, eseista, publicysta"
    assert p["organizations"] == []


def test_honorifics(parsed):
    assert _person(parsed, "Paulina Pospieszna")["honorific"] == "prof. UAM dr hab."
    assert _person(parsed, "Jarosław Jęczeń")["honorific"] == "ks. dr hab."
    assert _person(parsed, "Anna Nowak")["honorific"] is None


def test_gender(parsed):
    assert _person(parsed, "Paulina Pospieszna")["gender"] == "f"
    assert _person(parsed, "Artur Gluziński")["gender"] == "m"


def test_evidence(parsed):
    assert _person(parsed, "Artur Gluziński")["evidence"].startswith("Osoby prowadzące:")
    assert "Pisarz, eseista, publicysta" in _person(parsed, "Bronisław Wildstein")["evidence"]


def _programme_of(html: str):
    """Sessions and people of a small programme written inline."""
    return parse_programme(parse_document(f"<html><body><main>{html}</main></body></html>", "https://example.org/"))


def test_people_listed_on_the_label_line():
    _, people = _programme_of(
        "<p>10:00-11:00 Debata: Rady gmin w praktyce</p>"
        "<p>Paneliści: Jan Kowalski (Fundacja Przykładowa), Anna Nowak (Urząd Miasta Lublin) i Piotr Wiśniewski</p>"
    )
    assert [(p["name"], p["role"]) for p in people] == [
        ("Jan Kowalski", "panelist"), ("Anna Nowak", "panelist"), ("Piotr Wiśniewski", "panelist")]


def test_day_with_time_and_room():
    sessions, _ = _programme_of(
        "<p>Program 2022</p><p>18 października, godz. 13:30 – 14:30</p><p>Sala 2</p>"
        "<p>Debata okrągłego stołu „Jak przyjąć nowych mieszkańców?”</p>"
    )
    assert sessions == [{"title": "Jak przyjąć nowych mieszkańców?", "format": "debata", "day": "2022-10-18",
                         "start": "13:30", "end": "14:30"}]


def test_label_then_list_outside_a_session():
    _, people = _programme_of(
        "<p>W debacie wzięli udział:</p><ul><li>Jan Kowalski, Fundacja Przykładowa</li>"
        "<li>Anna Nowak, prezeska Stowarzyszenia Gazet Lokalnych</li></ul>"
    )
    assert [(p["name"], p["role"], p["session"]) for p in people] == [
        ("Jan Kowalski", "panelist", None), ("Anna Nowak", "panelist", None)]


def test_prose_is_not_a_programme():
    sessions, people = _programme_of(
        "<p>Debata „Samorządna Rzeczpospolita” odbędzie się już w czwartek, zapraszamy wszystkich chętnych.</p>"
        "<p>Jan Kowalski powiedział, że to ważne spotkanie.</p>"
    )
    assert (sessions, people) == ([], [])


def test_position_and_organisation_on_two_lines_under_a_name():
    _, people = _programme_of(
        "<p>Od 10:00 do 11:00</p><p>Debata</p><p>Sąsiedzi i samorząd</p><p>Paneliści:</p>"
        "<p>Jan Kowalski</p><p>prezes zarządu</p><p>Fundacja Przykładowa</p><p>Anna Nowak</p>"
    )
    assert [(p["name"], p["position"], p["organizations"]) for p in people] == [
        ("Jan Kowalski", "prezes zarządu", ["Fundacja Przykładowa"]), ("Anna Nowak", None, [])]


def test_day_heading_in_words_and_od_do_times():
    sessions, _ = _programme_of("<h3>Dzień pierwszy</h3><p>od 9.30 do 10.00</p><p>Powitanie gości</p>")
    assert sessions == [{"title": "Powitanie gości", "format": None, "day": None, "start": "09:30", "end": "10:00"}]


def test_news_teaser_is_not_a_session():
    sessions, _ = _programme_of("<ul><li>24 września 2024 Warsztaty na II Kongresie – poznaj osoby prowadzące</li>"
                                "<li>Warsztaty na II Kongresie – poznaj osoby prowadzące</li></ul>")
    assert sessions == []


def test_gender_from_feminine_label():
    _, people = _programme_of("<p>10:00-11:00 Debata: Rady gmin</p><p>Moderatorka: Rikki Dean, Goethe University Frankfurt</p>"
                              "<p>Paneliści:</p><p>Iryna Kovalenko, Stowarzyszenie Razem</p>")
    assert [(p["name"], p["gender"]) for p in people] == [("Rikki Dean", "f"), ("Iryna Kovalenko", None)]


@pytest.mark.parametrize("words,fmt", [
    ("Panel", "panel"), ("PANEL DYSKUSYJNY", "panel"), ("Debata okrągłego stołu", "debata"), ("Warsztaty", "warsztat"),
    ("Wykład inauguracyjny", "wykład"), ("Przegląd dobrych praktyk", "przegląd dobrych praktyk"), ("Keynote", "keynote"),
    ("Sesja", None),
])
def test_parse_format(words, fmt):
    from kongres_scraper.extract.programme import _parse_format

    assert _parse_format(words) == fmt


def test_parse_title_strips_outer_quotes_only():
    from kongres_scraper.extract.programme import _parse_title

    assert _parse_title("„Kultura współpracy”") == "Kultura współpracy"
    assert _parse_title("„Samorządna Rzeczpospolita” – wielki projekt") == "„Samorządna Rzeczpospolita” – wielki projekt"


@pytest.mark.parametrize("text,year,iso", [
    ("Dzień 1 – 10 października 2024", None, "2024-10-10"),
    ("29.11.2023 (środa)", None, "2023-11-29"),
    ("17 października, scena dobrych praktyk", 2022, "2022-10-17"),
    ("17 października", None, None),
])
def test_parse_day(text, year, iso):
    from kongres_scraper.extract.programme import _parse_day

    assert _parse_day(text, year) == iso


def test_time_line_with_a_labelled_speaker():
    sessions, people = _programme_of("<p>10:00-10:15 Powitanie: Jan Kowalski, wójt Gminy Leśna Wola</p>")
    assert [s["title"] for s in sessions] == ["Powitanie"]
    assert [(p["name"], p["role"], p["session"]) for p in people] == [("Jan Kowalski", "speaker", "Powitanie")]


def test_keynote_evidence_shows_the_title(parsed):
    assert _person(parsed, "Rikki Dean")["evidence"] == (
        "Obywatele i innowacje demokratyczne\nprof. Rikki Dean, Goethe University Frankfurt")


def test_heading_with_a_middle_dot_splits_time_format_and_title():
    sessions, people = _programme_of(
        "<h3>9.15–10.00 · Otwarcie Forum</h3>"
        "<h3>10.00–11.30 · Debata: Gmina, która słucha – narzędzia konsultacji</h3>"
        "<p><strong>Moderacja:</strong> Marta Lisowska, Fundacja Dobre Sąsiedztwo</p>"
        "<h3>11.30–12.00 · Przerwa kawowa</h3>")
    assert [(s["title"], s["format"], s["start"], s["end"]) for s in sessions] == [
        ("Otwarcie Forum", None, "09:15", "10:00"),
        ("Gmina, która słucha – narzędzia konsultacji", "debata", "10:00", "11:30"),
        ("Przerwa kawowa", "break", "11:30", "12:00"),
    ]
    assert [(p["name"], p["role"]) for p in people] == [("Marta Lisowska", "moderator")]


def test_guests_of_the_panel_are_panelists():
    _, people = _programme_of(
        "<p>11:00-12:00 Panel: Biblioteka jako dom kultury</p><p><strong>Goście panelu:</strong></p>"
        "<ul><li>Jolanta Wierzba – dyrektorka Biblioteki Publicznej w Krośniewicach</li>"
        "<li>Marek Sowa – radny Gminy Krośniewice</li></ul>"
        "<p>12:00-12:30 Gość specjalny: Henryk Lis, wójt Gminy Dąbrowice</p>")
    assert [(p["name"], p["role"]) for p in people] == [
        ("Jolanta Wierzba", "panelist"), ("Marek Sowa", "panelist"), ("Henryk Lis", "guest")]


def test_person_after_a_dash_on_the_title_line_is_a_speaker_of_it():
    sessions, people = _programme_of(
        "<p>10:00–10:15 Powitanie gości – Halina Brzoza, Wójt Gminy Dąbrowice<br>"
        "10:15–11:00 Wykład: Sołectwo – mała ojczyzna – Jan Kowalski, Fundacja Wiejska<br>"
        "11:00–12:00 Panel: Samorząd – organizacje – mieszkańcy</p>")
    assert [(s["title"], s["format"]) for s in sessions] == [
        ("Powitanie gości", None), ("Sołectwo – mała ojczyzna", "wykład"), ("Samorząd – organizacje – mieszkańcy", "panel")]
    assert [(p["name"], p["role"], p["session"], p["organizations"]) for p in people] == [
        ("Halina Brzoza", "speaker", "Powitanie gości", ["Gmina Dąbrowice"]),
        ("Jan Kowalski", "keynote", "Sołectwo – mała ojczyzna", ["Fundacja Wiejska"]),
    ]


_TABLE = """
<table><thead><tr><th>Godzina</th><th>Sesja</th><th>Prowadzenie i udział</th></tr></thead><tbody>
<tr><td>10:00–11:00</td><td>Debata<br><strong>Rady osiedli po reformie</strong></td>
    <td><strong>Moderacja:</strong> Ewa Jaworska (Uniwersytet Opolski)<br><strong>Udział:</strong> Piotr Gajda (Rada Osiedla Zaodrze); Alicja Pawlak (Stowarzyszenie „Nasze Osiedle”)</td></tr>
<tr><td>11:00–11:30</td><td><strong>Rozmowa z gościem honorowym</strong></td><td>Zofia Kruk – założycielka Fundacji Stare Miasto</td></tr>
<tr><td>11:30–12:00</td><td>Spotkania sieciujące i kawa</td><td></td></tr>
</tbody></table>"""


def test_programme_table_header_row_is_not_a_session_and_a_person_cell_is_a_person():
    sessions, people = _programme_of(_TABLE)
    assert [(s["title"], s["format"], s["start"]) for s in sessions] == [
        ("Rady osiedli po reformie", "debata", "10:00"),
        ("Rozmowa z gościem honorowym", None, "11:00"),
        ("Spotkania sieciujące i kawa", "break", "11:30"),
    ]
    assert [(p["name"], p["role"], p["session"]) for p in people] == [
        ("Ewa Jaworska", "moderator", "Rady osiedli po reformie"),
        ("Piotr Gajda", "panelist", "Rady osiedli po reformie"),
        ("Alicja Pawlak", "panelist", "Rady osiedli po reformie"),
        ("Zofia Kruk", "guest", "Rozmowa z gościem honorowym"),
    ]


def test_split_title_people_keeps_titles_with_dashes():
    from kongres_scraper.extract.programme import _split_title_people

    assert _split_title_people("Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?") == (
        "Samorząd i organizacje – jak rozmawiać o wspólnych sprawach?", [])
    title, people = _split_title_people("Budżet obywatelski – Anna Nowak, Urząd Miasta Kielce")
    assert title == "Budżet obywatelski" and [p.name for p in people] == ["Anna Nowak"]


def test_untimed_heading_followed_by_a_role_label_is_a_session():
    sessions, people = _programme_of(
        "<h2>Moduły kursu</h2>"
        "<h3>Moduł 1 (12 kwietnia): Budżet obywatelski od podstaw</h3>"
        "<p><strong>Prowadzenie:</strong> Ewa Jaworska, Fundacja Dobre Sąsiedztwo</p>"
        "<h3>Moduł II – Konsultacje z mieszkańcami</h3>"
        "<p><strong>Prowadzenie:</strong> Jan Sowa, Uniwersytet Wrocławski</p>"
        "<h3>Dla kogo jest kurs</h3><p>Dla osób z organizacji pozarządowych i urzędów.</p>")
    assert [(s["title"], s["start"]) for s in sessions] == [
        ("Budżet obywatelski od podstaw", None), ("Konsultacje z mieszkańcami", None)]
    assert [(p["name"], p["role"], p["session"]) for p in people] == [
        ("Ewa Jaworska", "host", "Budżet obywatelski od podstaw"), ("Jan Sowa", "host", "Konsultacje z mieszkańcami")]


def test_header_row_of_plain_cells_is_not_a_session():
    sessions, _ = _programme_of(_TABLE.replace("<thead>", "").replace("</thead>", "").replace("<th>", "<td>").replace("</th>", "</td>"))
    assert [s["title"] for s in sessions] == [
        "Rady osiedli po reformie", "Rozmowa z gościem honorowym", "Spotkania sieciujące i kawa"]


@pytest.mark.parametrize("line,header", [
    ("Prowadzenie i udział", True), ("Moderacja / paneliści", True), ("Podsumowanie i zamknięcie Kongresu", False),
    ("Otwarcie", False), ("Powitanie i otwarcie", False),
])
def test_is_column_header(line, header):
    from kongres_scraper.extract.programme import _is_column_header

    assert _is_column_header(line) is header


def test_person_in_brackets_after_the_title():
    from kongres_scraper.extract.programme import _split_title_people

    title, people = _split_title_people("Rady seniorów w praktyce (dr Anna Nowak, Uniwersytet Łódzki)")
    assert title == "Rady seniorów w praktyce" and [(p.name, p.honorific) for p in people] == [("Anna Nowak", "dr")]
    assert _split_title_people("Budżet obywatelski (część II)") == ("Budżet obywatelski (część II)", [])


def test_singular_feminine_label_names_only_its_person():
    _, people = _programme_of("<p>10:00-11:00 Debata: Rady gmin</p><p>Moderatorka: Iryna Kovalenko</p>"
                              "<p>Rikki Dean, Goethe University Frankfurt</p>")
    assert [(p["name"], p["gender"]) for p in people] == [("Iryna Kovalenko", "f"), ("Rikki Dean", None)]


def test_feminine_label_does_not_name_a_person_with_own_role():
    _, people = _programme_of("<p>10:00-11:00 Debata: Rady gmin</p>"
                              "<p>Moderatorka: Rikki Dean (jako panelista)</p>")
    assert [(p["name"], p["gender"]) for p in people] == [("Rikki Dean", None)]


def test_plural_feminine_label_names_each_person():
    _, people = _programme_of("<p>10:00-11:00 Debata: Rady gmin</p><p>Panelistki:</p>"
                              "<p>Rikki Dean, Goethe University Frankfurt</p><p>Iryna Kovalenko, Stowarzyszenie Razem</p>")
    assert [(p["name"], p["gender"]) for p in people] == [("Rikki Dean", "f"), ("Iryna Kovalenko", "f")]


# --- programme shapes (issue 10, part 5): one invented snippet per class of line ------------------------


def _titles(html: str) -> list[tuple[str, str | None, str | None, str | None]]:
    sessions, _ = _programme_of(html)
    return [(s["title"], s["format"], s["start"], s["end"]) for s in sessions]


def test_title_in_capitals_after_a_format_word():
    assert _titles("<p>9:45–11:00: PANEL DYSKUSYJNY: GMINA JAKO PARTNER ORGANIZACJI</p>") == [
        ("GMINA JAKO PARTNER ORGANIZACJI", "panel", "09:45", "11:00")]


def test_numbered_panel_and_session_words():
    assert _titles("<p>Panel I: Woda w mieście</p><p>Sesja II</p><p>Lokalne magazyny energii</p>") == [
        ("Woda w mieście", "panel", None, None), ("Lokalne magazyny energii", None, None, None)]


def test_thematic_block():
    assert _titles("<p>Blok tematyczny 2: Kultura w bibliotekach gminnych</p>") == [
        ("Kultura w bibliotekach gminnych", None, None, None)]


def test_academic_talk_line_gives_title_and_speaker():
    sessions, people = _programme_of(
        "<p>dr Ewa Malinowska (Uniwersytet Opolski): Sołtys jako lider wspólnoty</p>"
        "<p>prof. Adam Kruk (Politechnika Śląska): Transport publiczny na wsi</p>")
    assert [s["title"] for s in sessions] == ["Sołtys jako lider wspólnoty", "Transport publiczny na wsi"]
    assert [(p["name"], p["honorific"], p["role"], p["session"], p["organizations"]) for p in people] == [
        ("Ewa Malinowska", "dr", "speaker", "Sołtys jako lider wspólnoty", ["Uniwersytet Opolski"]),
        ("Adam Kruk", "prof.", "speaker", "Transport publiczny na wsi", ["Politechnika Śląska"])]


def test_a_label_with_a_colon_is_no_talk_line():
    sessions, people = _programme_of("<p>10:00 Debata: Rady seniorów</p><p>Moderator: Jan Kowalski (Fundacja Przykład)</p>")
    assert [s["title"] for s in sessions] == ["Rady seniorów"]
    assert [(p["name"], p["role"]) for p in people] == [("Jan Kowalski", "moderator")]


def test_time_written_with_a_dot_and_followed_directly_by_the_title():
    assert _titles("<p>9.30 Spacer badawczy po osiedlu</p>") == [("Spacer badawczy po osiedlu", None, "09:30", None)]


def test_time_range_ending_in_a_colon():
    assert _titles("<p>9:30–11:00: Mapa potrzeb mieszkańców</p>") == [("Mapa potrzeb mieszkańców", None, "09:30", "11:00")]


def test_time_from():
    assert _titles("<p>od 10:00 Kiermasz organizacji pozarządowych</p>") == [
        ("Kiermasz organizacji pozarządowych", None, "10:00", None)]


def test_title_broken_over_two_lines_goes_on_in_lower_case():
    assert _titles("<p>11.40 – 13.00 Debata: Gmina i szkoła</p><p>w czasach niżu demograficznego</p><p>.</p>"
                   "<p>Jan Kowalski – Urząd Gminy Przykład</p>") == [
        ("Gmina i szkoła w czasach niżu demograficznego", "debata", "11:40", "13:00")]


def test_rooms_time_zones_interpretation_and_streaming_notes_are_not_sessions():
    html = "".join(f"<p>12:00</p><p>{line}</p>" for line in (
        "Sala Lustrzana, II piętro", "Godziny podane w czasie środkowoeuropejskim (CET)",
        "Tłumaczenie symultaniczne na język angielski", "Transmisja na żywo w mediach społecznościowych"))
    assert _titles(html) == []


def test_closing_courtesy_sentences_are_not_sessions():
    assert _titles("<p>Spotkanie bardzo udane.</p><p>Z niecierpliwością czekamy na kolejne.</p>"
                   "<p>14:00</p><p>Serdecznie zapraszamy!</p>") == []


def test_language_lines_name_panelists_not_sessions():
    sessions, people = _programme_of(
        "<h3>Panel 1: Miasto i sąsiedzi</h3><p>Moderator: Jan Kowalski, Uniwersytet Warszawski</p>"
        "<p>FR: Jacques DUPONT, Uniwersytet w Lyonie, Marie LEBLANC, Rada Regionu</p>"
        "<p>PL: Anna NOWAK, Urząd Miasta Torunia</p>")
    assert [s["title"] for s in sessions] == ["Miasto i sąsiedzi"]
    assert [(p["name"], p["role"], p["organizations"]) for p in people] == [
        ("Jan Kowalski", "moderator", ["Uniwersytet Warszawski"]),
        ("Jacques Dupont", "panelist", ["Uniwersytet w Lyonie"]), ("Marie Leblanc", "panelist", ["Rada Regionu"]),
        ("Anna Nowak", "panelist", ["Urząd Miasta Torunia"])]


def test_names_alternating_with_organisations_after_a_label():
    _, people = _programme_of("<p>10:00 Panel: Kluby seniora</p>"
                              "<p>Paneliści: Jan Kowalski, Fundacja Przykład, Anna Nowak, Urząd Gminy Zielonka</p>")
    assert [(p["name"], p["organizations"]) for p in people] == [
        ("Jan Kowalski", ["Fundacja Przykład"]), ("Anna Nowak", ["Urząd Gminy Zielonka"])]


def test_academic_talk_title_with_a_subtitle_sentence():
    sessions, people = _programme_of("<p>Referenci:</p><ul><li>dr hab. Ewa Malinowska (Uniwersytet Opolski): Kroniki parafialne"
                                     " jako źródło. Przyczynek do historii wsi śląskiej.</li></ul>")
    assert [s["title"] for s in sessions] == ["Kroniki parafialne jako źródło. Przyczynek do historii wsi śląskiej."]
    assert [(p["name"], p["organizations"]) for p in people] == [("Ewa Malinowska", ["Uniwersytet Opolski"])]


def test_a_session_named_twice_by_the_page_title_and_a_heading_is_one_session():
    sessions, _ = _programme_of("<h1>Debata: Rynek na nowo</h1><h3>Debata: Rynek na nowo</h3>"
                                "<p>Prowadzenie: Jan Kowalski, Fundacja Przykład</p>")
    assert [(s["title"], s["format"]) for s in sessions] == [("Rynek na nowo", "debata")]


def test_ordinal_before_the_format_word():
    assert _titles("<p>I SESJA PLENARNA: WSPÓLNOTA I PAMIĘĆ</p><p>II sesja: Media lokalne</p><p>2. Warsztat: Mapa potrzeb</p>") == [
        ("WSPÓLNOTA I PAMIĘĆ", None, None, None), ("Media lokalne", None, None, None), ("Mapa potrzeb", "warsztat", None, None)]


def test_academic_talk_line_with_a_dash_or_a_quoted_title():
    sessions, people = _programme_of(
        "<p>10:00–10:20 prof. dr hab. Jan Kowalski (Uniwersytet Warszawski) – Pamięć lokalna w małych miastach</p>"
        "<p>10:20–10:40 dr Anna Nowak (UMCS), „Archiwa społeczne gmin”</p>")
    assert [(s["title"], s["start"]) for s in sessions] == [
        ("Pamięć lokalna w małych miastach", "10:00"), ("Archiwa społeczne gmin", "10:20")]
    assert [(p["name"], p["role"], p["organizations"]) for p in people] == [
        ("Jan Kowalski", "speaker", ["Uniwersytet Warszawski"]), ("Anna Nowak", "speaker", ["UMCS"])]


def test_person_with_bracketed_organisation_and_a_position_after_a_dash_is_no_talk():
    sessions, people = _programme_of("<p>Panel: Gminy</p><p>Paneliści:</p><p>Anna Kos (Uniwersytet Warszawski) – socjolożka</p>")
    assert [s["title"] for s in sessions] == ["Gminy"]
    assert [(p["name"], p["role"], p["position"]) for p in people] == [("Anna Kos", "panelist", "socjolożka")]


def test_quoted_organisation_name_after_a_person_is_no_talk_title():
    sessions, people = _programme_of("<p>10:00 Debata: Rady seniorów</p><p>Jan Sowa – prezes Fundacji „Wspólna Sprawa”</p>")
    assert [s["title"] for s in sessions] == ["Rady seniorów"]
    assert [p["name"] for p in people] == ["Jan Sowa"]


def test_quoted_tail_of_an_organisation_after_a_comma_is_no_talk_title():
    sessions, people = _programme_of("<p>Prowadzenie:</p><p>Anna Lis, Lokalna Grupa Działania „Dolina Rzeki”</p>")
    assert sessions == []
    assert [(p["name"], p["organizations"]) for p in people] == [("Anna Lis", ["Lokalna Grupa Działania „Dolina Rzeki”"])]


def test_format_line_written_as_a_phrase_is_its_own_title_when_no_title_follows():
    assert _titles("<p>15:00 Debata</p><p>Kto płaci za transport?</p><p>15:30 DYSKUSJA I PODSUMOWANIE</p>"
                   "<p>16:00 Spotkanie z mieszkańcami</p><p>16:30 Panel dyskusyjny</p>") == [
        ("Kto płaci za transport?", "debata", "15:00", None), ("DYSKUSJA I PODSUMOWANIE", None, "15:30", None),
        ("Spotkanie z mieszkańcami", None, "16:00", None)]


def test_slot_in_brackets_after_the_format():
    assert _titles("<p>Panel I (10:00–11:30): Zielone podwórka</p>") == [("Zielone podwórka", "panel", "10:00", "11:30")]


def test_format_and_title_separated_by_bars():
    assert _titles("<p>12:00 - 13:00 | Wykład | Dane w gminie</p>") == [("Dane w gminie", "wykład", "12:00", "13:00")]


def test_items_listed_under_a_format_line_are_parallel_sessions():
    assert _titles("<table><tr><td>10.00</td><td>Warsztaty w grupach:<br>a) fundusze europejskie<br>b) partnerstwa lokalne"
                   "</td></tr><tr><td>12.00</td><td>Zakończenie</td></tr></table>") == [
        ("fundusze europejskie", "warsztat", "10:00", None), ("partnerstwa lokalne", "warsztat", "10:00", None),
        ("Zakończenie", None, "12:00", None)]
