"""Segment Chinese text with jieba's dictionary, its HMM and the project's domain dictionary.

The engine is rjieba, the Python binding of jieba-rs (a Rust port of jieba
with the same default dictionary and HMM). It gives the same content words
as jieba itself on our texts, about ten times faster; ``engine="jieba"``
keeps jieba's own tokenizer for comparison (the tests and
``tests/benchmarks/bench_segment.py`` measure the agreement).

The segmenter owns a *private* tokenizer (an ``rjieba.Jieba`` or a
``jieba.Tokenizer``) so that nothing here touches either package's global
state (other code, or a notebook, may use plain ``jieba.lcut`` with a
different dictionary in the same process).

Lexicon files (``data/lexicon/``):

- ``userdict.txt``: jieba user-dictionary lines ``word freq tag``. The file
  stays loadable by ``jieba.load_userdict``, so it has no comment lines; it
  is parsed here so that a malformed line is a clear error.
- ``stopwords.txt``: one word per line, ``#`` starts a comment line.
- ``indicators.yml``: its ``measure_words`` (量词), the one list the indicator
  extractor uses too.

Numbers (a numeral with a measure word included), latin strings, single
characters and punctuation are removed by rule (:func:`is_noise`), not by the
stop-word list.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from helpers import paths
from helpers.analysis.indicators import RULES_FILE, load_rules
from helpers.errors import LexiconFormatError

__all__ = [
    "ENGINES",
    "Segmenter",
    "default_segmenter",
    "is_noise",
    "read_measure_words",
    "read_stopwords",
    "read_userdict",
]

ENGINES = ("rjieba", "jieba")  # rjieba: the fast default; jieba: the reference it is checked against

_CJK = "\u4e00-\u9fff"
# A content word is made of CJK characters; "+" may join two parts of a
# policy formula such as 管委+公司.
_CONTENT_RE = re.compile(rf"^[{_CJK}]+(?:\+[{_CJK}]*)*$")
# Chinese numerals, with 几 and 数 (几个, 数家); a numeral with a measure word
# (三个, 一批, 六大, 二期, 一是) counts, it is no topic.
_NUMERALS = "零〇一二三四五六七八九十百千万亿两几数"
# Characters jieba's default block regex keeps inside one block; a dictionary
# term containing anything else could be split before the dictionary is
# consulted, so such terms are cut out before the engine sees the text
# (jieba-rs's block regex keeps at least these characters too).
_JIEBA_BLOCK_RE = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+$")
_USERDICT_LINE_RE = re.compile(r"^(\S+)(?: (\d+))?(?: ([a-z]+))?$")


def read_measure_words(path: Path = RULES_FILE) -> tuple[str, ...]:
    """Read the measure words (量词) from the indicator rules.

    Parameters
    ----------
    path : Path
        The indicator rules (default ``data/lexicon/indicators.yml``).

    Returns
    -------
    tuple of str

    Raises
    ------
    helpers.errors.IndicatorRulesError
        If the file is missing or malformed (its message names the file).
    """
    return tuple(load_rules(path)["measure_words"])


@functools.lru_cache(maxsize=8)
def _counting_re(measure_words: tuple[str, ...]) -> re.Pattern:
    words = "|".join(map(re.escape, sorted(measure_words, key=len, reverse=True)))
    return re.compile(f"^[{_NUMERALS}]+(?:{words})?$")


def is_noise(word: str, measure_words: Sequence[str] | None = None) -> bool:
    """Tell whether a token can never be a keyword.

    Parameters
    ----------
    word : str
        A token.
    measure_words : sequence of str, optional
        Measure words that make a numeral a count (default: those of
        ``data/lexicon/indicators.yml``, see :func:`read_measure_words`).

    Returns
    -------
    bool
        True for numbers (arabic, or Chinese numerals with or without a
        measure word), latin strings, punctuation, whitespace and single
        characters.
    """
    word = word.strip()
    if len(word.replace("+", "")) < 2:
        return True
    if not _CONTENT_RE.match(word):
        return True
    if measure_words is None:
        measure_words = read_measure_words()
    return bool(_counting_re(tuple(measure_words)).match(word))


def read_userdict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Read a jieba user dictionary into ``(word, freq, tag)`` entries.

    Parameters
    ----------
    path : Path
        A UTF-8 file of ``word [freq] [tag]`` lines.

    Returns
    -------
    list of tuple
        Entries in file order; ``freq`` and ``tag`` are None when omitted.

    Raises
    ------
    LexiconFormatError
        If a line does not have the ``word freq tag`` shape or a word repeats.
    """
    entries, seen = [], {}
    for lineno, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = _USERDICT_LINE_RE.match(line)
        if not match:
            raise LexiconFormatError(
                f"{path}:{lineno}: expected 'word freq tag' (e.g. '高端装备 3000 nz'), got {line!r}"
            )
        word, freq, tag = match.groups()
        if word in seen:
            raise LexiconFormatError(f"{path}:{lineno}: {word!r} already listed on line {seen[word]}; remove one")
        seen[word] = lineno
        entries.append((word, int(freq) if freq else None, tag))
    return entries


