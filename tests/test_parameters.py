import json
import os
import re

import pytest

from helpers import paths
from helpers.build.parameters import absolute_paths, bound_names, check, check_namespace, convert, declared
from helpers.errors import ParameterError

YEAR_REVIEW = paths.NOTEBOOKS / "05_year_review.ipynb"
THEMES = paths.NOTEBOOKS / "02_themes.ipynb"


def test_declared_parameters_have_types_defaults_and_help():
    spec = declared(YEAR_REVIEW)
    assert spec["year"]["inferred_type_name"] == "int" and spec["year"]["help"]
    assert spec["compare_to"]["default"] == "0"


@pytest.mark.parametrize(
    "text, type_name, value",
    [
        ("2021", "int", 2021),
        ("../x", "str", "../x"),
        ("2.5", "float", 2.5),
        ("3", "float", 3.0),
        ("true", "bool", True),
    ],
)
def test_command_line_strings_become_the_declared_type(text, type_name, value):
    assert convert("p", text, type_name) == value


@pytest.mark.parametrize(
    "values, allowed, words",
    [
        (
            {"yaer": 2021},
            None,
            "05_year_review.ipynb has no parameter 'yaer' (did you mean 'year'?); its parameters are: year, compare_to",
        ),
        ({"year": "twenty"}, None, "parameter 'year' must be int, got 'twenty'"),
        ({"year": 2021.0}, None, "parameter 'year' must be int, got 2021.0 (float)"),
        ({"year": True}, None, "parameter 'year' must be int"),
        (
            {"year": 2020},
            {"year": [2017, 2018, 2019, 2021]},
            "parameter 'year' cannot be 2020; allowed: 2017, 2018, 2019, 2021",
        ),
    ],
)
def test_bad_values_name_the_parameter_the_value_and_what_is_allowed(values, allowed, words):
    with pytest.raises(ParameterError, match=re.escape(words)):
        check(YEAR_REVIEW, values, allowed)


def test_good_values_are_converted_and_returned():
    assert check(YEAR_REVIEW, {"year": "2019", "compare_to": 2017}, {"year": [2019], "compare_to": [0, 2017]}) == {
        "year": 2019,
        "compare_to": 2017,
    }
    assert check(THEMES, {"top_n": "5", "themes_file": "x.yml"}) == {"top_n": 5, "themes_file": "x.yml"}


def test_a_missing_manifest_is_allowed_but_a_missing_lexicon_is_not(tmp_path):
    # A corpus may have no manifest yet (every file is read with detected metadata); a lexicon must exist.
    notebook = paths.NOTEBOOKS / "02_themes.ipynb"
    got = absolute_paths(notebook, {"manifest": "corpus.csv"}, base=tmp_path)
    assert got["manifest"] == str(tmp_path / "corpus.csv")
    with pytest.raises(ParameterError, match="themes_file"):
        absolute_paths(notebook, {"themes_file": "nowhere.yml"}, base=tmp_path)


@pytest.mark.parametrize(
    "notebook, values, words",
    [
        ("02_themes", {"first_year": 2021, "last_year": 2017}, "first_year is after last_year"),
        ("02_themes", {"top_n": 0}, "top_n is below 1"),
        ("05_year_review", {"year": 2021, "compare_to": 2021}, "compare_to is the year under review"),
        ("02_themes", {"last_year": 1990}, "first_year is after last_year"),  # against the default first_year
    ],
)
def test_parameters_that_contradict_each_other_stop_before_any_kernel(notebook, values, words):
    with pytest.raises(ParameterError, match=words):
        check(paths.NOTEBOOKS / f"{notebook}.ipynb", values)


# What a fresh kernel holds before any cell runs (IPython's own names), as papermill hands it to the check cell.
KERNEL = {"In": [], "Out": {}, "get_ipython": lambda: None, "exit": None, "quit": None, "_": "", "_i1": "", "_oh": {}}


