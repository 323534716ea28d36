"""Shared fixtures: the seed corpus (five articles, loaded once) and small fixture corpora.

Tests of code read fixtures only, never the live ``data/raw/``: analysts add
articles there, and the tests' exact expectations are about the seed texts.
The few tests about the published corpus itself (``test_published.py``, the
rebuild in ``test_build.py``) read ``data/`` as it is.
"""

import warnings

import pytest
from corpora import ODD, SEED, SEED_MANIFEST, SEED_RAW, SMALL, copy_corpus  # noqa: F401

from helpers.corpus.reader import load_corpus


@pytest.fixture(scope="session")
def articles():
    """The seed corpus, one row per article."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the seed corpus loads without curation warnings
        return load_corpus(SEED_RAW, SEED_MANIFEST)


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
    return copy_corpus(SMALL, tmp_path)


@pytest.fixture
def seed_corpus(tmp_path):
    """A writable copy of the seed corpus: (raw_dir, manifest)."""
    return copy_corpus(SEED, tmp_path)
