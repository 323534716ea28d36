"""Tests for helpers.analysis.narrative: theme shifts, year briefs and the timeline.

Year briefs are tested on small tables written by hand with real sentences of the corpus, and on the
seed corpus itself; theme shifts and the timeline on the seed corpus.
"""

import re
import warnings

import pandas as pd
import pytest

from helpers.analysis import facts, indicators, ledger, narrative, themes
from helpers.errors import FormulasFormatError, NoArticlesError, ReportError

# A formulas table as the formulas step would give it; 不存在的提法 is named by no article.
FORMULAS = pd.DataFrame({"canonical": ["双招双引", "一区十园", "不存在的提法"], "first_year": [2019, 2018, 2019]})


@pytest.fixture(scope="module")
def table(articles):
    zone = articles[articles["about_zone"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # series regexes with groups; harmless here
        return ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())


@pytest.fixture(scope="module")
def by_year(articles):
    return themes.theme_by_year(themes.theme_counts(articles, themes.load_themes()))


@pytest.fixture(scope="module")
def events(articles, table):
    return narrative.timeline(articles, table, FORMULAS)


# --- Targets versus outcomes, through the narrative module ---------------------


def test_the_2021_high_tech_target_has_no_later_report(table, articles):
    checked = narrative.targets_vs_outcomes(table, articles)
    row = checked[(checked["indicator"] == "高新技术企业数量") & (checked["target_value"] == "175")]
    assert row[["target_date", "kind", "status"]].values.tolist() == [["2021-11-05", "target", "no later report"]]


# --- Theme shift --------------------------------------------------------------


@pytest.mark.parametrize("first_year, last_year", [(2017, 2018), (2018, 2019), (2019, 2021), (2017, 2021)])
def test_theme_shift_is_sorted_by_change_and_reads_the_theme_table(by_year, first_year, last_year):
    shift = narrative.theme_shift(by_year, first_year, last_year)
    assert list(shift.columns) == ["theme", "theme_zh", "gloss", "first", "last", "change"]
    assert shift["change"].is_monotonic_decreasing
    weight = by_year.set_index(["year", "theme"])["per_1000_chars"]
    for row in shift.itertuples():
        assert (row.first, row.last) == (weight[(first_year, row.theme)], weight[(last_year, row.theme)])
        assert row.change == row.last - row.first


def test_theme_shift_from_2019_to_2021(by_year):
    shift = narrative.theme_shift(by_year, 2019, 2021)
    assert (shift["theme"].iloc[0], shift["theme"].iloc[-1]) == ("innovation", "leading_industries")


def test_theme_shift_needs_both_years(by_year):
    with pytest.raises(NoArticlesError, match="no theme counts for 2020"):
        narrative.theme_shift(by_year, 2019, 2020)


# --- Year briefs: small tables with real sentences ----------------------------------------

# Sentences of the 2019 meeting report (b804821d-0), the 2018 plan and the 2021 round-up and interview,
# as the articles print them; ledger rows are written by hand below, at the offsets of their figures.
TEXT_2019 = (
    "济宁召开全市开发区主导产业发展专题推进会议,对各县市区进行综合评比 现场打分,济宁高新区获第一名\n"
    "在园区建设方面,基础设施投入61.7亿元,新建标准化厂房58万平方米。"
    "在创新引领方面,今年净增高新技术企业20家,位列全市第一位。"
    "1-10月份,四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9%。"
    "重点培育山推销售收入倍增计划,重汽公司明年销售收入破百亿、小松发动机过滤及净化装置等龙头内生项目。"
)
TEXT_2018 = "启动蓼河新区42平方公里城市总体及重点地段城市设计。"
TEXT_2017 = (
    "初步安排149个项目,总投资202亿元,全面拉开再造一个科技新城的大幕。济宁海归创新发展协会成立。吸纳会员200余人。"
)
TEXT_2021 = (
    "推动高端装备、医养健康、新一代信息技术、新材料新能源加快向五百亿、千亿级产业集群迈进,"
    "四大产业占全市比重分别达到58%、79%、17.5%和57.9%,营收350亿元。"
    "高端装备产业规上企业达到206家、产值达402.6亿。完成进出口额105.4亿元,占全市22.6%。"
)
TEXT_2021_INTERVIEW = "今年以来,累计引进创新平台载体16个、高校院所12家,达成产学研合作项目8项。"


def _article(article_id, year, text, title="标题", date=None, about=True):
    return {
        "article_id": article_id,
        "year": year,
        "date": date or str(year),
        "title": title,
        "about_zone": about,
        "n_chars": len(text),
        "text": text,
    }


def _figure(article, written, kind, indicator, nth=1, **columns):
    """Return the ledger row of the ``nth`` ``written`` figure (number and unit) of ``article``."""
    start = -1
    for _ in range(nth):
        start = article["text"].index(written, start + 1)
    value, unit = re.fullmatch(r"([\d.]+|[一二三四五六七八九十百千万亿第首倍增破近]+)(.*)", written).groups()
    return {
        "indicator_id": f"{article['article_id']}:{start}",
        "article_id": article["article_id"],
        "year": article["year"],
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "qualifier": "",
        "kind": kind,
        "period": str(article["year"]),
        "start": start,
        "end": start + len(written),
        "base_unit": "元" if "亿" in unit else "count",
        "value_base": float(value) * 1e8 if "亿" in unit and value[0].isdigit() else float("nan"),
        "restates": "",
        "contest": "",
        "form": "figure",
        "subject_type": "zone",
        "series": "",
        **columns,
    }


A2017 = _article("19188e80-0", 2017, TEXT_2017, "走在前列、干在实处")
A2018 = _article("8d9cce48-0", 2018, TEXT_2018, "2018年,高新区这样布局发展")
A2019 = _article("b804821d-0", 2019, TEXT_2019, "济宁召开全市开发区主导产业发展专题推进会议", "2019-12-03")
A2021 = _article("0f694cbe-0", 2021, TEXT_2021, "高新区在全市重点项目现场观摩评比中再获佳绩", "2021-11-05")
A2021B = _article("0f694cbe-2", 2021, TEXT_2021_INTERVIEW, "——访高新区科技创新局", "2021-11-05")
SHARES = ("58%", "79%", "17.5%", "57.9%")
FIRST_2019 = _figure(A2019, "第一名", "ranking", "综合评比名次", contest="全市开发区主导产业发展专题推进会议综合评比")
ROWS_2019 = [
    FIRST_2019,
    _figure(A2019, "61.7亿元", "achieved", "基础设施投入"),
    _figure(A2019, "58万平方米", "achieved", "标准化厂房"),
    _figure(A2019, "20家", "achieved", "高新技术企业"),
    _figure(A2019, "第一位", "ranking", "高新技术企业全市排名", contest="全市高新技术企业排名"),
    *[
        _figure(A2019, share, "achieved", f"第{k}产业营业收入占全市比重", period="2019-01..2019-10")
        for k, share in enumerate(SHARES, start=1)
    ],
    _figure(A2019, "倍增", "target", "山推销售收入", period="2020", form="multiplier"),
    _figure(A2019, "破百亿", "target", "重汽公司销售收入", period="2020"),
]
ROWS_2018 = [_figure(A2018, "42平方公里", "plan", "蓼河新区")]
ROWS_2017 = [
    _figure(A2017, "149个", "plan", "项目"),
    _figure(A2017, "202亿元", "plan", "项目总投资"),
    _figure(A2017, "200余人", "achieved", "济宁海归创新发展协会会员"),
]
ROWS_2021 = [
    _figure(A2021, "五百亿", "target", "高端装备、医养健康、新一代信息技术、新材料新能源产业集群规模"),
    _figure(
        A2021,
        "千亿",
        "target",
        "高端装备、医养健康、新一代信息技术、新材料新能源产业集群规模",
        restates="b804821d-0:828",
    ),
    *[
        _figure(A2021, share, "achieved", f"第{k}产业占全市比重", restates=row["indicator_id"])
        for k, (share, row) in enumerate(zip(SHARES, ROWS_2019[5:9]), start=1)
    ],
    _figure(A2021, "350亿元", "achieved", "营收"),
    _figure(A2021, "206家", "plan", "高端装备产业规上企业"),  # a plan here, so that it is not stated with 402.6亿
    _figure(A2021, "402.6亿", "achieved", "产值"),
    _figure(A2021, "105.4亿元", "achieved", "进出口额", base_unit="count", value_base=float("nan")),
    _figure(A2021, "22.6%", "target", "进出口额占全市"),
    # printed again by the interview on the same page: a restatement of the day's news, not a reuse
    _figure(A2021B, "16个", "achieved", "创新平台载体", restates="0f694cbe-0:9999", restates_how="same day"),
    _figure(A2021B, "12家", "achieved", "高校院所", restates="0f694cbe-0:9998", restates_how="same day"),
    _figure(A2021B, "8项", "achieved", "达成的产学研合作项目"),
]
ARTICLES = pd.DataFrame([A2017, A2018, A2019, A2021, A2021B])
LEDGER = pd.DataFrame(ROWS_2017 + ROWS_2018 + ROWS_2019 + ROWS_2021)
TYPES = pd.DataFrame(
    {
        "article_id": ["19188e80-0", "8d9cce48-0", "b804821d-0", "0f694cbe-0", "0f694cbe-2"],
        "article_type": ["work_plan", "work_plan", "meeting", "results", "interview"],
        "type_evidence": "",
    }
)
THEMES = pd.DataFrame(
    [
        (article_id, year, theme, theme_zh, gloss, hits, n)
        for article_id, year, n, hits_by_theme in [
            ("19188e80-0", 2017, 3540, {"innovation": 23, "industries": 18}),
            ("8d9cce48-0", 2018, 2120, {"innovation": 4, "industries": 26}),
            ("b804821d-0", 2019, 2228, {"innovation": 10, "industries": 41}),
            ("0f694cbe-0", 2021, 2302, {"innovation": 20, "industries": 23}),
            ("0f694cbe-2", 2021, 1438, {"innovation": 35, "industries": 3}),
        ]
        for (theme, theme_zh, gloss), hits in zip(
            [("innovation", "科技创新", "Innovation"), ("industries", "主导产业", "Leading industries")],
            hits_by_theme.values(),
        )
    ],
    columns=["article_id", "year", "theme", "theme_zh", "gloss", "hits", "n_chars"],
)
YEARS = [2017, 2018, 2019, 2021]


def _brief(year, previous=None, **kwargs):
    return narrative.year_brief(year, ARTICLES, THEMES, LEDGER, previous=previous, years=YEARS, types=TYPES, **kwargs)


def _said(brief, part, lang="zh"):
    return [getattr(c, lang) for c in brief.part(part).clauses]


def _id(article, written):
    """Return the ledger id of the figure ``written`` in ``article``."""
    rows = LEDGER[LEDGER["article_id"] == article["article_id"]]
    return next(r.indicator_id for r in rows.itertuples() if article["text"][r.start : r.end] == written)


def test_a_ranking_is_told_with_what_was_ranked_and_the_figure_is_not_told_again():
    brief = _brief(2019, 2018)
    ranking = brief.part("ranking").clauses
    assert [c.zh for c in ranking] == [
        "全市开发区主导产业发展专题推进会议综合评比第一名",
        "今年净增高新技术企业20家,位列全市第一位",
    ]
    assert (
        ranking[0].en == "第一名 in 全市开发区主导产业发展专题推进会议综合评比"
    )  # the headline's clause names no contest
    assert ranking[1].anchor == _id(A2019, "第一位") and ranking[1].covers == (_id(A2019, "20家"), _id(A2019, "第一位"))
    assert not any("20家" in said for said in _said(brief, "reported"))


def test_reported_figures_are_quoted_largest_sum_first_and_a_list_is_one_clause():
    assert _said(_brief(2019, 2018), "reported", "en") == [
        "基础设施投入61.7亿元",
        "新建标准化厂房58万平方米",
        "四大产业营业收入占全市比重分别达到58%、79%、17.5%和57.9% (Jan–Oct 2019)",
    ]
    shares = _brief(2019, 2018).part("reported").clauses[2]
    assert shares.covers == tuple(_id(A2019, s) for s in SHARES) and shares.zh.endswith("（2019年1-10月）")


def test_a_clause_stops_at_the_list_item_after_its_figure_and_says_its_period():
    assert _said(_brief(2019, 2018), "target", "en") == [
        "重点培育山推销售收入倍增计划 (for 2020)",
        "重汽公司明年销售收入破百亿 (for 2020)",
    ]


def test_a_clause_that_says_too_little_takes_in_the_one_before():
    brief = _brief(2017)
    plan = brief.part("plan").clauses
    assert [c.zh for c in plan] == ["初步安排149个项目,总投资202亿元"]
    assert plan[0].covers == (_id(A2017, "149个"), _id(A2017, "202亿元"))


def test_a_name_stands_before_its_figure_only_when_no_clause_will_do():
    # 吸纳会员200余人 does not say whose members; the sentence before is another sentence.
    assert _said(_brief(2017), "reported") == ["济宁海归创新发展协会会员200余人"]


def test_a_verb_fragment_is_never_a_label():
    # 占全市22.6% cannot take in the clause before (105.4亿元 is another part's): the name
    # 进出口额占全市 is a verb fragment, so the figure is quoted as written, not labelled.
    assert _said(_brief(2021, 2019), "target")[-1] == "占全市22.6%"


@pytest.mark.parametrize(
    "name, noun",
    [
        ("高新技术企业", True),
        ("高端装备产业占全市比重", True),
        ("签约项目总投资金额", True),
        ("特派员的重点企业派驻了服务", False),
        ("进出口额占全市", False),
        ("功能园区错位竞争", False),
        ("高新技术企业申报", False),
        ("部", False),
        (None, False),
    ],
)
def test_is_noun_phrase(name, noun):
    assert narrative.is_noun_phrase(name) is noun


def test_a_figure_of_another_part_cuts_the_clause_to_its_list_item():
    brief = _brief(2021, 2019)
    assert "产值达402.6亿" in _said(brief, "reported")
    assert "高端装备产业规上企业达到206家" in _said(brief, "plan")


def test_a_repeat_stated_with_a_new_figure_is_counted_there_once():
    brief = _brief(2021, 2019)
    target = brief.part("target").clauses[0]
    assert target.zh == "推动高端装备、医养健康、新一代信息技术、新材料新能源加快向五百亿、千亿级产业集群迈进"
    assert target.covers == (_id(A2021, "五百亿"), _id(A2021, "千亿"))
    assert brief.part("reused").lead[1] == "Reused, not news: 5 figures repeat an earlier article (1 stated above)"


def test_reused_figures_are_told_by_the_article_they_repeat():
    text = _brief(2021, 2019).text("en")
    assert (
        "From 《济宁召开全市开发区主导产业发展专…》 (2019-12-03): 四大产业占全市比重分别达到58%、79%、17.5%和57.9%."
        in text
    )
    # A fresh reader: 外国专家36人 read as news and as reused in one brief. A figure another story of the
    # same day's page prints again is neither news nor reused.
    assert "2021-11-05):" not in text and "16个" not in text
    reported = _said(_brief(2021, 2019), "reported")
    assert "达成产学研合作项目8项" in reported and not any("58%" in s or "16个" in s for s in reported)


@pytest.mark.parametrize("revenue_name", ["营收", "四大产业营收"])
def test_shares_that_repeat_an_earlier_article_are_never_told_as_the_year_s_achievements(revenue_name):
    # 四大产业占全市比重分别达到58%、79%、17.5%和57.9%,营收350亿元 (2021): the shares are the Jan–Oct 2019
    # figures printed again (restates_how "earlier article"); only 营收350亿元 is news (review item 11).
    shares = {_id(A2021, share) for share in SHARES}
    rows = LEDGER.assign(
        restates_how=[
            ("earlier article" if i in shares else h)
            for i, h in zip(LEDGER["indicator_id"], LEDGER.get("restates_how", ""))
        ],
        indicator=[
            (revenue_name if i == _id(A2021, "350亿元") else n)
            for i, n in zip(LEDGER["indicator_id"], LEDGER["indicator"])
        ],
    )
    brief = narrative.year_brief(2021, ARTICLES, THEMES, rows, previous=2019, years=YEARS, types=TYPES)
    reported = brief.part("reported").clauses
    assert any("350亿元" in c.zh for c in reported)
    assert not any(set(c.covers) & shares for c in reported) and not any("58%" in c.zh for c in reported)
    reused = [c for p in brief.parts if p.name == "reused" for c in p.clauses]
    assert shares <= {i for c in reused for i in c.covers}
    assert "四大产业占全市比重分别达到58%、79%、17.5%和57.9%" in brief.text("zh").split("重复使用")[1]


@pytest.mark.parametrize(
    "how, said",
    [
        # 2021: the four shares and 1.2万亩 repeat 2019-12-03; 16个、12家、36人、13家 are printed again by the
        # interview on the round-up's page (review item 12: "9 repeating an earlier article" was wrong)
        (
            ["earlier article"] * 5 + ["same day"] * 4,
            "9 printed again: 5 from an earlier article, 4 from the same day's page",
        ),
        (["earlier article"] * 2, "2 printed again: 2 from an earlier article"),
        (["same day"], "1 printed again: 1 from the same day's page"),
        ([], "none printed again"),
    ],
)
def test_figures_printed_again_are_counted_by_where_they_come_from(how, said):
    rows = pd.DataFrame({"restates": ["x"] * len(how) + [""], "restates_how": how + [""]})
    assert facts.repeats_said(rows) == said


def test_every_figure_is_told_once():
    for year, previous in [(2017, None), (2018, 2017), (2019, 2018), (2021, 2019)]:
        covers = [i for c in _brief(year, previous).clauses()["covers"] if c for i in c.split(";")]
        assert len(covers) == len(set(covers)), year


def test_a_year_with_nothing_to_report_says_so():
    brief = _brief(2018, 2017)
    assert brief.text("en").startswith(
        "2018: 1 article about the zone in the corpus (26 characters): a work plan, 《2018年,高新区这样布局发展》 (2018). "
        "No ranking in this year's articles. Reported as done: none in this year's articles. "
        "Targets set: none in this year's articles. Planned: 启动蓼河新区42平方公里城市总体及重点地段城市设计. "
        "No figure repeats an earlier article."
    )
    assert "报道的成绩：本年文章中没有。" in brief.text("zh")


def test_each_figure_links_to_its_sentence_on_the_article_page():
    brief = _brief(2019, 2018)
    clauses = brief.clauses()
    ranked = clauses[clauses["part"] == "ranking"].iloc[1]
    assert ranked["href"] == f"../articles/b804821d-0.html#{_id(A2019, '第一位')}"  # the clause's own sentence
    page = brief.html("zh")
    assert (
        f'今年净增高新技术企业<a href="../articles/b804821d-0.html#{_id(A2019, "20家")}">20家</a>,'
        f'位列全市<a href="../articles/b804821d-0.html#{_id(A2019, "第一位")}">第一位</a>'
    ) in page
    shares = "、".join(f'<a href="../articles/b804821d-0.html#{_id(A2019, s)}">{s}</a>' for s in SHARES[:3])
    assert shares in page
    assert (
        '<a href="../articles/b804821d-0.html">会议新闻《济宁召开全市开发区主导产业发展专题推进会议》（2019-12-03）</a>'
        in page
    )
    links = brief.html("en", articles_href="articles/").count('href="articles/')
    assert links == sum(len(c.marks) or 1 for p in brief.parts for c in p.clauses if c.article_id)


def test_the_brief_is_escaped():
    odd = ARTICLES.assign(title=ARTICLES["title"].where(ARTICLES["year"] != 2018, '<script>alert("x")</script>&'))
    page = narrative.year_brief(2018, odd, THEMES, LEDGER, years=YEARS, types=TYPES).html("en")
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in page
    assert page.startswith('<ul class="brief" lang="en"><li>') and page.endswith("</li></ul>")
    assert page.count("<li>") == len(narrative.year_brief(2018, odd, THEMES, LEDGER, years=YEARS, types=TYPES).parts)


def test_the_comparison_names_both_years_and_what_it_rests_on():
    text = _brief(2021, 2019).text("en")
    assert (
        "Against 2019 (2020 has no articles in the corpus), 科技创新 (Innovation) gained most weight, "
        "from 4.5 to 14.7 hits per 1,000 characters, and 主导产业 (Leading industries) lost most, from 18.4 to 7.0. "
        "Read with care: 2019 has one article; the two years' articles are of different types (2019: meeting news; "
        "2021: a results round-up and an interview), so the difference may come from the kind of text rather than "
        "from a change in the zone's priorities; 35 of 2021's 55 hits for 科技创新 are in one article (an interview)."
    ) in text
    caveat = _brief(2021, 2019).part("caveat").clauses[0]
    assert caveat.href() == "../articles/0f694cbe-2.html"
    assert "需谨慎解读：2019年只有1篇文章；两年的文章类型不同" in _brief(2021, 2019).text("zh")


def test_years_between_that_are_in_the_corpus_are_said_not_compared():
    assert "Against 2018 (2020 has no articles in the corpus; 2019 lies between and is not compared)," in _brief(
        2021, 2018
    ).text("en")


def test_the_first_year_has_nothing_to_compare_with():
    assert (
        _brief(2017)
        .text("en")
        .endswith("2017 is the first year in the corpus: there is no earlier year to compare it with.")
    )


# --- Year briefs on the seed corpus -------------------------------------------------------


@pytest.fixture(scope="module")
def counts(articles):
    return themes.theme_counts(articles, themes.load_themes())


@pytest.mark.parametrize("year, previous", [(2017, None), (2018, 2017), (2019, 2018), (2021, 2019)])
def test_every_clause_of_a_seed_brief_rests_on_a_figure_of_its_year(articles, counts, table, year, previous):
    brief = narrative.year_brief(year, articles, counts, table, FORMULAS, previous, years=[2017, 2018, 2019, 2021])
    clauses = brief.clauses()
    ids = table.set_index("indicator_id")
    figures = clauses[clauses["part"].isin(["ranking", "reported", "signed", "target", "plan"])]
    assert len(figures) and figures["indicator_id"].isin(ids.index).all()
    assert (ids.loc[figures["indicator_id"], "year"].to_numpy() == year).all()
    assert (ids.loc[figures["indicator_id"], "article_id"].to_numpy() == figures["article_id"].to_numpy()).all()
    covers = [i for c in clauses["covers"] if c for i in c.split(";")]
    assert len(covers) == len(set(covers)), "a figure is told once"
    for lang in ("zh", "en"):
        text = brief.text(lang)
        assert not re.search(r"significan|p-value|p =|显著", text), "counts this small carry no significance"
        assert "排名 第一" not in text and "办好 10大类" not in text  # labels the old summaries broke


def test_the_2021_brief_counts_the_commentary_out_and_names_second_place(articles, counts, table):
    text = narrative.year_brief(2021, articles, counts, table, previous=2019).text("en")
    assert "1 other article of that year is not about the zone and left out." in text
    assert "Rankings and awards: 第二名 in 全市重点项目现场观摩评比 (2021-11-01);" in text


def test_the_2021_brief_tells_the_shortfall_with_what_fell_short(articles, counts, table):
    # …全区十强内资项目实物工作量32.82亿元,任务完成率72.9%: the one shortfall of the corpus is news,
    # told with the clause that says what fell short, ahead of any cut to the first figures
    brief = narrative.year_brief(2021, articles, counts, table, previous=2019)
    for lang in ("zh", "en"):
        assert "全区十强内资项目实物工作量32.82亿元,任务完成率72.9%" in brief.text(lang)
    reported = [c for p in brief.parts if p.name == "reported" for c in p.clauses]
    assert reported[0].zh.startswith("全区十强内资项目实物工作量32.82亿元,任务完成率72.9%")


@pytest.mark.parametrize(
    "indicator, value_base, base_unit, shortfall",
    [("任务完成率", 0.729, "ratio", True), ("任务完成率", 1.0, "ratio", False), ("增长率", 0.5, "ratio", False)],
)
def test_is_shortfall(indicator, value_base, base_unit, shortfall):
    row = pd.DataFrame([{"indicator": indicator, "value_base": value_base, "base_unit": base_unit}])
    assert narrative.is_shortfall(next(row.itertuples())) is shortfall


def test_new_formulas_are_named_with_their_kind_and_linked_when_mentions_are_given(articles, counts, table):
    kinds = FORMULAS.assign(kind=["formula", "formula", "programme name"], articles=["b804821d-0", "", ""])
    start = articles.set_index("article_id").at["b804821d-0", "text"].index("双招双引")
    mentions = pd.DataFrame(
        {
            "canonical": ["双招双引"],
            "article_id": ["b804821d-0"],
            "year": [2019],
            "date": ["2019-12-03"],
            "start": [start],
        }
    )
    brief = narrative.year_brief(2019, articles, counts, table, kinds, 2018, formula_mentions=mentions)
    part = brief.part("formulas")
    assert brief.text("en").count("First named this year, 2 formulas: 双招双引; 不存在的提法 (programme name).") == 1
    assert [c.href() for c in part.clauses] == [f"../articles/b804821d-0.html#f-{start}", ""]


def test_year_summary_is_the_english_brief(articles, by_year, table):
    assert narrative.year_summary(2019, articles, by_year, table, FORMULAS, 2018) == narrative.year_brief(
        2019, articles, by_year, table, FORMULAS, 2018
    ).text("en")


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda a, b, t: narrative.year_brief(2020, a, b, t), NoArticlesError, r"no articles about the zone in 2020"),
        (
            lambda a, b, t: narrative.year_brief(2019, a, b, t, formulas=pd.DataFrame({"name": ["x"]})),
            FormulasFormatError,
            "canonical, first_year",
        ),
        (
            lambda a, b, t: narrative.year_brief(2021, a, b, t, previous=2020),
            NoArticlesError,
            "no theme counts for 2020",
        ),
    ],
)
def test_bad_brief_requests_say_what_to_fix(articles, by_year, table, call, error, words):
    with pytest.raises(error, match=words):
        call(articles, by_year, table)
    assert issubclass(error, ReportError)


