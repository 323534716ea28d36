"""Tell, before anything heavy is imported, that a build has nothing to do.

A build with nothing to do should cost a blink. This module uses only the
standard library and :mod:`helpers.hashing`: it hashes every input a build
reads (the raw files and manifest, the lexicons, the notebooks, the
``helpers`` code, the lock file, the command's options and any file a
parameter names) and every published file, and compares the digest with
the one the last successful build left in ``build/cache/last-build.json``.
Equal digests mean the same inputs and an untouched ``reports/``, so the
build would rebuild nothing and publish nothing; the curation notes of that
build are given again.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from helpers import atomic, paths
from helpers.hashing import code_hashes, digest, file_sha256


def _files(folder: Path) -> dict[str, str]:
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): file_sha256(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def fingerprint(options: dict, raw_dir: Path, manifest: Path, out_dir: Path) -> str:
    """Return the digest of everything a build reads and everything it has published.

    Parameters
    ----------
    options : dict
        The command's options that choose what is built (reports, years, parameters).
    raw_dir, manifest, out_dir : Path
        The corpus, and the published folder.
    """
    named = {}
    for value in options.get("parameters", {}).values():
        candidate = Path(str(value))
        if candidate.is_file():  # a parameter naming a file (a lexicon elsewhere): its bytes count
            named[str(candidate.resolve())] = file_sha256(candidate)
    return digest(
        {
            "options": options,
            "named files": named,
            "raw": {
                name: (sha, os.path.islink(Path(raw_dir) / name))
                for name, sha in _files(raw_dir).items()
                if "/" not in name
            },
            "manifest": file_sha256(manifest) if Path(manifest).is_file() else "",
            "lexicons": _files(paths.LEXICON),
            "notebooks": _files(paths.NOTEBOOKS),
            "code": code_hashes(),
            "lock": file_sha256(paths.LOCK_FILE) if paths.LOCK_FILE.exists() else "",
            "published": _files(out_dir),
        }
    )


def _record(work_dir: Path) -> Path:
    return Path(work_dir) / "cache" / "last-build.json"


def unchanged(key: str, work_dir: Path) -> list[str] | None:
    """Return the last build's curation notes if it had this fingerprint, else None."""
    try:
        saved = json.loads(_record(work_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    return [str(n) for n in saved.get("notes", [])]


def remember(key: str, notes: list[str], work_dir: Path) -> None:
    """Keep the fingerprint of a successful build (atomically; a cache that cannot be written only costs time)."""
    with contextlib.suppress(OSError):
        atomic.write_text(_record(work_dir), json.dumps({"key": key, "notes": notes}, ensure_ascii=False))
