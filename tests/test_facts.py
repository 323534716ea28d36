"""One row per fact: restatements within an article, repeats of earlier articles, repeated text.

Fragments are copied from the seed texts (data/raw); the file and date of each
are given where it comes from.
"""

import pandas as pd
import pytest

from helpers.analysis import facts, indicators, ledger
from helpers.errors import LedgerFormatError, LexiconError

# 001 (2017): the lead, two subheadings and their paragraphs, abridged; 13个专业园区 is printed three
# times, 10大类39项实事 three times, and 13个专业园区建立管委会 is another fact about the same parks.
WORK_PLAN_2017 = (
    "年内13个专业园区实体化运营，推动好“三廊七大片区”开发建设，建“济客”集聚中心，集中办好10大类39项实事……"
    "20日，济宁高新区召开2016年度总结表彰暨2017年创新发展大会。\n"
    "建设资源配置主阵地 13个专业园区实体化运营\n"
    "产业园区化发展是大方向。在全面拉开“一区多园”布局的基础上，今年要全面落实产业地图，做实“公司+园区”发展模式，"
    "年内率先突破国家检测检验示范区、综合保税区、大数据产业园、生物医药产业园、人力资源产业园等13个专业园区实体化运营，"
    "为企业拎包入住提供空间。\n"
    "提升民生幸福新指数 办好10大类39项实事\n"
    "保障和改善民生是一项长期工作。今年集中办好10大类39项实事，包括医疗健康惠民工程、优质教育提升工程。\n"
    "树立支持一线导向 园区、公司双向交流\n"
    "今年，13个专业园区建立管委会，区属国有企业落实董事会制度。"
)
# 001: a subheading states the target bare; the paragraph under it says 要.
TENDERS_2017 = (
    "壮大项目服务生力军 90%招标主体为公司\n"
    "项目公司化运作是主路径。今后政府投资建设的项目主体定在公司，今年90%招标主体要成为公司主体，"
    "95%新项目由公司负责支付工程款。"
)
# 000 (2019-12-03): the headline and the body both report the first place.
FIRST_PLACE_2019 = (
    "济宁召开全市开发区主导产业发展专题推进会议,对各县市区进行综合评比 现场打分,济宁高新区获第一名\n"
    "本报济宁12月3日讯(记者邓超) 12月1日下午，全市开发区主导产业发展专题推进会议召开。"
    "通过综合评比，济宁高新区获得第一名的好成绩。"
)
# 003, story 0 (2021-11-05): different measures that share a value (6个, 16个, 第一) in one story.
SHARED_VALUES_2021 = (
    "重汽商用车、山推股份等53家企业纳入全市攀登计划，优质工业企业55家，数量均居全市第一。\n"
    "今年以来获批省重大项目6个、省优选项目6个，省“双招双引”项目2个、省技改项目14个。"
    "成功获批2021年地方政府专项债券项目16个，获批债券额度17.61亿元，位居全市首位。\n"
    "今年引进创新平台载体16个、高校院所12家。高新技术企业达到140家，净增量连续3年全市第一。"
    "专利申请量、有效发明专利受理数18877件，总件数和万人发明专利拥有量均居全市第一。"
)
# 000 (2019): the four industries' shares for January-October; 003 (2021) prints them again with no period.
SHARES_2019 = (
    "在主导产业发展方面，划定了1.2万亩产业新空间，明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业，"
    "1-10月份，四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9%，获评全国五星级产业基地。"
)
SHARES_2021 = (
    "精准对接全市“231”产业集群，发挥好1.2万亩产业集聚区优势，推动高端装备、医养健康、新一代信息技术、"
    "新材料新能源加快向五百亿、千亿级产业集群迈进，四大产业占全市比重分别达到58%、79%、17.5%和57.9%，"
    "营收350亿元，占全市“231”产业集群四分之一，聚集了一批具有国内外领先技术的企业。"
)
# 003: story 0 and the interview (story 2) on the same page both report the foreign experts.
EXPERTS_STORY = "今年以来，引进外国专家36人，新增省级人才平台13家。"
EXPERTS_INTERVIEW = "聚焦科技人才需求，强化国际化人才引进，今年以来，共引进外国专家36人，新增省级人才平台13家。"
# 004 (2017-10-23): five parks to be set up; 003 (2021): five parks formed.
PARKS_PLANNED = (
    "从具体来看，“一区十园”总体框架，包括设立蓼河新区、5个街道属地园区及建设4个专业园区。\n"
    "设立5个街道属地园区。科技金融创新园重点发展现代服务业。"
)
PARKS_FORMED = "持续推进“一区多园”改革，形成了5个街属园区、4个专业园区和3个功能园区错位竞争、术业专攻的发展格局。"
# 000 (2019): 今年 is the article's year.
HIGHTECH = "在创新引领方面，今年净增高新技术企业20家，位列全市第一位。"
# 003 (2021): the net increase of high-tech firms ranks first for the third year running (a new result).
HIGHTECH_2021 = "今年引进创新平台载体16个、高校院所12家。高新技术企业达到140家，净增量连续3年全市第一。"
# 000 (2019-12-03): a subheading under the 2020 heading and its paragraph state one aim, 千亿级 clusters by 2020.
CLUSTERS_2019 = (
    "2020年, 这些方面重点突破\n全力打造千亿级现代化产业集群\n"
    "济宁高新区将举全力、集众智,以高质量双招双引为引擎,"
    "打造高端装备、医养健康、新一代信息技术、新能源新材料千亿级现代化特色产业集群。"
)
# 001 (2017): the lead and the section 奋斗目标 state one target for two measures (one figure, two rows each).
GROWTH_2017 = (
    "以建设有全国影响力的圣地智谷作为战略目标，济宁高新区今年营业总收入、高新技术产值两项核心指标要实现10%以上增长，"
    "争当全市创新发展先行者、深化改革排头兵。\n"
    "奋斗目标\n"
    "营业总收入、高新技术产值两项核心指标均实现10%以上增长，各项指标都要站在更大范围考虑。"
)
# 003 (2021): one figure shared by two measures.
SANITATION_2021 = "城乡环卫一体化覆盖率和农村生活垃圾无害化处理率均达到100%。"
# 003, the interview: the second 实施改革事项攻坚行动 paragraph is printed again, with 三是 for 一是.
DOUBLED = (
    "实施改革事项攻坚行动。聚焦高新技术企业申报，加大与省科技厅、市税务局对接力度。\n"
    "实施改革事项攻坚行动。一是争创国家级改革试点。聚焦绿色发展示范园区创建，及时掌握科技部工作安排，"
    "提前做好筹备对接，争取创建成功。二是争取主流媒体宣传。进一步梳理提炼科技创新领域相关经验做法，"
    "在创新体系建设、成果转化等方面形成一批可复制推广的典型事例，力争在国家、省级主流媒体宣传推介。\n"
    "实施改革事项攻坚行动。三是争创国家级改革试点。聚焦绿色发展示范园区创建，及时掌握科技部工作安排，"
    "提前做好筹备对接，争取创建成功。二是争取主流媒体宣传。进一步梳理提炼科技创新领域相关经验做法，"
    "在创新体系建设、成果转化等方面形成一批可复制推广的典型事例，力争在国家、省级主流媒体宣传推介。"
)


