"""Tests for helpers.analysis.naming: names, subjects and contests on the seed corpus's real sentences.

Issue 11 item 2: ``indicator`` is a noun phrase for what is measured, never a
verb or a fragment; ``subject`` says whose figure it is; a ranking names the
contest it ranks in. Each case below is a name the ledger got wrong before
rules version 4 (in the comment), on its sentence as the article prints it.
"""

import pandas as pd
import pytest

from helpers.analysis.indicators import extract_indicators, indicators_table
from helpers.analysis.naming import SUBJECT_TYPES

Y2019, Y2017_PLAN, Y2017_FEATURE, Y2018, Y2021, Y2021_INTERVIEW = (
    "b804821d-0",
    "19188e80-0",
    "abff64df-0",
    "8d9cce48-0",
    "0f694cbe-0",
    "0f694cbe-2",
)


@pytest.fixture(scope="module")
def ledger(articles):
    return indicators_table(articles[articles["about_zone"]])


def find(ledger: pd.DataFrame, article: str, words: str, value: str) -> pd.DataFrame:
    """The rows of ``article`` whose sentence holds ``words`` and whose value is ``value``."""
    rows = ledger[
        (ledger["article_id"] == article)
        & ledger["sentence"].str.contains(words, regex=False)
        & (ledger["value"] == value)
    ]
    assert len(rows), f"no {value} in a sentence with {words} in {article}"
    return rows


@pytest.mark.parametrize(
    "article, words, value, indicator",
    [
        # was 发挥好
        (Y2021, "发挥好1.2万亩产业集聚区优势", "1.2", "产业集聚区"),
        # was 及济南: the unit is the noun, the verb comes after the list
        (Y2021, "等5省及济南", "5", "签署跨省通办、云牵手联盟合作协议书的省份"),
        # was 省内 and 高频事项跨省通办: the noun ends the list, the quotation is its predicate
        (Y2021, "推动省内298项", "298", "跨省通办的省内高频事项"),
        (Y2021, "推动省内298项", "132", "跨省通办的省外高频事项"),
        # was 办好: two figures in a row, the second's noun counted in the first's unit
        (Y2017_PLAN, "今年集中办好10大类39项实事", "10", "实事大类"),
        (Y2017_PLAN, "今年集中办好10大类39项实事", "39", "实事"),
        # was 重点项目中
        (Y2021, "高新区三个重点项目中", "三", "重点项目"),
        # was 会员: whose members
        (Y2021, "吸纳会员200余人", "200", "济宁海归创新发展协会会员"),
        # was 量连续3年排名
        (Y2021, "净增量连续3年全市第一", "第一", "高新技术企业净增量全市排名"),
        # was 省级 (30个省级、19个市级重点项目超额完成…)
        (Y2021, "30个省级、19个市级", "30", "超额完成年度投资计划的省级重点项目"),
        # were verb phrases: a count's verb and its noun joined by 的
        (Y2019, "54个项目投产达效", "54", "投产达效的项目"),
        (Y2019, "向30家重点企业派驻了服务", "30", "派驻服务特派员的重点企业"),
        (Y2021, "53家企业纳入全市攀登计划", "53", "纳入全市攀登计划的企业"),
        (Y2019, "高新区4家入选全省60家", "4", "入选全省十强产业集群领军企业数量"),
        # was 高新区深入推进总投资: the zone is the subject, the projects are what is invested in
        (Y2021, "深入推进总投资1381亿元", "1381", "双百工程项目总投资"),
        # a 的 names what the figure describes
        (Y2019, "重点启动2000亩的医养健康产业集聚区建设", "2000", "医养健康产业集聚区面积"),
        (Y2017_FEATURE, "组建成60人的专业招商引资", "60", "专业招商引资特种部队人数"),
        # a change in %
        (Y2021, "机构数量压缩68%", "68", "机构数量压缩幅度"),
        # were 高新技术企业, 标准化厂房, 四上企业…: an addition word right before the noun stays in the name
        (Y2019, "今年净增高新技术企业20家", "20", "高新技术企业净增数量"),
        (Y2019, "新建标准化厂房58万平方米", "58", "标准化厂房新建面积"),
        (Y2019, "柔性引进欧洲科学院院士1名", "2", "千人计划专家引进数量"),
        (Y2021, "引进外国专家36人,新增省级人才平台13家", "13", "省级人才平台新增数量"),
        # unchanged good names
        (Y2019, "新开工项目103个", "103", "新开工项目"),
        (Y2019, "基础设施投入61.7亿元", "61.7", "基础设施投入"),
        (Y2021_INTERVIEW, "高新技术企业数量达到175家", "175", "高新技术企业数量"),
    ],
)
def test_names_are_noun_phrases_for_what_is_measured(ledger, article, words, value, indicator):
    assert find(ledger, article, words, value)["indicator"].iloc[0] == indicator


