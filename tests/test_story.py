"""The story tables (helpers.analysis.story) on small hand-built tables of real sentences from data/raw.

Each article below is a few sentences copied verbatim from the seed files
(article ids as the reader gives them); ledger rows, formula and entity
mentions are written by hand with their offsets found in those texts, as the
shared tables would hold them.
"""

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers.analysis import story
from helpers.analysis.formulas import formula_table
from helpers.errors import LedgerFormatError, LexiconError
from helpers.text import normalise_width

# --- the articles: real sentences ---------------------------------------------------------------

TEXTS = {
    # 004, 2017-10-23: the investment desks, a list of sectors that is no list of desks, the ten-park frame
    "abff64df-0": (
        "为保持区域内的经济活力,招引更多优质项目,日前,济宁高新区正式设立了全盘会战的投资促进局,从招商到落户全程跟踪服务,"
        "细分为装备制造产业、新材料产业、光电与汽车零部件产业、食品与生物医药产业、现代服务业、房地产与总部经济、"
        "信息产业和信息服务业等7个部门,深耕招商市场,细化招商项目。\n"
        "来自珠三角地区先进制造、新材料、生物制药、汽车、服务业、信息技术与制造等企业和100多名客商参加了推介会。\n"
        "从具体来看,“一区十园”总体框架,包括设立蓼河新区、5个街道属地园区及建设4个专业园区。\n"
        "目前,济宁高新区已经成为国家科技服务体系、创新型产业集群、知识产群集群“三大创新试点”高新区和山东省科技金融、"
        "人才管理改革试点高新区,建成了比较完备的产业体系和完善的公共平台,打造了最优的政务服务环境和营商环境。"
    ),
    # 002, 2018: six clusters at two scales; a slogan that names no reform
    "8d9cce48-0": (
        "集中突破高端装备、医养健康、纺织服装三个“千亿级”和信息产业、新材料、现代服务业三个“五百亿级”的六大产业集群,"
        "全力强化组织实施、人才支撑、金融支撑、开放带动、政策支持、项目引领六大保障。\n"
        "新旧动能转换引领区、体制机制创新先行区、智慧城市建设示范区“三区共建”战略方向。"
    ),
    # 000, 2019-12-03: the ranking, four leading industries, the reform done, a company's target, plans for 2020
    "b804821d-0": (
        "通过综合评比,济宁高新区获得第一名的好成绩。\n"
        "在主导产业发展方面,划定了1.2万亩产业新空间,明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业,"
        "1-10月份,四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9%,获评全国五星级产业基地。\n"
        "在创新引领方面,今年净增高新技术企业20家,位列全市第一位。\n"
        "在园区改革方面,成立了全市首家市场化招商公司,推行大部制改革,机构缩减幅度达到60%,行政审批时限平均提速81.63%,"
        "实施了全员聘任,建立了KPI绩效考核体系,全面激发了干事创业新活力。\n"
        "2020年, 这些方面重点突破\n"
        "全力打造千亿级现代化产业集群\n"
        "济宁高新区将举全力、集众智,以高质量双招双引为引擎,打造高端装备、医养健康、新一代信息技术、新能源新材料"
        "千亿级现代化特色产业集群。\n"
        "重点培育山推销售收入倍增计划,重汽公司明年销售收入破百亿、小松发动机过滤及净化装置等龙头内生项目。\n"
        "启动新一轮体制机制改革,深化完善“管委+”模式,做到凡是市场能干的一律交给市场。"
    ),
    # 003, 2021-11-05, the round-up: industries, parks, high-tech enterprises, rankings and honours
    "0f694cbe-0": (
        "济宁高新区获综合成绩第二名,高新区三个重点项目中,中韩高端装备产业园年产6万吨高端精密金属锻造件生产建设项目"
        "和山重集团研究院及智能化生产项目入选十佳产业项目名单;济宁孔子国际学校新校区项目入选五佳基础设施、民生项目名单。\n"
        "精准对接全市“231”产业集群,发挥好1.2万亩产业集聚区优势,推动高端装备、医养健康、新一代信息技术、新材料新能源"
        "加快向五百亿、千亿级产业集群迈进,四大产业占全市比重分别达到58%、79%、17.5%和57.9%,营收350亿元,"
        "占全市“231”产业集群四分之一,聚集了一批具有国内外领先技术的企业。\n"
        "其中,高端装备产业规上企业达到206家、产值达402.6亿,产业本地配套率接近60%,为国内工程机械产业链最完整的区域之一。\n"
        "持续推进“一区多园”改革,形成了5个街属园区、4个专业园区和3个功能园区错位竞争、术业专攻的发展格局。\n"
        "连续两年荣获“济宁市优化营商环境工作先进县市区”,居全省开发区营商环境评价前10名。\n"
        "高新技术企业达到140家,净增量连续3年全市第一。"
    ),
    # 003, 2021-11-05, the interview: applications done, and the year's targets
    "0f694cbe-2": (
        "聚焦科技强企培育,建立重点企业“一对一”联系制度,今年以来,共完成高新技术企业申报94家,"
        "高新技术企业工业总产值占比为77.7%,位居全市第一。\n"
        "聚焦高新技术企业申报,加大与省科技厅、市税务局对接力度,确保2021年高新技术企业申报不低于90家、"
        "高新技术企业数量达到175家。"
    ),
}
DATES = {
    "abff64df-0": "2017-10-23",
    "8d9cce48-0": "2018",
    "b804821d-0": "2019-12-03",
    "0f694cbe-0": "2021-11-05",
    "0f694cbe-2": "2021-11-05",
}
TYPES = {"abff64df-0": "feature", "8d9cce48-0": "work_plan", "b804821d-0": "meeting"}
TYPES.update({"0f694cbe-0": "results", "0f694cbe-2": "interview"})