def corpus(*stories):
    """Articles table and ledger for stories given as (file, article_index, date, text)."""
    articles = pd.DataFrame(
        [
            {
                "article_id": f"{file.split('.')[0]}-{index}",
                "file": file,
                "article_index": index,
                "date": date,
                "year": int(date[:4]) if date else None,
                "text": text,
            }
            for file, index, date, text in stories
        ]
    )
    return articles, indicators.indicators_table(articles)


def one(text, date="2017"):
    return corpus(("a001.txt", 0, date, text))


def at(text, fragment, nth=0):
    """Offset of the nth occurrence of ``fragment`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(fragment, pos + 1)
    return pos


def row_at(table, start):
    return table[table["start"] == start].iloc[0]


# --- merge_restatements -----------------------------------------------------------


def test_a_figure_in_the_lead_a_subheading_and_the_body_is_one_row():
    articles, table = one(WORK_PLAN_2017)
    merged = facts.merge_restatements(table, articles)
    first, heading, body = (at(WORK_PLAN_2017, "13个专业园区实体化运营", n) for n in range(3))
    row = row_at(merged, first)
    assert row["indicator_id"] == f"a001-0:{first}"
    assert row["n_occurrences"] == 3
    assert row["occurrences"] == f"{first}-{first + 3};{heading}-{heading + 3};{body}-{body + 3}"
    assert row["occurrence_ids"] == f"a001-0:{heading};a001-0:{body}"
    # 率先突破…13个专业园区实体化运营 is the scope of an action to take this year, not a level to reach: a plan.
    assert row["kind"] == "plan"


def test_the_same_parks_doing_something_else_stay_a_fact_of_their_own():
    articles, table = one(WORK_PLAN_2017)
    merged = facts.merge_restatements(table, articles)
    committees = at(WORK_PLAN_2017, "13个专业园区建立管委会")
    assert row_at(merged, committees)["n_occurrences"] == 1
    assert merged["value"].tolist().count("13") == 2


@pytest.mark.parametrize("value, fragment", [("10", "10大类"), ("39", "39项")])
def test_a_list_restated_under_its_subheading_and_in_the_body_is_one_row_per_figure(value, fragment):
    # The names differ (办好 / 提升民生幸福新指数办好); the words after the figure do not.
    articles, table = one(WORK_PLAN_2017)
    merged = facts.merge_restatements(table, articles)
    rows = merged[merged["value"] == value]
    assert len(rows) == 1
    starts = [at(WORK_PLAN_2017, fragment, n) for n in range(3)]
    assert rows["occurrences"].iloc[0].split(";") == [f"{s}-{s + len(fragment)}" for s in starts]


def test_a_headline_and_its_body_report_one_first_place():
    articles, table = one(FIRST_PLACE_2019, "2019-12-03")
    merged = facts.merge_restatements(table, articles)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["indicator_id"] == f"a001-0:{at(FIRST_PLACE_2019, '第一名')}"
    assert row["occurrence_ids"] == f"a001-0:{at(FIRST_PLACE_2019, '第一名', 1)}"
    assert row["period"] == "2019-12-01"  # the headline names no date; the body does


def test_a_heading_keeps_its_id_and_takes_its_kind_from_the_text_under_it():
    articles, table = one(TENDERS_2017)
    merged = facts.merge_restatements(table, articles)
    row = merged[merged["value"] == "90"]
    assert len(row) == 1
    assert row["indicator_id"].iloc[0] == f"a001-0:{at(TENDERS_2017, '90%')}"
    assert row["kind"].iloc[0] == "target"  # the heading says 90%招标主体为公司; the body 要成为
    assert row["n_occurrences"].iloc[0] == 2
    assert merged[merged["value"] == "95"]["n_occurrences"].iloc[0] == 1


def test_a_paragraph_printed_twice_gives_each_figure_once():
    text = EXPERTS_STORY + "\n还承办了2021年全国大众创业万众创新活动周山东分会。\n" + EXPERTS_STORY
    articles, table = one(text, "2021-11-05")
    merged = facts.merge_restatements(table, articles)
    assert merged["value"].tolist() == ["36", "13"]
    assert merged["n_occurrences"].tolist() == [2, 2]
    second = at(text, "36人", 1)
    assert merged["occurrence_ids"].iloc[0] == f"a001-0:{second}"


@pytest.mark.parametrize(
    "value, n_rows",
    [
        ("6", 2),  # 省重大项目6个、省优选项目6个: one sentence lists two things
        ("16", 2),  # 地方政府专项债券项目16个 / 创新平台载体16个: two sentences, two measures
        # Five contests: 攀登计划企业数量 and 优质工业企业数量 (数量均居全市第一: one figure, two lists),
        # 高新技术企业净增量 (连续3年全市第一), 有效发明专利总件数 and 万人发明专利拥有量 (均居全市第一).
        ("第一", 5),
    ],
)
def test_different_measures_that_share_a_value_stay_apart(value, n_rows):
    articles, table = one(SHARED_VALUES_2021, "2021-11-05")
    merged = facts.merge_restatements(table, articles)
    assert len(merged) == len(table)
    assert (merged["value"] == value).sum() == n_rows


def hand_ledger(rows, text):
    """A ledger built by hand over one article's text: rows of (indicator, value, kind, period, fragment)."""
    rows = [dict(zip(["indicator", "value", "kind", "period", "fragment"], row)) for row in rows]
    return hand_built({"h-0": ("2019", text)}, rows)