# --- Timeline -------------------------------------------------------------------


def test_the_timeline_has_one_event_per_zone_article_ranking_target_and_formula(events, articles, table):
    counts = events["kind"].value_counts().to_dict()
    assert (counts["article"], counts["formula"]) == (int(articles["about_zone"].sum()), len(FORMULAS))
    # one event per phrase: 两项核心指标…10%以上 states two targets, 共建“万亩千亿”级… two; each figure is in one
    places = table.drop_duplicates(["article_id", "kind", "start", "end"])["kind"].value_counts()
    assert 0 < counts["ranking"] <= places["ranking"] and 0 < counts["target"] <= places["target"]
    texts = articles.set_index("article_id")["text"]
    for r in table[table["kind"].isin(["ranking", "target"])].itertuples():
        said = events.loc[events["kind"].eq(r.kind) & events["article_id"].eq(r.article_id), "what"]
        assert said.str.contains(ledger.as_written(r, texts), regex=False).any(), r.indicator_id
    assert list(events.columns) == ["date", "year", "kind", "what", "article_id", "sentence"]


def test_the_timeline_is_sorted_by_date_then_kind_then_text(events):
    order = {k: i for i, k in enumerate(narrative.TIMELINE_KINDS)}
    keys = list(zip(events["date"], events["kind"].map(order), events["what"]))
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "kind, what, date, article_id",
    [
        # The contest's own date (11月1日) comes from the ledger's period.
        ("ranking", "全市重点项目现场观摩评比第二名", "2021-11-01", "0f694cbe-0"),
        ("ranking", "居全省开发区营商环境评价前10名", "2021-11-05", "0f694cbe-0"),
        ("target", "确保2021年高新技术企业申报不低于90家、高新技术企业数量达到175家", "2021-11-05", "0f694cbe-2"),
        ("target", "重汽公司明年销售收入破百亿", "2019-12-03", "b804821d-0"),
        ("target", "力争2021年全社会研发投入占比达到2.8%", "2021-11-05", "0f694cbe-2"),
        # One phrase, two facts, one row each time (review items 9, 10): the clause names both.
        ("ranking", "总件数和万人发明专利拥有量均居全市第一", "2021-11-05", "0f694cbe-0"),
        ("target", "济宁高新区今年营业总收入、高新技术产值两项核心指标要实现10%以上增长", "2017", "19188e80-0"),
        # Whole phrases, quotes balanced (review item 16): not 千亿”级国际高端装备产业城, not …加快向五百亿
        ("target", "与融创中国合作共建“万亩千亿”级国际高端装备产业城", "2021-11-05", "0f694cbe-0"),
        (
            "target",
            "推动高端装备、医养健康、新一代信息技术、新材料新能源加快向五百亿、千亿级产业集群迈进",
            "2021-11-05",
            "0f694cbe-0",
        ),
        ("formula", "双招双引", "2019-12-03", "b804821d-0"),
        ("formula", "一区十园", "2018", "8d9cce48-0"),
        ("formula", "不存在的提法", "2019", ""),
        ("article", "2018年,高新区这样布局发展", "2018", "8d9cce48-0"),
    ],
)
def test_timeline_events(events, kind, what, date, article_id):
    row = events[(events["kind"] == kind) & (events["what"] == what)]
    assert row[["date", "article_id"]].values.tolist() == [[date, article_id]]