def _articles() -> pd.DataFrame:
    rows = [
        {
            "article_id": aid,
            "file": f"{aid[:8]}.txt",
            "article_index": int(aid[-1]),
            "date": DATES[aid],
            "year": int(DATES[aid][:4]),
            "title": "",
            "text": text,
            "about_zone": True,
            "article_type": TYPES[aid],
        }
        for aid, text in TEXTS.items()
    ]
    return pd.DataFrame(rows).astype({"year": "Int64"})


def _line(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : (text.find("\n", pos) + 1 or len(text) + 1) - 1]


def fig(aid, at, written, indicator, kind, value, unit, base_unit, value_base, **extra) -> dict:
    """A ledger row for the figure ``written``, found inside the words ``at`` of article ``aid``."""
    text = TEXTS[aid]
    start = text.index(at) + at.index(written)
    row = {
        "indicator_id": f"{aid}:{start}",
        "article_id": aid,
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "value_base": value_base,
        "base_unit": base_unit,
        "kind": kind,
        "period": DATES[aid][:4],
        "sentence": _line(text, start),
        "start": start,
        "end": start + len(written),
        "qualifier": "",
        "series": "",
        "lead": text[max(0, start - 8) : start],
        "subject": "济宁高新区",
        "subject_type": "zone",
        "contest": "",
        "restates": "",
        "occurrences": f"{start}-{start + len(written)}",
    }
    row.update(extra)
    return row


A, B, C, D, E = "abff64df-0", "8d9cce48-0", "b804821d-0", "0f694cbe-0", "0f694cbe-2"
LEDGER = [
    fig(A, "等7个部门", "7个", "部门", "achieved", "7", "个", "count", 7.0),
    fig(A, "100多名客商", "100", "参加推介会的客商", "achieved", "100", "名", "count", 100.0, qualifier="多"),
    fig(A, "5个街道属地园区", "5个", "街道属地园区", "plan", "5", "个", "count", 5.0),
    fig(A, "建设4个专业园区", "4个", "专业园区", "plan", "4", "个", "count", 4.0),
    fig(
        B,
        "纺织服装三个“千亿级”",
        "千亿级",
        "高端装备、医养健康、纺织服装产业集群规模",
        "target",
        "千",
        "亿",
        "元",
        1e11,
    ),
    fig(
        B, "三个“五百亿级”", "五百亿级", "信息产业、新材料、现代服务业产业集群规模", "target", "五百", "亿", "元", 5e10
    ),
    fig(
        C,
        "获得第一名",
        "第一名",
        "全市开发区主导产业发展专题推进会议综合评比名次",
        "ranking",
        "第一",
        "名",
        "rank",
        1.0,
    ),
    fig(C, "分别达到58%", "58%", "高端装备产业营业收入占全市比重", "achieved", "58", "%", "ratio", 0.58),
    fig(C, "净增高新技术企业20家", "20家", "高新技术企业", "achieved", "20", "家", "count", 20.0)
    | {"series": "hightech_net_increase"},
    fig(C, "位列全市第一位", "第一位", "高新技术企业全市排名", "ranking", "第一", "位", "rank", 1.0),
    fig(C, "机构缩减幅度达到60%", "60%", "机构缩减幅度", "achieved", "60", "%", "ratio", 0.6),
    fig(C, "平均提速81.63%", "81.63%", "行政审批时限平均提速幅度", "achieved", "81.63", "%", "ratio", 0.8163),
    fig(C, "新材料千亿级现代化", "千亿级", "现代化产业集群规模", "target", "千", "亿", "元", 1e11, period="2020"),
    fig(C, "销售收入破百亿", "百亿", "重汽公司销售收入", "target", "百", "亿", "元", 1e10, subject="重汽公司")
    | {"subject_type": "company", "period": "2020"},
    fig(D, "获综合成绩第二名", "第二名", "全市重点项目现场观摩评比名次", "ranking", "第二", "名", "rank", 2.0)
    | {"contest": "全市重点项目现场观摩评比"},
    fig(D, "分别达到58%", "58%", "高端装备产业占全市比重", "achieved", "58", "%", "ratio", 0.58),
    fig(D, "营收350亿元", "350亿元", "营收", "achieved", "350", "亿元", "元", 3.5e10),
    fig(D, "规上企业达到206家", "206家", "高端装备产业规上企业", "achieved", "206", "家", "count", 206.0),
    fig(D, "产值达402.6亿", "402.6亿", "产值", "achieved", "402.6", "亿", "元", 4.026e10),
    fig(D, "配套率接近60%", "60%", "产业本地配套率", "achieved", "60", "%", "ratio", 0.6, qualifier="接近"),
    fig(D, "形成了5个街属园区", "5个", "街属园区", "achieved", "5", "个", "count", 5.0),
    fig(D, "、4个专业园区", "4个", "专业园区", "achieved", "4", "个", "count", 4.0),
    fig(D, "和3个功能园区", "3个", "功能园区错位竞争", "achieved", "3", "个", "count", 3.0),
    fig(D, "连续两年荣获", "两年", "连续获得先进县市区的年数", "achieved", "两", "年", "year", 2.0)
    | {"contest": "济宁市优化营商环境工作先进县市区"},
    fig(D, "评价前10名", "10名", "全省开发区营商环境评价名次", "ranking", "10", "名", "rank", 10.0, qualifier="前")
    | {"contest": "全省开发区营商环境评价"},
    fig(
        D, "达到140家", "140家", "高新技术企业", "achieved", "140", "家", "count", 140.0, series="hightech_enterprises"
    ),
    fig(D, "全市第一。", "第一", "高新技术企业净增量全市排名", "ranking", "第一", "", "rank", 1.0)
    | {"contest": "全市高新技术企业净增量排名"},
    fig(E, "申报94家", "94家", "高新技术企业申报", "achieved", "94", "家", "count", 94.0),
    fig(E, "不低于90家", "90家", "高新技术企业申报", "target", "90", "家", "count", 90.0, qualifier="不低于"),
    fig(
        E,
        "达到175家",
        "175家",
        "高新技术企业数量",
        "target",
        "175",
        "家",
        "count",
        175.0,
        series="hightech_enterprises",
    ),
]
# restatements, flagged by hand as helpers.analysis.facts would flag a figure repeated from an earlier article
LEDGER[26]["restates"] = LEDGER[9]["indicator_id"]
LEDGER[15]["restates"] = LEDGER[7]["indicator_id"]


