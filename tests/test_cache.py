import shutil

import pytest
from corpora import SEED_MANIFEST, SEED_RAW

from helpers import paths
from helpers.build import cache, registry


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A copy of data/lexicon that the cache reads instead of the real one."""
    copy = tmp_path / "lexicon"
    shutil.copytree(paths.LEXICON, copy)
    monkeypatch.setattr(paths, "LEXICON", copy)
    return copy


def keys():
    specs = [*registry.REPORTS, registry.year_report(2021)]
    code = cache.code_hashes()
    return {s.key: cache.cache_key(s, {"p": "1"}, SEED_RAW, SEED_MANIFEST, code) for s in specs}


def test_changing_one_lexicon_file_changes_only_the_reports_that_read_it(lexicon_copy):
    before = keys()
    (lexicon_copy / "series.yml").write_text(
        (lexicon_copy / "series.yml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    after = keys()
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == ["03_indicators", "04_narrative", "years/2021"]


def test_parameters_and_code_are_part_of_the_key():
    spec = registry.REPORTS[0]
    code = cache.code_hashes()
    base = cache.cache_key(spec, {"a": "1"}, SEED_RAW, SEED_MANIFEST, code)
    assert cache.cache_key(spec, {"a": "2"}, SEED_RAW, SEED_MANIFEST, code) != base
    assert cache.cache_key(spec, {"a": "1"}, SEED_RAW, SEED_MANIFEST, {**code, "corpus.py": "x"}) != base
    assert cache.cache_key(spec, {"a": "1"}, SEED_RAW, SEED_MANIFEST, code) == base


def test_a_report_is_fresh_only_while_key_and_published_files_match(tmp_path):
    spec = registry.ReportSpec("01_corpus", "t", "s", ("articles.csv",))
    out, work = tmp_path / "reports", tmp_path / "build"
    (out / "data").mkdir(parents=True)
    (out / "01_corpus.html").write_text("<html>", encoding="utf-8")
    (out / "data" / "articles.csv").write_text("a\n", encoding="utf-8")
    assert not cache.is_fresh(spec, "k1", out, work)
    cache.remember(spec, "k1", out, work)
    assert cache.is_fresh(spec, "k1", out, work)
    assert not cache.is_fresh(spec, "k2", out, work)
    (out / "01_corpus.html").write_text("<html>edited by hand", encoding="utf-8")
    assert not cache.is_fresh(spec, "k1", out, work)
