"""Tests for helpers.analysis.sections: headings of the real articles, what they govern, their cues."""

import copy
import warnings

import numpy as np
import pytest
import yaml
from corpora import FIXTURES

from helpers.analysis.sections import (
    GOVERNING_COLUMNS,
    SECTIONS_FILE,
    find_headings,
    governing_heading,
    heading_at,
    heading_cues,
    load_section_rules,
    parse_section_rules,
    section_cue,
    section_cues,
)
from helpers.corpus.reader import read_raw_file
from helpers.errors import LexiconError

# Article ids in the seed corpus (first 8 hex digits of the file's sha256, -index).
A2017A, A2017B, A2018, A2019 = "19188e80-0", "abff64df-0", "8d9cce48-0", "b804821d-0"
A2021, A2021_DEBT, A2021_TECH, A2021_LAW = "0f694cbe-0", "0f694cbe-1", "0f694cbe-2", "0f694cbe-3"


@pytest.fixture(scope="module")
def rules():
    return load_section_rules()


def row(articles, article_id):
    return articles.loc[articles["article_id"] == article_id].iloc[0]


def headings_of(articles, article_id, rules):
    art = row(articles, article_id)
    return art["text"], find_headings(art["text"], rules, title=art["title"])


def outline(headings):
    return [(h.text, h.kind, h.level, headings[h.parent].text if h.parent >= 0 else "") for h in headings]


# --- Headings of the real articles --------------------------------------------------

# The 2017 work report: kicker and title, three sections, three groups of measures
# under 具体举措, each group a plain line over two-part subheads.
OUTLINE_2017 = [
    ("撸起袖子加油干", "title", 0, ""),
    ("走在前列、干在实处，建设有全国影响力的圣地智谷", "title", 0, ""),
    ("总体要求", "line", 1, ""),
    ("奋斗目标", "line", 1, ""),
    ("具体举措", "line", 1, ""),
    ("为同行者架梯铺桥", "line", 2, "具体举措"),
    ("做实地地合作共同体 更多资源向实体经济配置", "line", 3, "为同行者架梯铺桥"),
    ("构建产业发展生态圈 “八位一体”模式再推进", "line", 3, "为同行者架梯铺桥"),
    ("建设资源配置主阵地 13个专业园区实体化运营", "line", 3, "为同行者架梯铺桥"),
    ("壮大项目服务生力军 90%招标主体为公司", "line", 3, "为同行者架梯铺桥"),
    ("提升民生幸福新指数 办好10大类39项实事", "line", 3, "为同行者架梯铺桥"),
    ("为创业者加油添力", "line", 2, "具体举措"),
    ("建济宁复合中心 推动“三廊七大片区”开发建设", "line", 3, "为创业者加油添力"),
    ("建科技创新中心 平台开放聚焦服务需求", "line", 3, "为创业者加油添力"),
    ("建济客集聚中心 启动“圣地智库”建设", "line", 3, "为创业者加油添力"),
    ("为担当者撑腰壮胆", "line", 2, "具体举措"),
    ("树立鼓励创新导向 “点菜”“下单”改革“堵点”", "line", 3, "为担当者撑腰壮胆"),
    ("树立关口前移导向 杜绝两个“倒逼”现象", "line", 3, "为担当者撑腰壮胆"),
    ("树立支持一线导向 园区、公司双向交流", "line", 3, "为担当者撑腰壮胆"),
    ("树立从严管理导向 建立常态化互评机制", "line", 3, "为担当者撑腰壮胆"),
]


def test_the_2017_work_report_has_its_outline(articles, rules):
    _, headings = headings_of(articles, A2017A, rules)
    assert outline(headings) == OUTLINE_2017


def test_numbering_restarts_under_each_main_line_of_the_2018_plan(articles, rules):
    _, headings = headings_of(articles, A2018, rules)
    got = outline(headings)
    assert got[2] == ("以六条主线为引领 全力以赴调结构增效益", "line", 1, "")
    assert got[3] == ("一、新旧动能转换工作线", "numbered", 2, "以六条主线为引领 全力以赴调结构增效益")
    assert got[9] == ("以六大主题攻坚年为纽带 全力以赴促落实见成效", "line", 1, "")
    assert got[10] == ("一、项目落地提速攻坚年", "numbered", 2, "以六大主题攻坚年为纽带 全力以赴促落实见成效")
    assert [h.style for h in headings[3:9]] == ["cn_comma"] * 6


def test_bulleted_headings_sit_under_the_line_above_them(articles, rules):
    _, headings = headings_of(articles, A2019, rules)
    got = outline(headings)
    assert got[1] == ("2020年, 这些方面重点突破", "line", 1, "")
    assert got[2] == ("全力打造千亿级现代化产业集群", "line", 2, "2020年, 这些方面重点突破")
    assert got[3] == ("◎高端装备产业", "line", 3, "全力打造千亿级现代化产业集群")
    assert headings[3].style == "bullet ◎"