def hand_built(stories, rows):
    """A ledger built by hand over articles ``{article_id: (date, text)}``.

    Each row is a dict with indicator, value, kind, period and the fragment that holds the value
    (its first occurrence in the article, or the ``nth``); article_id defaults to the first article,
    and any other ledger column (unit, value_base, base_unit, subject, contest, form, shares) may be set.
    """
    first_id = next(iter(stories))
    articles = pd.DataFrame(
        [
            {"article_id": a, "file": f"{a[:-2]}.txt", "article_index": 0, "date": date, "text": text}
            for a, (date, text) in stories.items()
        ]
    )
    records = []
    for row in rows:
        row = dict(row)
        article_id = row.pop("article_id", first_id)
        text = stories[article_id][1]
        fragment, value = row.pop("fragment"), row["value"]
        start = at(text, fragment, row.pop("nth", 0)) + fragment.index(value)
        sentence = text[text.rfind("。", 0, start) + 1 : text.index("。", start) + 1]
        record = {
            "indicator_id": f"{article_id}:{start}",
            "article_id": article_id,
            "unit": "个",
            "value_base": float(value) if value.isdigit() else None,
            "base_unit": "count",
            "sentence": sentence,
            "start": start,
            "end": start + len(value) + 1,
            "qualifier": "",
            "subject": "济宁高新区",
            "contest": "",
            "form": "figure",
            "shares": "",
        }
        record.update(row)
        records.append(record)
    return pd.DataFrame(records), articles


def test_two_different_counts_of_five_in_two_sentences_stay_apart():
    text = "形成了5个街属园区。获批省重大项目5个。"
    table, articles = hand_ledger(
        [("街属园区", "5", "achieved", "2019", "5个街属"), ("省重大项目", "5", "achieved", "2019", "项目5个")], text
    )
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == [1, 1]


def test_the_same_count_of_five_in_two_sentences_is_one_fact():
    text = "包括设立5个街道属地园区。设立5个街道属地园区。"
    table, articles = hand_ledger(
        [("街道属地园区", "5", "plan", "2019", "立5个街"), ("街道属地园区", "5", "plan", "2019", "。设立5个")], text
    )
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == [2]


@pytest.mark.parametrize(
    "text, n_occurrences",
    [("新增高新技术企业20个、省级高新技术企业20个。", [1, 1]), ("新增高新技术企业20个。省级高新技术企业20个。", [2])],
)
def test_two_figures_of_one_sentence_are_never_one_fact(text, n_occurrences):
    # Names that nest (高新技术企业 / 省级高新技术企业) would make one fact of two sentences, never of one.
    table, articles = hand_ledger(
        [
            ("高新技术企业", "20", "achieved", "2019", "新增高新技术企业20"),
            ("省级高新技术企业", "20", "achieved", "2019", "省级高新技术企业20"),
        ],
        text,
    )
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == n_occurrences


