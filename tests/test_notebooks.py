"""The notebooks: their parameters are what we expect, and they run on a small fixture corpus."""

import json

import papermill
import pandas as pd
import pytest

from helpers import paths
from helpers.build import REPORTS, ensure_kernel

EXPECTED_PARAMETERS = {
    "01_corpus": {"raw_dir": "str", "manifest": "str", "output_dir": "str"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_parameters_are_typed_and_commented(name):
    declared = papermill.inspect_notebook(str(paths.NOTEBOOKS / f"{name}.ipynb"))
    assert {k: v["inferred_type_name"] for k, v in declared.items()} == EXPECTED_PARAMETERS[name]
    assert all(v["help"] for v in declared.values()), "every parameter needs a comment saying what it is"


def test_every_report_has_a_notebook_with_one_parameters_cell():
    for spec in REPORTS:
        cells = json.loads(spec.notebook.read_text(encoding="utf-8"))["cells"]
        tagged = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, spec.name
        assert not any(c.get("outputs") for c in cells), f"{spec.name}: commit notebooks without outputs"


@pytest.mark.slow
def test_corpus_notebook_runs_on_the_fixture_corpus(small_corpus, tmp_path):
    raw, manifest = small_corpus
    out = tmp_path / "tables"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / "01_corpus.ipynb"), str(tmp_path / "out.ipynb"), kernel_name=ensure_kernel(),
        parameters={"raw_dir": str(raw), "manifest": str(manifest), "output_dir": str(out)},
        cwd=str(paths.NOTEBOOKS), progress_bar=False,
    )
    table = pd.read_csv(out / "articles.csv")
    assert table["date"].tolist() == ["2017-10-23", "2019-12-03"]
    assert table["encoding"].tolist() == ["utf-8-sig", "gb18030"]