def namespace(notebook, **given):
    """A kernel's namespace after the parameters cell and papermill's injected parameters."""
    values = {}
    for name, spec in declared(paths.NOTEBOOKS / f"{notebook}.ipynb").items():
        values[name] = eval(spec["default"])  # the parameters cell, as the kernel ran it
    return {**KERNEL, "__name__": "__main__", "__builtins__": {}, **values, **given}


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Run from a folder that is not notebooks/, as papermill from the project root does."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "notebook, given, words",
    [
        (
            "05_year_review",
            {"yeer": 2021},
            "05_year_review.ipynb has no parameter 'yeer' (did you mean 'year'?); its parameters are: year, compare_to",
        ),
        ("05_year_review", {"top_n": 5}, "05_year_review.ipynb has no parameter 'top_n'; its parameters are: year"),
        ("02_themes", {"top_n": 0}, "top_n is below 1 (top_n=0): give top_n of 1 or more"),
        ("02_themes", {"top_n": "5"}, "parameter 'top_n' must be int, got '5' (str)"),  # papermill -r top_n 5
        ("02_themes", {"first_year": 2022, "last_year": 2017}, "first_year is after last_year"),
        ("05_year_review", {"compare_to": 2021}, "compare_to is the year under review (year=2021, compare_to=2021)"),
        (
            "01_corpus",
            {"raw_dir": "nowhere"},
            f"parameter 'raw_dir' names nowhere, which does not exist (looked for {paths.NOTEBOOKS / 'nowhere'})",
        ),
    ],
)
def test_a_notebook_refuses_what_the_command_line_refuses(notebook, given, words, elsewhere):
    with pytest.raises(ParameterError, match=re.escape(words)):
        check_namespace(notebook, namespace(notebook, **given))


@pytest.mark.parametrize("notebook", ["01_corpus", "02_themes", "03_indicators", "04_narrative", "05_year_review"])
def test_defaults_pass_and_the_kernel_then_works_in_notebooks(notebook, elsewhere):
    check_namespace(notebook, namespace(notebook))
    assert os.getcwd() == str(paths.NOTEBOOKS)  # so "../data/raw" is the project's data/raw from any folder


@pytest.mark.parametrize("notebook", ["01_corpus", "02_themes", "03_indicators", "04_narrative", "05_year_review"])
def test_running_the_check_again_after_the_whole_notebook_is_not_an_error(notebook, elsewhere):
    # In JupyterLab after "Run all", the namespace holds every name the notebook's cells bind.
    own = dict.fromkeys(bound_names(paths.NOTEBOOKS / f"{notebook}.ipynb"))
    assert {"parameters", "Path"} <= set(own)  # the check cell's own import, and the imports cell's
    check_namespace(notebook, {**own, **namespace(notebook)})


def test_names_bound_in_any_way_are_the_notebooks_own(tmp_path):
    cells = [
        "import numpy.linalg\nfrom os import path as p\n%matplotlib inline",
        "for i, (j, k) in enumerate([]):\n    pass\nwith open(x) as f:\n    y = [z for z in f]",
        "def fn():\n    pass\nclass C:\n    pass\ntry:\n    pass\nexcept OSError as err:\n    pass\nw: int = 1",
        "(walrus := 1)",
        "broken = = 1",  # a cell that is not Python binds nothing we can know of
    ]
    notebook = tmp_path / "n.ipynb"
    code = [{"cell_type": "code", "source": cell} for cell in cells]
    notebook.write_text(json.dumps({"cells": [*code, {"cell_type": "markdown", "source": "md = 1"}]}), encoding="utf-8")
    assert bound_names(notebook) == {"numpy", "p", "i", "j", "k", "f", "y", "z", "fn", "C", "err", "w", "walrus"}


def test_what_papermill_cannot_inject_is_never_an_unknown_parameter(elsewhere):
    # The build's warm kernel imports matplotlib before the first cell to snapshot its settings.
    import matplotlib

    check_namespace("01_corpus", {**namespace("01_corpus"), "matplotlib": matplotlib, "helper": len})
    with pytest.raises(ParameterError, match="has no parameter 'matplotlib'"):
        check_namespace("01_corpus", {**namespace("01_corpus"), "matplotlib": "agg"})  # -p matplotlib agg
