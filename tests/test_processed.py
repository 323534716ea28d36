import shutil
import warnings

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
    direct = keyness.token_counts_by_year(tables.zone, segment.Segmenter.from_lexicon(paths.LEXICON))
    assert keyness.counts_by_year(tables.tokens, tables.zone).equals(direct)


def test_uncovered_words_from_the_tokens_match_segmenting_again(sources, tmp_path):
    tables = _load(sources, tmp_path / "processed")
    segmenter = segment.Segmenter.from_lexicon(paths.LEXICON)
    direct = themes.uncovered_terms(tables.zone, themes.load_themes(), segmenter, top_n=15)
    assert themes.uncovered_from_tokens(tables.rows_of("tokens", tables.zone), top_n=15).equals(direct)


def test_the_zone_of_a_table_read_back_from_csv_leaves_out_about_zone_false(articles):
    # Issue #10: astype(bool) read the string "False" as true.
    as_text = articles.assign(about_zone=articles["about_zone"].map({True: "True", False: "False"}))
    tables = processed.Tables(key="", articles=as_text)
    assert (~articles["about_zone"]).any()
    assert tables.zone["article_id"].tolist() == articles.loc[articles["about_zone"], "article_id"].tolist()