def mention(aid: str, written: str, canonical: str, nth: int = 0) -> dict:
    text = TEXTS[aid]
    start = [m.start() for m in re.finditer(re.escape(written), text)][nth]
    return {
        "formula": written,
        "canonical": canonical,
        "article_id": aid,
        "year": int(DATES[aid][:4]),
        "date": DATES[aid],
        "start": start,
        "end": start + len(written),
        "sentence": _line(text, start),
        "kind": "formula",
    }


FORMULAS = [
    mention(A, "一区十园", "一区十园"),
    mention(A, "三大创新试点", "三大创新试点"),
    mention(B, "六大产业集群", "六大产业集群"),
    mention(B, "六大保障", "六大保障"),
    mention(B, "三区共建", "三区共建"),
    mention(C, "四大主导产业", "四大主导产业"),
    mention(C, "四大产业", "四大主导产业"),
    mention(C, "双招双引", "双招双引"),
    mention(D, "231", "231产业集群"),
    mention(D, "四大产业", "四大主导产业"),
    mention(D, "231", "231产业集群", nth=1),
    mention(D, "一区多园", "一区多园"),
]
ENTITIES = [
    {
        "entity": "蓼河新区",
        "type": "park",
        "article_id": A,
        "year": 2017,
        "start": TEXTS[A].index("蓼河新区"),
        "sentence": "",
    }
]


@pytest.fixture(scope="module")
def tables():
    formulas = pd.DataFrame(FORMULAS)
    formulas = formulas.sort_values(["date", "article_id", "start"], kind="stable").reset_index(drop=True)
    return SimpleNamespace(
        articles=_articles(),
        ledger=pd.DataFrame(LEDGER),
        formula_mentions=formulas,
        entity_mentions=pd.DataFrame(ENTITIES),
    )


def rows(table: pd.DataFrame, **where) -> pd.DataFrame:
    keep = pd.Series(True, index=table.index)
    for column, value in where.items():
        keep &= table[column] == value
    return table[keep]


def one(table: pd.DataFrame, **where) -> dict:
    found = rows(table, **where)
    assert len(found) == 1, f"{where}: {len(found)} rows\n{table.to_string()}"
    return found.iloc[0].to_dict()


# --- leading industries ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def industries(tables):
    return story.leading_industries(tables)


def test_the_desks_are_seven_industries_listed_before_their_count(industries):
    row = one(industries, indicator_id=LEDGER[0]["indicator_id"])
    assert row["industries"].split("、") == [
        "装备制造产业",
        "新材料产业",
        "光电与汽车零部件产业",
        "食品与生物医药产业",
        "现代服务业",
        "房地产与总部经济",
        "信息产业和信息服务业",
    ]
    assert (row["attribution"], row["as_written"], row["kind"]) == ("listed", "7个", "achieved")
    assert row["industry_ids"] == "equipment;materials;auto_parts;health;services;real_estate;information"
    assert (row["year"], row["date"], row["anchor"]) == (2017, "2017-10-23", row["indicator_id"])


