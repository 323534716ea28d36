"""One build at a time in a checkout.

Two builds writing the same ``build/`` and ``reports/`` would publish
whichever finished last. A build holds an exclusive ``flock`` on
``build/build.lock`` for its whole run; the kernel drops the lock when the
process ends, however it ends, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from helpers.errors import BuildError


def _holder(handle, tries: int = 20) -> str:
    """Return the process id the holding build wrote, waiting a moment for a build that has just taken the lock.

    The holder writes its id right after taking the lock: a second build started
    at the same instant can find the file empty for a few milliseconds.
    """
    for _ in range(tries):
        handle.seek(0)
        holder = handle.read().strip()
        if holder:
            return holder
        time.sleep(0.05)
    return "unknown"


@contextmanager
def build_lock(work_dir: Path):
    """Hold the checkout's build lock, or stop with a message naming the build that holds it.

    Raises
    ------
    BuildError
        When another build holds the lock.
    """
    lock = Path(work_dir) / "build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 (held for the whole build)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            raise BuildError(
                f"another build is running in this checkout (process {holder}); wait for it to finish, then build again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # closing drops the lock
