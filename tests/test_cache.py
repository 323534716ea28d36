import shutil

import pytest
from corpora import SEED_MANIFEST, SEED_RAW

from helpers import paths
from helpers.build import cache, registry
from helpers.hashing import code_hashes


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A copy of data/lexicon that the cache reads instead of the real one."""
    copy = tmp_path / "lexicon"
    shutil.copytree(paths.LEXICON, copy)
    monkeypatch.setattr(paths, "LEXICON", copy)
    return copy


def keys():
    specs = [*registry.REPORTS, registry.year_report(2021)]
    code = code_hashes()
    return {s.key: cache.cache_key(s, {"p": "1"}, SEED_RAW, SEED_MANIFEST, code) for s in specs}


def test_changing_one_lexicon_file_changes_every_report_since_all_read_the_shared_tables(lexicon_copy):
    # Every notebook loads the tables of helpers.analysis.processed, made with every lexicon:
    # editing series.yml may change any report (the corpus report included), so none may be skipped.
    before = keys()
    (lexicon_copy / "series.yml").write_text(
        (lexicon_copy / "series.yml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    after = keys()
    assert sorted(k for k in before if before[k] != after[k]) == sorted(before)


def test_a_file_outside_the_lexicons_changes_no_key(lexicon_copy):
    before = keys()
    (lexicon_copy / "notes.txt").write_text("a curator's note, read by no report\n", encoding="utf-8")
    assert keys() == before


def test_parameters_and_code_are_part_of_the_key():
    spec = registry.REPORTS[0]
    code = code_hashes()
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


# --- Files named by parameters (issue #10) ------------------------------------------


def themes_key(shown: dict) -> str:
    spec = registry.REPORTS[1]  # 02_themes
    return cache.cache_key(spec, shown, SEED_RAW, SEED_MANIFEST, code_hashes())


@pytest.mark.parametrize("name, file", [("themes_file", "themes.yml"), ("lexicon_dir", "stopwords.txt")])
def test_changing_the_file_a_parameter_names_changes_the_key(tmp_path, name, file):
    from helpers.build.run import resolved_parameters

    shutil.copyfile(paths.LEXICON / file, tmp_path / file)
    given = tmp_path / file if name.endswith("_file") else tmp_path
    shown = resolved_parameters(registry.REPORTS[1].notebook, {name: str(given)})
    before = themes_key(shown)
    assert before != themes_key(resolved_parameters(registry.REPORTS[1].notebook, {}))  # another file
    assert themes_key(shown) == before
    (tmp_path / file).write_text((tmp_path / file).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert themes_key(shown) != before  # the same file, changed


def test_the_run_record_names_the_file_a_parameter_named_with_its_sha256(tmp_path):
    from helpers.build.record import input_hashes
    from helpers.build.run import resolved_parameters
    from helpers.hashing import file_sha256

    spec = registry.REPORTS[1]  # 02_themes
    mine = tmp_path / "my_themes.yml"
    shutil.copyfile(paths.LEXICON / "themes.yml", mine)
    mine.write_text(mine.read_text(encoding="utf-8") + "\n# mine\n", encoding="utf-8")
    default = input_hashes(
        SEED_RAW, SEED_MANIFEST, spec.notebook, spec.lexicons, resolved_parameters(spec.notebook, {})
    )
    assert default == input_hashes(SEED_RAW, SEED_MANIFEST, spec.notebook, spec.lexicons)  # the defaults, as before
    shown = resolved_parameters(spec.notebook, {"themes_file": str(mine)})
    inputs = input_hashes(SEED_RAW, SEED_MANIFEST, spec.notebook, spec.lexicons, shown)
    assert inputs[mine.as_posix()] == file_sha256(mine)
    assert "data/lexicon/themes.yml" not in inputs  # not read
    assert inputs["data/lexicon/stopwords.txt"] == default["data/lexicon/stopwords.txt"]  # still read
