"""Topics on any page: quoted lists, labelled lists (inline or under the label), topic sentences, session links."""
from __future__ import annotations

from pathlib import Path

from kongres_scraper.extract import extract_page
from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.programme import parse_programme
from kongres_scraper.extract.topics import parse_topics, topic_sentences

PAGES = Path(__file__).parents[1] / "pages"


def _topics(body: str) -> tuple[list[str], dict[str, str]]:
    doc = parse_document(f"<html><body><main>{body}</main></body></html>", "https://przyklad.pl/program/")
    sessions, _people = parse_programme(doc)
    return parse_topics(doc, sessions)


def test_quoted_lines_and_inline_quoted_list():
    """The page record keeps the quoted topic lines and `tematy takie jak „A”, „B”` of a report."""
    record = extract_page((PAGES / "prose-tabela.html").read_bytes(), "https://przykladowo.pl/a")
    assert record["topics"] == ["Trzeci sektor a demokracja lokalna", "Działania strażnicze w praktyce",
                                "Karta Praw Podstawowych w gminie", "Programy współpracy bez fikcji"]


def test_label_with_items_on_its_line_split_by_semicolons():
    topics, _ = _topics("<p>Zagadnienia: ochrona zieleni w osiedlach; lokalne systemy kaucyjne, ich koszty i korzyści;"
                        " rola spółdzielni energetycznych</p>")
    assert topics == ["ochrona zieleni w osiedlach", "lokalne systemy kaucyjne, ich koszty i korzyści",
                      "rola spółdzielni energetycznych"]


def test_key_issues_label_with_short_phrases_split_by_commas():
    topics, _ = _topics("<p>Kluczowe zagadnienia: transport na żądanie, wspólne zakupy gmin oraz cyfrowe sołectwa.</p>")
    assert topics == ["transport na żądanie", "wspólne zakupy gmin", "cyfrowe sołectwa"]


def test_label_followed_by_list_items():
    topics, _ = _topics("<p>W programie:</p><ul><li>jak pisać regulamin funduszu sołeckiego</li>"
                        "<li>konsultacje w małej gminie krok po kroku</li></ul><p>Serdecznie zapraszamy do udziału w spotkaniu.</p>")
    assert topics == ["jak pisać regulamin funduszu sołeckiego", "konsultacje w małej gminie krok po kroku"]


def test_label_followed_by_bulleted_lines():
    topics, _ = _topics("<p>Poruszone zostaną:<br>- finansowanie klubów seniora<br>- wolontariat pracowniczy w urzędzie</p>")
    assert topics == ["finansowanie klubów seniora", "wolontariat pracowniczy w urzędzie"]


def test_list_under_a_label_stops_at_a_person_or_a_time():
    topics, _ = _topics("<p>Tematy:</p><ul><li>partnerstwa międzygminne</li><li>Anna Kowalczyk, Fundacja Lokalna</li></ul>"
                        "<p>Tematy:</p><ul><li>10:00 Otwarcie</li></ul>")
    assert topics == ["partnerstwa międzygminne"]


def test_topic_sentence_with_coordinated_subjects():
    assert topic_sentences("Rozmawiać będziemy o budżecie obywatelskim, radach seniorów oraz inicjatywie lokalnej.") == [
        "budżecie obywatelskim", "radach seniorów", "inicjatywie lokalnej"]


def test_topic_sentence_with_words_between_topic_and_verb():
    assert topic_sentences("Tematem przewodnim tegorocznej edycji jest odporność wspólnot lokalnych.") == [
        "odporność wspólnot lokalnych"]


def test_quoted_subject_keeps_its_inner_sentences():
    assert topic_sentences("Tematem rozmowy było „Sąsiedztwo po pandemii. Co zostało z pomocy wzajemnej?”") == [
        "Sąsiedztwo po pandemii. Co zostało z pomocy wzajemnej?"]


def test_session_devoted_to_a_subject():
    assert topic_sentences("Debata będzie poświęcona współpracy gmin z organizacjami pozarządowymi.") == [
        "współpracy gmin z organizacjami pozarządowymi"]


def test_topics_under_a_session_heading_are_linked_to_it():
    topics, linked = _topics(
        "<h3>Panel 1: Miasto dla pieszych</h3><p>Zagadnienia: strefy tempo 30; szkolne ulice</p>"
        "<p>Moderator: Jan Wiśniewski, Politechnika Krakowska</p>"
        "<h3>Panel 2: Wieś bez wykluczenia</h3><p>Zagadnienia: dowóz do lekarza; światłowód w sołectwie</p>"
        "<p>Moderator: Ewa Nowicka, Fundacja Wiejska</p>")
    assert topics == ["strefy tempo 30", "szkolne ulice", "dowóz do lekarza", "światłowód w sołectwie"]
    assert linked == {"strefy tempo 30": "Miasto dla pieszych", "szkolne ulice": "Miasto dla pieszych",
                      "dowóz do lekarza": "Wieś bez wykluczenia", "światłowód w sołectwie": "Wieś bez wykluczenia"}


def test_topics_before_any_session_are_not_linked():
    topics, linked = _topics("<h2>O konferencji</h2><p>Tematy: rewitalizacja rynków; zieleń miejska</p>")
    assert topics == ["rewitalizacja rynków", "zieleń miejska"] and linked == {}


def test_page_record_carries_topic_links():
    body = ("<h3>Panel 1: Miasto dla pieszych</h3><p>Zagadnienia: strefy tempo 30; szkolne ulice</p>"
            "<p>Moderator: Jan Wiśniewski, Politechnika Krakowska</p>")
    record = extract_page(f"<html><body><main>{body}</main></body></html>", "https://przyklad.pl/program/")
    assert record["topics"] == ["strefy tempo 30", "szkolne ulice"]
    assert record["topic_sessions"] == {"strefy tempo 30": "Miasto dla pieszych", "szkolne ulice": "Miasto dla pieszych"}


def test_list_written_as_lines_of_one_sentence():
    topics, _ = _topics("<p>W programie:</p><p>ogrody społeczne na blokowiskach,</p><p>opieka nad drzewami w pasie drogowym,</p>"
                        "<p>zbiórka deszczówki.</p><p>Spotkanie poprowadzi Anna Kowalczyk z Fundacji Zielone Miasto.</p>")
    assert topics == ["ogrody społeczne na blokowiskach", "opieka nad drzewami w pasie drogowym", "zbiórka deszczówki"]


def test_sentence_ending_in_a_colon_that_speaks_of_topics_introduces_a_list():
    topics, _ = _topics("<p>Omawiane kwestie podzielono na dwa bloki:</p>"
                        "<ul><li>mieszkalnictwo komunalne (remonty, dodatki, najem społeczny)</li><li>pustostany w centrach miast</li></ul>")
    assert topics == ["mieszkalnictwo komunalne (remonty, dodatki, najem społeczny)", "pustostany w centrach miast"]


def test_topic_sentences_give_way_to_a_list_on_the_same_page():
    topics, _ = _topics("<p>Debata będzie dotyczyć przyszłości sołectw oraz ich finansów.</p>"
                        "<p>Tematy:</p><ul><li>fundusz sołecki po zmianach</li><li>sołtys w radzie gminy</li></ul>")
    assert topics == ["fundusz sołecki po zmianach", "sołtys w radzie gminy"]