# Fresh readers of the published reports (rules v5): names that were a fragment, too vague, or the
# zone's where the sentence names an industry or a body. (article, words, value, name, subject)
READERS = [
    # was 功能园区错位竞争: the last noun of the list ends where the others do
    (Y2021, "和3个功能园区错位竞争", "3", "功能园区", "济宁高新区"),
    (Y2021, "形成了5个街属园区", "5", "街属园区", "济宁高新区"),
    # was 职能 (剥离 cut as a cue word): what was done to them
    (Y2021, "剥离职能69项", "69", "剥离的职能", "济宁高新区"),
    # was 部门: the bureau's desks
    (Y2017_FEATURE, "等7个部门", "7", "投资促进局细分的部门", "济宁高新区"),
    # was 项目: the projects arranged
    (Y2017_PLAN, "初步安排149个项目", "149", "安排的项目", "济宁高新区"),
    # was 产值, read as the zone's output: the 高端装备 industry's (the zone's industry, C13)
    (Y2021, "产值达402.6亿", "402.6", "高端装备产业产值", "济宁高新区"),
    (Y2021, "营收350亿元", "350", "四大产业营收", "济宁高新区"),
    # was 产值: a company-led consortium's output, not the zone's
    (Y2021, "今年以来产值达到375亿元", "375", "科创共同体产值", "科创共同体"),
    # was 蓼河新区: a name, not a measure
    (Y2018, "启动蓼河新区42平方公里", "42", "蓼河新区面积", "蓼河新区"),
    # unchanged: a share keeps its scope (the v5 verb cut takes only verbs)
    (Y2021, "占全市22.6%", "22.6", "进出口额占全市", "济宁高新区"),
]


@pytest.mark.parametrize("article, words, value, indicator, subject", READERS)
def test_names_readers_found_broken(ledger, article, words, value, indicator, subject):
    row = find(ledger, article, words, value).iloc[0]
    assert (row["indicator"], row["subject"]) == (indicator, subject)


@pytest.mark.parametrize(
    "article, words, value, indicator, contest",
    [
        # was 济宁高新区获排名 / 济宁高新区获得排名: the contest comes from the title or the paragraph
        (
            Y2019,
            "济宁高新区获第一名",
            "第一",
            "全市开发区主导产业发展专题推进会议综合评比名次",
            "全市开发区主导产业发展专题推进会议综合评比",
        ),
        (
            Y2019,
            "通过综合评比",
            "第一",
            "全市开发区主导产业发展专题推进会议综合评比名次",
            "全市开发区主导产业发展专题推进会议综合评比",
        ),
        # was 济宁高新区获综合成绩排名: 2021's second place is in another contest, not a decline
        (Y2021, "获综合成绩第二名", "第二", "全市重点项目现场观摩评比名次", "全市重点项目现场观摩评比"),
        # was 全省开发区营商环境评价前排名
        (Y2021, "营商环境评价前10名", "10", "全省开发区营商环境评价名次", "全省开发区营商环境评价"),
        # a measure ranked: the measure, its scope and 排名
        # was 高新技术企业全市排名: the first place is for the net increase (净增…20家), as 2021's row
        (Y2019, "位列全市第一位", "第一", "高新技术企业净增量全市排名", "全市高新技术企业净增量排名"),
        (Y2021, "位居全市首位", "首位", "债券额度全市排名", "全市债券额度排名"),
    ],
)
def test_rankings_name_their_contest(ledger, article, words, value, indicator, contest):
    row = find(ledger, article, words, value).iloc[0]
    assert (row["indicator"], row["contest"]) == (indicator, contest)


