"""Read the versioned YAML files in ``data/lexicon/`` with errors a maintainer can act on."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers.errors import ReportError

# libyaml's safe loader where PyYAML was built with it (ten times faster on the lexicons), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