@pytest.mark.parametrize(
    "article_id, n_titles, n_sections",
    [(A2017B, 1, 3), (A2021, 1, 0), (A2021_DEBT, 1, 0), (A2021_TECH, 2, 0), (A2021_LAW, 2, 0)],
)
def test_news_and_commentary_have_a_headline_block_and_few_sections(articles, rules, article_id, n_titles, n_sections):
    _, headings = headings_of(articles, article_id, rules)
    assert sum(h.kind == "title" for h in headings) == n_titles
    assert sum(h.kind != "title" for h in headings) == n_sections


def test_headings_are_slices_of_the_article_text(articles, rules):
    for art in articles.itertuples():
        for h in find_headings(art.text, rules, title=art.title):
            assert art.text[h.start : h.end] == h.text
            assert h.text == h.text.strip()


def test_bylines_are_not_headings(articles, rules):
    _, headings = headings_of(articles, A2017A, rules)
    assert "本报记者 于伟 孟杰" not in [h.text for h in headings]


# --- What a heading governs -------------------------------------------------------


def test_a_target_under_the_aims_heading_is_governed_by_it(articles, rules):
    text, headings = headings_of(articles, A2017A, rules)
    sentence = "营业总收入、高新技术产值两项核心指标均实现10%以上增长"
    at = text.index(sentence) + sentence.index("10%")
    assert heading_at(headings, at).text == "奋斗目标"
    cue = section_cues(text, [at], rules, headings=headings).iloc[0]
    assert (cue["cue"], cue["cue_heading_text"]) == ("forward", "奋斗目标")


@pytest.mark.parametrize(
    "subheading",
    [
        "壮大项目服务生力军 90%招标主体为公司",
        "建设资源配置主阵地 13个专业园区实体化运营",
        "提升民生幸福新指数 办好10大类39项实事",
    ],
)
def test_a_subheading_of_the_plan_is_itself_a_plan_item(articles, rules, subheading):
    # A figure in a subheading is governed by the subheading's parent and reads the plan's cue.
    text, headings = headings_of(articles, A2017A, rules)
    at = text.index(subheading) + subheading.index(" ") + 1  # the figure, not its restatement in the lede
    gov = governing_heading(text, [at], headings=headings).iloc[0]
    assert headings[gov["inside"]].text == subheading
    assert (gov["heading_text"], gov["parent_text"]) == ("为同行者架梯铺桥", "具体举措")
    assert section_cues(text, [at], rules, headings=headings)["cue"].iloc[0] == "forward"


def test_the_body_under_a_subheading_is_governed_by_it(articles, rules):
    text, headings = headings_of(articles, A2017A, rules)
    at = text.index("今年90%招标主体要成为公司主体")
    gov = governing_heading(text, [at], headings=headings).iloc[0]
    assert gov["heading_text"] == "壮大项目服务生力军 90%招标主体为公司"
    assert gov["parent_text"] == "为同行者架梯铺桥"
    assert gov["inside"] == -1


def test_the_2019_plans_are_forward_and_the_years_results_are_not(articles, rules):
    text, headings = headings_of(articles, A2019, rules)
    offsets = [
        text.index("划定了1.2万亩产业新空间"),
        text.index("重汽公司明年销售收入破百亿"),
        text.index("新增土地指标"),
    ]
    cues = section_cues(text, offsets, rules, headings=headings, year=2019)
    assert cues["cue"].tolist() == [None, "forward", "forward"]
    assert cues["cue_heading_text"].tolist() == ["", "2020年, 这些方面重点突破", "2020年, 这些方面重点突破"]


def test_the_lede_is_governed_by_the_headline(articles, rules):
    text, headings = headings_of(articles, A2017A, rules)
    gov = governing_heading(text, [text.index("20日，济宁高新区召开")], headings=headings).iloc[0]
    assert (gov["heading_kind"], gov["heading_level"], gov["parent"]) == ("title", 0, -1)


def test_governing_heading_is_vectorised_and_agrees_with_heading_at(articles, rules):
    text, headings = headings_of(articles, A2017A, rules)
    offsets = np.arange(0, len(text), 37)
    table = governing_heading(text, offsets, headings=headings)
    assert list(table.columns) == GOVERNING_COLUMNS
    assert table["offset"].tolist() == offsets.tolist()
    for offset, index in zip(offsets, table["heading"]):
        found = heading_at(headings, int(offset))
        assert (found.start if found else -1) == (headings[index].start if index >= 0 else -1)


def test_a_text_with_no_headings_governs_nothing(rules):
    table = governing_heading("高新区召开会议。会议强调,要全力以赴。", [0, 5], rules=rules)
    assert table["heading"].tolist() == [-1, -1] and table["parent_text"].tolist() == ["", ""]
    assert heading_at([], 3) is None


# --- Other kinds of heading, on real sentences -------------------------------------------

