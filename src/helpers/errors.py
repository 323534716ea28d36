"""Exceptions for user errors: each message says what is wrong and how to fix it."""

import errno


class ReportError(Exception):
    """Base class for errors a user can fix (bad input, bad parameters)."""


class CorpusError(ReportError):
    """A raw file or the manifest cannot be used as it is."""


class UndecodableFileError(CorpusError):
    """A raw file is not UTF-8, UTF-16 or GB18030/GBK text."""


class EmptyFileError(CorpusError):
    """A raw file holds no text."""


class BinaryFileError(CorpusError):
    """A raw file looks like binary data, not text."""


class ManifestError(CorpusError):
    """The manifest data/corpus.csv disagrees with data/raw/."""


class ArticlesFormatError(ReportError):
    """A table handed to an analysis step lacks a column it needs."""


class NoArticlesError(ReportError):
    """A report was asked for a year (or filter) that no article matches."""


class ParameterError(ReportError):
    """A notebook parameter is unknown, of the wrong type, or out of range."""


class MissingGlyphError(ReportError):
    """A figure would draw a character its font lacks (a 'tofu' box)."""


class NotebookParameterError(ParameterError):
    """A parameter error raised in a kernel, shown as its one line (a traceback would lead away from the fix)."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for an exception that renders itself
        return [f"ParameterError: {self}"]


class BuildError(ReportError):
    """One or more reports failed to build."""


class CorpusWarning(UserWarning):
    """Something in the corpus is usable but needs a curator's look."""


class FlagError(ReportError):
    """A true/false column holds a value that is neither true nor false."""


class LexiconError(ReportError):
    """A file in data/lexicon/ is missing or malformed; the message names the file and the entry."""


class LexiconFormatError(LexiconError):
    """The domain dictionary (userdict.txt) or the stop words are malformed."""


class ThemeLexiconError(LexiconError):
    """The theme lexicon (themes.yml) is malformed."""


class IndicatorRulesError(LexiconError):
    """The indicator rules (indicators.yml) lack a section, hold a bad word list or a bad regex."""


class SeriesError(LexiconError):
    """The series definitions (series.yml) are malformed."""


class FormulaRulesError(LexiconError):
    """The formula rules (formulas.yml) are malformed."""


class EntityLexiconError(LexiconError):
    """The entity lexicon (entities.yml) is malformed."""


class LedgerFormatError(ReportError):
    """The ledger lacks the columns the targets check reads."""


class FormulasFormatError(ReportError):
    """The formulas table lacks ``canonical`` or ``first_year``."""


class ResourceError(ReportError):
    """The machine, not the input, stopped the build: a full disk, an unwritable or vanished folder, a slow kernel."""


class KernelStartError(ResourceError):
    """A build kernel did not start, or did not answer in time."""


# errno -> (what happened, what to do), each a clause of the one-line message; {path} is the path the call named.
_AGAIN = "then build again"
_OS_CAUSES = {
    errno.ENOSPC: (
        "no space left on the disk holding {path}",
        f"free disk space (or build with --out-dir/--work-dir on another disk), {_AGAIN}",
    ),
    errno.EDQUOT: ("disk quota exceeded writing {path}", f"free space within your quota, {_AGAIN}"),
    errno.EROFS: (
        "{path} is on a read-only file system",
        f"make the folder writable (or publish elsewhere with --out-dir DIR), {_AGAIN}",
    ),
    errno.EACCES: (
        "no permission to write {path}",
        f"make the folder writable by this user (or choose another with --out-dir/--work-dir), {_AGAIN}",
    ),
    errno.EPERM: (
        "the system refused to change {path}",
        f"make the folder writable (chattr -i, chmod or chown), {_AGAIN}",
    ),
    errno.ENOENT: (
        "{path} vanished while the build ran (build/ or reports/ deleted?)",
        f"leave build/ and reports/ alone while a build runs, {_AGAIN}",
    ),
    errno.EISDIR: ("{path} is a folder where a file was expected", f"give the path of a file, {_AGAIN}"),
    errno.ENOTDIR: ("a part of {path} is a file where a folder was expected", f"give the path of a folder, {_AGAIN}"),
    errno.EXDEV: (
        "{path} cannot be replaced in one step (a mount point?)",
        f"publish to a folder inside the mount with --out-dir DIR, {_AGAIN}",
    ),
    errno.EBUSY: (
        "{path} is busy (a mount point?)",
        f"publish to a folder inside the mount with --out-dir DIR, {_AGAIN}",
    ),
}


def _where(err: OSError) -> str:
    # The path the system call named. A failed rename names both; a failed copy (source, target) only the
    # target, which is where the disk is full or read-only.
    if err.errno in (errno.EXDEV, errno.EBUSY):
        names = [str(n) for n in (err.filename, err.filename2) if n]
        return " -> ".join(names) if names else "a folder the build replaces"
    return str(err.filename2 or err.filename or "a file the build writes")


def resource_error(err: OSError) -> ResourceError:
    """Turn a system error met while building into one line: the cause, the path, and the fix.

    The one place where a full disk, a read-only or unwritable folder, a
    folder deleted mid-build and their like become a message for the user,
    in the form ``<cause>; <fix>``.

    Parameters
    ----------
    err : OSError
        The error, with its ``errno`` and the path it names.

    Returns
    -------
    ResourceError
        To raise ``from err``.
    """
    if err.errno in _OS_CAUSES:
        cause, fix = _OS_CAUSES[err.errno]
        return ResourceError(f"{cause.format(path=_where(err))}; {fix}")
    detail = " ".join((err.strerror or str(err)).split()).rstrip(".")  # one line, whatever the error held
    if len(detail) > 200:
        detail = detail[:200] + "…"
    where = err.filename2 or err.filename
    detail = f"{where}: {detail}" if where else detail
    if isinstance(err, FileNotFoundError):  # raised by a library without an errno ("output folder … doesn't exist")
        return ResourceError(
            f"{detail} (build/ or reports/ deleted while the build ran?); {_OS_CAUSES[errno.ENOENT][1]}"
        )
    return ResourceError(f"{detail}; check the folder and the disk, {_AGAIN}")