def test_a_target_and_its_outcome_of_the_same_value_are_two_facts():
    text = "今年计划新开工项目100个。今年新开工项目100个。"
    table, articles = hand_ledger(
        [
            ("新开工项目", "100", "target", "2019", "划新开工项目100"),
            ("新开工项目", "100", "achieved", "2019", "年新开工项目100"),
        ],
        text,
    )
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == [1, 1]


def test_the_same_count_for_two_stated_years_is_two_facts():
    text = "2018年新开工项目100个。2019年新开工项目100个。"
    table, articles = hand_ledger(
        [
            ("新开工项目", "100", "achieved", "2018", "8年新开工项目100"),
            ("新开工项目", "100", "achieved", "2019", "9年新开工项目100"),
        ],
        text,
    )
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == [1, 1]


# Hand-built rows over sentences of the corpus, adapted so that the rows differ in one thing only.
# 000 (2019): a ranking; 001 (2017): a share; 004 (2017): a signing; 003 (2021): an output;
# 000 and 002: a scale class.
RANK = {"value": "第一", "unit": "名", "value_base": 1.0, "base_unit": "rank", "kind": "ranking", "period": "2019"}
TENDER = {"indicator": "招标主体为公司的比例", "value": "90", "unit": "%", "base_unit": "percent", "period": "2019"}
SIGNING = {"indicator": "项目总投资", "value": "197", "unit": "亿元", "value_base": 1.97e10, "base_unit": "yuan"}
OUTPUT = {"value": "375", "unit": "亿元", "value_base": 3.75e10, "base_unit": "yuan", "period": "2021"}
THOUSAND = {"value": "千亿", "unit": "", "value_base": 1e11, "base_unit": "yuan", "kind": "target", "period": "2020"}


@pytest.mark.parametrize(
    "text, rows, n_occurrences",
    [
        # A heading read as achieved heads the plan under it (TENDERS_2017 as an earlier extractor read it).
        (
            "壮大项目服务生力军 90%招标主体为公司\n今年90%招标主体要成为公司主体。",
            [{**TENDER, "kind": "achieved", "fragment": "90%招"}, {**TENDER, "kind": "target", "fragment": "年90%"}],
            [2],
        ),
        # A signing is never the investment realised, not even in a heading without cue words.
        (
            "签约项目总投资197亿元\n今年项目总投资197亿元。",
            [
                {**SIGNING, "kind": "signed", "period": "2019", "fragment": "197亿元\n"},
                {**SIGNING, "kind": "achieved", "period": "2019", "fragment": "197亿元。"},
            ],
            [1, 1],
        ),
        # 产值375亿元 of the consortium a company leads is not the zone's.
        (
            "支持山推工程机械公司牵头建设科创共同体，今年以来产值达到375亿元。高新区今年以来产值达到375亿元。",
            [
                {**OUTPUT, "indicator": "产值", "kind": "achieved", "subject": "科创共同体", "fragment": "375"},
                {**OUTPUT, "indicator": "产值", "kind": "achieved", "fragment": "375", "nth": 1},
            ],
            [1, 1],
        ),
        # A 千亿级 class is an order of size, never the figure 千亿.
        (
            "全力打造千亿级现代化产业集群。现代化产业集群营业收入突破千亿。",
            [
                {**THOUSAND, "indicator": "现代化产业集群规模", "form": "scale_class", "fragment": "千亿级"},
                {**THOUSAND, "indicator": "现代化产业集群规模", "fragment": "千亿。"},
            ],
            [1, 1],
        ),
        # Two first places in two contests, one in the headline, one in the body.
        (
            "济宁高新区获第一名\n今年净增高新技术企业20家，位列全市第一名。",
            [
                {**RANK, "indicator": "综合评比名次", "contest": "全市开发区主导产业发展综合评比", "fragment": "第一"},
                {**RANK, "indicator": "综合评比名次", "contest": "全市高新技术企业排名", "fragment": "第一", "nth": 1},
            ],
            [1, 1],
        ),
    ],
    ids=["heading-of-a-plan", "signed-heading", "other-subject", "scale-class-vs-figure", "two-contests"],
)
def test_what_two_rows_of_one_article_must_share_to_be_one_fact(text, rows, n_occurrences):
    table, articles = hand_built({"h-0": ("2019", text)}, rows)
    assert facts.merge_restatements(table, articles)["n_occurrences"].tolist() == n_occurrences


def test_a_target_in_the_lead_and_under_its_heading_is_one_row_per_measure():
    # 两项核心指标…10%以上增长: one figure, two measures (the second row shares the first). Each measure's
    # lead row merges with its row under 奋斗目标, never with the other measure.
    articles, table = one(GROWTH_2017)
    merged = facts.merge_restatements(table, articles)
    lead, goal = at(GROWTH_2017, "10%"), at(GROWTH_2017, "10%", 1)
    assert dict(zip(merged["indicator_id"], merged["occurrence_ids"])) == {
        f"a001-0:{lead}": f"a001-0:{goal}",
        f"a001-0:{lead}:2": f"a001-0:{goal}:2",
    }
    assert merged["indicator"].tolist() == ["营业总收入增长率", "高新技术产值增长率"]


def test_a_shared_figure_printed_twice_keeps_its_two_measures():
    text = SANITATION_2021 + "\n" + SANITATION_2021
    articles, table = one(text, "2021-11-05")
    merged = facts.merge_restatements(table, articles)
    second = at(text, "100%", 1)
    assert merged["occurrence_ids"].tolist() == [f"a001-0:{second}", f"a001-0:{second}:2"]
    assert merged["shares"].tolist() == ["", merged["indicator_id"].iloc[0]]


