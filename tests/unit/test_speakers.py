"""Speakers pages: cards (Elementor image boxes, tables) -> people with affiliation and bio."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.speakers import parse_speaker_cards

PAGES = Path(__file__).parents[1] / "pages"


def _cards(name):
    """Speaker cards of one fixture page."""
    return parse_speaker_cards(parse_document((PAGES / name).read_bytes(), f"https://example.org/{name}"))


@pytest.fixture(scope="module")
def cards():
    return {p["name"]: p for p in _cards("speakers.html")}


def test_names(cards):
    assert list(cards) == ["Paulina Pospieszna", "Artur Gluziński", "Witold Klaus"]


def test_role(cards):
    assert {p["role"] for p in cards.values()} == {"speaker"}


def test_honorific(cards):
    assert cards["Paulina Pospieszna"]["honorific"] == "prof. UAM dr hab."
    assert cards["Artur Gluziński"]["honorific"] is None


def test_organizations(cards):
    assert cards["Paulina Pospieszna"]["organizations"] == ["Uniwersytet Adama Mickiewicza w Poznaniu"]
    assert cards["Witold Klaus"]["organizations"] == ["Ośrodek Badań nad Migracjami UW", "Stowarzyszenie Interwencji Prawnej"]


def test_position(cards):
    assert cards["Artur Gluziński"]["position"] == "ekspert ds. współpracy NGO i JST"


def test_bio(cards):
    assert cards["Witold Klaus"]["bio"].startswith("Prawnik i kryminolog")
    assert "bio" not in cards["Artur Gluziński"]


def test_gender(cards):
    assert cards["Paulina Pospieszna"]["gender"] == "f"


def test_evidence(cards):
    assert cards["Artur Gluziński"]["evidence"] == "Artur Gluziński\nekspert ds. współpracy NGO i JST"


def test_table_cards():
    people = {p["name"]: p for p in _cards("speakers_table.html")}
    assert people["Anna Kowalczyk"]["honorific"] == "dr"
    assert people["Tomasz Tokarski"]["organizations"] == ["Fundacja Rozwoju KUL"]


def test_no_cards_on_a_programme():
    assert _cards("programme.html") == []


def test_no_cards_on_an_article():
    assert _cards("article.html") == []


def test_name_and_text_in_separate_sections():
    people = {p["name"]: p for p in _cards("speakers_sections.html")}
    assert people["Joanna Podgórska-Rykała"]["organizations"] == ["Uniwersytet Ekonomiczny w Krakowie"]
    assert people["Jan Kowalski"]["organizations"] == ["Stowarzyszenie Gazet Lokalnych"]


@pytest.fixture(scope="module")
def session_cards():
    return {p["name"]: p for p in _cards("speakers_sessions.html")}


def test_role_written_on_the_card(session_cards):
    assert session_cards["Paulina Pospieszna"]["role"] == "moderator"
    assert session_cards["Paulina Pospieszna"]["evidence"].startswith("Moderatorka\n")
    assert session_cards["Simon Niemeyer"]["role"] == "speaker"


def test_session_from_heading_above_cards(session_cards):
    assert session_cards["Simon Niemeyer"]["session"] == "Nowe formy partycypacji w społecznościach lokalnych"
    assert session_cards["Artur Gluziński"]["session"] == "Kapitał obywatelski w gminie"


def test_place_after_organisation_is_dropped(session_cards):
    assert session_cards["Simon Niemeyer"]["organizations"] == ["Centre for Deliberative Democracy and Global Governance"]


def test_cards_do_not_become_programme_people():
    from kongres_scraper.extract.programme import parse_programme

    doc = parse_document((PAGES / "speakers_sessions.html").read_bytes(), "https://example.org/")
    assert parse_programme(doc)[1] == []


def test_guest_table_columns_from_the_header_row():
    people = [(p["name"], p["role"], p["honorific"], p["organizations"]) for p in _cards("guests_table.html")]
    assert people[:5] == [
        ("Marta Lisowska", "moderator", None, ["Fundacja Dobre Sąsiedztwo"]),
        ("Paweł Gajewski", "panelist", "dr", ["Uniwersytet Opolski"]),
        ("Ewa Jaworska", "panelist", None, ["Stowarzyszenie „Nasze Osiedle”"]),
        ("Ewa Jaworska", "host", None, ["Stowarzyszenie „Nasze Osiedle”"]),
        ("Henryk Lis", "guest", None, ["Gmina Dąbrowice"]),
    ]


def test_table_without_header_finds_the_name_column():
    people = {p["name"]: p for p in _cards("guests_table.html")[5:]}
    assert list(people) == ["Jan Sowa", "Alicja Pawlak"]
    assert people["Jan Sowa"]["organizations"] == ["Uniwersytet Wrocławski"] and people["Jan Sowa"]["role"] == "speaker"


def test_programme_table_is_not_a_speaker_table():
    html = ("<html><body><main><table><tr><th>Godzina</th><th>Sesja</th><th>Prowadzenie</th></tr>"
            "<tr><td>10:00</td><td>Panel: Rady osiedli</td><td>Moderacja: Ewa Jaworska (Uniwersytet Opolski)</td></tr>"
            "<tr><td>11:00</td><td>Debata: Budżet</td><td>Moderacja: Jan Sowa (Uniwersytet Wrocławski)</td></tr>"
            "</table></main></body></html>")
    assert parse_speaker_cards(parse_document(html, "https://example.org/")) == []


def test_table_with_a_plain_header_row_and_a_numbering_column():
    html = ("<html><body><main><table>"
            "<tr><td><b>Lp.</b></td><td><b>Imię i nazwisko</b></td><td><b>Instytucja</b></td><td><b>Rola</b></td></tr>"
            "<tr><td>1.</td><td>Ewa Jaworska</td><td>Uniwersytet Opolski</td><td>moderatorka</td></tr>"
            "<tr><td>2.</td><td>Jan Sowa</td><td>Fundacja Dobre Sąsiedztwo</td><td>panelista</td></tr>"
            "</table></main></body></html>")
    people = parse_speaker_cards(parse_document(html, "https://example.org/"))
    assert [(p["name"], p["role"], p["organizations"]) for p in people] == [
        ("Ewa Jaworska", "moderator", ["Uniwersytet Opolski"]), ("Jan Sowa", "panelist", ["Fundacja Dobre Sąsiedztwo"])]


def test_name_counts_per_subtree():
    """One post-order pass counts the names each element holds: a card is an ancestor holding one."""
    import lxml.html

    from kongres_scraper.extract.speakers import name_counts

    main = lxml.html.fromstring(
        "<div id='grid'><div id='a'><section id='a1'><h3 id='n1'>X</h3></section><p>bio</p></div>"
        "<div id='b'><h3 id='n2'>Y</h3><h3 id='n3'>Z</h3></div></div>")
    marked = [main.get_element_by_id(i) for i in ("n1", "n2", "n3")]
    counts = name_counts(main, marked)
    assert counts[main.get_element_by_id("a1")] == 1
    assert counts[main.get_element_by_id("a")] == 1
    assert counts[main.get_element_by_id("b")] == 2
    assert counts[main] == 3
    assert main.get_element_by_id("a").find("p") not in counts


# --- repeated person records in unknown markup (issue 10, part 7) --------------------------------------


def _record_people(body: str):
    from kongres_scraper.extract.person_records import person_records

    doc = parse_document(f"<html><body><main>{body}</main></body></html>", "https://przyklad.pl/ludzie/")
    return [(p["name"], p["position"], p["organizations"]) for _el, p in person_records(doc.main)]


def test_team_widget_page_is_a_speakers_page_with_positions_and_organisations():
    """A page builder's team widget (spans with unknown classes, no heading naming speakers)."""
    from kongres_scraper.extract import extract_page

    record = extract_page((PAGES / "team-widget.html").read_bytes(), "https://forum-solectw.example.pl/goscie/")
    assert record["page_type"] == "speakers"
    got = {p["name"]: (p["honorific"], p["position"], p["organizations"], p["role"]) for p in record["people"]}
    assert got == {
        "Halina Żmuda": (None, "sołtyska", ["Sołectwo Borowo"], "speaker"),
        "Tomasz Gil": ("dr", "adiunkt", ["Uniwersytet Gdański"], "speaker"),
        "Grażyna Okoń": (None, "prezeska zarządu", ["Stowarzyszenie Kaszubskie Wsie"], "speaker"),
        "Piotr Lewandowski": (None, "wójt", ["Gmina Sierakowice"], "speaker"),
    }


