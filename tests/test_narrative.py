"""Tests for helpers.narrative: theme shifts, year summaries and the timeline, on the real corpus."""

import re
import warnings

import pandas as pd
import pytest

from helpers.analysis import indicators, ledger, narrative, themes
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


# --- Year summaries -------------------------------------------------------------


def _expected(year, articles, by_year, table, previous):
    """Recompute from the inputs what the summary must say."""
    zone = articles[(articles["year"] == year) & articles["about_zone"]]
    top = by_year[by_year["year"] == year].sort_values(["per_1000_chars", "theme"], ascending=[False, True]).head(3)
    shift = narrative.theme_shift(by_year, previous, year)
    kinds = table[table["year"] == year]["kind"].value_counts()
    return zone, top, shift, kinds


@pytest.mark.parametrize("year, previous", [(2018, 2017), (2019, 2018), (2021, 2019)])
def test_year_summary_says_what_the_tables_say(articles, by_year, table, year, previous):
    text = narrative.year_summary(year, articles, by_year, table, formulas=FORMULAS, previous=previous)
    zone, top, shift, kinds = _expected(year, articles, by_year, table, previous)
    n = len(zone)
    assert text.startswith(
        f"In {year} the corpus holds {n} article{'s' if n > 1 else ''} about the zone "
        f"({zone['n_chars'].sum():,} characters)."
    )
    for row in top.itertuples():
        assert f"{row.theme_zh} ({row.gloss}, {row.per_1000_chars:.1f})" in text
    assert text.index(top["theme_zh"].iloc[0]) < text.index(top["theme_zh"].iloc[1])
    up, down = shift.iloc[0], shift.iloc[-1]
    assert f"{up['theme_zh']} ({up['gloss']}) rose most, from {up['first']:.1f} to {up['last']:.1f}" in text
    assert f"{down['theme_zh']} ({down['gloss']}) fell most, from {down['first']:.1f} to {down['last']:.1f}" in text
    assert f"records {kinds.get('achieved', 0)} achievement" in text
    assert f"{kinds.get('target', 0)} target" in text and f"{kinds.get('plan', 0)} plan" in text


def test_every_number_in_a_summary_comes_from_the_inputs(articles, by_year, table):
    text = narrative.year_summary(2019, articles, by_year, table, formulas=FORMULAS, previous=2018)
    zone, top, shift, kinds = _expected(2019, articles, by_year, table, 2018)
    ranks = table[(table["year"] == 2019) & (table["kind"] == "ranking")]
    known = {
        "2019",
        "2018",
        "1,000",  # 1,000 is the unit, "per 1,000 characters"
        f"{zone['n_chars'].sum():,}",
        str(len(zone)),
        str(len(ranks)),
    }
    known |= {f"{v:.1f}" for v in pd.concat([top["per_1000_chars"], shift["first"], shift["last"]])}
    known |= {str(v) for v in kinds} | {str((FORMULAS["first_year"] == 2019).sum())}
    assert set(re.findall(r"\d[\d,.]*\d|\d", text)) <= known


def test_the_2019_summary_names_the_first_place_and_the_new_formula(articles, by_year, table):
    text = narrative.year_summary(2019, articles, by_year, table, formulas=FORMULAS)
    assert "It reports 3 rankings (all of them first place): 济宁高新区获排名 第一名;" in text
    assert text.endswith("First named this year: 2 policy formulas (双招双引、不存在的提法).")
    assert "Compared with" not in text  # no previous year given


def test_the_2021_summary_counts_the_commentary_out_and_names_second_place(articles, by_year, table):
    text = narrative.year_summary(2021, articles, by_year, table)
    assert "1 other article of that year is not about the zone and left out." in text
    assert "济宁高新区获综合成绩排名 第二名" in text and "全省开发区营商环境评价前排名 前10名" in text


