"""Tests for helpers.text: the word alternation and the quotations the analysis modules share."""

import re

import pytest

from helpers.text import alternation, quotations


@pytest.mark.parametrize(
    "words, text, found",
    [
        # The longest word wins where two start alike: 万元 over 元, 亿美元 over 亿.
        (["元", "万元", "亿", "亿美元"], "利用外资2.7亿美元,营收350亿元", ["亿美元", "亿", "元"]),
        (["产业", "产业集群", "集群"], "231产业集群", ["产业集群"]),
        (["以上", "以"], "10万元以上村", ["以上"]),
        ([], "任何文字", []),
    ],
)
def test_alternation_finds_the_longest_word(words, text, found):
    assert re.findall(alternation(words), text) == found


def test_alternation_does_not_depend_on_the_order_words_come_in():
    words = ["达到", "实现", "累计", "达", "共", "新增", "达到"]
    assert alternation(words) == alternation(reversed(words)) == "实现|新增|累计|达到|共|达"


def test_alternation_of_regexes_keeps_them_as_written():
    pattern = alternation(["(?<![共已])争取", "要(?![素求点])", "力争"], escape=False)
    assert re.findall(pattern, "力争要素,要争取") == ["力争", "要", "争取"]
    assert re.escape("(?!") in alternation(["(?!"])


@pytest.mark.parametrize(
    "text, max_chars, quoted",
    [
        # seed 000 and 003: curly and straight quotes; 「」 and ‘’ on traditional and nested quotations.
        ("推动好“三廊七大片区”开发建设", None, ["三廊七大片区"]),
        ('精准对接全市"231"产业集群,占全市"231"产业集群四分之一', None, ["231", "231"]),
        ("中科要迈向「兆元园区」的营业额目标", None, ["兆元园区"]),
        # zone_pages/008_2q5iz6x.txt: a straight-quoted formula inside a long curly quotation.
        (
            '刘章箭表示:“以红星爱琴海为牵动,构建"四星联动"格局,打造独具特色、健康时尚、业态多元的都市顶级商圈。”',
            None,
            ['以红星爱琴海为牵动,构建"四星联动"格局,打造独具特色、健康时尚、业态多元的都市顶级商圈。', "四星联动"],
        ),
        ("全国晚报社长总编增强‘四力’苏州行", None, ["四力"]),
        # A long quotation is left out by max_chars, the short one inside it is kept.
        ('表示:“以红星爱琴海为牵动,构建"四星联动"格局,打造独具特色的都市顶级商圈。”', 10, ["四星联动"]),
        # Straight quotes pair left to right, an empty pair too, so no quote pairs across another pair.
        ('padding:="" 8px;rgb(51,="" 51,="" 51)', None, ["", "", ""]),
        # A quotation lies on one line.
        ("“第一行\n第二行”", None, []),
    ],
)
def test_quotations(text, max_chars, quoted):
    spans = quotations(text, max_chars)
    assert [text[s + 1 : e - 1] for s, e in spans] == quoted
    assert spans == sorted(spans, key=lambda span: (span[0], -span[1]))
