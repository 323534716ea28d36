"""Read YAML with errors a maintainer can act on: the lexicons in ``data/lexicon/`` and named parameter sets.

A parameter set (``python -m helpers build -f FILE``) comes from whoever runs
the build, so it is read strictly: at most :data:`PARAMETER_FILE_LIMIT` bytes
of UTF-8, no anchors or aliases (a few hundred bytes of nested aliases expand
to gigabytes: "billion laughs"), and a flat mapping of parameter names to
single values. Every refusal is one line naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helpers.errors import ReportError

# libyaml's safe loader where PyYAML was built with it (ten times faster on the lexicons), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A parameter set is a handful of lines (the ones in notebooks/params/ are under 300 bytes).
PARAMETER_FILE_LIMIT = 64 * 1024
PARAMETER_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
SCALARS = (str, int, float, bool, type(None))


def read_yaml(path: Path, error: type[ReportError]):
    """Read a YAML file, turning a missing file or bad YAML into ``error``.

    Parameters
    ----------
    path : Path
        The file.
    error : type
        The caller's exception class (a :class:`~helpers.errors.ReportError`).

    Returns
    -------
    object
        The parsed document (``None`` for an empty file).
    """
    path = Path(path)
    try:
        return yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except FileNotFoundError as exc:
        raise error(f"{path}: no such file; restore it with `git checkout -- {path.name}` in data/lexicon/") from exc
    except yaml.YAMLError as exc:
        raise error(f"{path}: not valid YAML ({exc}); fix the line it names") from exc


def read_parameter_file(path: Path, error: type[ReportError]) -> dict:
    """Read a named parameter set: a small UTF-8 YAML mapping of parameter names to single values.

    Parameters
    ----------
    path : Path
        The file, e.g. ``notebooks/params/year_2019_vs_2017.yaml``.
    error : type
        The exception class to raise (:class:`~helpers.errors.ParameterError`).

    Returns
    -------
    dict
        Parameter name to value (text, number, true/false or empty).

    Raises
    ------
    error
        One line naming the file, when it is missing, a folder, larger than
        :data:`PARAMETER_FILE_LIMIT`, not UTF-8, not YAML, holds an anchor or
        alias, or is not a flat mapping of names to single values.
    """
    path = Path(path)
    text = _parameter_text(path, error)
    try:
        _refuse_aliases(text, path, error)
        values = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise error(f"{path}: not valid YAML{line}; write one 'name: value' per line, e.g. 'year: 2021'") from None
    return _flat_mapping(values, path, error)


def _parameter_text(path: Path, error: type[ReportError]) -> str:
    """Return the file's text, refusing what is not a small UTF-8 file."""
    if path.is_dir():
        raise error(f"{path}: a folder, not a parameter file; give a YAML file such as notebooks/params/<name>.yaml")
    try:
        with path.open("rb") as handle:
            data = handle.read(PARAMETER_FILE_LIMIT + 1)  # never more, whatever the file's size
    except FileNotFoundError:
        raise error(f"{path}: no such file; give the path of a YAML file (see notebooks/params/)") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror}); check the path and its permissions") from None
    if len(data) > PARAMETER_FILE_LIMIT:
        raise error(
            f"{path}: larger than {PARAMETER_FILE_LIMIT // 1024} KB, too large for a parameter set; "
            "a parameter set is a few 'name: value' lines"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8") from None


def _refuse_aliases(text: str, path: Path, error: type[ReportError]) -> None:
    """Refuse anchors and aliases before anything is built from them (parsing events expands nothing)."""
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise error(
                f"{path}: line {line} uses a YAML anchor or alias (& or *), which parameter sets may not; "
                "write each value out"
            )


def _flat_mapping(values, path: Path, error: type[ReportError]) -> dict:
    """Check that a parameter set maps names to single values (never lists, mappings or tags)."""
    if not isinstance(values, dict):
        raise error(f"{path}: a parameter set is a YAML mapping of names to values, e.g. 'year: 2021'")
    for name, value in values.items():
        if not isinstance(name, str) or not PARAMETER_NAME.match(name):
            raise error(f"{path}: {str(name)[:40]!r} is not a parameter name; see `python -m helpers list`")
        if not isinstance(value, SCALARS):
            raise error(
                f"{path}: parameter '{name}' has a {type(value).__name__}, not a single value; "
                "give one number, text or true/false"
            )
    return values
