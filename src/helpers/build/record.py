"""The run record: what a report was built from (parameters, input hashes, packages)."""

from __future__ import annotations

import ast
import os
import platform
from importlib import metadata
from pathlib import Path

from helpers import paths
from helpers.build.parameters import OUTPUT_PARAMETERS, declared, path_parameters
from helpers.corpus.pagerules import PAGE_RULES
from helpers.hashing import file_sha256

PACKAGES = (
    "jieba",
    "rjieba",
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


CORPUS_PARAMETERS = {"raw_dir", "manifest"}  # hashed file by file as the corpus, not as a lexicon


def input_hashes(
    raw_dir: Path,
    manifest: Path,
    notebook: Path,
    lexicons: tuple[str, ...] = (),
    parameters: dict | None = None,
    raw_files: list[str] | None = None,
) -> dict[str, str]:
    """Hash every input a report reads, keyed by a path a reader recognises.

    Parameters
    ----------
    raw_dir, manifest, notebook : Path
        The raw articles, the manifest and the notebook.
    lexicons : tuple of str
        Names of the files in ``data/lexicon/`` the report reads; the
        page-reading rules ``page_layout.yml`` are always included.
    parameters : dict, optional
        The report's resolved parameters (name to value as source text, as
        in the run record). A parameter that names a file (``themes_file``)
        stands for the lexicon file its default names: the file it names now
        is hashed instead, wherever it is. One that names a folder
        (``lexicon_dir``) stands for the ``lexicons`` found in it.

    Returns
    -------
    dict
        ``{"data/raw/000_….txt": sha256, …}`` in a fixed order; a file
        outside the project is keyed by its absolute path.
    """
    found: dict[str, str] = {}
    wanted = None if raw_files is None else set(raw_files)
    for p in sorted(Path(raw_dir).iterdir()):
        if p.is_file() and not p.name.startswith(".") and (wanted is None or p.name in wanted):
            found[f"data/raw/{p.name}"] = file_sha256(p)
    # Every report reads the corpus, so every report depends on the page-reading rules.
    names, read = set(lexicons), {paths.LEXICON / PAGE_RULES.name}
    named = _parameter_paths(notebook, parameters or {})
    # A folder holds the lexicons no file parameter names (lexicon_dir: userdict.txt, not themes.yml).
    in_folder = [n for n in lexicons if n not in {default.name for default, _ in named if not default.is_dir()}]
    for default, now in named:
        names -= {p.name for p in _files_in(default, in_folder)}
        read |= set(_files_in(now, in_folder))
    read |= {paths.LEXICON / name for name in names}
    for key, path in sorted((_shown_path(p), p) for p in read):
        found[key] = file_sha256(path)
    if Path(manifest).exists():
        found["data/corpus.csv"] = file_sha256(manifest)
    found[f"notebooks/{Path(notebook).name}"] = file_sha256(notebook)
    found[paths.LOCK_FILE.name] = file_sha256(paths.LOCK_FILE) if paths.LOCK_FILE.exists() else ""
    return found


def _parameter_paths(notebook: Path, parameters: dict) -> list[tuple[Path, Path]]:
    # (default, value) of each file or folder parameter, as absolute paths; kernels run
    # in notebooks/, so a relative one is relative to it.
    declaration = declared(notebook)
    pairs = []
    for name in path_parameters(notebook):
        if name in CORPUS_PARAMETERS | OUTPUT_PARAMETERS or name not in parameters:
            continue
        default, now = (ast.literal_eval(v) for v in (declaration[name]["default"], parameters[name]))
        pairs.append(tuple(Path(os.path.normpath(paths.NOTEBOOKS / p)) for p in (default, now)))
    return pairs


def _files_in(path: Path, lexicons: tuple[str, ...]) -> list[Path]:
    # A file parameter names one file; a folder parameter the report's lexicons in it.
    if path.is_dir():
        return [path / name for name in lexicons if (path / name).is_file()]
    return [path]


def _shown_path(path: Path) -> str:
    return path.relative_to(paths.ROOT).as_posix() if path.is_relative_to(paths.ROOT) else path.as_posix()


def package_versions() -> dict[str, str]:
    """Return the versions of Python and the packages that shape a report."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
