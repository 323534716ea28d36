"""Table-driven tests for helpers.flags: true/false columns read strictly."""

import numpy as np
import pandas as pd
import pytest

from helpers.errors import FlagError
from helpers.flags import flags, parse_flag


@pytest.mark.parametrize(
    "value, expected",
    [
        (True, True),
        (False, False),
        (np.bool_(True), True),
        (np.bool_(False), False),
        ("True", True),
        ("False", False),  # astype(bool) reads this as true
        ("false", False),
        (" TRUE ", True),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
        (1.0, True),
    ],
)
def test_parse_flag(value, expected):
    assert parse_flag(value) is expected


@pytest.mark.parametrize("value", ["", "yes", "Flase", "no", 2, -1, 0.5, None, float("nan"), pd.NA])
def test_parse_flag_refuses_what_is_neither_true_nor_false(value):
    with pytest.raises(ValueError, match="not a true/false value"):
        parse_flag(value)


@pytest.mark.parametrize(
    "values, expected",
    [
        (["True", "False", "False"], [True, False, False]),
        ([True, False], [True, False]),
        ([1, 0], [True, False]),
        ([], []),
    ],
)
def test_flags_read_a_column(values, expected):
    column = pd.Series(values, name="about_zone", dtype=object, index=range(10, 10 + len(values)))
    out = flags(column)
    assert out.dtype == bool and out.tolist() == expected and list(out.index) == list(column.index)


def test_a_column_read_back_from_csv_keeps_its_false_rows_false(tmp_path):
    path = tmp_path / "articles.csv"
    pd.DataFrame({"article_id": ["a", "b"], "about_zone": [True, False]}).to_csv(path, index=False)
    back = pd.read_csv(path, dtype=str)
    assert back["about_zone"].astype(bool).tolist() == [True, True]  # the trap
    assert flags(back["about_zone"]).tolist() == [True, False]


def test_a_value_that_is_neither_is_an_error_naming_the_column():
    with pytest.raises(FlagError, match=r"column 'about_zone' must hold True or False, but 2 value\(s\)"):
        flags(pd.Series(["True", "yes", ""], name="about_zone"))
