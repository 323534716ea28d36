"""Exceptions for user errors: each message says what is wrong and how to fix it."""


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


class BuildError(ReportError):
    """One or more reports failed to build."""


class CorpusWarning(UserWarning):
    """Something in the corpus is usable but needs a curator's look."""


class FlagError(ReportError):
    """A true/false column holds a value that is neither true nor false."""