def test_team_widget_bio_is_not_an_affiliation():
    from kongres_scraper.extract import extract_page

    record = extract_page((PAGES / "team-widget.html").read_bytes(), "https://forum-solectw.example.pl/goscie/")
    gil = next(p for p in record["people"] if p["name"] == "Tomasz Gil")
    assert gil["bio"].startswith("Bada samorząd pomocniczy")


def test_bootstrap_cards():
    assert _record_people(
        '<div class="row"><div class="col"><div class="card"><img src="a.jpg"><div class="card-body">'
        '<h5 class="card-title">Ewa Maj</h5><p class="card-text">skarbniczka</p><p class="card-text">Związek Gmin Wiejskich</p>'
        '</div></div></div><div class="col"><div class="card"><img src="b.jpg"><div class="card-body">'
        '<h5 class="card-title">Olaf Rusin</h5><p class="card-text">radny</p><p class="card-text">Rada Miejska w Łebie</p>'
        '</div></div></div></div>') == [
        ("Ewa Maj", "skarbniczka", ["Związek Gmin Wiejskich"]), ("Olaf Rusin", "radny", ["Rada Miejska w Łebie"])]


def test_definition_list_of_people():
    assert _record_people(
        "<dl><dt>Ewa Maj</dt><dd>skarbniczka</dd><dd>Związek Gmin Wiejskich</dd>"
        "<dt>Olaf Rusin</dt><dd>Fundacja Morska</dd></dl>") == [
        ("Ewa Maj", "skarbniczka", ["Związek Gmin Wiejskich"]), ("Olaf Rusin", None, ["Fundacja Morska"])]