def test_a_rank_shared_by_two_counts_is_a_row_for_each(ledger):
    # was 数量均居排名, one row: 53家企业纳入全市攀登计划,优质工业企业55家,数量均居全市第一
    rows = find(ledger, Y2021, "数量均居全市第一", "第一")
    assert rows["indicator"].tolist() == ["纳入全市攀登计划的企业数量全市排名", "优质工业企业数量全市排名"]
    assert rows["indicator_id"].tolist() == ["0f694cbe-0:800", "0f694cbe-0:800:2"]
    assert rows["shares"].tolist() == ["", "0f694cbe-0:800"]


def test_two_measures_named_before_one_rank(ledger):
    rows = find(ledger, Y2021, "总件数和万人发明专利拥有量均居全市第一", "第一")
    # 总件数 is the total of 专利申请量、有效发明专利受理数 named before it (18877件)
    assert rows["indicator"].tolist() == ["专利申请量和有效发明专利总件数全市排名", "万人发明专利拥有量全市排名"]


@pytest.mark.parametrize(
    "article, words, value, subject, subject_type",
    [
        # 产值375亿元 is the output of a company-led consortium, not the zone's
        (Y2021, "今年以来产值达到375亿元", "375", "科创共同体", "other"),
        (Y2021, "掌握核心技术专利3700余项", "3700", "科创共同体", "other"),
        (Y2019, "重汽公司明年销售收入破百亿", "百", "重汽公司", "company"),
        (Y2019, "山推销售收入倍增计划", "倍增", "山推", "company"),
        # a denominator is the province's
        (Y2019, "入选全省60家", "60", "全省", "province"),
        # a 的 names the park or projects a figure describes
        (Y2019, "2000亩的医养健康产业集聚区", "2000", "医养健康产业集聚区", "park"),
        (Y2019, "总投资近百亿元的红星爱琴海", "百", "红星爱琴海、华润万象汇、奥特莱斯、湖滨印象综合商圈", "project"),
        (
            Y2021,
            "年产6万吨高端精密金属锻造件",
            "6",
            "中韩高端装备产业园年产6万吨高端精密金属锻造件生产建设项目",
            "project",
        ),
        (Y2021, "“万亩千亿”级国际高端装备产业城", "千", "国际高端装备产业城", "park"),
        (Y2021, "吸纳会员200余人", "200", "济宁海归创新发展协会", "other"),
        # the zone, by name or by default; examples before 等 and partners after 与 are not subjects
        (Y2021, "鲁抗医药等16家企业", "16", "济宁高新区", "zone"),
        (Y2021, "重汽商用车、山推股份等53家企业", "53", "济宁高新区", "zone"),
        (Y2017_FEATURE, "广东营养健康产业协会等11家企业", "11", "济宁高新区", "zone"),
        (Y2021, "引进锦成永生、顶峰飞行机器人、鲁抗好丽友", "2.7", "济宁高新区", "zone"),
        (Y2019, "基础设施投入61.7亿元", "61.7", "济宁高新区", "zone"),
        # 向县市区转化: the counties receive, the zone transfers
        (Y2021, "累计向县市区转化产业项目20余个", "20", "济宁高新区", "zone"),
    ],
)
def test_subjects(ledger, article, words, value, subject, subject_type):
    row = find(ledger, article, words, value).iloc[0]
    assert (row["subject"], row["subject_type"]) == (subject, subject_type)


def test_every_row_has_a_subject_of_a_known_type_and_a_name(ledger):
    assert set(ledger["subject_type"]) <= set(SUBJECT_TYPES)
    assert (ledger["subject"] != "").all() and (ledger["indicator"] != "").all()
    assert (ledger.loc[ledger["kind"] == "ranking", "contest"] != "").all()
    assert (ledger.loc[ledger["kind"] != "ranking", "contest"].isin(["", *ledger["contest"]])).all()


# Words no name may start or end with: verbs, joining words, the zone's name, a rank's leftovers.
NOT_NAME_STARTS = ("发挥", "办好", "推动", "推进", "深入", "及", "和", "与", "、", "高新区", "济宁高新区", "获", "省内")
NOT_NAME_ENDS = ("中", "均", "居", "获排名", "前排名", "量排名")


def test_no_name_is_a_verb_or_a_fragment(ledger):
    bad = ledger[ledger["indicator"].str.startswith(NOT_NAME_STARTS) | ledger["indicator"].str.endswith(NOT_NAME_ENDS)]
    assert bad[["indicator_id", "indicator"]].values.tolist() == []


