"""Shared fixtures: the real corpus, loaded once, and a small fixture corpus."""

import shutil
import warnings
from pathlib import Path

import pytest

from helpers import paths
from helpers.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "corpus_small"


@pytest.fixture(scope="session")
def articles():
    """The real corpus, one row per article."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the committed corpus must load without curation warnings
        return load_corpus(paths.RAW, paths.MANIFEST)


@pytest.fixture(scope="session")
def article_text(articles):
    """Look up an article's text by its file prefix and index, e.g. ``article_text("003", 1)``."""

    def lookup(prefix: str, index: int = 0) -> str:
        row = articles[articles["file"].str.startswith(prefix) & (articles["article_index"] == index)]
        return row["text"].iloc[0]

    return lookup


@pytest.fixture
def small_corpus(tmp_path):
    """A writable copy of the small fixture corpus: (raw_dir, manifest)."""
    raw = tmp_path / "raw"
    shutil.copytree(SMALL / "raw", raw)
    manifest = tmp_path / "corpus.csv"
    shutil.copyfile(SMALL / "corpus.csv", manifest)
    return raw, manifest