def test_sectors_named_in_passing_are_not_an_industry_figure(industries):
    # 先进制造、新材料…等企业和100多名客商: the list is not counted by the figure
    assert LEDGER[1]["indicator_id"] not in set(industries["indicator_id"])


@pytest.mark.parametrize(
    ("index", "ids", "written", "kind"),
    [
        (4, "equipment;health;textiles", "千亿级", "target"),
        (5, "information;materials;services", "五百亿级", "target"),
        (12, "equipment;health;information;materials", "千亿级", "target"),  # listed right before it
        (7, "equipment", "58%", "achieved"),
        (17, "equipment", "206家", "achieved"),
        (18, "equipment", "402.6亿", "achieved"),  # 产值 names no industry: the one of its clause
    ],
)
def test_industry_figures_with_their_industries(industries, index, ids, written, kind):
    row = one(industries, indicator_id=LEDGER[index]["indicator_id"])
    assert (row["industry_ids"], row["as_written"], row["kind"]) == (ids, written, kind)


def test_a_figure_of_the_group_names_the_grouping_not_an_industry(industries):
    row = one(industries, indicator_id=LEDGER[16]["indicator_id"])  # 营收350亿元
    assert (row["industries"], row["attribution"], row["grouping"]) == ("", "group", "四大主导产业、231产业集群")


def test_a_company_target_and_a_ratio_that_is_no_industry_measure_are_left_out(industries):
    ids = set(industries["indicator_id"])
    assert LEDGER[13]["indicator_id"] not in ids  # 重汽公司明年销售收入破百亿: the company's
    assert LEDGER[19]["indicator_id"] not in ids  # 产业本地配套率接近60%: not a measure of industry


def test_groupings_list_their_industries_and_are_read_in_context(industries):
    six = one(industries, source="formula", grouping="六大产业集群")
    assert six["industries"] == "高端装备、医养健康、纺织服装、信息产业、新材料、现代服务业"
    assert six["kind"] == "plan"  # the figures of its sentence are targets
    four = rows(industries, source="formula", grouping="四大主导产业", article_id=C)
    assert four["industries"].tolist() == ["高端装备、医养健康、新一代信息技术、新材料", ""]
    assert four["kind"].tolist() == ["achieved", "achieved"]  # 明确了…; figures reported
    assert four["anchor"].tolist() == [f"f-{m['start']}" for m in FORMULAS if m["article_id"] == C][:2]


def test_scale_targets_show_what_was_reported_later_for_their_industries(industries):
    row = one(industries, indicator_id=LEDGER[4]["indicator_id"])  # 2018: 高端装备、医养健康、纺织服装 千亿级
    assert row["reported_later"] == f"高端装备产业 产值 402.6亿 (2021-11-05, {LEDGER[18]['indicator_id']})"
    # the 2020 target of a 千亿级 cluster for each of the four leading industries: high-end equipment's output
    # answers it; the four's combined revenue (营收350亿元) measures no one cluster, so it is not paired (review item 6)
    row = one(industries, indicator_id=LEDGER[12]["indicator_id"])
    assert row["reported_later"] == f"高端装备产业 产值 402.6亿 (2021-11-05, {LEDGER[18]['indicator_id']})"
    assert "350亿元" not in row["reported_later"]
    assert one(industries, indicator_id=LEDGER[5]["indicator_id"])["reported_later"] == ""  # nothing reported
    assert set(industries.loc[industries["kind"].isin(["achieved", "ranking"]), "reported_later"]) == {""}


def test_rows_are_in_publication_order_with_a_restatement_marked(industries):
    assert industries["date"].tolist() == sorted(industries["date"].tolist())
    row = one(industries, indicator_id=LEDGER[15]["indicator_id"])
    assert row["restates"] == LEDGER[7]["indicator_id"]


def test_industries_by_year_leaves_years_without_a_mention_empty(tables, industries):
    grid = story.industries_by_year(industries, tables.articles)
    assert list(grid.columns) == ["industry", "zh", "en", 2017, 2018, 2019, 2020, 2021]
    equipment = grid.set_index("industry").loc["equipment"]
    assert pd.isna(equipment[2017])  # the bureau's 7 desks are no figure of high-end equipment
    assert "集群规模 千亿级 (target)" in equipment[2018]
    assert pd.isna(equipment[2020])  # no articles: a gap, not a zero
    assert f"占全市比重 58% (achieved, repeats {LEDGER[7]['indicator_id']})" in equipment[2021]
    textiles = grid.set_index("industry").loc["textiles"]
    assert pd.isna(textiles[2019]) and pd.isna(textiles[2021])  # dropped from the clusters after 2018
    assert grid["industry"].tolist()[-3:] == ["六大产业集群", "四大主导产业", "231产业集群"]