def test_a_subheading_and_its_paragraph_state_one_scale_target():
    articles, table = one(CLUSTERS_2019, "2019-12-03")
    merged = facts.merge_restatements(table, articles)
    heading, body = at(CLUSTERS_2019, "千亿级"), at(CLUSTERS_2019, "千亿级", 1)
    assert merged[["indicator_id", "occurrence_ids", "kind", "period", "form"]].values.tolist() == [
        [f"a001-0:{heading}", f"a001-0:{body}", "target", "2020", "scale_class"]
    ]


def test_merge_needs_the_ledger_columns_and_every_article():
    articles, table = one(TENDERS_2017)
    with pytest.raises(LedgerFormatError, match="sentence"):
        facts.merge_restatements(table.drop(columns="sentence"), articles)
    with pytest.raises(LedgerFormatError, match="not in the articles table"):
        facts.merge_restatements(table, articles.assign(article_id="other-0"))


# --- flag_restates --------------------------------------------------------------


def test_figures_repeated_two_years_later_restate_the_first_report():
    # Listed 2021 first: the order of the table does not matter, the dates do.
    articles, table = corpus(("b003.txt", 0, "2021-11-05", SHARES_2021), ("b000.txt", 0, "2019-12-03", SHARES_2019))
    flagged = facts.flag_restates(table, articles)
    earlier = {v: i for v, i in zip(flagged["value"], flagged["indicator_id"]) if i.startswith("b000")}
    later = flagged[flagged["article_id"] == "b003-0"].set_index("value")["restates"]
    for value in ["1.2", "58", "79", "17.5", "57.9"]:
        assert later[value] == earlier[value]
    assert later["350"] == "" and later["四分之一"] == ""
    assert (flagged.loc[flagged["article_id"] == "b000-0", "restates"] == "").all()


def test_a_later_story_on_the_same_page_restates_an_earlier_one():
    articles, table = corpus(
        ("c003.txt", 0, "2021-11-05", EXPERTS_STORY), ("c003.txt", 2, "2021-11-05", EXPERTS_INTERVIEW)
    )
    flagged = facts.flag_restates(table, articles).set_index("indicator_id")["restates"]
    story = {v: f"c003-0:{at(EXPERTS_STORY, v)}" for v in ("36人", "13家")}
    assert flagged[f"c003-2:{at(EXPERTS_INTERVIEW, '36人')}"] == story["36人"]  # 36人/36人
    assert flagged[f"c003-2:{at(EXPERTS_INTERVIEW, '13家')}"] == story["13家"]
    assert flagged[story["36人"]] == "" and flagged[story["13家"]] == ""


@pytest.mark.parametrize(
    "second, how",
    [
        # A fresh reader: the 2021 brief listed 外国专家36人 as news (the round-up) and as reused (the
        # interview of the same page). A same-day repeat is a restatement, not a figure reused from an
        # earlier article; both stay out of counts.
        (("c003.txt", 2, "2021-11-05"), "same day"),  # another story of the same page
        (("c004.txt", 0, "2021-11-05"), "same day"),  # another paper of the same date
        (("c004.txt", 0, "2021-11-20"), "earlier article"),  # reprinted a fortnight later: reused
    ],
)
def test_a_repeat_says_whether_it_is_the_same_days_restatement_or_reused(second, how):
    articles, table = corpus(("c003.txt", 0, "2021-11-05", EXPERTS_STORY), (*second, EXPERTS_INTERVIEW))
    flagged = facts.flag_restates(table, articles)
    repeats = flagged[flagged["article_id"] != "c003-0"]
    assert (repeats["restates"] != "").all() and set(repeats["restates_how"]) == {how}
    assert (flagged.loc[flagged["article_id"] == "c003-0", "restates_how"] == "").all()


def test_the_same_words_about_another_year_are_a_new_figure():
    # 今年 in an article of 2021 is 2021: twenty new high-tech firms again is news, not a repeat.
    articles, table = corpus(("d000.txt", 0, "2019-12-03", HIGHTECH), ("d003.txt", 0, "2021-11-05", HIGHTECH))
    assert facts.flag_restates(table, articles)["restates"].tolist() == ["", "", "", ""]


def test_a_plan_delivered_later_is_not_a_repeat():
    # The 2017 plan (设立5个街道属地园区) and the 2021 outcome (形成了5个街属园区) are promise and delivery.
    articles, table = corpus(("e004.txt", 0, "2017-10-23", PARKS_PLANNED), ("e003.txt", 0, "2021-11-05", PARKS_FORMED))
    assert (facts.flag_restates(table, articles)["restates"] == "").all()


def test_a_later_years_first_place_is_a_new_result():
    # 2019: 净增高新技术企业20家，位列全市第一位; 2021: 净增量连续3年全市第一, the third first place in a row.
    articles, table = corpus(("d000.txt", 0, "2019-12-03", HIGHTECH), ("d003.txt", 0, "2021-11-05", HIGHTECH_2021))
    flagged = facts.flag_restates(table, articles)
    assert (flagged["value"] == "第一").sum() == 2
    assert (flagged["restates"] == "").all()


