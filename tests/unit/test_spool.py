"""The record spool: records on disk during the crawl, read back as often as table building needs."""
from __future__ import annotations

import pandas as pd

from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.duplicates import compared_text, page_signature
from kongres_scraper.dataset.spool import RecordSpool

from test_build import COPY, example_records, record


def test_records_come_back_in_order_on_every_pass(tmp_path):
    with RecordSpool(tmp_path) as spool:
        for k in range(5):
            spool.add({"url": f"https://a.example/{k}", "text": f"tekst {k} zażółć", "title": f"Tytuł {k}"})
        assert len(spool) == 5
        first = [r["url"] for r in spool]
        assert first == [f"https://a.example/{k}" for k in range(5)] == [r["url"] for r in spool]
        assert next(iter(spool)) == {"url": "https://a.example/0", "title": "Tytuł 0"}  # no table has the text


def test_the_text_is_kept_as_a_signature_not_in_the_spooled_record(tmp_path):
    text = "Tekst strony o kongresie, który jest dość długi, aby mieć podpis. " * 20
    with RecordSpool(tmp_path) as spool:
        spool.add({"url": "https://a.example/x", "text": text})
        assert list(spool) == [{"url": "https://a.example/x"}]
        assert list(spool.signatures()) == [(len(compared_text({"text": text})), page_signature(text)[1])]
        assert list(spool.compared_at({0})) == [(0, compared_text({"text": text}))]


def test_a_url_extracted_again_keeps_its_last_record(tmp_path):
    with RecordSpool(tmp_path) as spool:
        spool.add({"url": "https://a.example/x", "title": "pierwszy"})
        spool.add({"url": "https://a.example/y", "title": "inny"})
        spool.add({"url": "https://a.example/x", "title": "drugi"})
        assert len(spool) == 2
        assert {r["url"]: r["title"] for r in spool} == {"https://a.example/x": "drugi", "https://a.example/y": "inny"}


def test_the_spool_leaves_no_file_behind(tmp_path):
    spool = RecordSpool(tmp_path)
    spool.add({"url": "https://a.example/x", "text": "t" * 5000})
    assert spool and not list(tmp_path.iterdir())  # a file without a name: gone even if the crawl is killed
    spool.close()
    assert not list(tmp_path.iterdir())


def test_passes_can_interleave(tmp_path):
    with RecordSpool(tmp_path) as spool:
        for k in range(3):
            spool.add({"url": f"https://a.example/{k}"})
        outer = iter(spool)
        assert next(outer)["url"] == "https://a.example/0"
        assert [r["url"] for r in spool][-1] == "https://a.example/2"
        assert next(outer)["url"] == "https://a.example/1"


def test_tables_from_a_spool_equal_tables_from_a_list(tmp_path):
    records = example_records() + [record(COPY, text="Nowsza wersja " * 30)]  # a re-fetch replaces the parse
    expected = build_tables(records, [])
    with RecordSpool(tmp_path) as spool:
        for r in records:
            spool.add(r)
        got = build_tables(spool, [])
    assert set(got) == set(expected)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], check_like=False)


def test_compared_at_gives_the_compared_texts_of_the_positions_asked(tmp_path):
    texts = [f"tekst numer {k} zażółć gęślą jaźń " * 10 for k in range(4)]
    with RecordSpool(tmp_path) as spool:
        for k, text in enumerate(texts):
            spool.add({"url": f"https://a.example/{k}", "text": text})
        spool.add({"url": "https://a.example/1", "text": "Znowu " + texts[1]})  # replaces the record of position 1
        spool.add({"url": "https://a.example/5", "text": "za krótki"})  # no signature: never compared
        assert [r["url"][-1] for r in spool] == ["0", "2", "3", "1", "5"]
        assert list(spool.compared_at({1, 3, 4})) == [(1, compared_text({"text": texts[2]})),
                                                       (3, compared_text({"text": "Znowu " + texts[1]}))]
        assert list(spool.compared_at(set())) == []


def test_signatures_follow_the_last_record_of_each_url(tmp_path):
    long_a, long_b = "pierwsza wersja strony " * 20, "zupełnie inny tekst artykułu " * 20
    with RecordSpool(tmp_path) as spool:
        spool.add({"url": "https://a.example/x", "text": long_a})
        spool.add({"url": "https://a.example/y", "text": long_a})
        spool.add({"url": "https://a.example/z", "text": "krótki"})
        spool.add({"url": "https://a.example/x", "text": long_b})  # a re-fetch replaces the signature
        spool.add({"url": "https://a.example/y", "text": "teraz krótki"})  # ... or drops it
        spool.add({"url": "https://a.example/z", "text": long_a})  # ... or gives one
        expected = [page_signature(text) for text in (long_b, "teraz krótki", long_a)]  # x, y, z: their last texts
        assert list(spool.signatures()) == [(len(compared), signature) for compared, signature in expected]
        assert [s is None for _, s in spool.signatures()] == [False, True, False]
