"""The published corpus as it is in data/: the only tests (with the rebuild in test_build.py) that read it.

Everything here must hold whatever articles analysts add: no hard-coded files,
years or counts.
"""

import csv
import hashlib

import pytest

from helpers import paths
from helpers.corpus.reader import load_corpus
from helpers.corpus.textio import read_text

with paths.MANIFEST.open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle))
RAW_FILES = sorted(p for p in paths.RAW.iterdir() if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_each_manifest_row_matches_its_file(row):
    path = paths.RAW / row["file"]
    assert path.is_file(), f"data/corpus.csv lists {row['file']}, which is not in data/raw/"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], (
        f"{row['file']} changed: raw files are immutable; restore the original bytes"
    )


@pytest.mark.parametrize("path", RAW_FILES, ids=[p.name for p in RAW_FILES])
def test_each_raw_file_decodes(path):
    text, encoding = read_text(path)  # UTF-8, BOMs, UTF-16 and GB18030 are all allowed
    assert text.strip(), path.name


# The live corpus may have curation notes (files without a row, undated pages): the corpus report lists them.
@pytest.mark.filterwarnings("ignore::helpers.errors.CorpusWarning")
def test_the_live_corpus_loads():
    articles = load_corpus(paths.RAW, paths.MANIFEST)
    assert set(articles["file"]) <= {p.name for p in RAW_FILES}
    assert articles["about_zone"].any(), "no article about the zone in data/raw/"