def test_the_desks_count_is_one_row_of_the_investment_bureau_not_each_industrys(tables, industries):
    # 投资促进局…细分为装备制造产业、…等7个部门: seven desks of the bureau, shown once
    grid = story.industries_by_year(industries, tables.articles).set_index("industry")
    desks = grid.loc["investment_desks"]
    assert (desks["zh"], desks[2017]) == (
        "投资促进局的招商部门",
        "部门 7个 (achieved): 装备制造产业、新材料产业、光电与汽车零部件产业、食品与生物医药产业、现代服务业、"
        "房地产与总部经济、信息产业和信息服务业",
    )
    assert not grid.drop(index="investment_desks")[2017].fillna("").str.contains("7个").any()
    assert "auto_parts" not in grid.index  # named only as a desk


def test_a_formula_written_as_a_number_shows_its_name_not_a_figure(tables, industries):
    # 精准对接全市“231”产业集群: 231 is the city's cluster programme, not a number
    formula = rows(industries, source="formula", grouping="231产业集群")
    assert set(formula["as_written"]) == {"231产业集群"}
    grid = story.industries_by_year(industries, tables.articles).set_index("industry")
    # the city's list, named for reference: neither the zone's achievement nor its plan (review item 15)
    assert grid.loc["231产业集群", 2021] == "231产业集群 (the city's)"
    assert set(formula["kind"]) == {"mention"} and set(formula["subject"]) == {"city"}
    assert grid.loc["231产业集群", "en"] == "the grouping as a whole"


@pytest.mark.parametrize(
    "sentence, written, canonical, owner",
    [
        # 000 (2019-12-03): the city's ten industries, and the province's list of leading firms
        ("着眼于服务全市十强产业,以“济宁创新谷”为总揽,建设济宁新动能港", "十强产业", "十强产业", "city"),
        ("高新区4家入选全省60家十强产业集群领军企业。", "十强产业集群", "十强产业", "province"),
        # 003 (2021-11-05): the city's 231 programme, written as a quoted number
        ("精准对接全市“231”产业集群,发挥好1.2万亩产业集聚区优势", "231", "231产业集群", "city"),
        ("营收350亿元,占全市“231”产业集群四分之一", "231", "231产业集群", "city"),
        # the zone's own four, with no owner written before them: the vocabulary's owner
        ("明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业", "四大主导产业", "四大主导产业", "zone"),
    ],
)
def test_whose_list_a_grouping_is_is_read_from_the_words_before_it(sentence, written, canonical, owner):
    texts = SimpleNamespace(view=lambda aid: normalise_width(sentence))
    mention = {"article_id": "x", "start": sentence.index(written), "canonical": canonical}
    assert story._owner(texts, mention, story.load_rules()) == owner


# --- park structure -----------------------------------------------------------------------------------


def test_park_structure(tables):
    parks = story.park_structure(tables)
    counts = parks[parks["source"] == "ledger"]
    assert list(zip(counts["date"], counts["measure"], counts["as_written"], counts["kind"])) == [
        ("2017-10-23", "street_parks", "5个", "plan"),
        ("2017-10-23", "specialised_parks", "4个", "plan"),
        ("2021-11-05", "street_parks", "5个", "achieved"),  # 街道属地园区 and 街属园区 are one kind (targets.yml)
        ("2021-11-05", "specialised_parks", "4个", "achieved"),
        ("2021-11-05", "function_parks", "3个", "achieved"),
    ]
    frame = one(parks, source="formula", measure="一区十园")
    assert (frame["parks_named"], frame["anchor"]) == ("蓼河新区", f"f-{TEXTS[A].index('一区十园')}")
    assert one(parks, source="formula", measure="一区多园")["kind"] == "achieved"
    grid = story.by_year(parks, tables.articles).set_index("what")
    assert grid.loc["专业园区 (specialised parks)", 2017] == "4个 (plan)"
    assert grid.loc["一区十园", 2017] == "一区十园 (plan)"  # the figures of its sentence are plans
    assert grid.loc["一区多园", 2021] == "一区多园 (achieved)"
    assert pd.isna(grid.loc["功能园区 (functional parks)", 2017])
    assert story.by_year(parks, tables.articles, key="measure").set_index("measure").loc["street_parks", 2021] == (
        "街道属地园区 (parks run by the sub-districts) 5个 (achieved)"
    )


# --- reform ----------------------------------------------------------------------------------------------


def test_reform_measures_in_order_each_figure_once(tables):
    reform = story.reform(tables)
    done = rows(reform, article_id=C)
    assert list(zip(done["measure"], done["as_written"], done["kind"], done["source"])) == [
        ("company_model", "市场化招商公司", "achieved", "words"),
        ("streamlining", "大部制", "achieved", "words"),
        ("streamlining", "60%", "achieved", "ledger"),  # its clause names 机构缩减: no words row besides
        ("approvals", "81.63%", "achieved", "ledger"),
        ("personnel", "全员聘任", "achieved", "words"),
        ("personnel", "KPI; 绩效考核", "achieved", "words"),  # one row per clause and measure
        ("general", "新一轮体制机制改革", "plan", "words"),  # under the heading of the year after the article's
        ("company_model", "管委+", "plan", "words"),
    ]
    assert one(reform, indicator_id=LEDGER[10]["indicator_id"])["what"] == "机构缩减幅度"
    # 体制机制创新先行区 names a title to aim at, not a reform
    assert rows(reform, article_id=B).empty


