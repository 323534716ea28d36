from pathlib import Path

import pytest

from helpers import paths
from helpers.corpus.layout import Line, byline, is_headline, join_fragments, split_articles
from helpers.corpus.reader import page_lines
from helpers.corpus.textio import read_text


def split(name):
    text, _ = read_text(paths.RAW / name)
    return split_articles(page_lines(text))


def test_the_newspaper_page_holds_four_articles_with_their_headlines():
    articles = split("003_778513eb0832983c.txt")
    titles = [a.headline[-1].text for a in articles]
    assert titles == [
        "高新区在全市重点项目现场观摩评比中再获佳绩",
        "刘章箭在济宁高新区2022年政府专项债券申报工作会议上强调 发挥投资效益 助力全区经济社会高质量发展",
        "为产业转型升级和高质量发展提供有力支撑 ——访高新区科技创新局党支部书记、副局长陈宏雷",
        "坚持人民立场 以良法善治 深入推进全面依法治国",
    ]
    # The interview keeps its series title and editor's note; the commentary its kicker.
    assert articles[2].headline[0].text == "贯彻落实全区冲刺四季度暨优化营商环境会议专题访谈"
    assert articles[2].headline[1].text.startswith("编者按:2021年10月22日")
    assert articles[3].headline[0].text == "深入贯彻落实 习近平法治思想"
    assert articles[3].anchor is None  # a commentary carries no dateline


def test_the_masthead_is_not_part_of_any_article():
    articles = split("003_778513eb0832983c.txt")
    text = "\n".join(ln.text for a in articles for ln in a.lines)
    for furniture in ("融媒热线", "jngxxw2020@163.com", "星期五", "总第589期", "活力·魅力·热点·焦点", "济宁高新新闻"):
        assert furniture not in text


@pytest.mark.parametrize(
    "name, n_articles",
    [
        ("000_d456980f3589ac9b.txt", 1),
        ("001_cef1137a2e8bed19.txt", 1),
        ("002_f1485682e8b0b642.txt", 1),
        ("004_334aaecfe10f16e1.txt", 1),
    ],
)
def test_single_article_files_stay_whole(name, n_articles):
    assert len(split(name)) == n_articles


@pytest.mark.parametrize(
    "lines, expected",
    [
        # A column break in 003 splits 高端装备 across two lines.
        (
            [
                "形成了强企领航的格局,占全市“231”产业集群四分之一,聚集了一批具有国内外领先技术的企业。其中,高",
                "端装备产业规上企业达到206家、产值达402.6亿。",
            ],
            [
                "形成了强企领航的格局,占全市“231”产业集群四分之一,聚集了一批具有国内外领先技术的企业。其中,高端装备产业规上企业达到206家、产值达402.6亿。"
            ],
        ),
        (
            ["刘章箭指出,用好政府专项债券是强", "投资、促发展的重要抓手和关键举措。"],
            ["刘章箭指出,用好政府专项债券是强投资、促发展的重要抓手和关键举措。"],
        ),
        # A heading with a comma is followed by a heading, so it is no fragment (000).
        (
            ["2020年, 这些方面重点突破", "全力打造千亿级现代化产业集群", "济宁高新区将举全力、集众智。"],
            ["2020年, 这些方面重点突破", "全力打造千亿级现代化产业集群", "济宁高新区将举全力、集众智。"],
        ),
        # An enumerated heading (002) is not a fragment either.
        (
            ["一、新旧动能转换工作线", "以“发展高科技、聚集新产业、培育新动能”为核心。"],
            ["一、新旧动能转换工作线", "以“发展高科技、聚集新产业、培育新动能”为核心。"],
        ),
    ],
)
def test_join_fragments_rejoins_only_broken_sentences(lines, expected):
    assert join_fragments([Line(i, t) for i, t in enumerate(lines)]) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("走在前列、干在实处，建设有全国影响力的圣地智谷", True),
        ("本报记者 孟杰", False),
        ("区有关部门单位、园区负责人参加。", False),
        # Real lines from the dev pages (tests/fixtures/pages*/).
        ("全國(長三角)知名媒體吳中行,燃!", True),  # pages3/014: an exclaimed headline
        ("灌云开发区 打造“生态都市园区”", True),  # pages/052: ends in a closing quote
        ("各乡镇人民政府、街道办事处,管委会各有关单位:", False),  # pages3/012: a salutation leads into the text
        ("▲10月25日,晨雾中的秀山高新区中小企业孵化园。记者 张春晓 摄", False),  # pages/025: a caption
        ("China-Singapore Suzhou Industrial Park targets new reforms (China Daily)", True),  # pages2/035
    ],
)
def test_is_headline(text, expected):
    assert is_headline(text) is expected


@pytest.mark.parametrize(
    "text, names",
    [
        ("本报记者 于伟 孟杰", "于伟 孟杰"),  # seed 001
        ("文丨張銀銀", "張銀銀"),  # pages3/026
        ("·郭年顺", "郭年顺"),  # pages3/013
        ("河南台记者谭可   开封台记者董黎", "河南台记者谭可   开封台记者董黎"),  # pages3/028
    ],
)
def test_bylines_in_their_common_shapes(text, names):
    assert byline(text)["names"] == names


def test_a_headline_printed_twice_with_its_dateline_is_one_story():
    # pages/041: the excerpt shows the story, then the same headline and dateline again.
    page = Path(__file__).parent / "fixtures" / "pages" / "041_impta.txt"
    articles = split_articles(page_lines(read_text(page)[0]))
    assert [a.title for a in articles] == ["工信部:中西部国家级高新区追赶势头强劲"]


def test_a_government_notice_takes_its_document_title_not_its_issuer():
    # pages3/012: 关于…的通知, then the issuing office, then the date.
    page = Path(__file__).parent / "fixtures" / "pages3" / "012_jinhuagov.txt"
    (article,) = split_articles(page_lines(read_text(page)[0]))
    assert article.title == "关于印发《金华经济技术开发区重污染天气应急预案(2024年修订)》的通知"
    assert [ln.text for ln in article.subtitle] == ["金华市生态环境局金华经济技术开发区分局"]


def test_an_unanchored_block_before_the_first_of_two_dated_stories():
    # Issue #10: starts[0] was read before the story starts were sorted (IndexError when an
    # unanchored block precedes the first story). Real lines of seed 003: two paragraphs from
    # the foot of its first story, then that story's headline, dateline and two paragraphs,
    # then the second story whole.
    page = Path(__file__).parent / "fixtures" / "seed" / "raw" / "003_778513eb0832983c.txt"
    lines = read_text(page)[0].split("\n")
    numbers = [54, 56, 25, 27, 29, 31, 62, 64, 66, 68, 70, 72, 74, 76]  # 1-based line numbers in the file
    text = "\n\n".join(lines[n - 1] for n in numbers) + "\n"
    articles = split_articles(page_lines(text))
    dated = [a for a in articles if a.anchor is not None]
    assert [a.title for a in dated] == [
        "高新区在全市重点项目现场观摩评比中再获佳绩",
        "刘章箭在济宁高新区2022年政府专项债券申报工作会议上强调 发挥投资效益 助力全区经济社会高质量发展",
    ]
    assert [a.anchor.text[:5] for a in dated] == ["本报济宁讯", "本报济宁讯"]
    assert sum(len(a.lines) for a in articles) == len(numbers)  # no line lost, none read twice
