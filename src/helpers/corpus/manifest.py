"""Read and check the curated manifest ``data/corpus.csv`` against ``data/raw/``."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus.dates import DATE_FORMAT, is_calendar_date
from helpers.errors import CorpusError, CorpusWarning, ManifestError
from helpers.hashing import file_sha256

MANIFEST_COLUMNS = ["file", "sha256", "title", "date", "source", "url", "notes", "split"]
SPLIT_MODES = ("auto", "none")
TITLE_SEPARATOR = " || "  # curated titles of a file that holds several articles, in page order


def check_text(manifest: Path) -> None:
    """Refuse a manifest that is a folder or not UTF-8 text, naming it and the fix.

    A manifest saved by a spreadsheet as GBK would otherwise stop the reader
    with a decoding error that names neither the file nor the fix. An absent
    manifest passes: every raw file is then read with detected metadata.

    Raises
    ------
    ManifestError
        For a folder, or bytes that are not UTF-8.
    """
    manifest = Path(manifest)
    if manifest.is_dir():
        raise ManifestError(
            f"{manifest}: a folder, not the manifest; give its CSV file, e.g. --manifest data/corpus.csv"
        )
    if not manifest.is_file():
        return
    try:
        manifest.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(
            f"{manifest}: not UTF-8 text (byte {exc.start} cannot be read; saved as GBK?); save it as UTF-8, "
            f"e.g. `iconv -f GBK -t UTF-8 {manifest.name} > fixed.csv` and replace it"
        ) from None


def read_manifest(manifest: Path = paths.MANIFEST) -> pd.DataFrame:
    """Read ``data/corpus.csv`` and check its shape.

    Parameters
    ----------
    manifest : Path
        The manifest CSV (columns ``file, sha256, title, date, source, url, notes``).

    Returns
    -------
    pandas.DataFrame
        One row per raw file, all columns as strings ("" when blank).

    Raises
    ------
    ManifestError
        If a column is missing, a file is listed twice or a curated date is malformed.
    """
    manifest = Path(manifest)
    if not manifest.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    check_text(manifest)
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0] if records else []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            raise ManifestError(
                f"{manifest}: line {number} has {len(record)} fields but the header has {len(header)}; "
                'put double quotes around values that contain commas, e.g. "a, b"'
            )
    # A row may stop early (file,sha256): the columns it leaves out are blank.
    rows = [r + [""] * (len(header) - len(r)) for r in records[1:] if any(v.strip() for v in r)]
    table = pd.DataFrame(rows, columns=header, dtype=str)
    missing = [c for c in ("file", "sha256") if c not in table.columns]
    if missing:
        raise ManifestError(
            f"{manifest}: missing column(s) {', '.join(missing)}; the header must be {','.join(MANIFEST_COLUMNS)}"
        )
    for col in MANIFEST_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    dupes = table.loc[table["file"].duplicated(), "file"].tolist()
    if dupes:
        raise ManifestError(f"{manifest}: {', '.join(dupes)} listed more than once; keep one row per raw file")
    table = table.fillna("")
    for row in table.itertuples():
        parts = [int(p) for p in row.date.split("-")] if DATE_FORMAT.match(row.date) else []
        if row.date and (not parts or (len(parts) == 3 and not is_calendar_date(*parts))):
            raise ManifestError(
                f"{manifest}: date '{row.date}' for {row.file} is not a real date written YYYY, YYYY-MM or YYYY-MM-DD"
            )
        if row.split and row.split not in SPLIT_MODES:
            raise ManifestError(
                f"{manifest}: split '{row.split}' for {row.file} is not one of {', '.join(SPLIT_MODES)}; "
                "leave it blank (auto) or write none to keep the file as one article"
            )
    return table


def _display(path: Path) -> str:
    """Return a path relative to the project when it is inside it (shorter messages)."""
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def check_manifest(table: pd.DataFrame, raw_dir: Path, manifest_name: str = "data/corpus.csv") -> list[Path]:
    """Check the manifest against ``raw_dir`` and return the raw files to ingest.

    Raises
    ------
    ManifestError
        If a listed file is missing or its sha256 differs from the one recorded.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise CorpusError(f"{raw_dir}: no such folder; put the raw articles in data/raw/")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    inside = raw_dir.resolve()
    for path in files:
        # A link out of the folder would publish a file that is not part of the corpus as received.
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            raise CorpusError(
                f"{path.name} in {raw_dir} is a symbolic link to {path.resolve()}, outside the folder: "
                f"copy the file into {raw_dir} instead (the corpus is kept as received, inside the project)"
            )
    present = {p.name for p in files}
    for row in table.itertuples():
        if row.file not in present:
            raise ManifestError(
                f"{manifest_name} lists {row.file}, which is not in {raw_dir}: restore the file, or delete its row"
            )
        actual = file_sha256(raw_dir / row.file)
        if not row.sha256:
            raise ManifestError(
                f"{manifest_name}: the row of {row.file} has no sha256, so its file could change unnoticed; "
                f"write its sha256 in that row: {actual}"
            )
        if row.sha256 and actual != row.sha256:
            raise ManifestError(
                f"{row.file}: sha256 is {actual}, but {manifest_name} records {row.sha256}. Raw files are immutable: "
                "restore the original bytes, or add the new version as a new file with its own row"
            )
    listed = set(table["file"])
    unlisted = [p for p in files if p.name not in listed]
    if len(unlisted) == 1:
        p = unlisted[0]
        warnings.warn(
            f"{p.name} has no row in {manifest_name}; read with detected metadata. A row is optional; to record its "
            f"sha256 (and a date, title or source where the detected ones are wrong), add the line: {p.name},{file_sha256(p)}",
            CorpusWarning,
            stacklevel=2,
        )
    elif unlisted:
        names = ", ".join(p.name for p in unlisted[:3]) + (
            f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else ""
        )
        warnings.warn(
            f"{len(unlisted)} raw files have no row in {manifest_name} ({names}); read with detected metadata. A row is "
            "optional; to record them, add a line FILE,SHA256 for each (sha256sum data/raw/FILE gives the hash)",
            CorpusWarning,
            stacklevel=2,
        )
    if not files:
        raise CorpusError(f"{raw_dir}: no raw files; add the articles as text files")
    return files
