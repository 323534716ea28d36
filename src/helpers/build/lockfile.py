"""environment.yml for conda users, rendered from uv's lock file (``uv.lock``, written by ``uv lock``).

uv resolves and writes the lock; this module only wraps ``uv export``'s exact pins
in a conda environment file, and reads the lock's pins for the test that checks
the two agree.
"""

from __future__ import annotations

import re
import subprocess
import tomllib

from helpers import paths

ENVIRONMENT = paths.ROOT / "environment.yml"
PROJECT = "jining-hitech-narrative"
# Every package of every group and platform, without hashes and without the project itself.
EXPORT = ["export", "--frozen", "--all-groups", "--no-hashes", "--no-emit-project", "--no-header", "--no-annotate"]
_PIN = re.compile(r"^\s*(?:-\s+)?([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def normalise(name: str) -> str:
    """Return the normalised form of a distribution name (PEP 503).

    Examples
    --------
    >>> normalise("Jinja2"), normalise("jupyter_client"), normalise("ruamel.yaml")
    ('jinja2', 'jupyter-client', 'ruamel-yaml')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(text: str) -> dict[str, str]:
    r"""Return ``{normalised name: version}`` for every ``name==version`` line.

    Examples
    --------
    >>> parse_pins("pandas==3.1.1\n  - PyYAML==6.0.3 ; sys_platform == 'linux'\n")
    {'pandas': '3.1.1', 'pyyaml': '6.0.3'}
    """
    pins = {}
    for line in text.splitlines():
        m = _PIN.match(line)
        if m:
            pins[normalise(m.group(1))] = m.group(2)
    return pins


def lock_packages(lock_text: str) -> dict[str, dict]:
    """Return the packages of a ``uv.lock``, ``{normalised name: entry}``, without the project itself."""
    packages = tomllib.loads(lock_text)["package"]
    return {normalise(p["name"]): p for p in packages if normalise(p["name"]) != PROJECT}


def lock_pins(lock_text: str) -> dict[str, str]:
    """Return ``{normalised name: version}`` for every package a ``uv.lock`` pins (all groups and platforms)."""
    return {name: p["version"] for name, p in lock_packages(lock_text).items()}


def render_environment(export: str) -> str:
    r"""Render environment.yml from ``uv export`` output (requirements format, no hashes).

    Examples
    --------
    >>> print(render_environment("pandas==3.1.1\ncolorama==0.4.6 ; sys_platform == 'win32'\n").splitlines()[-1])
          - colorama==0.4.6 ; sys_platform == 'win32'
    """
    pins = [ln.strip() for ln in export.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", "-"))]
    body = "\n".join(f"      - {ln}" for ln in pins)
    return (
        "# conda env create -f environment.yml && conda activate jining-hitech-narrative && pip install --no-deps -e .\n"
        "# Generated from uv.lock by `make lock` (uv export); tests/test_lockfile.py checks they agree.\n"
        "name: jining-hitech-narrative\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip\n"
        f"  - pip:\n{body}\n"
    )


def export(uv: str) -> str:
    """Return ``uv export``'s exact pins from uv.lock, run with the uv binary ``uv``."""
    return subprocess.run([uv, *EXPORT], cwd=paths.ROOT, check=True, capture_output=True, text=True).stdout


def write_environment(uv: str) -> None:
    """Rewrite environment.yml from uv.lock (``make lock`` runs this after ``uv lock``)."""
    ENVIRONMENT.write_text(render_environment(export(uv)), encoding="utf-8")
