"""Skip a report whose inputs have not changed since it was published.

The cache key covers everything a report depends on: the notebook, its
resolved parameters, the raw files and manifest, the lexicon files it
reads (those its file parameters name, wherever they are), the ``helpers``
code and templates, and the lock file. The key and
the sha256 of each published file are kept in ``build/cache/``; a report
is fresh only if both still match.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from helpers import atomic
from helpers.build.record import input_hashes
from helpers.build.registry import ReportSpec
from helpers.hashing import code_hashes, file_sha256


def cache_key(
    spec: ReportSpec,
    parameters: dict,
    raw_dir: Path,
    manifest: Path,
    code: dict | None = None,
    view: dict | None = None,
) -> str:
    """Return the hash of everything the report depends on.

    Parameters
    ----------
    spec : ReportSpec
        The report.
    parameters : dict
        Its resolved parameters (as shown in the run record); the files
        its file parameters name are hashed too.
    raw_dir, manifest : Path
        The corpus it reads.
    code : dict, optional
        :func:`code_hashes`, computed once per build.
    view : dict, optional
        For a report given only part of the data (a year review): the raw
        ``files`` it reads and the ``digest`` of its data
        (:class:`helpers.analysis.processed.YearView`). Only those files are
        hashed, so an article of another year changes neither the key nor the report.
    """
    parts = {
        "parameters": parameters,
        "inputs": input_hashes(
            raw_dir, manifest, spec.notebook, spec.lexicons, parameters, view["files"] if view else None
        ),
        "data": view["digest"] if view else "",
        "code": code if code is not None else code_hashes(),
        "outputs": [spec.html, *spec.tables],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _record_path(work_dir: Path, spec: ReportSpec) -> Path:
    return Path(work_dir) / "cache" / f"{spec.key}.json"


def outputs(spec: ReportSpec, out_dir: Path) -> list[Path]:
    """Return the published files of a report."""
    return [Path(out_dir) / spec.html] + [Path(out_dir) / "data" / t for t in spec.tables]


def is_fresh(spec: ReportSpec, key: str, out_dir: Path, work_dir: Path) -> bool:
    """Return True when the report was published from the same inputs and is unchanged since."""
    record = _record_path(work_dir, spec)
    if not record.exists():
        return False
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
        if saved.get("key") != key:
            return False
        saved["outputs"].items()
    except (OSError, ValueError, AttributeError, KeyError):  # damaged: the report is built again
        record.unlink(missing_ok=True)
        return False
    return all(
        p.exists() and saved["outputs"].get(str(p.relative_to(out_dir))) == file_sha256(p)
        for p in outputs(spec, out_dir)
    )


def remember(spec: ReportSpec, key: str, out_dir: Path, work_dir: Path) -> None:
    """Record the key and the published files' hashes after a successful publish.

    The publication has happened by then: a record that cannot be written (a
    full disk) only costs a rebuild next time, so it is not an error.
    """
    record = _record_path(work_dir, spec)
    hashes = {str(p.relative_to(out_dir)): file_sha256(p) for p in outputs(spec, out_dir)}
    with contextlib.suppress(OSError):
        atomic.write_text(record, json.dumps({"key": key, "outputs": hashes}, indent=1, sort_keys=True))
