"""kongres_scraper.keys: the published folding, and the reduced forms used to join organisations."""
from __future__ import annotations

from test_build import build

from kongres_scraper.keys import fold, org_keys
from kongres_scraper.normalize.names import match_key


def test_fold_drops_polish_letters_including_l_with_stroke():
    assert fold("Łódź, Żółć") == "lodz zolc"


def test_fold_lowercases_and_collapses_spacing():
    assert fold("  Fundacja   PANOPTYKON ") == "fundacja panoptykon"


def test_fold_turns_quotes_and_commas_into_spaces():
    assert fold("Ministerstwo Rodziny, Pracy i „Polityki” Społecznej") == "ministerstwo rodziny pracy i polityki spolecznej"


def test_fold_joins_a_dash_between_words_into_one_hyphen():
    assert fold("Nowicka – Bąk") == fold("Nowicka-Bąk") == "nowicka-bak"


def test_fold_is_the_people_match_key():
    people = build()["people"]
    assert [fold(n) for n in people["name"]] == [match_key(n) for n in people["name"]]
    assert list(people["match_key"]) == [fold(n) for n in people["name"]]


def test_org_keys_starts_with_the_folded_name():
    assert org_keys("Fundacja Panoptykon") == ["fundacja panoptykon"]


def test_org_keys_drops_a_trailing_seat():
    assert org_keys("Uniwersytet Jagielloński w Krakowie")[1:] == ["uniwersytet jagiellonski"]


def test_org_keys_drops_the_word_im_and_a_trailing_patron():
    keys = org_keys("Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego")
    assert "fundacja rozwoju demokracji lokalnej jerzego regulskiego" in keys
    assert keys[-1] == "fundacja rozwoju demokracji lokalnej"


def test_org_keys_never_reduces_to_one_word():
    assert org_keys("Uniwersytet im. Adama Mickiewicza") == [
        "uniwersytet im. adama mickiewicza", "uniwersytet adama mickiewicza"]
