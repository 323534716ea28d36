import codecs

import pytest

from helpers.errors import BinaryFileError, EmptyFileError, UndecodableFileError
from helpers.textio import decode_bytes, normalise_width

SENTENCE = "今年净增高新技术企业20家,位列全市第一位。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("gb18030"), "gb18030"),
        (SENTENCE.encode("gbk"), "gb18030"),  # GB18030 is a superset of GBK
        (SENTENCE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (SENTENCE.encode("utf-16"), "utf-16"),
    ],
    ids=["utf-8", "utf-8 BOM", "gb18030", "gbk", "crlf", "utf-16 BOM"],
)
def test_decode_gives_the_same_text_whatever_the_encoding(data, encoding):
    assert decode_bytes(data) == (SENTENCE, encoding)


def test_decode_turns_old_mac_line_ends_into_newlines():
    assert decode_bytes("一\r二\r".encode("utf-8"))[0] == "一\n二\n"


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"", EmptyFileError, "empty"),
        (b"  \n\n \t", EmptyFileError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFileError, "binary"),
        (bytes(range(1, 32)) * 20, BinaryFileError, "binary"),
        (b"\xff\xfe\xfd" * 5 + "高新区".encode("utf-8")[:2] + b"\x81\x20", UndecodableFileError, "UTF-8"),
    ],
    ids=["empty", "white space", "png", "control characters", "undecodable"],
)
def test_bad_files_get_an_error_naming_the_file(data, error, words):
    with pytest.raises(error, match=words) as caught:
        decode_bytes(data, name="data/raw/bad.txt")
    assert "data/raw/bad.txt" in str(caught.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("２０２１年，ＧＤＰ增长１０％", "2021年,GDP增长10%"),
        ("管委＋公司：（功能区）", "管委+公司:(功能区)"),
        ("高新区　全面", "高新区 全面"),
        ("“三次创业”、《办法》", "“三次创业”、《办法》"),  # CJK quotes and 、 are not full-width ASCII: unchanged
    ],
)
def test_normalise_width_maps_full_width_ascii_and_keeps_length(text, expected):
    assert normalise_width(text) == expected
    assert len(normalise_width(text)) == len(text)
