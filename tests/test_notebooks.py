"""The notebooks: their parameters are what we expect, and they run on a small fixture corpus."""

import json
import os
from pathlib import Path

import pandas as pd
import papermill
import pytest

from helpers import paths
from helpers.analysis import targets
from helpers.build.registry import REPORTS, YEAR_REVIEW
from helpers.build.run import ensure_kernel

CORPUS = {"raw_dir": "str", "manifest": "str"}
EXPECTED_PARAMETERS = {
    "01_corpus": {**CORPUS, "output_dir": "str"},
    "02_themes": {
        **CORPUS,
        "themes_file": "str",
        "lexicon_dir": "str",
        "first_year": "int",
        "last_year": "int",
        "top_n": "int",
        "seed": "int",
        "output_dir": "str",
    },
    "03_indicators": {
        **CORPUS,
        "rules": "str",
        "series": "str",
        "first_year": "int",
        "last_year": "int",
        "output_dir": "str",
    },
    "04_narrative": {
        **CORPUS,
        "themes_file": "str",
        "rules": "str",
        "series": "str",
        "formulas_file": "str",
        "entities_file": "str",
        "output_dir": "str",
    },
    "05_year_review": {
        "year": "int",
        "compare_to": "int",
        **CORPUS,
        "themes_file": "str",
        "rules": "str",
        "series": "str",
        "formulas_file": "str",
        "output_dir": "str",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_parameters_are_typed_and_commented(name):
    declared = papermill.inspect_notebook(str(paths.NOTEBOOKS / f"{name}.ipynb"))
    assert {k: v["inferred_type_name"] for k, v in declared.items()} == EXPECTED_PARAMETERS[name]
    assert all(v["help"] for v in declared.values()), "every parameter needs a comment saying what it is"


def test_every_report_has_a_notebook_with_one_parameters_cell():
    for spec in (*REPORTS, YEAR_REVIEW):
        cells = json.loads(spec.notebook.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, spec.name
        assert not any(c.get("outputs") for c in cells), f"{spec.name}: commit notebooks without outputs"


def test_every_notebook_checks_its_parameters_right_after_declaring_them():
    # papermill injects its parameters after the parameters cell, so the check directly after sees them.
    for spec in (*REPORTS, YEAR_REVIEW):
        cells = json.loads(spec.notebook.read_text(encoding="utf-8"))["cells"]
        at = next(i for i, c in enumerate(cells) if "parameters" in c["metadata"].get("tags", []))
        check = cells[at + 1]
        assert check["id"] == "check" and check["metadata"]["tags"] == ["remove_cell"], spec.name
        assert f'parameters.check_namespace("{spec.notebook.stem}", globals())' in "".join(check["source"])


def run(name, raw, manifest, out, tmp_path, **extra):
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / f"{name}.ipynb"),
        str(tmp_path / f"{name}.ipynb"),
        kernel_name=ensure_kernel(),
        parameters={"raw_dir": str(raw), "manifest": str(manifest), "output_dir": str(out), **extra},
        cwd=str(paths.NOTEBOOKS),
        progress_bar=False,
    )


@pytest.mark.slow
def test_corpus_notebook_runs_on_the_fixture_corpus(small_corpus, tmp_path):
    run("01_corpus", *small_corpus, tmp_path / "tables", tmp_path)
    table = pd.read_csv(tmp_path / "tables" / "articles.csv")
    assert table["date"].tolist() == ["2017-10-23", "2019-12-03"]
    assert table["encoding"].tolist() == ["utf-8-sig", "gb18030"]


@pytest.mark.slow
def test_themes_notebook_runs_on_the_fixture_corpus(small_corpus, tmp_path):
    run("02_themes", *small_corpus, tmp_path / "tables", tmp_path, top_n=5)
    themes = pd.read_csv(tmp_path / "tables" / "themes.csv")
    assert sorted(themes["year"].unique()) == [2017, 2019]
    assert themes.groupby("article_id").size().nunique() == 1  # every article has a row per theme


@pytest.mark.slow
def test_indicators_notebook_runs_on_the_fixture_corpus(small_corpus, tmp_path):
    run("03_indicators", *small_corpus, tmp_path / "tables", tmp_path)
    ledger = pd.read_csv(tmp_path / "tables" / "indicators.csv")
    first = ledger[ledger["year"] == 2019].iloc[0]
    assert (first["value"], first["kind"]) == ("第一", "ranking")  # 济宁高新区获第一名, in the headline


@pytest.mark.slow
def test_a_year_range_with_no_articles_stops_the_notebook(small_corpus, tmp_path):
    with pytest.raises(
        papermill.PapermillExecutionError,
        match="no articles about the zone between 2030 and 2031; years with articles about the zone: 2017, 2019",
    ):
        run("03_indicators", *small_corpus, tmp_path / "tables", tmp_path, first_year=2030, last_year=2031)


@pytest.mark.slow
def test_year_review_runs_for_a_year_and_refuses_one_without_articles(small_corpus, tmp_path):
    run("05_year_review", *small_corpus, tmp_path / "tables", tmp_path, year=2019)
    with pytest.raises(
        papermill.PapermillExecutionError, match="no articles about the zone in 2018; years with articles: 2017, 2019"
    ):
        run("05_year_review", *small_corpus, tmp_path / "tables", tmp_path, year=2018)


@pytest.mark.slow
def test_narrative_notebook_runs_on_the_fixture_corpus(small_corpus, tmp_path):
    run("04_narrative", *small_corpus, tmp_path / "tables", tmp_path)
    promises = pd.read_csv(tmp_path / "tables" / "targets_vs_outcomes.csv")
    assert set(promises["status"]) <= set(targets.STATUSES)
    formulas = pd.read_csv(tmp_path / "tables" / "formulas.csv")
    assert "四大主导产业" in set(formulas["canonical"])  # named in the 2019 excerpt


@pytest.mark.slow
def test_a_notebook_run_from_any_folder_checks_its_parameters_and_reads_paths_from_notebooks(small_corpus, tmp_path):
    # papermill started elsewhere (the kernel's folder is tmp_path): relative paths still mean notebooks/…
    raw, manifest = (os.path.relpath(path, paths.NOTEBOOKS) for path in small_corpus)
    given = {"raw_dir": raw, "manifest": manifest, "output_dir": str(tmp_path / "tables")}
    out = str(tmp_path / "out.ipynb")
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / "05_year_review.ipynb"),
        out,
        kernel_name=ensure_kernel(),
        parameters={**given, "year": 2019},
        cwd=str(tmp_path),
        progress_bar=False,
    )
    check_cell = next(c for c in json.loads(Path(out).read_text(encoding="utf-8"))["cells"] if c["id"] == "check")
    assert check_cell["outputs"] == []  # tagged remove_cell, and silent: the report is unchanged by it
    with pytest.raises(papermill.PapermillExecutionError, match=r"no parameter 'yeer' \(did you mean 'year'\?\)"):
        papermill.execute_notebook(
            str(paths.NOTEBOOKS / "05_year_review.ipynb"),
            out,
            kernel_name=ensure_kernel(),
            parameters={**given, "yeer": 2019},
            cwd=str(tmp_path),
            progress_bar=False,
        )


@pytest.mark.slow
def test_the_check_cell_runs_again_after_the_whole_notebook_as_in_jupyterlab(small_corpus, tmp_path):
    # "Run All", then the check cell once more: a copy of the notebook with the check cell repeated at the end.
    notebook = json.loads((paths.NOTEBOOKS / "05_year_review.ipynb").read_text(encoding="utf-8"))
    check = next(c for c in notebook["cells"] if c["id"] == "check")
    notebook["cells"].append({**check, "id": "check-again"})
    copy = tmp_path / "05_year_review.ipynb"
    copy.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    raw, manifest = small_corpus
    given = {"raw_dir": str(raw), "manifest": str(manifest), "output_dir": str(tmp_path / "tables"), "year": 2019}
    # raises PapermillExecutionError if the names the notebook itself bound were refused
    papermill.execute_notebook(
        str(copy), str(tmp_path / "out.ipynb"), kernel_name=ensure_kernel(), parameters=given, progress_bar=False
    )