# --- high-tech enterprises ------------------------------------------------------------------------------------


def test_hightech_series_against_its_targets(tables):
    ht = story.hightech(tables)
    target = one(ht, indicator_id=LEDGER[28]["indicator_id"])  # 申报不低于90家
    assert (target["kind"], target["status"], target["against"], target["against_value"]) == (
        "target",
        "met",
        LEDGER[27]["indicator_id"],
        "94家",
    )
    assert target["as_written"] == "不低于90家"
    stock = one(ht, indicator_id=LEDGER[29]["indicator_id"])  # 数量达到175家: a target, not a result
    assert (stock["kind"], stock["status"], stock["against_value"]) == ("target", "no later report", "140家")
    level = one(ht, indicator_id=LEDGER[25]["indicator_id"])
    assert level["note"] == f"the level when target {LEDGER[29]['indicator_id']} was set"
    assert one(ht, indicator_id=LEDGER[27]["indicator_id"])["note"].endswith("(met)")
    assert not (ht["kind"].isin(["target", "plan"]) & ht["status"].eq("")).any()


def test_hightech_measures_are_read_first_match_first(tables):
    ht = story.hightech(tables)
    by_id = dict(zip(ht["indicator_id"], ht["measure"]))
    assert by_id[LEDGER[8]["indicator_id"]] == "net_increase"
    assert by_id[LEDGER[9]["indicator_id"]] == "ranking"
    assert by_id[LEDGER[26]["indicator_id"]] == "net_increase_rank"
    assert by_id[LEDGER[25]["indicator_id"]] == "stock"
    assert by_id[LEDGER[27]["indicator_id"]] == "applications"


# --- rankings ------------------------------------------------------------------------------------------


def test_rankings_with_their_contests_and_honours(tables):
    rk = story.rankings(tables)
    assert list(zip(rk["date"], rk["source"], rk["as_written"])) == [
        ("2017-10-23", "honour", rk["as_written"].iloc[0]),
        ("2019-12-03", "ledger", "第一名"),
        ("2019-12-03", "honour", "获评全国五星级产业基地"),
        ("2019-12-03", "ledger", "第一位"),
        ("2021-11-05", "ledger", "第二名"),
        ("2021-11-05", "honour", "入选十佳产业项目名单"),
        ("2021-11-05", "honour", "入选五佳基础设施、民生项目名单"),
        ("2021-11-05", "ledger", "两年"),
        ("2021-11-05", "ledger", "前10名"),  # 前 is written before the number: top ten, not tenth
        ("2021-11-05", "ledger", "第一"),
    ]
    assert rk["as_written"].iloc[0].startswith("成为国家科技服务体系")
    second = one(rk, indicator_id=LEDGER[14]["indicator_id"])
    assert (second["what"], second["contest"], second["scope"]) == (
        "全市重点项目现场观摩评比",
        "全市重点项目现场观摩评比",
        "全市",
    )
    top10 = one(rk, indicator_id=LEDGER[24]["indicator_id"])
    assert (top10["contest"], top10["scope"]) == ("全省开发区营商环境评价", "全省")
    honour = one(rk, as_written="入选十佳产业项目名单")
    assert honour["what"].startswith("中韩高端装备产业园") and honour["indicator_id"] == ""
    assert honour["kind"] == "achieved"
    assert one(rk, indicator_id=LEDGER[26]["indicator_id"])["restates"] == LEDGER[9]["indicator_id"]


# --- reading a mention's kind ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aid", "words", "kind", "evidence"),
    [
        (C, "市场化招商公司", "achieved", "了 in its clause"),
        (C, "大部制", "achieved", "the figures of its sentence are reported"),
        (C, "新一轮体制机制改革", "plan", "under heading 2020年, 这些方面重点突破 (forward)"),
        (A, "一区十园", "plan", "the figures of its sentence are targets or plans"),
        (A, "三大创新试点", "achieved", "已经 in its clause"),
        (B, "三区共建", "plan", "article type work_plan"),
    ],
)
def test_mention_kind(tables, aid, words, kind, evidence):
    assert story.mention_kind(tables, aid, TEXTS[aid].index(words)) == (kind, evidence)


# --- the glossary --------------------------------------------------------------------------------------


def test_glossary_joins_first_and_last_use_and_says_what_has_no_gloss(tables):
    entries = {"四大主导产业": {"zh": "四个主导产业", "en": "The four leading industries", "source": "general"}}
    table = story.glossary(tables, entries)
    four = one(table, canonical="四大主导产业")
    assert (four["first_date"], four["first_article_id"], four["first_anchor"]) == (
        "2019-12-03",
        C,
        f"f-{TEXTS[C].index('四大主导产业')}",
    )
    assert (four["last_date"], four["last_article_id"], four["last_start"]) == ("2021-11-05", D, FORMULAS[9]["start"])
    assert (four["n_mentions"], four["variants"], four["gloss_status"]) == (3, "四大主导产业;四大产业", "glossed")
    assert one(table, canonical="六大保障")["gloss_status"] == story.NO_GLOSS
    assert story.missing_glosses(tables, entries) == [c for c in table["canonical"] if c != "四大主导产业"]
    assert table["first_date"].tolist() == sorted(table["first_date"])


