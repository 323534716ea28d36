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
