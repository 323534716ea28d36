"""The run record: what a report was built from (parameters, input hashes, packages)."""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path

from helpers import paths
from helpers.corpus.pagerules import PAGE_RULES

PACKAGES = (
    "jieba",
    "pandas",
    "numpy",
    "matplotlib",
    "wordcloud",
    "mplfonts",
    "papermill",
    "nbconvert",
    "ipykernel",
    "pillow",
)


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def input_hashes(raw_dir: Path, manifest: Path, notebook: Path, lexicons: tuple[str, ...] = ()) -> dict[str, str]:
    """Hash every input a report reads, keyed by a path a reader recognises.

    Parameters
    ----------
    raw_dir, manifest, notebook : Path
        The raw articles, the manifest and the notebook.
    lexicons : tuple of str
        Names of the files in ``data/lexicon/`` the report reads; the
        page-reading rules ``page_layout.yml`` are always included.

    Returns
    -------
    dict
        ``{"data/raw/000_….txt": sha256, …}`` in a fixed order.
    """
    found: dict[str, str] = {}
    for p in sorted(Path(raw_dir).iterdir()):
        if p.is_file() and not p.name.startswith("."):
            found[f"data/raw/{p.name}"] = file_sha256(p)
    # Every report reads the corpus, so every report depends on the page-reading rules.
    for name in sorted(set(lexicons) | {PAGE_RULES.name}):
        found[f"data/lexicon/{name}"] = file_sha256(paths.LEXICON / name)
    if Path(manifest).exists():
        found["data/corpus.csv"] = file_sha256(manifest)
    found[f"notebooks/{Path(notebook).name}"] = file_sha256(notebook)
    found["requirements.lock"] = file_sha256(paths.LOCK_FILE) if paths.LOCK_FILE.exists() else ""
    return found


def fingerprint(hashes: dict[str, str]) -> str:
    """Return one short hash standing for a set of input hashes."""
    joined = "\n".join(f"{k} {v}" for k, v in sorted(hashes.items()))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def package_versions() -> dict[str, str]:
    """Return the versions of Python and the packages that shape a report."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
