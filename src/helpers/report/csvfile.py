"""Write the published tables as CSV that opens right everywhere."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# A cell a spreadsheet would run as a formula (CSV injection): text that starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Floats are written with 15 significant digits: 0.17500000000000002 (binary noise) is 0.175, and
# every figure the texts print (at most 11 digits: 20200000000 元) is written in full.
FLOAT_FORMAT = "%.15g"


def neutralise(value):
    r"""Return a text cell a spreadsheet will show as text: a leading ``'`` before a formula-like start.

    Excel and LibreOffice hide the apostrophe and show the text as written;
    pandas and ``csv`` read it back with the apostrophe (documented in the README).
    A carriage return in a cell becomes ``\n``: the writer quotes a cell that
    holds its line end (``\n``) but not one that holds a bare ``\r``, which a
    reader would take for the end of the row. Non-text cells are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    r"""Write a published table: UTF-8 with a BOM (so Excel on Windows reads Chinese), ``\n`` line ends, same bytes everywhere.

    Text cells that a spreadsheet would run as formulas are neutralised
    (:func:`neutralise`); floats are written with 15 significant digits.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.to_csv(path, index=False, lineterminator="\n", encoding="utf-8-sig", float_format=FLOAT_FORMAT)
    return path