def read_stopwords(path: Path) -> frozenset[str]:
    """Read a stop-word list, one word per line, ``#`` for comments.

    Parameters
    ----------
    path : Path
        A UTF-8 text file.

    Returns
    -------
    frozenset of str
    """
    words = set()
    for line in Path(path).read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


class Segmenter:
    """Cut text into words with a private tokenizer and a domain dictionary.

    The tokenizer is built on first use, once: 0.2 s for rjieba (its default
    dictionary, then the domain words), about 0.6 s for jieba (from its cache).

    Parameters
    ----------
    userdict : sequence of (word, freq, tag), optional
        Domain dictionary entries added to the tokenizer.
    stopwords : iterable of str, optional
        Words dropped by :meth:`content_words`.
    hmm : bool
        Let the engine guess unknown words with jieba's HMM (jieba's default).
    measure_words : sequence of str, optional
        Measure words that make a numeral a count, not a content word
        (default: those of ``data/lexicon/indicators.yml``).
    engine : {"rjieba", "jieba"}
        ``rjieba`` (jieba-rs: the same dictionary and HMM as jieba, faster) or
        ``jieba`` itself, the reference the tests compare it with.
    """

    def __init__(
        self,
        userdict: Sequence[tuple[str, int | None, str | None]] = (),
        stopwords: Iterable[str] = (),
        hmm: bool = True,
        measure_words: Sequence[str] | None = None,
        engine: str = "rjieba",
    ):
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
        self.userdict = tuple(userdict)
        self.stopwords = frozenset(stopwords)
        self.measure_words = tuple(read_measure_words() if measure_words is None else measure_words)
        self.hmm = hmm
        self.engine = engine
        self._tokenizer = None
        self._cut: Callable[[str], list[str]] | None = None
        self._lock = threading.Lock()
        # Whether a token is a content word, by token: a text repeats its
        # words, so each distinct token is judged once.
        self._content: dict[str, bool] = {}
        protected = sorted(
            (w for w, _, _ in self.userdict if not _JIEBA_BLOCK_RE.match(w) or "+" in w),
            key=lambda w: (-len(w), w),
        )
        # Longest first, so that 管委+公司 wins over 管委+ at the same position.
        self._protected_re = re.compile("|".join(map(re.escape, protected))) if protected else None

    @classmethod
    def from_lexicon(
        cls,
        lexicon_dir: Path = paths.LEXICON,
        hmm: bool = True,
        rules: Path = RULES_FILE,
        engine: str = "rjieba",
    ) -> Segmenter:
        """Build a segmenter from ``userdict.txt``, ``stopwords.txt`` and the indicator rules' measure words.

        Parameters
        ----------
        lexicon_dir : Path
            Directory holding ``userdict.txt`` and ``stopwords.txt``.
        hmm : bool
            Passed to :class:`Segmenter`.
        rules : Path
            The indicator rules whose ``measure_words`` the segmenter uses
            (default ``data/lexicon/indicators.yml``), so that segmentation and
            the indicator ledger read one list.
        engine : {"rjieba", "jieba"}
            Passed to :class:`Segmenter`.

        Returns
        -------
        Segmenter
        """
        lexicon_dir = Path(lexicon_dir)
        return cls(
            userdict=read_userdict(lexicon_dir / "userdict.txt"),
            stopwords=read_stopwords(lexicon_dir / "stopwords.txt"),
            hmm=hmm,
            measure_words=read_measure_words(rules),
            engine=engine,
        )

    @property
    def tokenizer(self):
        """Return the private ``rjieba.Jieba`` (or ``jieba.Tokenizer``), building it on first use."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tok, cut = _load_engine(self.engine, self.userdict, self.hmm)
                    self._cut = cut  # set before the tokenizer, which other threads test
                    self._tokenizer = tok
        return self._tokenizer

    def tokens(self, text: str) -> list[str]:
        """Cut text into all its tokens, punctuation and whitespace included.

        The tokens concatenate back to ``text`` exactly.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
        """
        if self._cut is None:
            _ = self.tokenizer
        cut = self._cut
        if self._protected_re is None:
            return cut(text)
        out, pos = [], 0
        for m in self._protected_re.finditer(text):
            if m.start() > pos:
                out.extend(cut(text[pos : m.start()]))
            out.append(m.group())
            pos = m.end()
        if pos < len(text):
            out.extend(cut(text[pos:]))
        return out

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Cut text into ``(token, start, end)`` with offsets into ``text``.

        Offsets count characters (``text[start:end] == token``).

        Parameters
        ----------
        text : str

        Returns
        -------
        list of tuple
        """
        out, pos = [], 0
        for token in self.tokens(text):
            end = pos + len(token)
            out.append((token, pos, end))
            pos = end
        return out

    def is_content(self, word: str) -> bool:
        """Tell whether a token is a content word (not noise, not a stop word).

        Parameters
        ----------
        word : str

        Returns
        -------
        bool
        """
        known = self._content.get(word)
        if known is None:
            known = self._content[word] = not is_noise(word, self.measure_words) and word not in self.stopwords
        return known

    def content_words(self, text: str) -> list[str]:
        """Cut text into content words, in text order.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of str
            Tokens that are neither stop words nor noise (see :func:`is_noise`).
        """
        is_content = self.is_content
        return [w for w in self.tokens(text) if is_content(w)]

    def count(self, texts: Iterable[str]) -> Counter:
        """Count content words over several texts in this process.

        Parameters
        ----------
        texts : iterable of str

        Returns
        -------
        collections.Counter
        """
        # Count every token, then keep the content words: each distinct
        # token is judged once, not once per occurrence.
        tokens: Counter = Counter()
        for text in texts:
            tokens.update(self.tokens(text))
        return Counter({w: n for w, n in tokens.items() if self.is_content(w)})

    def count_many(self, texts: Sequence[str], processes: int = 1, chunksize: int = 200) -> Counter:
        """Count content words over many texts, in parallel if asked.

        Worker processes are forked after the dictionary is loaded, so they
        share it instead of loading it again. Counts are summed, so the
        result is identical to :meth:`count` whatever the chunking.

        Parameters
        ----------
        texts : sequence of str
        processes : int
            Number of worker processes; 1 (or a platform without ``fork``)
            runs serially.
        chunksize : int
            Texts per task.

        Returns
        -------
        collections.Counter
        """
        texts = list(texts)
        fork_ok = "fork" in multiprocessing.get_all_start_methods()
        if processes <= 1 or not fork_ok or len(texts) <= chunksize:
            return self.count(texts)
        _ = self.tokenizer  # load once in the parent; children inherit it
        chunks = [texts[i : i + chunksize] for i in range(0, len(texts), chunksize)]
        global _WORKER_SEGMENTER
        _WORKER_SEGMENTER = self
        try:
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                parts = pool.map(_count_chunk, chunks, chunksize=1)
        finally:
            _WORKER_SEGMENTER = None
        total: Counter = Counter()
        for part in parts:
            total.update(part)
        return total

    def __getstate__(self):
        # The tokenizer and lock do not pickle; a copy rebuilds them lazily.
        state = self.__dict__.copy()
        state.update(_tokenizer=None, _cut=None, _lock=None, _content={})
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