def test_list_items_with_fields_in_spans():
    assert _record_people(
        "<ul><li><span>Ewa Maj</span><span>skarbniczka</span><span>Związek Gmin Wiejskich</span></li>"
        "<li><span>Olaf Rusin</span><span>prezes</span><span>Fundacja Morska</span></li></ul>") == [
        ("Ewa Maj", "skarbniczka", ["Związek Gmin Wiejskich"]), ("Olaf Rusin", "prezes", ["Fundacja Morska"])]


def test_contact_boxes_are_not_person_records():
    assert _record_people(
        "<div><div><b>Ewa Maj</b><span>koordynatorka</span><span>tel. 500 600 700</span></div>"
        "<div><b>Olaf Rusin</b><span>sekretarz</span><span>olaf@example.pl</span></div></div>") == []


def test_names_alone_are_no_person_records():
    """A plain list of names (under a label) is the programme reader's; records need a position or an organisation."""
    assert _record_people("<ul><li><span>Ewa Maj</span></li><li><span>Olaf Rusin</span></li></ul>") == []


def test_people_a_programme_labels_keep_their_role():
    from kongres_scraper.extract import extract_page

    body = ("<p>10:00 Panel: Kluby seniora</p><p>Paneliści:</p>"
            "<ul><li><b>Ewa Maj</b> – skarbniczka, Związek Gmin Wiejskich</li><li><b>Olaf Rusin</b> – prezes, Fundacja Morska</li></ul>")
    record = extract_page(f"<html><body><main>{body}</main></body></html>", "https://przyklad.pl/program/")
    assert sorted((p["name"], p["role"]) for p in record["people"]) == [("Ewa Maj", "panelist"), ("Olaf Rusin", "panelist")]
