"""Decode raw bytes into text, and make the normalised copies analysis reads.

Raw files arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 with or
without a BOM, GB18030/GBK (a superset chain, so GB18030 decodes both) or
Big5 (told from GB18030 by charset-normalizer), with LF, CRLF or CR line
ends. Copies for analysis keep the original's length, so offsets hold in both.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from helpers.errors import BinaryFileError, EmptyFileError, UndecodableFileError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Control characters that never occur in text files; tab, LF, CR, FF are fine.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    r"""Decode a raw file's bytes, returning the text and the encoding used.

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