def test_a_target_made_again_in_a_later_year_is_a_new_promise():
    # 2019 aims at 千亿级 clusters for 2020; 2021 pushes the same four industries 向五百亿、千亿级产业集群迈进.
    articles, table = corpus(("b000.txt", 0, "2019-12-03", CLUSTERS_2019), ("b003.txt", 0, "2021-11-05", SHARES_2021))
    flagged = facts.one_row_per_fact(table, articles)
    later = flagged[(flagged["article_id"] == "b003-0") & (flagged["form"] == "scale_class")]
    assert len(later) == 2 and (later["restates"] == "").all()


# 000 (2019-12-03): the first place; the same words later, and with the date of the contest.
FIRST_2019 = "通过综合评比，济宁高新区获得第一名的好成绩。"
FIRST_DATED = "2019年12月1日，在全市开发区主导产业发展专题推进会议上，济宁高新区获得第一名。"
CONTEST = "全市开发区主导产业发展专题推进会议综合评比"
FIRST = {**RANK, "indicator": "综合评比名次", "fragment": "第一", "contest": CONTEST}
# 004 (2017-10-23): a signing; 003 (2021): an output.
SIGNED_2017 = "签约项目涉及汽车整车、装备制造等领域,总投资金额达到197亿元。"
INVESTED = "项目总投资197亿元。"
INVESTMENT = {**SIGNING, "fragment": "197"}
OUTPUT_2021 = "今年以来产值达到375亿元。"
OUTPUT_AGAIN = "产值达到375亿元。"
OUTPUT_ROW = {**OUTPUT, "indicator": "产值", "fragment": "375"}


@pytest.mark.parametrize(
    "earlier, later, restates",
    [
        # The same contest's result in a later story of the same year: a repeat.
        (("2019-12-03", FIRST_2019, FIRST), ("2019-12-05", FIRST_2019, FIRST), True),
        # The same contest a year later, with no time of its own: a new result.
        (("2019-12-03", FIRST_2019, FIRST), ("2020-12-03", FIRST_2019, {**FIRST, "period": "2020"}), False),
        # A year later, but the sentence says it is the 2019 result.
        (
            ("2019-12-03", FIRST_2019, {**FIRST, "period": "2019-12-01"}),
            ("2020-12-03", FIRST_DATED, {**FIRST, "period": "2019-12-01"}),
            True,
        ),
        # Another contest, the same year.
        (
            ("2019-12-03", FIRST_2019, FIRST),
            ("2019-12-05", FIRST_2019, {**FIRST, "contest": "全市高新技术企业排名"}),
            False,
        ),
        # A signing reported again as investment realised.
        (
            ("2017-10-23", SIGNED_2017, {**INVESTMENT, "kind": "signed", "period": "2017-09-22"}),
            ("2018", INVESTED, {**INVESTMENT, "kind": "achieved", "period": "2018"}),
            False,
        ),
        # Background figures are not claims.
        (
            ("2019", OUTPUT_2021, {**OUTPUT_ROW, "kind": "context", "period": "2019"}),
            ("2021-11-05", OUTPUT_AGAIN, {**OUTPUT_ROW, "kind": "context"}),
            False,
        ),
        # The same figure of another subject (the consortium a company leads).
        (
            ("2019", OUTPUT_2021, {**OUTPUT_ROW, "kind": "achieved", "period": "2019"}),
            ("2021-11-05", OUTPUT_AGAIN, {**OUTPUT_ROW, "kind": "achieved", "subject": "科创共同体"}),
            False,
        ),
        # An achievement printed again with no time of its own: a repeat (as the 2019 shares in 2021).
        (
            ("2019", OUTPUT_2021, {**OUTPUT_ROW, "kind": "achieved", "period": "2019"}),
            ("2021-11-05", OUTPUT_AGAIN, {**OUTPUT_ROW, "kind": "achieved"}),
            True,
        ),
        # A target said again the same year: a repeat; in a later year, with no time of its own: a renewed promise.
        (
            ("2019", OUTPUT_2021, {**OUTPUT_ROW, "kind": "target", "period": "2019"}),
            ("2019-12-05", OUTPUT_AGAIN, {**OUTPUT_ROW, "kind": "target", "period": "2019"}),
            True,
        ),
        (
            ("2019", OUTPUT_2021, {**OUTPUT_ROW, "kind": "target", "period": "2019"}),
            ("2021-11-05", OUTPUT_AGAIN, {**OUTPUT_ROW, "kind": "target"}),
            False,
        ),
    ],
    ids=[
        "same-contest-same-year",
        "same-contest-next-year",
        "next-year-dated",
        "other-contest",
        "signed-then-achieved",
        "context",
        "other-subject",
        "achieved-again",
        "target-same-year",
        "target-later-year",
    ],
)
def test_what_a_later_article_must_share_to_repeat_a_figure(earlier, later, restates):
    (date, text, row), (later_date, later_text, later_row) = earlier, later
    table, articles = hand_built(
        {"e-0": (date, text), "l-0": (later_date, later_text)}, [row, {**later_row, "article_id": "l-0"}]
    )
    first = table["indicator_id"].iloc[0]
    assert facts.flag_restates(table, articles)["restates"].tolist() == ["", first if restates else ""]


