"""People and organisations in classes of text no page-specific rule was written for (issue 10).

Each test is named for a class of text and uses a sentence written for it."""
from kongres_scraper.extract import extract_page
from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.personline import parse_person_line, split_people
from kongres_scraper.extract.prose import parse_prose
from kongres_scraper.normalize import orgs


def _prose(*paragraphs: str, title: str = "Aktualności"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"
    return parse_prose(parse_document(html, "https://example.org/a"), [])


def _people(found) -> dict:
    return {p["name"]: p for p in found.people}


def test_coordinated_list_after_sharing_verb_and_colon():
    found = _prose("Po przerwie wnioskami z pracy w terenie podzielili się: Bożena Kruk, Tadeusz Malinowski i Zofia Dąb.")
    assert set(_people(found)) == {"Bożena Kruk", "Tadeusz Malinowski", "Zofia Dąb"}


def test_presence_of_a_dignitary_makes_a_guest():
    found = _prose("Uroczystość uświetniła obecność Marszałka Województwa Lubuskiego Henryka Zawady.")
    people = _people(found)
    assert people["Henryk Zawada"]["role"] == "guest"


def test_arrivals_on_a_page_about_a_debate_are_panelists():
    found = _prose("Wiadomo już, że przyjadą m.in. Dorota Sowa i Marek Gil (Koalicja Obywatelska).",
                   title="Kandydaci spotkają się na debacie w bibliotece")
    people = _people(found)
    assert people["Dorota Sowa"]["role"] == "panelist"
    assert people["Marek Gil"]["organizations"] == ["Koalicja Obywatelska"]


def test_star_of_the_festival_is_a_guest():
    found = _prose("Gwiazdą tegorocznego festiwalu będzie Weronika Stal, autorka kryminałów.")
    assert _people(found)["Weronika Stal"]["role"] == "guest"


def test_apposition_positions_belong_to_the_first_of_two_names():
    found = _prose("Obrady otworzyła Ewa Pstrąg, przewodnicząca Rady Programowej TPW oraz skarbnik Zarządu Jan Wrona.")
    people = _people(found)
    assert people["Ewa Pstrąg"]["organizations"] == ["TPW"]
    assert people["Jan Wrona"]["organizations"] == []


def test_representing_names_the_organisations():
    found = _prose("Głos zabrał Karol Szpak, reprezentujący Politechnikę Opolską i Fundację Czyste Powietrze.")
    assert _people(found)["Karol Szpak"]["organizations"] == ["Politechnika Opolska", "Fundacja Czyste Powietrze"]


def test_namesake_of_a_firm_is_not_a_participant():
    found = _prose("Wykład wygłosił Adam Jeż z Kancelarii Radców Prawnych Mec. Teresa Sikora & Wspólnicy.")
    assert set(_people(found)) == {"Adam Jeż"}


def test_paragraph_opened_by_a_participle_clause_is_prose_not_a_label():
    found = _prose("Sesję, prowadzoną pod hasłem: „Gmina blisko ludzi”, otworzył o godz. 10:00 Roman Kos. Potem przemawiała Iga Wróbel.")
    assert set(_people(found)) == {"Roman Kos", "Iga Wróbel"}


def test_roster_line_under_a_panel_heading_with_language_tag():
    found = _prose("Panel 3: Miasta dla ludzi", "DE: Jürgen HOFFMANN, Universität Kassel, Petra WINKLER, Stadt Leipzig")
    people = _people(found)
    assert set(people) == {"Jürgen Hoffmann", "Petra Winkler"}
    assert all(p["role"] == "panelist" for p in people.values())
    assert people["Petra Winkler"]["organizations"] == ["Stadt Leipzig"]


def test_people_list_cut_only_before_names():
    assert split_people("Ola Kania, Uniwersytet Łódzki, Piotr Sum, Związek Miast i Gmin") == [
        "Ola Kania, Uniwersytet Łódzki", "Piotr Sum, Związek Miast i Gmin"]
    assert split_people("Ola Kania, Piotr Sum i Ewa Ryś, radni gminy") == ["Ola Kania", "Piotr Sum", "Ewa Ryś, radni gminy"]
    assert split_people("Ola Kania, Fundacja Wiedza i Praca") == ["Ola Kania, Fundacja Wiedza i Praca"]


def test_surname_in_capitals_that_is_also_a_common_word():
    pl = parse_person_line("Tomasz KOWAL, Instytut Badań Lokalnych")
    assert pl is not None and pl.name == "Tomasz Kowal"


def test_acronym_defined_in_brackets_is_expanded():
    defined = orgs.defined_acronyms("Gości przywitał Związek Gmin Nadodrzańskich (ZGN), a potem prezes ZGN.")
    assert defined == {"ZGN": "Związek Gmin Nadodrzańskich"}
    assert orgs.resolve_acronyms(["ZGN"], defined) == ["Związek Gmin Nadodrzańskich"]


def test_acronym_beside_the_name_it_abbreviates_is_dropped():
    assert orgs.resolve_acronyms(["Ogólnopolska Sieć Bibliotek Wiejskich", "OSBW"], {}) == ["Ogólnopolska Sieć Bibliotek Wiejskich"]


def test_acronym_in_brackets_after_the_full_name_is_dropped_from_the_name():
    assert orgs.resolve_acronyms(["Związek Gmin Nadodrzańskich (ZGN)"], {}) == ["Związek Gmin Nadodrzańskich"]


def test_page_expands_an_acronym_a_person_is_given():
    html = ("<html><body><article><p>Spotkanie zorganizował Związek Gmin Nadodrzańskich (ZGN). "
            "Debatę poprowadził Jan Pstrąg, prezes ZGN.</p></article></body></html>")
    people = {p["name"]: p for p in extract_page(html, "https://example.org/b")["people"]}
    assert people["Jan Pstrąg"]["organizations"] == ["Związek Gmin Nadodrzańskich"]


def test_name_after_a_state_body_is_its_holder_not_a_patron():
    found = _prose("Wystąpienia gości otworzył list marszałka Sejmu Krzysztofa Zięby.")
    assert "Krzysztof Zięba" in _people(found)


def test_foreign_first_name_known_only_as_a_family_name_in_the_genitive():
    found = _prose("Dzień zamknie prelekcja Philippa Lisowskiego z Fundacji Wspólny Dom.")
    people = _people(found)
    assert set(people) == {"Philipp Lisowski"}
    assert people["Philipp Lisowski"]["organizations"] == ["Fundacja Wspólny Dom"]


def test_foreign_name_in_the_instrumental():
    found = _prose("Rozmowę z Peterem Horváthem poprowadzi Ewa Sikora.")
    assert "Peter Horváth" in _people(found)


def test_academic_programme_line_is_a_talk():
    found = _prose("dr hab. Jolanta Grzyb (Uniwersytet Opolski): Sołectwa i ich budżety w latach dziewięćdziesiątych")
    people = _people(found)
    assert people["Jolanta Grzyb"]["role"] == "speaker"
    assert people["Jolanta Grzyb"]["organizations"] == ["Uniwersytet Opolski"]


def test_quotation_line_is_not_an_academic_talk():
    found = _prose("Jan Lis mówi: Spotkania takie jak to są potrzebne każdej gminie.")
    assert "Jan Lis" not in _people(found)


def test_participle_clause_ends_an_organisation():
    assert orgs.split_affiliation("ekspertka Ośrodka Wsparcia Inicjatyw prowadzonego przez Fundację Most") == (
        "ekspertka", ["Ośrodek Wsparcia Inicjatyw"])


def test_affiliated_with_a_lower_case_head_and_a_name():
    assert orgs.split_affiliation("animator, obecnie związany ze stowarzyszeniem Zielony Gaj") == (
        "animator", ["Stowarzyszenie Zielony Gaj"])


def test_ombudsman_office_is_an_organisation():
    assert orgs.split_affiliation("Rzecznika Praw Dziecka") == ("Rzecznika Praw Dziecka", ["Rzecznik Praw Dziecka"])


def test_ordinal_title_is_a_position_not_an_organisation():
    assert orgs.split_affiliation("II Kanclerz Bractwa Kurkowego") == ("II Kanclerz Bractwa Kurkowego", [])


def test_coordinated_list_after_a_participation_verb_outside_a_discussion():
    found = _prose("W spotkaniu wezmą udział Halina Kruk, Olaf Szpak, Irena Dąb i Leon Gil.")
    assert set(_people(found)) == {"Halina Kruk", "Olaf Szpak", "Irena Dąb", "Leon Gil"}


def test_name_broken_by_a_line_break_hyphen_from_a_pdf():
    found = _prose("Warsztat poprowadził Jan Kowal- ski z Fundacji Ziemia, a w panelu usiadła Joanna Lis-Ko- walska.")
    assert {"Jan Kowalski", "Joanna Lis-Kowalska"} <= set(_people(found))


def test_one_word_pseudonym_after_a_personal_noun_and_a_dash():
    found = _prose("Spotkanie poprowadzi raper – Kwazimodo, a potem zagra zespół.")
    assert _people(found)["Kwazimodo"]["role"] == "moderator"


def test_people_list_closed_by_a_full_stop():
    assert split_people("Ola Kania (Fundacja Razem), Piotr Sum (Urząd Gminy Zielonka) oraz Ewa Ryś.") == [
        "Ola Kania (Fundacja Razem)", "Piotr Sum (Urząd Gminy Zielonka)", "Ewa Ryś"]


def test_plural_position_before_a_list_gives_everyone_its_organisation():
    found = _prose("Warsztaty przeprowadzili trenerzy Fundacji Dobra Wola Iga Kos i Borys Mazur.")
    people = _people(found)
    assert people["Borys Mazur"]["organizations"] == ["Fundacja Dobra Wola"]
    assert people["Iga Kos"]["role"] == people["Borys Mazur"]["role"] == "moderator"


def test_plural_position_before_a_dash_and_a_list():
    found = _prose("W debacie udział wzięli przedstawiciele Stowarzyszenia Wspólna Łąka – Iga Kos i Borys Mazur.")
    assert _people(found)["Borys Mazur"]["organizations"] == ["Stowarzyszenie Wspólna Łąka"]


def test_generic_noun_before_a_company_name_and_the_company_form():
    assert orgs.split_affiliation("z firmy Kowalczyk Doradztwo sp. z o.o.") == (None, ["Kowalczyk Doradztwo sp. z o.o."])
    assert orgs.split_affiliation("dyrektor w spółce Wodociągi Zielonka S.A.") == ("dyrektor", ["Wodociągi Zielonka S.A."])


def test_invited_but_not_confirmed_is_a_mention():
    found = _prose("Do udziału zaprosiliśmy Halinę Kruk i Olafa Szpaka, jednak nie potwierdzili jeszcze obecności.")
    assert not found.people
    assert {m["name"] for m in found.mentions} == {"Halina Kruk", "Olaf Szpak"}


def test_negated_talk_is_a_mention():
    found = _prose("Niestety nie wystąpi zapowiadany wcześniej Olaf Szpak.")
    assert not found.people


def test_clause_after_a_comma_is_not_a_position():
    found = _prose("Panel poprowadziła Halina Kruk, choć sama przyznała, że to jej pierwszy raz.")
    assert _people(found)["Halina Kruk"]["position"] is None


def test_organisation_heading_shared_by_the_list_under_it():
    html = ("<html><body><article><h1>Prelegenci</h1><h3>Stowarzyszenie Dolina Rzeki</h3>"
            "<ul><li>Halina Kruk – prezeska</li><li>Olaf Szpak – skarbnik</li></ul>"
            "<h3>Urząd Gminy Zielonka</h3><ul><li>Irena Dąb – sekretarz</li></ul>"
            "<p>Zapraszamy do udziału w spotkaniu.</p></article></body></html>")
    people = {p["name"]: p for p in extract_page(html, "https://example.org/c")["people"]}
    assert people["Olaf Szpak"]["organizations"] == ["Stowarzyszenie Dolina Rzeki"]
    assert people["Irena Dąb"]["organizations"] == ["Urząd Gminy Zielonka"]
    assert people["Halina Kruk"]["position"] == "prezeska"
