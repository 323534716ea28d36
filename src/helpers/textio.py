"""Decode raw bytes into text, and make width-normalised copies of text.

Raw files arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 with a BOM,
or GB18030/GBK (a superset chain, so GB18030 decodes both), with LF, CRLF
or CR line ends.
"""

from __future__ import annotations

import codecs
from pathlib import Path

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
        ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"`` or ``"gb18030"``.

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
        raise BinaryFileError(
            f"{name}: the file contains NUL bytes, so it is binary, not text. "
            "Save the article as plain text (UTF-8) and put that in data/raw/."
        )
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
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
        f"{name}: cannot decode as UTF-8 or GB18030/GBK. Re-save the file as UTF-8 "
        "(e.g. `iconv -f <its encoding> -t UTF-8`) and update its sha256 in data/corpus.csv."
    )


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


_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