def test_every_formula_of_the_seed_corpus_has_a_gloss(articles):
    found = SimpleNamespace(articles=articles, formula_mentions=formula_table(articles))
    missing = story.missing_glosses(found)
    assert not missing, f"formulas with no gloss in data/lexicon/glossary.yml: {missing}"


def test_each_gloss_quotes_the_article_it_cites(articles):
    text = dict(zip(articles["article_id"], articles["text"]))
    squash = lambda s: re.sub(r"\s+", "", normalise_width(s))  # noqa: E731
    for name, entry in story.load_glossary().items():
        if entry["source"] == "general":
            continue
        assert entry["source"] in text, f"{name}: no article {entry['source']} in the seed corpus"
        assert squash(entry["quote"]) in squash(text[entry["source"]]), f"{name}: the quote is not in its article"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"formulas": {"X": {"zh": "甲", "en": "x"}}}, "lacks source"),
        ({"formulas": {"X": {"zh": "甲", "en": "x", "source": "abc-0"}}}, "quotes no words"),
        ({"formulas": {"X": {"zh": "甲\n乙", "en": "x", "source": "general"}}}, "one line"),
        ({"glossary": {}}, "expected 'formulas:'"),
    ],
)
def test_glossary_validation(entries, message):
    with pytest.raises(LexiconError, match=message):
        story.parse_glossary(entries, "glossary.yml")


# --- the rules -------------------------------------------------------------------------------------------


def _rules_data():
    import yaml

    return yaml.safe_load(story.STORY_FILE.read_text("utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("reform"), "section 'reform'"),
        (lambda d: d["industries"].update(measures="(unclosed"), "bad regex"),
        (lambda d: d["industries"]["vocabulary"][1]["words"].append("高端装备"), "in two industries"),
        (lambda d: d["hightech"]["measures"][0].pop("en"), "lacks en"),
        (lambda d: d["reform"]["measures"].append(dict(d["reform"]["measures"][0])), "used twice"),
    ],
)
def test_rules_validation(change, message):
    data = _rules_data()
    change(data)
    with pytest.raises(LexiconError, match=message):
        story.parse_rules(data, "story.yml")


def test_the_rules_file_loads_and_its_park_measures_exist():
    from helpers.analysis.targets import load_matching

    rules = story.load_rules()
    known = {m["id"] for m in load_matching()["by_word"].values()}
    assert set(rules.park_measures) <= known


def test_a_ledger_without_its_columns_is_an_error(tables):
    broken = SimpleNamespace(**{**vars(tables), "ledger": tables.ledger.drop(columns=["kind"])})
    with pytest.raises(LedgerFormatError, match="kind"):
        story.reform(broken)


def test_tables_hold_for_an_undated_article(tables):
    articles = tables.articles.copy()
    articles.loc[articles["article_id"] == D, ["date", "year"]] = ["", pd.NA]
    undated = SimpleNamespace(**{**vars(tables), "articles": articles})
    parks = story.park_structure(undated)
    assert parks["article_id"].tolist()[-1] == D and pd.isna(parks["year"].iloc[-1])  # listed last, no year
    grid = story.by_year(parks, articles, key="measure").set_index("measure")
    assert list(grid.columns) == [2017, 2018, 2019, 2020, 2021]  # the interview (2021) is still dated
    assert "function_parks" not in grid.index  # named only in the undated article: in no year


def test_all_tables(tables):
    found = story.all_tables(SimpleNamespace(**vars(tables), repeated_text=None))
    assert list(found) == [
        "leading_industries",
        "industries_by_year",
        "park_structure",
        "reform",
        "hightech",
        "rankings",
        "glossary",
    ]
    for name, table in found.items():
        if name not in ("industries_by_year", "glossary"):
            assert list(table.columns[: len(story.COLUMNS)]) == story.COLUMNS, name
            assert (table["indicator_id"].ne("") | table["source"].ne("ledger")).all(), name


def test_a_count_of_parks_names_only_the_parks_it_lists():
    """004, 2017-10-23: 蓼河新区 stands beside the counts, it is not one of the 4 specialised parks."""
    text = (
        "从具体来看,“一区十园”总体框架,包括设立蓼河新区、5个街道属地园区及建设4个专业园区。"
        "建设的4个专业园区包括济宁综合保税区、济宁生物医药产业园、济宁信息产业园、华能如意新动能产业园。"
    )
    rules = story.load_rules()
    names = ["蓼河新区", "济宁综合保税区", "济宁生物医药产业园", "济宁信息产业园", "华能如意新动能产业园"]
    sentences = {0: [], 1: []}
    for name in names:
        start = text.index(name)
        sentences[0 if start < text.index("。") else 1].append(
            {"entity": name, "start": start, "end": start + len(name)}
        )
    texts = SimpleNamespace(text=lambda aid: text, sentence_number=lambda aid, pos: int(pos > text.index("。")))
    parks = {("a", n): ms for n, ms in sentences.items()}
    first, second = text.index("4个"), text.index("4个", text.index("。"))
    spans = [(first, first + 2), (second, second + 2)]
    assert (
        story.member_parks(parks, texts, "a", spans, rules)
        == "济宁综合保税区、济宁生物医药产业园、济宁信息产业园、华能如意新动能产业园"
    )
    five = text.index("5个")
    assert story.member_parks(parks, texts, "a", [(five, five + 2)], rules) == ""  # 蓼河新区、5个…: beside, not in


