"""Acronyms and spellings of one organisation are one row; kinds and parents come from names."""
from __future__ import annotations

import pytest

from kongres_scraper.dataset.organizations import OrganizationRegistry, OrgOverride, canonical, classify, parent_name


def test_acronym_and_full_names_are_one_organisation():
    reg = OrganizationRegistry()
    ids = {reg.add(n) for n in ("FRDL", "Fundacja Rozwoju Demokracji Lokalnej",
                                 "Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego")}
    assert len(ids) == 1
    row = reg.table().iloc[0]
    assert row["name"] == "Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego"
    assert row["acronym"] == "FRDL" and row["kind"] == "ngo"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("UW", "Uniwersytet Warszawski"),
        ("UAM", "Uniwersytet im. Adama Mickiewicza w Poznaniu"),
        ("Uniwersytet Adama Mickiewicza w Poznaniu", "Uniwersytet im. Adama Mickiewicza w Poznaniu"),
        ("MSWiA", "Ministerstwo Spraw Wewnętrznych i Administracji"),
        ("MRPiPS", "Ministerstwo Rodziny, Pracy i Polityki Społecznej"),
        ("RPO", "Rzecznik Praw Obywatelskich"),
        ("KUL", "Katolicki Uniwersytet Lubelski Jana Pawła II"),
        ("Uniwersytet Warszawski (UW)", "Uniwersytet Warszawski"),
    ],
)
def test_acronyms_expand(name, expected):
    assert canonical(name).name == expected


def test_quotes_become_polish_quotes_so_spellings_meet():
    reg = OrganizationRegistry()
    ids = {reg.add(n) for n in ('Fundacja "Most"', "Fundacja „Most”", "Fundacja “Most”")}
    assert len(ids) == 1 and reg.table().iloc[0]["name"] == "Fundacja „Most”"


def test_unknown_acronym_is_kept_as_acronym():
    c = canonical("ZHP")
    assert (c.name, c.acronym) == ("ZHP", "ZHP")
    assert canonical("Fundacja Panoptykon").acronym is None


def test_acronym_in_parentheses_is_read_off():
    c = canonical("Fundacja Szkoła Liderów (FSL)")
    assert (c.name, c.acronym) == ("Fundacja Szkoła Liderów", "FSL")


@pytest.mark.parametrize(
    "unit, parent",
    [
        ("Departament Spraw Międzynarodowych i Migracji MSWiA", "Ministerstwo Spraw Wewnętrznych i Administracji"),
        ("Departament Integracji Społecznej MRPiPS", "Ministerstwo Rodziny, Pracy i Polityki Społecznej"),
        ("Ośrodek Badań nad Migracjami UW", "Uniwersytet Warszawski"),
        ("Wydział Prawa i Administracji Uniwersytetu Warszawskiego", "Uniwersytet Warszawski"),
        ("Departament Funduszy Europejskich Ministerstwa Kultury i Dziedzictwa Narodowego",
         "Ministerstwo Kultury i Dziedzictwa Narodowego"),
        ("Fundacja Panoptykon", None),
        ("Biblioteka Publiczna w dzielnicy Warszawa-Ursus", None),
    ],
)
def test_parent_from_the_name(unit, parent):
    assert parent_name(unit) == parent


def test_unit_links_to_parent_and_inherits_its_kind():
    reg = OrganizationRegistry()
    dept = reg.add("Departament Spraw Międzynarodowych i Migracji MSWiA")
    table = reg.table().set_index("org_id")
    parent_id = table.loc[dept, "parent_org_id"]
    assert table.loc[parent_id, "acronym"] == "MSWiA"
    assert table.loc[dept, "kind"] == table.loc[parent_id, "kind"] == "central_government"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Fundacja Ukraiński Dom", "ngo"),
        ("Stowarzyszenie Interwencji Prawnej", "ngo"),
        ("Ogólnopolska Federacja Organizacji Pozarządowych", "ngo"),
        ("Federacja Organizacji Służebnych MAZOWIA", "ngo"),
        ("Urząd Miasta Lublin", "local_government"),
        ("Gmina Wąchock", "local_government"),
        ("Starostwo Powiatowe w Kielcach", "local_government"),
        ("Miasto Stołeczne Warszawa", "local_government"),
        ("Ministerstwo Cyfryzacji", "central_government"),
        ("Senat RP", "central_government"),
        ("Uniwersytet Łódzki", "university"),
        ("Instytut Socjologii", "university"),
        ("Goethe University Frankfurt", "university"),
        ("Biblioteka Publiczna w dzielnicy Warszawa-Ursus", "culture"),
        ("Muzeum Historii Polski", "culture"),
        ("Dom Kultury Świt", "culture"),
        ("Gazeta Wyborcza", "media"),
        ("Komisja Europejska", "international"),
        ("Orlen S.A.", "business"),
        ("Parafia św. Anny", "other"),
        ("Miejska Biblioteka Publiczna w Lublinie", "culture"),
        ("Powiatowe Centrum Pomocy Rodzinie w Siedlcach", "local_government"),
        ("Centrum Wolontariatu w Siedlcach", "ngo"),
        ("Spółdzielnia Mleczarska Łąka", "business"),
        ("Watchdog Polska", None),
    ],
)
def test_kind_rules(name, kind):
    assert classify(name) == kind


def test_overrides_rename_and_set_kind():
    reg = OrganizationRegistry({"watchdog polska": OrgOverride(name="Sieć Obywatelska Watchdog Polska", kind="ngo"),
                                "siec obywatelska watchdog polska": OrgOverride(kind="ngo")})
    a, b = reg.add("Watchdog Polska"), reg.add("Sieć Obywatelska Watchdog Polska")
    assert a == b
    assert reg.table().iloc[0]["kind"] == "ngo"


def test_org_ids_do_not_depend_on_order():
    names = ["FRDL", "Departament Integracji Społecznej MRPiPS", "Fundacja Panoptykon"]
    one, two = OrganizationRegistry(), OrganizationRegistry()
    for n in names:
        one.add(n)
    for n in reversed(names):
        two.add(n)
    assert one.table().equals(two.table())
