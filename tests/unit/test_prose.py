"""People, roles, affiliations, sessions and topics read from Polish prose."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract import extract_page
from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.prose import parse_prose
from kongres_scraper.normalize.nominative import to_nominative

PAGES = Path(__file__).parents[1] / "pages"


def _prose(*paragraphs: str):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    doc = parse_document(f"<html><body><article><h1>Relacja</h1>{body}</article></body></html>", "https://example.org/a")
    return parse_prose(doc, [])


def _people(*paragraphs: str) -> dict[str, dict]:
    return {p["name"]: p for p in _prose(*paragraphs).people}


@pytest.mark.parametrize("given,surname,expected", [
    (["Bogumiłę"], ["Stępińską"], "Bogumiła Stępińska"),
    (["Lecha"], ["Wałęsę"], "Lech Wałęsa"),
    (["Jerzego"], ["Stępnia"], "Jerzy Stępień"),
    (["Paulinę"], ["Pospieszną"], "Paulina Pospieszna"),
    (["Artura"], ["Gluzińskiego"], "Artur Gluziński"),
    (["Agatę"], ["Bielik-Robson"], "Agata Bielik-Robson"),
    (["Jana", "Krzysztofa"], ["Bieleckiego"], "Jan Krzysztof Bielecki"),
    (["CEZAREGO"], ["OBRACHTA-PRONDZYŃSKIEGO"], "Cezary Obracht-Prondzyński"),
    (["ALEKSANDRY"], ["DULKIEWICZ"], "Aleksandra Dulkiewicz"),
    (["Michałem"], ["Szułdrzyńskim"], "Michał Szułdrzyński"),
    (["Simon"], ["Niemeyer"], "Simon Niemeyer"),
    (["Jean-Benoit"], ["Pilet"], "Jean-Benoit Pilet"),
])
def test_names_to_nominative(given, surname, expected):
    assert to_nominative(given, surname).nominative == expected


def test_invited_to_a_conversation_is_a_panelist():
    people = _people("Na jedną z debat organizatorzy zaprosili Panią Bogumiłę Stępińską. "
                     "Tematem było „Doświadczenie migracji międzynarodowej. Jak wypracować lokalną strategię integracji?”")
    p = people["Bogumiła Stępińska"]
    assert p["role"] == "panelist" and p["honorific"] is None and p["gender"] == "f"
    assert p["session"].startswith("Doświadczenie migracji")


def test_debate_guests_with_positions_before_and_after_names():
    people = _people("Do debaty zaprosiliśmy ludzi, którzy współtworzyli ustrojowe przemiany – pierwszego "
                     "przewodniczącego „Solidarności” i Prezydenta RP Lecha Wałęsę oraz Sędziego Jerzego Stępnia – "
                     "współtwórcę ustawy o samorządzie terytorialnym i senatora I i II kadencji.")
    assert set(people) == {"Lech Wałęsa", "Jerzy Stępień"}
    assert people["Lech Wałęsa"]["organizations"] == []  # a past office and a state are no affiliation
    assert people["Jerzy Stępień"]["position"].startswith("Sędzia")


def test_moderator_by_apposition_and_expert_position():
    people = _people("Do rozmowy zaproszono Artura Gluzińskiego, eksperta ds. współpracy NGO i JST, "
                     "oraz prof. Paulinę Pospieszną – moderatorkę całej ścieżki.")
    assert people["Artur Gluziński"]["role"] == "panelist"
    assert people["Artur Gluziński"]["organizations"] == []
    assert people["Paulina Pospieszna"]["role"] == "moderator"
    assert people["Paulina Pospieszna"]["honorific"] == "prof."


def test_affiliations_with_z_and_ze_and_a_following_cue():
    people = _people("Andrzej Andrysiak ze Stowarzyszenia Gazet Lokalnych, Marzena Błaszczyk z Watchdog Polska, "
                     "Wojciech Klicki z Fundacji Panoptykon i Zuzanna Rudzińska-Bluszcz z ClientEarth Prawnicy dla Ziemi "
                     "zastanowią się nad tym, jak chronić demokrację.")
    assert {n: p["organizations"] for n, p in people.items()} == {
        "Andrzej Andrysiak": ["Stowarzyszenie Gazet Lokalnych"],
        "Marzena Błaszczyk": ["Watchdog Polska"],
        "Wojciech Klicki": ["Fundacja Panoptykon"],
        "Zuzanna Rudzińska-Bluszcz": ["ClientEarth Prawnicy dla Ziemi"],
    }
    assert {p["role"] for p in people.values()} == {"panelist"}


def test_positions_before_names_in_a_list():
    people = _people("Do dyskusji zaproszono filozofkę Agatę Bielik-Robson, posła Koalicji Obywatelskiej Piotra "
                     "Adamowicza, aktorkę Barbarę Kurdej-Szatan oraz publicystę Michała Kolanko. "
                     "Prowadzącym wydarzenie jest Kamil Dąbrowa.")
    assert people["Piotr Adamowicz"]["organizations"] == ["Koalicja Obywatelska"]
    assert people["Agata Bielik-Robson"]["organizations"] == []
    assert people["Michał Kolanko"]["position"] == "publicysta"
    assert people["Kamil Dąbrowa"]["role"] == "moderator"


@pytest.mark.parametrize("sentence,role", [
    ("Głos zabrała Anna Nowak z Fundacji Batorego.", "speaker"),
    ("O swoich doświadczeniach opowiedział Jan Kowalski, wójt gminy Michałowice.", "speaker"),
    ("Projekt zaprezentowała Ewa Zielińska ze Stowarzyszenia Aktywnych.", "speaker"),
    ("Wystąpienie otwierające wygłosiła dr Maria Kamińska.", "speaker"),
    ("Dyskusję moderowała Joanna Lewandowska.", "moderator"),
    ("Gościem specjalnym był Jerzy Buzek.", "guest"),
    ("W debacie wzięli udział Piotr Wiśniewski i Tomasz Wójcik.", "panelist"),
])
def test_roles_from_verbs(sentence, role):
    people = _people(sentence)
    assert people and {p["role"] for p in people.values()} == {role}


@pytest.mark.parametrize("sentence", [
    "Jak pisała dr Joanna Podgórska-Rykała, deliberacja to przestrzeń dialogu.",
    "Dziękujemy Pani Annie Kaczmarek za pomoc w organizacji wyjazdu.",
    "Projekt zainicjowany przez Jacka Jaśkowiaka, Prezydenta Miasta Poznania, trwa od lat.",
    "„Współpraca to codzienna praca” – powiedziała w zeszłym roku Barbara Nowak.",
    "W Kongresie wziął udział profesor Władysław Bartoszewski.",  # attended; took part in no discussion
])
def test_quoted_thanked_and_mentioned_are_not_participants(sentence):
    found = _prose(sentence)
    assert found.people == []
    assert found.mentions


def test_patron_and_street_names_are_nobody():
    found = _prose("Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego zaprasza do Sali im. Jana Pawła II "
                   "przy ul. Jana Kilińskiego, gdzie wystąpi zespół.")
    assert found.people == [] and found.mentions == []


def test_foreign_names_and_a_titled_family_name_later():
    people = _prose(
        "Wykład „Obywatele w centrum uwagi: Innowacje demokratyczne” wygłosił prof. Simon Niemeyer z Centre for "
        "Deliberative Democracy and Global Governance w Canberze.",
        "Chwilę później prof. Niemeyer zasiadł wśród uczestników debaty „Nowe formy partycypacji w społecznościach "
        "lokalnych”. Głos zabrali także prof. Rikki Dean i prof. Brigitte Geissel z Goethe University Frankfurt oraz "
        "prof. Jean-Benoit Pilet z Université Libre de Bruxelles.").people
    roles = {(p["name"], p["role"]) for p in people}
    assert ("Simon Niemeyer", "speaker") in roles and ("Simon Niemeyer", "panelist") in roles
    orgs = {p["name"]: p["organizations"] for p in people}
    assert orgs["Rikki Dean"] == ["Goethe University Frankfurt"]
    assert orgs["Jean-Benoit Pilet"] == ["Université Libre de Bruxelles"]
    assert not any(n in orgs for n in ("Deliberative Democracy", "Libre de Bruxelles"))


def test_names_in_capitals_and_announced_sessions():
    found = _prose("W ramach sesji plenarnej będzie można usłyszeć wypowiedzi m. in. prof. JERZEGO BRALCZYKA, "
                   "Marszałka Województwa Pomorskiego MIECZYSŁAWA STRUKA oraz Prezydent Gdańska ALEKSANDRY DULKIEWICZ. "
                   "Zapowiada się również dyskusja plenarna pt. _Czy demokracja potrzebuje ładu moralnego?_ "
                   "Głos w tej dyskusji zabiorą prof. MARCIN KRÓL oraz tegoroczna maturzystka JULIA BORZESZKOWSKA.")
    people = {p["name"]: p for p in found.people}
    assert set(people) == {"Jerzy Bralczyk", "Mieczysław Struk", "Aleksandra Dulkiewicz", "Marcin Król", "Julia Borzeszkowska"}
    assert people["Mieczysław Struk"]["organizations"] == []  # the region he governs is no affiliation
    assert [s["title"] for s in found.sessions] == ["Czy demokracja potrzebuje ładu moralnego?"]


def test_unquoted_panel_title_before_z_udzialem():
    found = _prose("Po godzinie 12 zakończył się panel Nasz \"nowy świat\" po wojnie. Polska z Ukrainą. Razem w UE? "
                   "z udziałem: byłego premiera Jana Krzysztofa Bieleckiego oraz dyplomaty i senatora Marcina Bosackiego.")
    assert [s["title"] for s in found.sessions] == ['Nasz "nowy świat" po wojnie. Polska z Ukrainą. Razem w UE?']
    people = {p["name"]: p for p in found.people}
    assert set(people) == {"Jan Krzysztof Bielecki", "Marcin Bosacki"}
    assert people["Marcin Bosacki"]["position"] == "dyplomata, senator"


def test_topic_sentence_names_a_session():
    found = parse_prose(parse_document((PAGES / "prose-tabela.html").read_bytes(), "https://przykladowo.pl/a"), [])
    assert found.topics == ["Programy współpracy bez fikcji"]  # the topic lists are read by topics.py (test_topics)
    assert found.sessions[0]["title"] == "Programy współpracy bez fikcji"


def test_report_page_end_to_end():
    record = extract_page((PAGES / "prose-relacja.html").read_bytes(), "https://przyklad.org.pl/relacja/")
    people = {(p["name"], p["role"]) for p in record["people"]}
    assert people == {
        ("Joanna Nowakowska", "speaker"), ("Tomasz Zieliński", "speaker"), ("Marta Wiśniewska", "moderator"),
        ("Katarzyna Lewandowska", "panelist"), ("Piotr Kamiński", "panelist"), ("Paweł Dąbrowski", "panelist"),
        ("Agnieszka Wójcik", "speaker"), ("Michał Kowalczyk", "speaker"), ("Jerzy Buzek", "guest"),
    }
    orgs = {p["name"]: p["organizations"] for p in record["people"]}
    assert orgs["Katarzyna Lewandowska"] == ["Urząd Miasta Lublin"]
    assert orgs["Piotr Kamiński"] == ["Stowarzyszenie Aktywnych Obywateli"]
    assert orgs["Paweł Dąbrowski"] == []
    assert {m["name"] for m in record["mentions"]} >= {"Jerzy Regulski", "Anna Kaczmarek"}
    debate = next(p for p in record["people"] if p["name"] == "Katarzyna Lewandowska")
    assert debate["session"] == "Jak wzmacniać lokalne wspólnoty?"


def test_announcement_page_end_to_end():
    record = extract_page((PAGES / "prose-zapowiedz.html").read_bytes(), "https://fundacja-przyklad.pl/goscie-panelu/")
    people = {p["name"]: p for p in record["people"]}
    assert people["Adam Nowicki"]["role"] == "moderator"
    assert people["Adam Nowicki"]["organizations"] == ["Gazeta Wyborcza"]
    assert people["Ewa Kowalska"]["honorific"] == "dr hab. prof. UW"
    assert people["Magdalena Szymańska"]["organizations"] == ["FRDL"]
    assert people["Olena Kovalenko"]["organizations"] == ["Fundacja Nasz Wybór"]
    assert "Watchdog Polska" not in people
    assert {m["name"] for m in record["mentions"]} == {"Barbara Nowak", "Krzysztof Wróbel"}


def test_role_written_in_brackets_after_one_name():
    people = _people("W dyskusji udział wzięli Tomasz Zieliński (jako moderator), Ewa Kamińska i Jan Lis.")
    assert {n: p["role"] for n, p in people.items()} == {
        "Tomasz Zieliński": "moderator", "Ewa Kamińska": "panelist", "Jan Lis": "panelist"}
    assert people["Tomasz Zieliński"]["position"] is None


def test_interviewees_and_interviewer():
    people = _people("Rozmowę z prof. Anną Nowak i dr. Janem Kowalskim poprowadziła Ewa Lis.")
    assert {n: p["role"] for n, p in people.items()} == {
        "Anna Nowak": "panelist", "Jan Kowalski": "panelist", "Ewa Lis": "moderator"}


def test_announced_lecture_title_is_cut_from_the_affiliation():
    found = _prose("Pierwszą część otworzył wykład prof. Jana Hartmana z Uniwersytetu Jagiellońskiego "
                   "pt. „Etyka w życiu publicznym”.")
    assert found.people[0]["organizations"] == ["Uniwersytet Jagielloński"]
    assert [s["title"] for s in found.sessions] == ["Etyka w życiu publicznym"]


@pytest.mark.parametrize("given,surname,expected", [
    (["Annie"], ["Kowalskiej"], "Anna Kowalska"),          # dative/locative
    (["Janowi"], ["Kowalskiemu"], "Jan Kowalski"),
    (["Markiem"], ["Nowakiem"], "Marek Nowak"),            # instrumental
    (["Katarzynie"], ["Nowak"], "Katarzyna Nowak"),        # a woman's consonant-final name does not decline
    (["Grzegorzowi"], ["Schetynie"], "Grzegorz Schetyna"),  # unknown -a name, dative
    (["Alicji"], ["Kępki"], "Alicja Kępka"),
    (["Teresę"], ["Kamińską-Nowak"], "Teresa Kamińska-Nowak"),
    (["Sebastiana"], ["Kurka"], "Sebastian Kurek"),        # mobile e, from the dictionary
])
def test_names_in_other_cases(given, surname, expected):
    assert to_nominative(given, surname, prefer_case=None if expected != "Sebastian Kurek" else "acc").nominative == expected


def test_coordinated_names_share_a_case():
    people = _people("Do dyskusji zaprosiliśmy Irynę Kovalenko ze Stowarzyszenia „Razem w Lubartowie”, Jolantę "
                     "Szymańską, dyrektorkę Gminnego Ośrodka Kultury, oraz Sebastiana Kurka, prezesa Ochotniczej "
                     "Straży Pożarnej w Leśnej Woli.")
    assert set(people) == {"Iryna Kovalenko", "Jolanta Szymańska", "Sebastian Kurek"}
    assert people["Sebastian Kurek"]["organizations"] == ["Ochotnicza Straż Pożarna w Leśnej Woli"]
    assert people["Iryna Kovalenko"]["organizations"] == ["Stowarzyszenie „Razem w Lubartowie”"]


# --- gender: a cue belongs to the person it is written next to --------------------------------

def test_gender_does_not_leak_from_another_person_in_the_sentence():
    people = _people("Debatę poprowadziła prof. UAM dr hab. Paulina Pospieszna z Uniwersytetu Adama Mickiewicza "
                     "w Poznaniu, a głos zabrali także prof. Rikki Dean i prof. Brigitte Geissel z Goethe University "
                     "Frankfurt oraz prof. Jean-Benoit Pilet.")
    assert people["Paulina Pospieszna"]["gender"] == "f"
    assert people["Rikki Dean"]["gender"] is None  # neither the dictionary nor his own words say
    assert people["Jean-Benoit Pilet"]["gender"] == "m"  # the first name does


def test_family_name_of_both_genders_tells_nothing():
    assert to_nominative(["Rikki"], ["Dean"]).gender is None
    assert to_nominative(["Bogumiłę"], ["Stępińską"]).gender == "f"


def test_gender_from_a_verb_of_a_single_subject():
    people = _people("Na Kongresie prof. Rikki Dean mówił o panelach obywatelskich, a dr Anna Lis prowadziła debatę.")
    assert people["Rikki Dean"]["gender"] == "m"


def test_no_gender_from_a_verb_of_joined_subjects():
    people = _people("W debacie prof. Simon Niemeyer i prof. Rikki Dean mówili o panelach obywatelskich.")
    assert people["Rikki Dean"]["gender"] is None


def test_an_invitation_to_the_congress_alone_is_no_role():
    """Being invited makes a panelist only when the sentence is about a debate or panel."""
    people = _people("Serdecznie zaprosiliśmy na Kongres Pana Jana Kowalskiego z Fundacji Przykładowej.")
    assert people.get("Jan Kowalski", {}).get("role") != "panelist"


def test_item_announced_by_its_quoted_title_is_a_session():
    found = _prose("Kolejnym punktem były refleksje pod tytułem „Gmina po reformie – co dalej”.")
    assert [s["title"] for s in found.sessions] == ["Gmina po reformie – co dalej"]


def test_titled_publication_is_not_a_session():
    found = _prose("Uczestnicy otrzymali książkę pod tytułem „Samorząd w liczbach”.")
    assert found.sessions == []


def test_titled_document_is_not_a_session():
    found = _prose("Delegaci przyjęli program zatytułowany „Gmina dla wszystkich” na zjeździe w 1990 roku.")
    assert found.sessions == []


def test_time_of_an_announced_session_in_the_next_sentence():
    found = _prose("Fundacja zaprasza na debatę „Czy gmina może więcej?”. Start o godzinie 17.30. Wstęp wolny.")
    assert [(s["title"], s["start"], s["end"]) for s in found.sessions] == [("Czy gmina może więcej?", "17:30", None)]


def test_time_range_of_an_announced_session_in_its_sentence():
    found = _prose("O godz. 12:00–13:30 odbędzie się warsztat „Mapa zasobów sołectwa” w świetlicy wiejskiej.")
    assert [(s["title"], s["start"], s["end"]) for s in found.sessions] == [("Mapa zasobów sołectwa", "12:00", "13:30")]


def test_apposition_naming_the_kind_of_item_is_no_subtitle():
    found = _prose("Na zakończenie dnia zapraszamy na debatę „Kto rządzi w mieście?” – rozmowę o władzy lokalnej.")
    assert [s["title"] for s in found.sessions] == ["Kto rządzi w mieście?"]


def test_workshop_announced_with_who_leads_it():
    found = _prose("Po przerwie odbędzie się warsztat „Jak pisać wnioski grantowe”, który poprowadzi Anna Kowalczyk"
                   " z Fundacji Lokalnej.")
    assert [(s["title"], s["format"]) for s in found.sessions] == [("Jak pisać wnioski grantowe", "warsztat")]
    assert [(p["name"], p["role"], p["session"]) for p in found.people] == [
        ("Anna Kowalczyk", "moderator", "Jak pisać wnioski grantowe")]


_CASE_TEXTS = [
    "DEBATĘ PROWADZIŁA Anna Lis, a w dyskusji WZIĘLI UDZIAŁ goście",
    "Prowadząca: Ewa Sowa. Gośćmi Specjalnymi byli Jan i Piotr; nie wystąpi Adam.",
    "Z udziałem PANELISTÓW Panel dyskusyjny pod tytułem „Gmina”",
    "Prowadził İsmail Kaya",  # `İ` lowers to two characters
    "Dyſkuſja z udziałem gości",  # long s: `s` only case-insensitively
    "Moderowała Işıl Öz, dzieląc się uwagami",  # dotless ı: `i` only case-insensitively
    "ZAPROSZENI GOŚCIE PRZYBĘDĄ; Wśród Ekspertów są: A, B",
]


@pytest.mark.parametrize("text", _CASE_TEXTS)
def test_lowered_text_gives_the_case_insensitive_matches(text):
    from kongres_scraper.extract import prose

    low = prose._lowered(text)
    patterns = [p for _, p in prose._CUES] + [prose._PARTICIPATION, prose._DISCUSSION, prose._SHARING, prose._PRESENCE,
                                              prose._TAKING_PART, prose._NEGATED, prose._TITLE_INTRO, prose._TITLED,
                                              prose._SESSION_WORD]
    for pattern in patterns:
        assert [m.span() for m in pattern.finditer(text, low)] == [m.span() for m in pattern.pattern.finditer(text)]
    if any(c in text for c in "İıſ"):
        assert low is None


def test_caseless_pattern_must_be_lower_case():
    from kongres_scraper.extract import prose

    with pytest.raises(ValueError):
        prose._Caseless(r"\bPanel\w*")
    assert prose._Caseless(r"(?P<kw>\bpanel\w*)\S").pattern.search("PANELE!")
