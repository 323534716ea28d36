"""Read true/false columns strictly.

A table read back from CSV holds the strings ``"True"`` and ``"False"``, and
``astype(bool)`` makes both true (any non-empty string is). These columns are
read value by value instead, and a value that is neither true nor false is an
error, not a guess.
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import FlagError

_WORDS = {"true": True, "false": False, "1": True, "0": False}


def parse_flag(value) -> bool:
    """Read one true/false value: a bool, 1 or 0, or the text true/false/1/0 in any case.

    Raises
    ------
    ValueError
        For anything else, missing values included.
    """
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _WORDS:
            return _WORDS[word]
    elif not isinstance(value, float) or value == value:  # NaN is not a flag
        try:
            if value in (0, 1):  # True, False, numpy bools and numbers 1 and 0
                return bool(value)
        except (TypeError, ValueError):
            pass
    raise ValueError(f"not a true/false value: {value!r}")


def flags(column: pd.Series) -> pd.Series:
    """Return a true/false column as bools, reading ``"True"``/``"False"`` text as what it says.

    Parameters
    ----------
    column : pandas.Series
        Bools, 1/0, or the text ``True``/``False`` (as read back from CSV).

    Returns
    -------
    pandas.Series
        Of dtype bool, with the same index.

    Raises
    ------
    FlagError
        When a value is neither true nor false; the message names the column and the values.
    """
    if column.dtype == bool:
        return column
    bad = []

    def read(value):
        try:
            return parse_flag(value)
        except ValueError:
            bad.append(value)
            return False

    parsed = column.map(read).astype(bool)
    if bad:
        shown = ", ".join(sorted({repr(v) for v in bad})[:5])
        raise FlagError(
            f"column '{column.name}' must hold True or False, but {len(bad)} value(s) are neither: {shown}; "
            "fix the table (or rebuild it with helpers.corpus.reader)"
        )
    return parsed
