"""Publish a build whole or not at all.

A build prepares the complete next ``reports/`` in ``build/publish/next``:
a copy of what is published, with the reports it built, the article pages and
the index written into it. Then one atomic step exchanges the two folders
(Linux ``renameat2(RENAME_EXCHANGE)``), and the old one is deleted. A build
killed at any moment leaves either the complete old or the complete new
``reports/``, and never a temporary file in it.

Where the exchange is not available (another OS or file system), two renames
are used instead, ``reports/`` to ``build/publish/previous`` and the next
folder to ``reports/``; a build killed between them leaves ``reports/``
missing for an instant, and the next build puts the previous one back first
(:func:`recover`).

A rename cannot cross file systems: when ``reports/`` (``--out-dir``) is on
another file system than ``build/``, the staging folders are made beside it
instead, as ``.<name>.publish/next`` (hidden, and removed after the switch).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
from pathlib import Path

from helpers import atomic

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def folders(work_dir: Path, out_dir: Path | None = None) -> tuple[Path, Path]:
    """Return the staging folder of the next publication and the place of the previous one.

    They are in ``build/publish/``, or beside ``out_dir`` when that is on
    another file system (a rename, and so the switch, cannot cross one).
    """
    base = Path(work_dir) / "publish"
    if out_dir is not None and not _same_file_system(Path(work_dir), Path(out_dir).parent):
        base = Path(out_dir).parent / f".{Path(out_dir).name}.publish"
    return base / "next", base / "previous"


def _same_file_system(a: Path, b: Path) -> bool:
    # A folder not made yet is on its nearest existing parent's file system.
    a, b = (next(p for p in (x, *x.parents) if p.exists()) for x in (a.absolute(), b.absolute()))
    return os.stat(a).st_dev == os.stat(b).st_dev


def recover(out_dir: Path, work_dir: Path) -> bool:
    """Put the previous publication back if a build was killed between two renames; return True if it did."""
    _, previous = folders(work_dir, out_dir)
    if not Path(out_dir).exists() and previous.is_dir():
        os.rename(previous, out_dir)
        return True
    return False


def prepare(out_dir: Path, work_dir: Path) -> Path:
    """Copy what is published into a fresh staging folder and return it.

    Copies, not hard links: a writer that opened a linked file in place would
    change the published report before the switch.
    """
    nxt, previous = folders(work_dir, out_dir)
    for stale in (nxt, previous):
        shutil.rmtree(stale, ignore_errors=True)
    nxt.parent.mkdir(parents=True, exist_ok=True)
    nxt.mkdir()
    if Path(out_dir).is_dir():
        _copy_tree(Path(out_dir), nxt)
    return nxt


def _copy_tree(source: Path, target: Path) -> None:
    """Copy a folder's contents, stopping at the first error with its errno and path.

    ``shutil.copytree`` goes on after a failed file and raises one
    ``shutil.Error`` listing every file, without an errno: a full disk would
    then be a page of text rather than one line saying to free space.
    """
    for path in sorted(source.rglob("*")):  # a folder sorts before what it holds
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            continue  # a temporary file an older build left is not published
        copy = target / path.relative_to(source)
        if path.is_dir():
            copy.mkdir()
        else:
            shutil.copy2(path, copy)


def discard(out_dir: Path, work_dir: Path) -> None:
    """Remove a staged publication that will not be switched in (the build failed while making it)."""
    nxt, _ = folders(work_dir, out_dir)
    shutil.rmtree(nxt, ignore_errors=True)
    if nxt.parent.name.endswith(".publish"):  # staged beside out_dir: remove the folder unless it holds previous/
        with contextlib.suppress(OSError):
            nxt.parent.rmdir()


def place(staged: Path, target: Path) -> None:
    """Put one staged file into the next publication (a new file: never written in place)."""
    atomic.write_bytes(target, Path(staged).read_bytes())


def switch(out_dir: Path, work_dir: Path) -> None:
    """Make the staged folder the publication in one step, and delete the old one.

    Raises
    ------
    OSError
        When neither the exchange nor the renames can be made (the published
        folder is then the old one, untouched).
    """
    nxt, previous = folders(work_dir, out_dir)
    out_dir = Path(out_dir)
    if not out_dir.exists():
        os.rename(nxt, out_dir)
    elif _exchange(nxt, out_dir):
        shutil.rmtree(nxt, ignore_errors=True)  # it holds the old publication now
    else:
        os.rename(out_dir, previous)
        os.rename(nxt, out_dir)
        shutil.rmtree(previous, ignore_errors=True)
    if nxt.parent.name.endswith(".publish"):  # staged beside out_dir: leave nothing there
        shutil.rmtree(nxt.parent, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing was changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
