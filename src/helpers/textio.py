"""Decode raw bytes into text, and make the normalised copies analysis reads.

Raw files arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 with or
without a BOM, GB18030/GBK (a superset chain, so GB18030 decodes both) or
Big5 (told from GB18030 by charset-normalizer), with LF, CRLF or CR line
ends. Copies for analysis keep the original's length, so offsets hold in both.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

import charset_normalizer
import opencc

from helpers.errors import BinaryFileError, EmptyFileError, UndecodableFileError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Control characters that never occur in text files; tab, LF, CR, FF are fine.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a raw file's bytes, returning the text and the encoding used.

    Parameters
    ----------
    data : bytes
        The file's content, exactly as received.
    name : str
        The file name, used in error messages.

    Returns
    -------
    text : str
        The decoded text with line ends normalised to ``\\n`` and no BOM.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"`` (with a BOM), ``"utf-16-le"``
        or ``"utf-16-be"`` (without), ``"gb18030"`` or ``"big5"``.

    Raises
    ------
    EmptyFileError
        If the file is empty or only white space.
    BinaryFileError
        If the file holds NUL bytes or control characters (not text).
    UndecodableFileError
        If no supported encoding decodes it.
    """
    if not data.strip():
        raise EmptyFileError(
            f"{name}: the file is empty. Remove it from data/raw/ (and its row from "
            "data/corpus.csv), or replace it with the article's text."
        )
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise BinaryFileError(
                f"{name}: the file contains NUL bytes and is not UTF-16 text, so it is binary. "
                "Save the article as plain text (UTF-8) and put that in data/raw/."
            )
    candidates = [encoding] if encoding else ["utf-8", _chinese_legacy_encoding(data)]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if sum(ch in _CONTROL for ch in text) > max(2, len(text) // 1000):
            raise BinaryFileError(
                f"{name}: decodes as {enc} but is full of control characters, so it "
                "is probably binary. Save the article as plain text (UTF-8)."
            )
        return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), enc
    raise UndecodableFileError(
        f"{name}: cannot decode as UTF-8, UTF-16, GB18030/GBK or Big5. Re-save the file as UTF-8 "
        "(e.g. `iconv -f <its encoding> -t UTF-8`) and update its sha256 in data/corpus.csv."
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """Return ``utf-16-le`` or ``utf-16-be`` when the bytes read as text in one of them."""
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        readable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
        if readable >= 0.98 * len(text) and "\x00" not in text:
            return enc
    return None


def _chinese_legacy_encoding(data: bytes) -> str:
    """Choose between GB18030 (mainland) and Big5 (Taiwan, Hong Kong) for non-UTF-8 bytes.

    Most Big5 byte sequences are also valid GB18030, so decoding alone cannot
    tell them apart; where both decode, charset-normalizer's language model
    chooses.
    """
    fits = []
    for enc in ("gb18030", "big5"):
        try:
            data.decode(enc)
        except UnicodeDecodeError:
            continue
        fits.append(enc)
    if len(fits) == 2:
        best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        return "big5" if best is not None and best.encoding == "big5" else "gb18030"
    return fits[0] if fits else "gb18030"


def read_text(path: Path) -> tuple[str, str]:
    """Read and decode a raw file; see :func:`decode_bytes`."""
    return decode_bytes(Path(path).read_bytes(), name=str(path))


def normalise_width(text: str) -> str:
    """Return a copy with full-width ASCII forms and the ideographic space made half-width.

    The copy has the same length as ``text``, character for character, so an
    offset found in the copy is valid in the original.

    Examples
    --------
    >>> normalise_width("２０２１年，ＧＤＰ增长１０％")
    '2021年,GDP增长10%'
    """
    return text.translate(_WIDTH_TABLE)


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Share of Han characters that change under traditional-to-simplified
# conversion above which a text is read as traditional: simplified text
# changes almost nowhere, traditional text in 15-30 % of characters.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Return a simplified-character copy of the same length (OpenCC t2s).

    OpenCC converts phrase by phrase; where a phrase would change length the
    characters are converted one by one, so offsets stay valid.

    Examples
    --------
    >>> simplified("新竹科學園區廠商營業額創新高")
    '新竹科学园区厂商营业额创新高'
    """
    converted = _to_simplified().convert(text)
    if len(converted) == len(text):
        return converted
    single = [_to_simplified().convert(ch) for ch in text]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(single, text))


def script_of(text: str) -> str:
    """Say which script a text is in: ``simplified``, ``traditional`` or ``latin`` (no Chinese to speak of)."""
    han = _HAN.findall(text)
    if len(han) < max(10, len(_LATIN.findall(text)) // 10):
        return "latin"
    sample = "".join(han)
    changed = sum(a != b for a, b in zip(sample, simplified(sample)))
    return "traditional" if changed > TRADITIONAL_SHARE * len(han) else "simplified"


def analysis_copy(text: str) -> tuple[str, str]:
    """Return the copy of an article that analysis reads, and the script of the original.

    The copy is width-normalised and, for a page in traditional characters,
    converted to simplified; it has the same length as ``text``, so an offset
    found in the copy is valid in the original.
    """
    script = script_of(text)
    copy = simplified(text) if script == "traditional" else text
    return normalise_width(copy), script


_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
