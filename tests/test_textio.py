import codecs
from pathlib import Path

import pytest

from helpers.corpus.textio import decode_bytes
from helpers.errors import BinaryFileError, EmptyFileError, UndecodableFileError
from helpers.text import analysis_copy, normalise_width, script_of

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
    assert decode_bytes("一\r二\r".encode())[0] == "一\n二\n"


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"", EmptyFileError, "empty"),
        (b"  \n\n \t", EmptyFileError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFileError, "binary"),
        (bytes(range(1, 32)) * 20, BinaryFileError, "binary"),
        (b"\xff\xfe\xfd" * 5 + "高新区".encode()[:2] + b"\x81\x20", UndecodableFileError, "UTF-8"),
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


# A real sentence from a Taiwan page (tests/fixtures/pages/010_udn.txt, dev set).
TRADITIONAL = "國科會中科管理局二林園區服務大樓暨警察二林分隊,2日舉行落成啟用揭牌典禮,中科管理局長許茂新指出,園區將發揮產業聚落優勢。\n"


def test_big5_is_read_as_big5_not_garbled_as_gb18030():
    assert decode_bytes(TRADITIONAL.encode("big5")) == (TRADITIONAL, "big5")


def test_a_real_big5_page_decodes_to_its_text():
    page = Path(__file__).parent / "fixtures" / "pages" / "010_udn.txt"
    text, encoding = decode_bytes(page.read_bytes())
    assert encoding == "big5" and text.startswith("本文共635字")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text_not_binary(encoding):
    assert decode_bytes(SENTENCE.encode(encoding)) == (SENTENCE, encoding)


def test_a_traditional_page_gets_a_simplified_copy_of_the_same_length():
    copy, script = analysis_copy(TRADITIONAL)
    assert script == "traditional"
    assert len(copy) == len(TRADITIONAL)
    assert copy.startswith("国科会中科管理局二林园区服务大楼")


@pytest.mark.parametrize(
    "text, script",
    [
        (SENTENCE, "simplified"),
        (TRADITIONAL, "traditional"),
        ("Western China gets first state high-tech zone, 西安", "latin"),
    ],
)
def test_script_of(text, script):
    assert script_of(text) == script


def test_simplified_text_is_left_as_it_is():
    # The 2017 plan (seed 001): a simplified page is never run through the converter.
    text = "撸起袖子加油干\n年内13个专业园区实体化运营，推动好“三廊七大片区”开发建设"
    assert analysis_copy(text) == (normalise_width(text), "simplified")
