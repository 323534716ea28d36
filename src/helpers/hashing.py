"""Hash files and the package's own code: what caches and run records are keyed on."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).parent
CODE_SUFFIXES = {".py", ".css", ".js", ".j2"}


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file's bytes.

    A build hashes the same raw files for every report's cache key; a file
    whose path, size and modification time (in nanoseconds) are unchanged is
    not read again in the same process.
    """
    stat = Path(path).stat()
    return _sha256_of(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=65536)
def _sha256_of(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def code_hashes() -> dict[str, str]:
    """Hash every code and template file of the ``helpers`` package, every layer."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in CODE_SUFFIXES)
    return {str(p.relative_to(PACKAGE)): file_sha256(p) for p in files}


def digest(parts: object) -> str:
    """Return the sha256 of a JSON-serialisable structure, keys sorted (same parts, same digest)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprint(hashes: dict[str, str]) -> str:
    """Return one short hash standing for a set of input hashes."""
    joined = "\n".join(f"{k} {v}" for k, v in sorted(hashes.items()))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
