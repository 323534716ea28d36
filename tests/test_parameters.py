import pytest

from helpers import paths
from helpers.build.parameters import absolute_paths, check, convert, declared
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
    with pytest.raises(ParameterError, match=words.replace("(", r"\(").replace(")", r"\)")):
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
