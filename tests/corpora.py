"""Where the fixture corpora are, and how to read and copy them (imported by conftest and tests)."""

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "corpus_small"
SEED = FIXTURES / "seed"
SEED_RAW = SEED / "raw"
SEED_MANIFEST = SEED / "corpus.csv"
ODD = FIXTURES / "corpus_odd"


def seed_text(file: str) -> str:
    """Read a seed file exactly as received (UTF-8, LF; nothing else touched)."""
    return (SEED_RAW / file).read_text(encoding="utf-8")


def seed_files() -> list[Path]:
    """The five seed files, in name order."""
    return sorted(SEED_RAW.glob("*.txt"))


def copy_corpus(source: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Copy a fixture corpus (``raw/`` and ``corpus.csv``) into ``tmp_path``; return (raw_dir, manifest)."""
    raw = tmp_path / "raw"
    shutil.copytree(source / "raw", raw)
    manifest = tmp_path / "corpus.csv"
    shutil.copyfile(source / "corpus.csv", manifest)
    return raw, manifest
