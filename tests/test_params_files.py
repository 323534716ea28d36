"""Named parameter sets in notebooks/params/ name real parameters with values of the right type."""

import pytest

from helpers import paths
from helpers.build.parameters import check
from helpers.errors import ParameterError
from helpers.yamlfile import PARAMETER_FILE_LIMIT, read_parameter_file

NOTEBOOK_FOR = {"year_2019_vs_2017.yaml": "05_year_review", "themes_since_2018_top25.yaml": "02_themes"}


def test_every_parameter_set_is_known():
    assert sorted(p.name for p in paths.PARAMS.glob("*.yaml")) == sorted(NOTEBOOK_FOR)


@pytest.mark.parametrize("name", sorted(NOTEBOOK_FOR))
def test_parameter_sets_pass_the_notebooks_checks(name):
    # Read as `python -m helpers build -f` reads them: strictly (UTF-8, small, no aliases, names to single values).
    values = read_parameter_file(paths.PARAMS / name, ParameterError)
    assert (paths.PARAMS / name).stat().st_size < PARAMETER_FILE_LIMIT
    assert check(paths.NOTEBOOKS / f"{NOTEBOOK_FOR[name]}.ipynb", values) == values
