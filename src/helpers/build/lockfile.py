"""The lock file (exact pins) and environment.yml, which must list the same pins."""

from __future__ import annotations

import re
import subprocess

from helpers import paths

ENVIRONMENT = paths.ROOT / "environment.yml"
_PIN = re.compile(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s#]+)")
# Installed by pip itself or by the editable install of this project: never pinned.
_UNPINNED = {"pip", "jining-hitech-narrative"}


def parse_pins(text: str) -> dict[str, str]:
    r"""Return ``{normalised name: version}`` for every ``name==version`` line.

    Examples
    --------
    >>> parse_pins("pandas==3.1.1\\n  - PyYAML==6.0.3  # yaml\\n")
    {'pandas': '3.1.1', 'pyyaml': '6.0.3'}
    """
    pins = {}
    for line in text.splitlines():
        m = _PIN.match(line)
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


def render_lock(freeze: str) -> str:
    """Render requirements.lock from ``pip freeze --all`` output."""
    lines = [ln for ln in freeze.splitlines() if "==" in ln and ln.split("==")[0].lower() not in _UNPINNED]
    header = [
        "# Exact pins of every package in the project environment (Python 3.11).",
        "# Regenerate with: make lock   (it rewrites environment.yml too; a test checks they agree)",
    ]
    return "\n".join(header + sorted(lines, key=str.lower)) + "\n"


def render_environment(lock_text: str) -> str:
    """Render environment.yml for conda users with the lock file's exact pins."""
    pins = [ln for ln in lock_text.splitlines() if "==" in ln and not ln.startswith("#")]
    body = "\n".join(f"      - {ln}" for ln in pins)
    return (
        "# conda env create -f environment.yml && conda activate jining-hitech-narrative && pip install --no-deps -e .\n"
        "# Generated from requirements.lock by `make lock`; tests/test_lockfile.py checks they agree.\n"
        "name: jining-hitech-narrative\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip\n"
        f"  - pip:\n{body}\n"
    )


def write_lock(python: str) -> None:
    """Freeze the environment of ``python`` into requirements.lock and environment.yml."""
    freeze = subprocess.run(
        [python, "-m", "pip", "freeze", "--all", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout
    lock = render_lock(freeze)
    paths.LOCK_FILE.write_text(lock, encoding="utf-8")
    ENVIRONMENT.write_text(render_environment(lock), encoding="utf-8")
