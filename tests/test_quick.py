"""The quick check that a build has nothing to do (helpers.build.quick)."""

import subprocess
import sys

import pytest

from helpers.build import quick


@pytest.fixture
def tree(tmp_path):
    raw, out, work = tmp_path / "raw", tmp_path / "reports", tmp_path / "build"
    raw.mkdir()
    (raw / "a.txt").write_text("济宁高新区 高新区", encoding="utf-8")
    (out / "years").mkdir(parents=True)
    (out / "index.html").write_text("<p>index</p>", encoding="utf-8")
    return raw, tmp_path / "corpus.csv", out, work


def _key(tree, options=None):
    raw, manifest, out, _ = tree
    return quick.fingerprint(options or {"only": None}, raw, manifest, out)


@pytest.mark.parametrize(
    "change",
    [
        lambda raw, out: (raw / "a.txt").write_text("济宁高新区 高新区 改", encoding="utf-8"),
        lambda raw, out: (raw / "b.txt").write_text("新文章", encoding="utf-8"),
        lambda raw, out: (out / "index.html").write_text("<p>edited by hand</p>", encoding="utf-8"),
        lambda raw, out: (out / "years" / "2019.html").write_text("<p>stray</p>", encoding="utf-8"),
    ],
    ids=["a raw file edited", "a raw file added", "a report edited", "a report added"],
)
def test_any_change_to_the_corpus_or_the_reports_means_a_build(tree, change):
    before = _key(tree)
    change(tree[0], tree[2])
    assert _key(tree) != before


def test_other_options_mean_a_build(tree):
    assert _key(tree, {"only": ["02_themes"]}) != _key(tree, {"only": None})


def test_the_last_builds_notes_are_given_back_when_nothing_changed(tree):
    work = tree[3]
    assert quick.unchanged(_key(tree), work) is None  # never built
    quick.remember(_key(tree), ["a.txt has no row in data/corpus.csv"], work)
    assert quick.unchanged(_key(tree), work) == ["a.txt has no row in data/corpus.csv"]
    (work / "cache" / "last-build.json").write_text("{not json", encoding="utf-8")
    assert quick.unchanged(_key(tree), work) is None  # a damaged record means a build


def test_the_check_needs_neither_pandas_nor_the_analysis():
    code = "import sys; import helpers.build.quick, helpers.__main__; print(sorted({'pandas', 'helpers.analysis.processed'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