def test_new_formulas_are_grouped_by_kind_when_the_table_has_kinds(articles, by_year, table):
    kinds = FORMULAS.assign(kind=["formula", "formula", "programme name"])
    text = narrative.year_summary(2019, articles, by_year, table, formulas=kinds)
    assert text.endswith("First named this year: 1 policy formula (双招双引) and 1 programme name (不存在的提法).")


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda a, b, t: narrative.year_summary(2020, a, b, t), NoArticlesError, r"no articles about the zone in 2020"),
        (
            lambda a, b, t: narrative.year_summary(2019, a, b, t, formulas=pd.DataFrame({"name": ["x"]})),
            FormulasFormatError,
            "canonical, first_year",
        ),
    ],
)
def test_bad_summary_requests_say_what_to_fix(articles, by_year, table, call, error, words):
    with pytest.raises(error, match=words):
        call(articles, by_year, table)
    assert issubclass(error, ReportError)


# --- Timeline -------------------------------------------------------------------


def test_the_timeline_has_one_event_per_zone_article_ranking_target_and_formula(events, articles, table):
    counts = events["kind"].value_counts().to_dict()
    assert counts == {
        "article": int(articles["about_zone"].sum()),
        "ranking": int((table["kind"] == "ranking").sum()),
        "target": int((table["kind"] == "target").sum()),
        "formula": len(FORMULAS),
    }
    assert list(events.columns) == ["date", "year", "kind", "what", "article_id", "sentence"]


def test_the_timeline_is_sorted_by_date_then_kind_then_text(events):
    order = {k: i for i, k in enumerate(narrative.TIMELINE_KINDS)}
    keys = list(zip(events["date"], events["kind"].map(order), events["what"]))
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    "kind, what, date, article_id",
    [
        # The contest's own date (11月1日) comes from the ledger's period.
        ("ranking", "济宁高新区获综合成绩排名 第二名", "2021-11-01", "0f694cbe-0"),
        ("ranking", "全省开发区营商环境评价前排名 前10名", "2021-11-05", "0f694cbe-0"),
        ("target", "高新技术企业数量 175家", "2021-11-05", "0f694cbe-2"),
        ("target", "高新技术产值两项核心指标要实现 10%以上", "2017", "19188e80-0"),
        ("target", "重汽公司销售收入 破百亿", "2019-12-03", "b804821d-0"),
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


def test_a_formula_event_quotes_its_sentence(events):
    sentence = events.loc[(events["kind"] == "formula") & (events["what"] == "双招双引"), "sentence"].iloc[0]
    assert "双招双引" in sentence and sentence.endswith("。")


def test_the_commentary_not_about_the_zone_is_no_event(events, articles):
    outside = articles.loc[~articles["about_zone"], "article_id"]
    assert not events["article_id"].isin(outside).any()


@pytest.mark.parametrize(
    "indicator_id, written",
    [
        ("0f694cbe-0:1494", "前10名"),
        ("0f694cbe-2:1008", "不低于90家"),
        ("19188e80-0:198", "10%以上"),
        ("b804821d-0:939", "破百亿"),
        ("0f694cbe-0:855", "首位"),
    ],
)
def test_figures_are_quoted_as_the_article_writes_them(table, articles, indicator_id, written):
    row = next(table[table["indicator_id"] == indicator_id].itertuples())
    assert narrative.written_in_text(row, articles.set_index("article_id")["text"]) == written


def test_a_year_with_no_theme_term_says_so_instead_of_ranking_zeros():
    from corpora import odd_articles

    articles = odd_articles()
    table = indicators.indicators_table(articles)
    by_year = themes.theme_by_year(themes.theme_counts(articles, themes.load_themes()))
    text = narrative.year_summary(2018, articles, by_year, table, None)
    assert text.startswith(
        "In 2018 the corpus holds 1 article about the zone (55 characters). "
        "No term of the theme lexicon appears in that year's articles, so no theme stands out."
    )


def test_about_zone_read_back_as_text_keeps_false_rows_out(articles, by_year, table):
    # A table read back from CSV holds the strings "True"/"False"; "False" is not about the zone.
    as_text = articles.assign(about_zone=articles["about_zone"].map({True: "True", False: "False"}))
    assert (~articles["about_zone"]).any()
    for year in (2017, 2018, 2019, 2021):
        assert narrative.year_summary(year, as_text, by_year, table) == narrative.year_summary(
            year, articles, by_year, table
        )
    pd.testing.assert_frame_equal(
        narrative.timeline(as_text, table, FORMULAS), narrative.timeline(articles, table, FORMULAS)
    )
