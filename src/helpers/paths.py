"""Path constants for the project, and nothing else."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
MANIFEST = DATA / "corpus.csv"
LEXICON = DATA / "lexicon"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
PARAMS = NOTEBOOKS / "params"
REPORTS = ROOT / "reports"
REPORTS_DATA = REPORTS / "data"
BUILD = ROOT / "build"
LOCK_FILE = ROOT / "uv.lock"