@pytest.mark.parametrize(
    "formula, date, article_id, quoted",
    [
        # A lifespan table (helpers.analysis.formulas) names the first article and date.
        (
            {
                "canonical": "一区十园",
                "variants": "一区十园;十大园区",
                "articles": "abff64df-0;8d9cce48-0",
                "first_date": "2017-10-23",
                "first_year": 2017,
            },
            "2017-10-23",
            "abff64df-0",
            "拉开“一区十园”建设序幕",
        ),
        # Only a variant is written in the article.
        (
            {
                "canonical": "三片三廊水网",
                "variants": "三片三廊",
                "articles": "8d9cce48-0",
                "first_date": "2018",
                "first_year": 2018,
            },
            "2018",
            "8d9cce48-0",
            "三片三廊",
        ),
    ],
)
def test_formula_events_use_the_lifespan_columns(articles, table, formula, date, article_id, quoted):
    event = narrative.timeline(articles, table, pd.DataFrame([formula])).query("kind == 'formula'").iloc[0]
    assert (event["date"], event["article_id"]) == (date, article_id)
    assert quoted in event["sentence"]


@pytest.mark.parametrize(
    "article_id, sentence_has, n_events",
    [
        # 专利申请量、有效发明专利受理数18877件,总件数和万人发明专利拥有量均居全市第一: two rankings, one 第一
        ("0f694cbe-0", "总件数和万人发明专利拥有量均居全市第一", 1),
        # 营业总收入、高新技术产值两项核心指标要实现10%以上增长: two targets, one 10%以上
        ("19188e80-0", "两项核心指标要实现10%以上增长", 1),
        # 纳入全市攀登计划的企业53家、优质工业企业55家,数量均居全市第一: two rankings, one 第一
        ("0f694cbe-0", "数量均居全市第一", 1),
    ],
)
def test_a_phrase_that_states_several_figures_is_one_event(events, article_id, sentence_has, n_events):
    rows = events[events["kind"].isin(["ranking", "target"]) & events["article_id"].eq(article_id)]
    assert rows["sentence"].str.contains(sentence_has, regex=False).sum() == n_events
    assert not rows.duplicated(["date", "kind", "what"]).any()  # no fact twice, under one label or two