LEDE = "20日，济宁高新区召开2016年度总结表彰暨2017年创新发展大会，敲定2017年经济社会发展蓝图。\n"
AIMS = "营业总收入、高新技术产值两项核心指标均实现10%以上增长，各项指标都要站在更大范围考虑。"


@pytest.mark.parametrize(
    "line, heading, kind",
    [
        (f"奋斗目标：{AIMS}", "奋斗目标", "label"),
        (f"奋斗目标:{AIMS}", "奋斗目标", "label"),
        (f"【奋斗目标】{AIMS}", "【奋斗目标】", "bracket"),
        ("(一)农业生产下行压力较大,渔业出现大幅回落。2021年,全区实现农林牧渔业增加值19.03亿元。", None, "numbered"),
        ("一是争创国家级改革试点。聚焦绿色发展示范园区创建,及时掌握科技部工作安排。", "", ""),
        ("刘章箭指出：用好政府专项债券是强投资、促发展的重要抓手和关键举措。", "", ""),
        ("问：请介绍一下《行动计划》的制定背景。", "", ""),
    ],
)
def test_a_line_opening_with_a_heading(rules, line, heading, kind):
    text = LEDE + line + "\n" + AIMS
    found = [h for h in find_headings(text, rules) if h.kind != "title"]
    if not kind:
        assert found == []
        return
    expected = heading or line[: line.index("。") + 1]
    assert [(h.text, h.kind) for h in found] == [(expected, kind)]
    at = text.index("核心指标", found[0].end)
    assert heading_at(found, at).text == expected


def test_a_glued_numbered_heading_is_its_marker(rules):
    # pages/026: the heading runs into its paragraph with no stop; the marker alone is kept.
    line = "一、经济总量保持前列,三大产业发展分化明显根据地区生产总值统一核算结果,2021年全区实现生产总值752.14亿元。"
    found = [h for h in find_headings(LEDE + line + "\n" + AIMS, rules) if h.kind != "title"]
    assert [(h.text, h.style) for h in found] == [("一、", "cn_comma")]


def test_a_ranking_table_is_not_a_list_of_headings(rules):
    # pages2/015: thirty lines "1苏州工业园区江苏" with nothing between them.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        art = read_raw_file(FIXTURES / "pages2" / "015_xinhuanet_big5.txt")[0]
    texts = [h.text for h in find_headings(art["text"], rules, title=art["title"])]
    assert not any("经济技术开发区" in t and t[0].isdigit() for t in texts)


def test_lines_a_page_broke_mid_sentence_are_not_headings(rules):
    # pages/034: a forum post that wraps its news text at 40 characters.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        art = read_raw_file(FIXTURES / "pages" / "034_disp.txt")[0]
    texts = [h.text for h in find_headings(art["text"], rules)]
    assert not [t for t in texts if "台积电需要政府协助" in t or t.startswith("是结合在地生活圈")]


# --- Cues -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, year, cue",
    [
        ("奋斗目标", None, "forward"),
        ("总体要求", None, "forward"),
        ("具体举措", None, "forward"),
        ("以六大主题攻坚年为纽带 全力以赴促落实见成效", None, "forward"),  # 见成效 is an aim
        ("一、2012年工作回顾", None, "results"),
        ("目标完成情况", None, "results"),  # the head comes last
        ("主要成效与下一步打算", None, "mixed"),
        ("直接引进“千人计划”专家", None, None),  # a programme's name
        ("2020年, 这些方面重点突破", 2019, "forward"),
        ("全力打造千亿级现代化产业集群", 2019, None),
        ("2018年6月 园区建设", 2019, "results"),
        ("为同行者架梯铺桥", None, None),
    ],
)
def test_section_cue(rules, heading, year, cue):
    assert section_cue(heading, rules, year=year) == cue


def test_titles_carry_no_section_cue(articles, rules):
    _, headings = headings_of(articles, A2021, rules)
    assert headings[0].kind == "title" and heading_cues(headings, rules) == [None]


# --- The rules file ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc():
    return yaml.safe_load(SECTIONS_FILE.read_text("utf-8"))


def test_the_rules_file_parses_with_a_version(rules):
    assert rules.version == "1" and rules.source.endswith("sections.yml")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.pop("cues"), "cues"),
        (lambda d: d["cues"].pop("results"), "forward' and 'results"),
        (lambda d: d["cues"]["results"].append("目标"), "both forward and results"),
        (lambda d: d["numbered"].update(bad="[一"), "does not compile"),
        (lambda d: d["years"].update(later="soon"), "years.later"),
    ],
)
def test_malformed_rules_name_the_problem(doc, edit, message):
    broken = copy.deepcopy(doc)
    edit(broken)
    with pytest.raises(LexiconError, match=message):
        parse_section_rules(broken, "sections.yml")


def test_a_missing_rules_file_says_how_to_restore_it(tmp_path):
    with pytest.raises(LexiconError, match="no such file"):
        load_section_rules(tmp_path / "sections.yml")
