import shutil
import warnings

import pandas as pd
import pytest
from corpora import SEED_MANIFEST, SEED_RAW

from helpers import paths
from helpers.analysis import keyness, processed, segment, themes
from helpers.errors import CorpusWarning


@pytest.fixture
def sources(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    manifest = tmp_path / "corpus.csv"
    shutil.copyfile(SEED_MANIFEST, manifest)
    return processed.Sources(raw_dir=raw, manifest=manifest)


def _load(sources, cache_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return processed.load(sources, cache_dir=cache_dir)


def test_the_second_load_reads_the_cache_and_gives_the_same_tables(sources, tmp_path, monkeypatch):
    first = _load(sources, tmp_path / "processed")
    monkeypatch.setattr(processed, "compute", lambda *a, **k: pytest.fail("computed again"))
    second = _load(sources, tmp_path / "processed")
    assert second.key == first.key
    assert second.ledger.equals(first.ledger) and second.articles.equals(first.articles)


def test_every_table_covers_the_articles_about_the_zone(sources, tmp_path):
    tables = _load(sources, tmp_path / "processed")
    zone = set(tables.zone["article_id"])
    assert len(zone) == 7  # the seed's eight articles less the commentary
    assert set(tables.theme_counts["article_id"]) == zone
    assert set(tables.ledger["article_id"]) <= zone and set(tables.formula_mentions["article_id"]) <= zone


@pytest.mark.parametrize(
    "change",
    [
        lambda s: (s.raw_dir / "000_d456980f3589ac9b.txt").unlink(),
        lambda s: s.manifest.write_text(s.manifest.read_text("utf-8") + "\n", encoding="utf-8"),
    ],
    ids=["a raw file removed", "the manifest edited"],
)
def test_a_changed_input_changes_the_key(sources, change):
    before = processed.cache_key(sources)
    change(sources)
    assert processed.cache_key(sources) != before


def test_a_different_lexicon_file_changes_the_key(sources, tmp_path):
    other = tmp_path / "themes.yml"
    other.write_text(themes.THEMES_FILE.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    assert processed.cache_key(processed.Sources(sources.raw_dir, sources.manifest, themes_file=other)) != (
        processed.cache_key(sources)
    )


def test_a_corrupt_cache_entry_is_discarded_and_rebuilt(sources, tmp_path):
    cache = tmp_path / "processed"
    first = _load(sources, cache)
    (entry,) = cache.glob("tables-*.pkl")
    entry.write_bytes(b"not a pickle")
    again = _load(sources, cache)
    assert again.ledger.equals(first.ledger)
    assert entry.read_bytes() != b"not a pickle"


def test_curation_notes_are_given_again_when_the_tables_come_from_the_cache(sources, tmp_path):
    # A new page with no manifest row (the 2019 report with its last paragraph dropped).
    text = (sources.raw_dir / "000_d456980f3589ac9b.txt").read_text("utf-8")
    (sources.raw_dir / "copy.txt").write_text(text.rsplit("\n", 2)[0], encoding="utf-8")
    cache = tmp_path / "processed"
    for _ in range(2):  # computed, then cached
        with pytest.warns(CorpusWarning, match="copy.txt has no row"):
            processed.load(sources, cache_dir=cache)


def test_per_article_tokens_sum_to_the_per_year_counts_of_segmenting_each_year(sources, tmp_path):
    tables = _load(sources, tmp_path / "processed")
    # A paragraph printed twice counts once: the tokens are those of the counted text.
    counted = processed.counted_text(tables.zone)
    direct = keyness.token_counts_by_year(counted, segment.Segmenter.from_lexicon(paths.LEXICON))
    assert keyness.counts_by_year(tables.tokens, tables.zone).equals(direct)


def test_uncovered_words_from_the_tokens_match_segmenting_again(sources, tmp_path):
    tables = _load(sources, tmp_path / "processed")
    segmenter = segment.Segmenter.from_lexicon(paths.LEXICON)
    direct = themes.uncovered_terms(processed.counted_text(tables.zone), themes.load_themes(), segmenter, top_n=15)
    assert themes.uncovered_from_tokens(tables.rows_of("tokens", tables.zone), top_n=15).equals(direct)


def test_the_zone_of_a_table_read_back_from_csv_leaves_out_about_zone_false(articles):
    # Issue #10: astype(bool) read the string "False" as true.
    as_text = articles.assign(about_zone=articles["about_zone"].map({True: "True", False: "False"}))
    tables = processed.Tables(key="", articles=as_text)
    assert (~articles["about_zone"]).any()
    assert tables.zone["article_id"].tolist() == articles.loc[articles["about_zone"], "article_id"].tolist()


def _edit(path, extra="\n济宁高新区新增高新技术企业12家。\n"):
    path.write_text(path.read_text("utf-8") + extra, encoding="utf-8")


@pytest.fixture
def unlisted(tmp_path):
    """The seed corpus with no manifest, so a raw file may be edited."""
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    return processed.Sources(raw_dir=raw, manifest=tmp_path / "no-manifest.csv")


def _compute(sources, cache_dir=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return processed.compute(sources, cache_dir=cache_dir)


def test_articles_analysed_before_give_the_same_tables_as_analysing_all_at_once(unlisted, tmp_path):
    whole = _compute(unlisted)
    target = unlisted.raw_dir / "003_778513eb0832983c.txt"
    original = target.read_text("utf-8")
    _edit(target)
    _compute(unlisted, tmp_path / "p")  # the memo now holds the edited page's articles
    target.write_text(original, encoding="utf-8")
    again = _compute(unlisted, tmp_path / "p")  # the restored page is analysed anew, the rest reused
    for name in [*(n for n in processed.PER_ARTICLE_ORDER if n != "analysed"), "ledger_all"]:
        pd.testing.assert_frame_equal(getattr(again, name), getattr(whole, name), obj=name)


def test_the_ledger_of_every_article_keeps_the_zones_rows_and_adds_the_others(unlisted):
    # Reader problem (issue 11 follow-up): figures of an article not about the zone were in no table.
    # The 2021 page's legal-theory commentary is not about the zone; its figures are kept, marked so,
    # and the zone's ledger (what every report counts) is the same rows as before.
    tables = _compute(unlisted)
    every, zone = tables.ledger_all, tables.ledger
    assert not zone.empty and zone["about_zone"].all()
    outside = set(tables.articles.loc[~tables.articles["about_zone"], "article_id"])
    assert outside and set(every.loc[~every["about_zone"], "article_id"]) <= outside
    pd.testing.assert_frame_equal(every[every["about_zone"]].reset_index(drop=True), zone)
    assert set(zone["article_id"]).isdisjoint(outside)


def test_only_the_changed_article_is_analysed_again(unlisted, tmp_path, monkeypatch):
    _compute(unlisted, tmp_path / "p")
    _edit(unlisted.raw_dir / "000_d456980f3589ac9b.txt")
    analysed = []
    real = processed._analyse
    monkeypatch.setattr(processed, "_analyse", lambda zone, s: analysed.append(len(zone)) or real(zone, s))
    tables = _compute(unlisted, tmp_path / "p")
    assert analysed == [1]  # the 2019 page holds one article about the zone
    assert tables.ledger["sentence"].str.contains("新增高新技术企业12家").any()


def test_a_year_view_holds_its_year_and_the_year_compared_with(sources, tmp_path):
    tables = _load(sources, tmp_path / "processed")
    view = tables.year_view(2021)
    assert view.previous == 2019 and set(view.articles["year"]) == {2019, 2021}
    assert set(view.ledger["article_id"]) <= set(view.articles["article_id"])
    assert view.files == sorted(set(tables.articles.loc[tables.articles["year"].isin([2019, 2021]), "file"]))
    assert (view.new_formulas["first_year"] == 2021).all()


def test_an_article_of_another_year_leaves_a_years_view_unchanged(unlisted, tmp_path):
    before = _compute(unlisted, tmp_path / "p")
    _edit(unlisted.raw_dir / "001_cef1137a2e8bed19.txt")  # a 2017 page
    after = _compute(unlisted, tmp_path / "p")
    assert after.year_view(2021).digest() == before.year_view(2021).digest()
    assert after.year_view(2017).digest() != before.year_view(2017).digest()


def test_the_summary_is_read_without_loading_the_tables(sources, tmp_path, monkeypatch):
    cache = tmp_path / "processed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        first = processed.summary(sources, cache)
        monkeypatch.setattr(processed, "load", lambda *a, **k: pytest.fail("tables loaded"))
        second = processed.summary(sources, cache)
    assert second == first and set(first["views"]) == {"2017", "2018", "2019", "2021"}
    assert processed.summary_articles(first)["about_zone"].sum() == 7