def test_a_count_after_its_listed_parks_names_them():
    """001, 2017: …生物医药产业园、人力资源产业园等13个专业园区实体化运营."""
    text = "年内率先突破国家检测检验示范区、综合保税区、大数据产业园、生物医药产业园、人力资源产业园等13个专业园区实体化运营。"
    names = ["国家检测检验示范区", "综合保税区", "大数据产业园", "生物医药产业园", "人力资源产业园"]
    canonical = {"综合保税区": "济宁综合保税区", "生物医药产业园": "济宁生物医药产业园"}
    mentions = [
        {"entity": canonical.get(n, n), "alias": n, "start": text.index(n), "end": text.index(n) + len(n)}
        for n in names
    ]
    texts = SimpleNamespace(text=lambda aid: text, sentence_number=lambda aid, pos: 0)
    at = text.index("13个")
    # as the text names them, not their canonical names (济宁综合保税区)
    assert story.member_parks({("a", 0): mentions}, texts, "a", [(at, at + 3)], story.load_rules()) == "、".join(names)


def test_a_rank_by_output_share_is_named_for_its_measure():
    """003's interview (0f694cbe-2): 高新技术企业工业总产值占比为77.7%,位居全市第一: the rank of the share, not a bare 排名."""
    rules = story.load_rules()
    row = {"indicator": "高新技术企业工业总产值占比全市排名", "kind": "ranking", "series": ""}
    assert story._hightech_measure(row, rules)["zh"] == "产值占比排名"
    net = {"indicator": "高新技术企业净增量全市排名", "kind": "ranking", "series": ""}
    assert story._hightech_measure(net, rules)["zh"] == "净增量排名"


# --- review items 16 and 17: reform labels whole, and a measure done the year before --------------------

REFORM_CASES = [
    # (article id, date, type, real sentence, as written in the reform table, kind, period)
    (
        "abff64df-0",
        "2017-10-23",
        "feature",
        "眼下,济宁高新区正加快推进济宁市新旧动能转换引领区建设,全面推动“一区多园”管理体制改革,"
        "以十大园区建设为载体,全力支撑、引领新旧动能转换。",
        "“一区多园”管理体制改革",
        "mention",
        "",
    ),
    (
        "0f694cbe-0",
        "2021-11-05",
        "results",
        "持续推进“一区多园”改革,形成了5个街属园区、4个专业园区和3个功能园区错位竞争、术业专攻的发展格局。",
        "“一区多园”改革",
        "achieved",
        "",
    ),
    # 001, the 2017 work plan: all-staff KPI appraisal was brought in 去年, i.e. in 2016
    (
        "19188e80-0",
        "2017",
        "work_plan",
        "在去年引入全员KPI考核的基础上，今年单位KPI指标转变为管委以总量分任务，以基础定基数，以贡献定系数，"
        "从上到下层层分解，同时考虑引入第三方评估，确保绩效评价更科学、更合理。",
        "KPI",
        "achieved",
        "2016",
    ),
]


@pytest.mark.parametrize("aid, date, kind_of_article, text, written, kind, period", REFORM_CASES)
def test_reform_labels_are_whole_and_a_measure_done_last_year_is_dated_then(
    aid, date, kind_of_article, text, written, kind, period
):
    articles = pd.DataFrame(
        [
            {
                "article_id": aid,
                "file": f"{aid[:8]}.txt",
                "article_index": int(aid[-1]),
                "date": date,
                "year": int(date[:4]),
                "title": "",
                "text": text,
                "about_zone": True,
                "article_type": kind_of_article,
            }
        ]
    ).astype({"year": "Int64"})
    empty = pd.DataFrame(columns=story.LEDGER_NEEDS)
    formulas = pd.DataFrame(columns=["formula", "canonical", "article_id", "year", "date", "start", "end"])
    tables = SimpleNamespace(articles=articles, ledger=empty, formula_mentions=formulas, entity_mentions=None)
    reform = story.reform(tables)
    first = reform.iloc[0]
    assert (first["as_written"], first["kind"], first["period"]) == (written, kind, period)
    assert all(w.count("“") == w.count("”") for w in reform["as_written"])


@pytest.mark.parametrize(
    "text, start, end, said",
    [
        ("全面推动“一区多园”管理体制改革", 5, 16, "“一区多园”管理体制改革"),
        ("共建“万亩千亿”级国际高端装备产业城", 3, 8, "“万亩千亿”"),
        ("剥离“一区十园”社会事务管理职能", 0, 16, "剥离“一区十园”社会事务管理职能"),
    ],
)
def test_a_label_is_never_cut_inside_a_quotation(text, start, end, said):
    assert story._balanced(text, start, end) == said