def test_no_timeline_label_has_an_unbalanced_quote(events):
    for what in events["what"]:
        assert what.count("“") == what.count("”"), what


def test_a_ranking_phrase_of_several_measures_names_them_all(events):
    said = events.loc[events["sentence"].str.contains("数量均居全市第一", regex=False), "what"].tolist()
    assert len(said) == 1 and "攀登计划" in said[0] and "优质工业企业" in said[0]


def test_a_formula_event_quotes_its_sentence(events):
    sentence = events.loc[(events["kind"] == "formula") & (events["what"] == "双招双引"), "sentence"].iloc[0]
    assert "双招双引" in sentence and sentence.endswith("。")


def test_the_commentary_not_about_the_zone_is_no_event(events, articles):
    outside = articles.loc[~articles["about_zone"], "article_id"]
    assert not events["article_id"].isin(outside).any()


@pytest.mark.parametrize(
    "indicator_id, written",
    [
        ("0f694cbe-0:1493", "前10名"),
        ("0f694cbe-2:1008", "不低于90家"),
        ("19188e80-0:198", "10%以上"),
        ("b804821d-0:939", "破百亿"),
        ("0f694cbe-0:855", "首位"),
    ],
)
def test_figures_are_quoted_as_the_article_writes_them(table, articles, indicator_id, written):
    row = next(table[table["indicator_id"] == indicator_id].itertuples())
    assert ledger.as_written(row, articles.set_index("article_id")["text"]) == written  # the one quoting helper


