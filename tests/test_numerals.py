"""Table-driven tests for helpers.analysis.numerals."""

import pytest

from helpers.analysis.numerals import (
    is_chinese_numeral,
    parse_chinese,
    parse_multiplier,
    parse_number,
    parse_rank,
    to_halfwidth,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("61.7", 61.7),
        ("1390", 1390.0),
        ("1,390", 1390.0),
        ("18,877", 18877.0),
        ("１２", 12.0),  # full-width digits
        ("８１．６３", 81.63),  # full-width digits and point
        ("两", 2.0),
        ("十", 10.0),
        ("十三", 13.0),
        ("二十", 20.0),
        ("一百零三", 103.0),
        ("一千零五", 1005.0),
        ("三千五百万", 35_000_000.0),
        ("百", 100.0),
        ("百亿", 1e10),
        ("十亿", 1e9),
        ("一亿二千万", 1.2e8),
        ("两万", 20_000.0),
        ("1.2万", 12_000.0),
        ("2.7亿", 2.7e8),
        ("四分之一", 0.25),
        ("三分之一", 1 / 3),
        ("百分之五十", 0.5),
        ("三点五", 3.5),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Issue #10: 亿 after 万 multiplied only a bare "1" (三万亿 gave 3.0001e12).
        ("三万亿", 3e12),
        ("十二万亿", 1.2e13),
        ("万亿", 1e12),
        ("1.2万亿", 1.2e12),
        ("五千万亿", 5e15),
        ("一万亿五千亿", 1.5e12),  # the second 亿 does not multiply 一万亿
        ("两千万", 2e7),
        ("一亿五千万", 1.5e8),
        ("一亿零五百万", 1.05e8),
        ("三亿五万", 300_050_000.0),
        ("二十万零三", 200_003.0),
        ("一亿亿", 1e16),
        # A magnitude after a Chinese decimal scales the whole decimal.
        ("三点五万", 35_000.0),
        ("十二点五亿", 1.25e9),
        ("三点五万亿", 3.5e12),
        ("零点五", 0.5),
        ("三点五六七", 3.567),
    ],
)
def test_parse_number_compound_chinese(text, expected):
    assert parse_number(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("text", ["", "abc", "高新区", "一区十园", "1.2.3", "三点", "三点五万元"])
def test_parse_number_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("第一名", 1.0),
        ("第二名", 2.0),
        ("第一位", 1.0),
        ("第一", 1.0),
        ("全市第一", 1.0),
        ("全省第三", 3.0),
        ("首位", 1.0),
        ("全市首位", 1.0),
        ("居全市首位", 1.0),
        ("前10名", 10.0),
        ("前五位", 5.0),
    ],
)
def test_parse_rank(text, expected):
    assert parse_rank(text) == expected


def test_parse_rank_rejects_words():
    with pytest.raises(ValueError):
        parse_rank("第一方阵")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("十三", True),
        ("两", True),
        ("百亿", True),
        ("十强", False),
        ("", False),
        ("12", False),
    ],
)
def test_is_chinese_numeral(text, expected):
    assert is_chinese_numeral(text) is expected


def test_parse_chinese_rejects_arabic():
    with pytest.raises(ValueError):
        parse_chinese("12")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("占全市２２．６％，", "占全市22.6%,"),
        ("比例４：６", "比例4:6"),
        ("a\u3000b", "a b"),
        ("“九通一平”。", "“九通一平”。"),  # CJK punctuation other than full-width ASCII is kept
    ],
)
def test_to_halfwidth_keeps_length(text, expected):
    out = to_halfwidth(text)
    assert out == expected
    assert len(out) == len(text)


@pytest.mark.parametrize(
    "text, expected",
    [("倍增", 2.0), ("翻番", 2.0), ("翻一番", 2.0), ("翻两番", 4.0), ("翻三番", 8.0), ("3倍", 3.0), ("两倍", 2.0)],
)
def test_parse_multiplier(text, expected):
    assert parse_multiplier(text) == expected


def test_parse_multiplier_rejects_other_words():
    with pytest.raises(ValueError):
        parse_multiplier("增长")
