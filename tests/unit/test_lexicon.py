"""One vocabulary: every reader understands the words kept in `kongres_scraper.lexicon`."""
from kongres_scraper import lexicon
from kongres_scraper.extract import personline, records
from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.prose import parse_prose
from kongres_scraper.normalize import orgs


def test_role_nouns_are_read_as_their_role_by_the_label_reader():
    for noun, role in lexicon.ROLE_NOUNS.items():
        assert personline.role_from_label(noun) == role, noun


def test_position_words_of_the_lexicon_are_positions_for_the_affiliation_splitter():
    for word in ("prezes", "wójt", "dyrektorka", "pełnomocnik"):
        assert word in lexicon.POSITIONS
        assert orgs.is_position_word(word)


def test_org_heads_of_the_lexicon_head_organisations():
    for word in ("Fundacja", "Starostwo", "Kancelaria", "Koło"):
        assert orgs.is_org_head(word)


def test_word_never_a_first_name_is_refused_by_the_line_reader():
    assert lexicon.never_first_name("Forum")
    assert personline.parse_person_line("Forum Nowak, Fundacja Przykładowa", strict=True) is None


def test_word_never_a_first_name_is_refused_by_the_prose_reader():
    html = "<html><body><p>Debatę poprowadził Workshop Kowalczyk z Fundacji Przykładowej.</p></body></html>"
    found = parse_prose(parse_document(html, "https://example.org/a"), [])
    assert not found.people


def test_editions_are_the_congress_facts_of_the_editions_table():
    from kongres_scraper.dataset.editions import EDITIONS
    assert [e["edition"] for e in EDITIONS] == sorted(lexicon.EDITIONS)
    assert all(e["start_date"] == lexicon.EDITIONS[e["edition"]][0].isoformat() for e in EDITIONS)


def test_person_constructor_fills_every_field_and_deduplicates_organisations():
    p = records.person("Anna Lis", "moderator", organizations=["Fundacja A", "Fundacja A", ""], evidence="x")
    assert p["organizations"] == ["Fundacja A"]
    assert p["honorific"] is None and p["session"] is None and "bio" not in p


def test_session_constructor_collapses_spacing_of_the_title():
    s = records.session("Panel  o\nwspółpracy", "panel")
    assert s == {"title": "Panel o współpracy", "format": "panel", "day": None, "start": None, "end": None}