def test_is_new_keeps_the_rows_that_restate_nothing():
    articles, table = corpus(
        ("c003.txt", 0, "2021-11-05", EXPERTS_STORY), ("c003.txt", 2, "2021-11-05", EXPERTS_INTERVIEW)
    )
    flagged = facts.flag_restates(table, articles)
    assert facts.is_new(flagged).tolist() == [True, True, False, False]
    with pytest.raises(LedgerFormatError, match="flag_restates"):
        facts.is_new(table)


def test_articles_are_ordered_by_date_then_page_and_undated_last():
    articles = pd.DataFrame(
        {
            "article_id": ["u-0", "p-1", "p-0", "y-0", "d-0"],
            "file": ["u.txt", "p.txt", "p.txt", "y.txt", "d.txt"],
            "article_index": [0, 1, 0, 0, 0],
            "date": [None, "2021-11-05", "2021-11-05", "2017", "2017-10-23"],
        }
    )
    assert facts.article_order(articles).index.tolist() == ["y-0", "d-0", "p-0", "p-1", "u-0"]


def test_one_row_per_fact_merges_then_flags():
    text = EXPERTS_STORY + "\n" + EXPERTS_STORY
    articles, table = corpus(("f003.txt", 0, "2021-11-05", text), ("f003.txt", 2, "2021-11-05", EXPERTS_INTERVIEW))
    out = facts.one_row_per_fact(table, articles)
    assert out["n_occurrences"].tolist() == [2, 2, 1, 1]
    assert out["restates"].tolist()[2:] == out["indicator_id"].tolist()[:2]


# --- repeated_paragraphs ----------------------------------------------------------


def test_a_paragraph_printed_again_is_found_with_its_first_copy():
    articles, _ = one(DOUBLED, "2021-11-05")
    found = facts.repeated_paragraphs(articles)
    assert len(found) == 1  # 实施改革事项攻坚行动。 alone is too short; 三是 is not 一是
    row = found.iloc[0]
    start = at(DOUBLED, "聚焦绿色发展", 1)
    assert (row["article_id"], row["first_article_id"]) == ("a001-0", "a001-0")
    assert (row["start"], row["end"], row["n_chars"]) == (start, len(DOUBLED), len(DOUBLED) - start)
    assert row["first_start"] == at(DOUBLED, "聚焦绿色发展")
    assert DOUBLED[row["first_start"] : row["first_end"]] == row["text"] == DOUBLED[start:]


def test_a_sentence_printed_in_two_articles_points_to_the_earlier_one():
    sentence = "聚焦绿色发展示范园区创建，及时掌握科技部工作安排，提前做好筹备对接，争取创建成功。"
    articles, _ = corpus(("g2.txt", 0, "2021-11-05", "二是。" + sentence), ("g1.txt", 0, "2019-12-03", sentence))
    found = facts.repeated_paragraphs(articles)
    assert found[["article_id", "start", "first_article_id", "first_start"]].values.tolist() == [["g2-0", 3, "g1-0", 0]]


CLAUSE_2019 = (
    "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业,1-10月份,"
    "四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9%,获评全国五星级产业基地。"
)
CLAUSE_2021 = (
    "推动高端装备、医养健康、新一代信息技术、新材料新能源加快向五百亿、千亿级产业集群迈进,"
    "四大产业占全市比重分别达到58%、79%、17.5%和57.9%,营收350亿元,占全市“231”产业集群四分之一。"
)


@pytest.mark.parametrize(
    "earlier, later, shared",
    [
        # The real 2019 and 2021 sentences (data/raw 000 and 003): the clause with the four shares, 29 characters.
        (CLAUSE_2019, CLAUSE_2021, ["占全市比重分别达到58%、79%、17.5%和57.9%,"]),
        # The list of the four industries is shared too (21 characters) but holds no figure: boilerplate.
        (
            "明确了高端装备、医养健康、新一代信息技术、新材料四大主导产业。",
            "推动高端装备、医养健康、新一代信息技术、新材料新能源加快发展。",
            [],
        ),
        # A clause with a figure shorter than 20 characters is not reported.
        ("发挥好1.2万亩产业集聚区优势。", "划定了1.2万亩产业新空间。", []),
        # The round-up's experts, printed again in the same day's interview (21 characters).
        (
            "全年共引进外国专家36人,新增省级人才平台13家。",
            "今年以来,引进外国专家36人,新增省级人才平台13家,居全市前列。",
            ["引进外国专家36人,新增省级人才平台13家"],
        ),
    ],
)
def test_a_clause_with_figures_shared_across_articles_is_found(earlier, later, shared):
    articles, _ = corpus(("h2.txt", 0, "2021-11-05", later), ("h1.txt", 0, "2019-12-03", earlier))
    found = facts.repeated_paragraphs(articles)
    assert found["text"].tolist() == shared
    for row in found.to_dict("records"):
        assert (row["article_id"], row["first_article_id"]) == ("h2-0", "h1-0")
        assert later[row["start"] : row["end"]] == earlier[row["first_start"] : row["first_end"]] == row["text"]
        assert row["n_chars"] == len(row["text"])


def test_text_printed_once_has_no_repeats():
    articles, _ = one(WORK_PLAN_2017)
    found = facts.repeated_paragraphs(articles)
    assert found.empty and found.columns.tolist() == facts.REPEAT_COLUMNS