def test_a_year_with_no_theme_term_says_so():
    from corpora import odd_articles

    articles = odd_articles()
    table = indicators.indicators_table(articles)
    counts = themes.theme_counts(articles, themes.load_themes())
    assert not themes.theme_by_year(counts).query("year == 2018")["hits"].any()
    first = narrative.year_brief(2018, articles, counts, table, years=[2018, 2019])
    assert first.text("en").endswith(
        "No term of the theme lexicon appears in that year's articles, so no theme stands out or can be compared."
    )
    later = narrative.year_brief(2019, articles, counts, table, previous=2018, years=[2018, 2019]).text("en")
    assert "Against 2018, " in later
    assert "no term of the theme lexicon appears in 2018's articles, so every theme starts from 0" in later


def test_about_zone_read_back_as_text_keeps_false_rows_out(articles, counts, table):
    # A table read back from CSV holds the strings "True"/"False"; "False" is not about the zone.
    as_text = articles.assign(about_zone=articles["about_zone"].map({True: "True", False: "False"}))
    assert (~articles["about_zone"]).any()
    for year, previous in [(2017, None), (2018, 2017), (2019, 2018), (2021, 2019)]:
        assert narrative.year_brief(year, as_text, counts, table, previous=previous) == narrative.year_brief(
            year, articles, counts, table, previous=previous
        )
    pd.testing.assert_frame_equal(
        narrative.timeline(as_text, table, FORMULAS), narrative.timeline(articles, table, FORMULAS)
    )


