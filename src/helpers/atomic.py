"""Write a file whole or not at all: every cache entry, record and published file goes through here.

A file is written to a temporary file beside it and renamed over the target
(the same file system, so the rename is atomic): a reader, or a build killed
half-way, sees the old bytes or the new, never half of them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(target: Path, data: bytes) -> Path:
    """Replace ``target`` with ``data`` atomically, making its folder if needed; return ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)  # gone already after the rename; removed here if writing failed
    return target


def write_text(target: Path, text: str) -> Path:
    """Replace ``target`` with ``text`` (UTF-8, line ends as given) atomically."""
    return write_bytes(target, text.encode("utf-8"))


def write_if_changed(target: Path, data: bytes) -> Path:
    """Write ``data`` atomically unless ``target`` already holds exactly these bytes (then nothing is written)."""
    target = Path(target)
    if target.exists() and target.read_bytes() == data:
        return target
    return write_bytes(target, data)


def keep_newest(folder: Path, pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently written files of ``folder`` matching ``pattern``."""
    found = sorted(Path(folder).glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in found[keep:]:
        stale.unlink(missing_ok=True)