# --- rules ----------------------------------------------------------------------


def test_rules_name_the_file_when_a_setting_is_missing(tmp_path):
    bad = tmp_path / "facts.yml"
    bad.write_text("version: 1\nkind_groups: [[target, plan]]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="facts.yml.*name_strip_suffix"):
        facts.load_rules(bad)


# --- the seed corpus (data/raw) -------------------------------------------------------


@pytest.fixture(scope="module")
def seed_facts(articles):
    zone = articles[articles["about_zone"]]
    table = ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())
    return facts.one_row_per_fact(table, zone)


def test_the_seed_corpus_restatements(seed_facts):
    merged = seed_facts[seed_facts["n_occurrences"] > 1]
    assert dict(zip(merged["indicator_id"], merged["occurrence_ids"])) == {
        "b804821d-0:45": "b804821d-0:199",  # 第一名: headline and body
        "19188e80-0:45": "19188e80-0:1255;19188e80-0:1369",  # 13个专业园区实体化运营
        "19188e80-0:88": "19188e80-0:1753;19188e80-0:1784",  # 10大类
        "19188e80-0:92": "19188e80-0:1757;19188e80-0:1788",  # 39项实事
        "19188e80-0:1548": "19188e80-0:1591",  # 90%招标主体
        "abff64df-0:1463": "abff64df-0:1606",  # 5个街道属地园区
        "abff64df-0:1474": "abff64df-0:1797",  # 4个专业园区
        # 两项核心指标…10%以上增长 in the lead and under 奋斗目标, once per measure.
        "19188e80-0:198": "19188e80-0:479",
        "19188e80-0:198:2": "19188e80-0:479:2",
        "b804821d-0:828": "b804821d-0:891",  # 千亿级现代化产业集群: the subheading of 2020 and its paragraph
    }


def test_the_seed_corpus_repeats(seed_facts):
    repeats = seed_facts[seed_facts["restates"] != ""]
    assert dict(zip(repeats["indicator_id"], repeats["restates"])) == {
        "0f694cbe-0:466": "b804821d-0:285",  # 1.2万亩 (2021 / 2019)
        "0f694cbe-0:535": "b804821d-0:351",  # the four shares of January-October 2019
        "0f694cbe-0:539": "b804821d-0:355",
        "0f694cbe-0:543": "b804821d-0:359",
        "0f694cbe-0:549": "b804821d-0:365",
        "0f694cbe-2:549": "0f694cbe-0:2032",  # 创新平台载体16个, the interview after story 0
        "0f694cbe-2:557": "0f694cbe-0:2040",  # 高校院所12家
        "0f694cbe-2:739": "0f694cbe-0:1974",  # 外国专家36人
        "0f694cbe-2:751": "0f694cbe-0:1986",  # 省级人才平台13家
    }
    # New, though the values recur: 2021's first place in net new high-tech firms (the third in a row) is not
    # 2019's, and 2021's 向五百亿、千亿级产业集群迈进 is a new aim, not 2019's 千亿级 clusters for 2020.
    assert seed_facts.set_index("indicator_id").loc[["0f694cbe-0:2105", "0f694cbe-0:512"], "restates"].eq("").all()


def test_the_seed_corpus_repeated_text(articles):
    found = facts.repeated_paragraphs(articles)
    assert found[["article_id", "first_article_id", "n_chars"]].values.tolist() == [
        ["0f694cbe-0", "b804821d-0", 29],  # 占全市比重分别达到58%、79%、17.5%和57.9%, (2019 -> 2021)
        ["0f694cbe-2", "0f694cbe-0", 21],  # 引进外国专家36人,新增省级人才平台13家 (round-up -> interview)
        ["0f694cbe-2", "0f694cbe-2", 119],  # the interview's paragraph printed twice
    ]
    assert found["text"].iloc[0] == "占全市比重分别达到58%、79%、17.5%和57.9%,"


def test_two_classes_of_clusters_in_one_article_are_two_facts():
    # Dev set 012 (济宁经开区): two counts of 两个 and two 50亿级 classes, of different clusters: four facts.
    text = (
        "重点培育新能源新材料、商用车、专用车两个200亿级产业集群,高端电力装备、节能环保两个50亿级产业集群。\n"
        "重点培育现代港航物流、电子商务服务两个百亿级产业集群,汽车贸易50亿级产业集群、人力资源与科技服务30亿级产业集群。"
    )
    articles, table = corpus(("f012.txt", 0, "2022", text))
    merged = facts.merge_restatements(table, articles)
    assert merged["value"].tolist().count("两") == 3 and merged["value"].tolist().count("50") == 2
    assert (merged["n_occurrences"] == 1).all()


@pytest.mark.parametrize(
    "restates, how, reused",
    [
        ("", "", False),  # an original
        ("c003-0:12", "same day", False),  # the interview printing the round-up's 36人 again: a restatement
        ("c003-0:12", "earlier article", True),  # the 2019 shares printed again in 2021: reused
    ],
)
def test_only_a_repeat_of_an_earlier_day_is_reused(restates, how, reused):
    table = pd.DataFrame({"restates": [restates], "restates_how": [how]})
    assert facts.reused(table).tolist() == [reused]