def test_a_ranking_repeated_from_an_earlier_article_is_told_as_reused():
    # Found on a synthetic corpus of resampled real paragraphs: a later article reprints the 2019 first place.
    text = "通过综合评比,济宁高新区获得第一名的好成绩。"
    articles = pd.DataFrame(
        {
            "article_id": ["a-0", "b-0"],
            "year": [2019, 2020],
            "date": ["2019-12-03", "2020-05-01"],
            "title": ["会议", "回顾"],
            "about_zone": [True, True],
            "n_chars": [len(text), len(text)],
            "text": [text, text],
        }
    )
    start = text.index("第一")
    row = {
        "value": "第一",
        "unit": "名",
        "value_base": 1.0,
        "base_unit": "rank",
        "kind": "ranking",
        "indicator": "综合评比名次",
        "period": "",
        "start": start,
        "end": start + 3,
        "sentence": text,
    }
    ledger = pd.DataFrame(
        [
            {**row, "indicator_id": f"a-0:{start}", "article_id": "a-0", "year": 2019, "restates": ""},
            {**row, "indicator_id": f"b-0:{start}", "article_id": "b-0", "year": 2020, "restates": f"a-0:{start}"},
        ]
    )
    counts = themes.theme_counts(articles, themes.load_themes(themes.THEMES_FILE))
    brief = narrative.year_brief(2020, articles, counts, ledger, previous=2019)
    assert "第一名" in brief.text("zh") and f"b-0:{start}" in brief.html("zh")


@pytest.mark.parametrize(
    "note, said",
    [
        # the 2017-10-23 plan's 5个街道属地园区 against 2021's 5个街属园区、4个专业园区和3个功能园区 (review: jargon)
        (
            "5个 ≥ 5个; the frame differs: 0f694cbe-0:1240 (2021-11-05) counts these parks with "
            "function_parks+specialised_parks+street_parks, this one with specialised_parks+street_parks",
            "5个 ≥ 5个; the frame differs: 0f694cbe-0:1240 (2021-11-05) counts these parks with "
            "功能园区、专业园区、街道属地园区, this one with 专业园区、街道属地园区",
        ),
        ("also stated as 19188e80-0:479:2", "also stated as 19188e80-0:479:2"),
        ("not yet reached: still a target in 2021-11-05", "not yet reached: still a target in 2021-11-05"),
        (float("nan"), ""),
    ],
)
def test_a_promise_note_names_measures_in_words(note, said):
    assert narrative.plain_note(note) == said
