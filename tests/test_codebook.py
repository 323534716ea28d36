"""The README's codebooks describe the published CSVs: every column, in the order of the file, and no other.

Each ``### Codebook: `reports/data/<name>.csv``` section of README.md has a
table whose first cell names one or more columns in backticks
(`` `value`, `unit` ``); read top to bottom, they must be the header of
``reports/data/<name>.csv``. The claims the README's Outputs section makes about
every CSV (a BOM, ``\\n`` line ends, floats without binary noise, no live
formula cell) are checked on the published files too.
"""

import csv
import re

import pandas as pd
import pytest

from helpers import paths
from helpers.report.csvfile import FORMULA_STARTS

README = paths.ROOT / "README.md"
DATA = paths.REPORTS / "data"
HEADING = re.compile(r"^### Codebook: `reports/data/([^`]+\.csv)`[ \t]*$", re.M)


def codebooks(text: str) -> dict[str, list[str]]:
    """Return each codebook's columns, in the order its table lists them."""
    found = {}
    parts = HEADING.split(text)
    for name, body in zip(parts[1::2], parts[2::2]):
        body = re.split(r"^#{1,3} ", body, maxsplit=1, flags=re.M)[0]  # up to the next heading
        columns = []
        for line in body.splitlines():
            cells = line.split("|")
            if line.startswith("|") and len(cells) > 2 and not set(cells[1].strip()) <= set("-:"):
                columns += re.findall(r"`([^`]+)`", cells[1])
        found[name] = columns
    return found


def header(path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle))


CODEBOOKS = codebooks(README.read_text(encoding="utf-8"))
PUBLISHED = sorted(p.name for p in DATA.glob("*.csv"))


def test_the_parser_reads_grouped_cells_in_order():
    text = (
        "### Codebook: `reports/data/x.csv`\n\nOne row per thing.\n\n| variable | definition |\n|---|---|\n"
        "| `a` | first |\n| `b`, `c` | the next two (`not_a_column` in the definition) |\n\n## Next section\n| `z` | no |\n"
    )
    assert codebooks(text) == {"x.csv": ["a", "b", "c"]}


def test_every_published_csv_has_a_codebook_and_every_codebook_a_csv():
    assert PUBLISHED, "reports/data/ holds no CSV"
    assert sorted(set(PUBLISHED) - set(CODEBOOKS)) == [], "add a '### Codebook: `reports/data/<name>.csv`' section"
    assert sorted(set(CODEBOOKS) - set(PUBLISHED)) == [], "a codebook describes a CSV that is not published"


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_codebook_lists_the_columns_in_the_order_of_the_file(name):
    columns, documented = header(DATA / name), CODEBOOKS.get(name, [])
    assert len(documented) == len(set(documented)), f"{name}: a column is described twice"
    assert documented == columns, (
        f"{name}: README codebook {documented} != CSV header {columns}; "
        f"undocumented: {[c for c in columns if c not in documented]}, "
        f"not in the file: {[c for c in documented if c not in columns]}"
    )


@pytest.mark.parametrize("name", PUBLISHED)
def test_a_published_csv_is_as_the_readme_says(name):
    raw = (DATA / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    assert b"\r" not in raw.replace(b'\r"', b""), "\\n line ends"
    table = pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cells = [cell for column in table.columns for cell in table[column]]
    # Binary noise (0.17500000000000002) shows as a run of zeros or nines before a last digit.
    noisy = [c for c in cells if re.fullmatch(r"-?\d+\.\d*(?:0{6,}|9{6,})\d", c)]
    assert noisy == [], f"{name}: floats written with binary noise"
    live = [c for c in cells if c.startswith(FORMULA_STARTS) and not re.fullmatch(r"-\d+(\.\d+)?", c)]
    assert live == [], f"{name}: cells a spreadsheet would run as formulas"