def _load_engine(engine: str, userdict, hmm: bool):
    """Build a private tokenizer with the domain words; return it and its cut function."""
    if engine == "rjieba":
        # Imported here: importing rjieba builds its module-level default
        # tokenizer (0.1 s, 30 MB), which a process that never segments skips.
        import rjieba

        tok = rjieba.Jieba()
        for word, freq, tag in userdict:
            tok.add_word(word, freq, tag)
        return tok, functools.partial(tok.cut, hmm=hmm)
    import jieba

    # jieba logs "Building prefix dict..." at DEBUG/INFO on every initialisation.
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = _jieba_cache_dir()
    if cache is not None:
        tok.tmp_dir = str(cache)
    tok.initialize()
    for word, freq, tag in userdict:
        tok.add_word(word, freq, tag)
    return tok, functools.partial(tok.lcut, HMM=hmm)


_WORKER_SEGMENTER: Segmenter | None = None


def _count_chunk(texts: list[str]) -> Counter:
    return _WORKER_SEGMENTER.count(texts)


def _jieba_cache_dir() -> Path | None:
    # jieba keeps a marshal dump of its default dictionary (the same content
    # whatever the folder, so results do not depend on it).
    cache = paths.BUILD / "jieba"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return cache


@functools.cache
def default_segmenter() -> Segmenter:
    """Return the process-wide segmenter built from ``data/lexicon``.

    Returns
    -------
    Segmenter
    """
    return Segmenter.from_lexicon()