def test_a_figure_about_no_one_named_has_no_subject_outside_the_zone():
    # An article not about the zone (zone=""), a figure with no one named: no subject.
    found = extract_indicators("新增企业12家。", "2020", zone="")
    assert found[["subject", "subject_type"]].values.tolist() == [["", "other"]]
    # Another place's 高新区 is not ours.
    found = extract_indicators("签约落户合肥高新区项目80个,总投资308.8亿元。", "2020")
    assert found["subject"].tolist() == ["合肥高新区", "济宁高新区"]


def test_a_scope_that_opens_a_clause_is_the_subject():
    # pages2-style sentence about the city: the figure is the city's, not the zone's.
    found = extract_indicators("全市规上工业增加值增长8%。", "2020")
    assert found[["subject", "subject_type"]].values.tolist() == [["全市", "city"]]


# Second reader review (rules v6): names that dropped the verb making an amount a result, fragments,
# and a scale class of three clusters named as one. (article, words, value, name)
READERS_V6 = [
    # was 低效闲置用地: idle land, not idle land brought back into use
    (Y2019, "盘活低效闲置用地1390亩", "1390", "盘活的低效闲置用地"),
    # was 各级各类资金: the money obtained
    (Y2021_INTERVIEW, "共争取各级各类资金20345万元", "20345", "争取的各级各类资金"),
    # was 科技计划和项目 (achieved): the projects applied for, not won (third reader)
    (Y2021_INTERVIEW, "申报科技计划和项目254项", "254", "申报的科技计划和项目"),
    # was 智慧社区 1个: one in each sub-district, not one in all
    (Y2017_PLAN, "在每个街道试点建设1个智慧社区", "1", "每个街道的智慧社区"),
    (Y2017_PLAN, "1-2处“一刻钟生活圈”示范社区", "1-2", "每个街道的一刻钟生活圈示范社区"),
    # was 有效发明专利受理数: the number counts patent applications and valid invention patents together
    (Y2021, "专利申请量、有效发明专利受理数18877件", "18877", "专利申请量和有效发明专利受理数"),
    # was 10万元以上村: the share of villages whose collective income is 10万元 or more
    (Y2021, "10万元以上村达到79.6%", "79.6", "集体收入10万元以上的村占比"),
    # was 实体化运营基础的国家科技企业孵化器: counts with no measure word, named by their noun
    (Y2017_PLAN, "推动3大国家科技企业孵化器", "3", "国家科技企业孵化器数量"),
    (Y2017_PLAN, "10国家级众创空间", "10", "国家级众创空间数量"),
    # was 高端装备、医养健康、纺织服装产业集群规模: three clusters, each of the class
    (Y2018, "纺织服装三个", "千", "高端装备、医养健康、纺织服装三个产业集群各自规模"),
    (Y2018, "现代服务业三个", "五百", "信息产业、新材料、现代服务业三个产业集群各自规模"),
]


@pytest.mark.parametrize("article, words, value, indicator", READERS_V6)
def test_names_the_second_reader_found_broken(ledger, article, words, value, indicator):
    assert find(ledger, article, words, value)["indicator"].iloc[0] == indicator


@pytest.mark.parametrize(
    "sentence, value, name",
    [
        # a cue word before a verb is still cut: 争取 opens a target here, it is no part of the name
        ("力争2021年全社会研发投入占比达到2.8%。", "2.8", "全社会研发投入占比"),
        ("新建标准化厂房58万平方米。", "58", "标准化厂房新建面积"),
    ],
)
def test_a_kept_verb_stays_only_right_before_its_noun(sentence, value, name):
    rows = extract_indicators(sentence, "2021-11-05")
    assert rows.loc[rows["value"] == value, "indicator"].iloc[0] == name


@pytest.mark.parametrize(
    "sentence, value, per_unit",
    [
        # a count after a per-unit scope in its own sentence is one per unit
        ("在每个街道试点建设1个智慧社区。", "1", True),
        # a scope in another sentence does not reach it
        ("每个街道试点建设智慧社区。全区建成3个智慧社区。", "3", False),
    ],
)
def test_a_per_unit_scope_reaches_only_the_counts_of_its_sentence(sentence, value, per_unit):
    found = extract_indicators(sentence, "2017")
    name = found.loc[found["value"] == value, "indicator"].iloc[0]
    assert name.startswith("每个街道的") == per_unit and name.endswith("智慧社区")
