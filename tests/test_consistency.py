"""Tests for helpers.analysis.consistency: figures that contradict each other, and those that only seem to.

Rows are the seed corpus's (the texts of data/raw). Where the corpus holds no
such case (a full-year share beside the January–October one, a signed sum beside
a realised one), a real row is paired with a copy whose value, period or kind
is changed by hand; the change is said where it is made.
"""

import warnings

import pandas as pd
import pytest

from helpers.analysis import consistency, facts, indicators, ledger

LATER = pd.DataFrame({"article_id": ["later"], "date": ["2022-02-01"], "file": ["z.txt"], "article_index": [0]})


@pytest.fixture(scope="module")
def table(articles):
    zone = articles[articles["about_zone"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # series regexes with groups; harmless here
        return ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())


@pytest.fixture(scope="module")
def dated(articles):
    """The seed articles, and a hand-made article of 2022-02-01 for figures the corpus lacks."""
    return pd.concat([articles, LATER], ignore_index=True)


def rows(table, *ids, **changes):
    """Real ledger rows by id, with columns changed by hand (a value is changed with its base value)."""
    picked = table.set_index("indicator_id").loc[list(ids)].reset_index()
    for column, value in changes.items():
        picked[column] = value
    return picked


def moved(table, rid, new_id, article="later", **changes):
    """A copy of a real row, as if another article printed it (with ``changes``)."""
    return rows(table, rid, indicator_id=new_id, article_id=article, **changes)


def _check(*parts, articles):
    return consistency.check(pd.concat(parts, ignore_index=True), articles)


# --- The real corpus ----------------------------------------------------------------


@pytest.mark.parametrize("one_row_per_fact", [False, True])
def test_the_seed_corpus_has_no_conflict_and_no_look_alike(table, articles, one_row_per_fact):
    led = facts.one_row_per_fact(table, articles) if one_row_per_fact else table
    found = consistency.check(led, articles)
    assert list(found.columns) == consistency.COLUMNS
    # The one look-alike of rules v4 (产值 402.6亿 / 产值 375亿元) is gone since rules v5 name each
    # after whose output it is: 高端装备产业产值 (其中,高端装备产业…产值达402.6亿) and 科创共同体产值
    # (支持山推工程机械公司牵头建设…科创共同体…今年以来产值达到375亿元).
    assert found.empty
    names = led.set_index("indicator_id")["indicator"]
    assert (names["0f694cbe-0:621"], names["0f694cbe-0:2296"]) == ("高端装备产业产值", "科创共同体产值")


@pytest.mark.parametrize(
    "subjects, types, verdict, reason",
    [
        (
            ("高端装备产业", "山推工程机械科创共同体"),
            ("industry", "other"),
            "not a conflict",
            "different subjects: 高端装备产业 (industry) vs 山推工程机械科创共同体 (other)",
        ),
        # Were both the zone's (however written), they would clash.
        (("高新区", "济宁高新区"), ("zone", "zone"), "conflict", "same name, unit and period"),
    ],
)
def test_output_of_an_industry_and_of_a_consortium_are_different_subjects(
    table, articles, subjects, types, verdict, reason
):
    # Both named 产值 by hand, as rules v4 named them: only the subjects tell them apart.
    pair = rows(
        table, "0f694cbe-0:621", "0f694cbe-0:2296", indicator="产值", subject=list(subjects), subject_type=list(types)
    )
    found = consistency.check(pair, articles)
    assert found[["verdict", "reason"]].values.tolist() == [[verdict, reason]]


# --- Conflicts ---------------------------------------------------------------------


def test_two_stories_of_one_page_that_disagree_are_a_conflict(table, articles):
    # 今年引进创新平台载体16个 (story 0) / 累计引进创新平台载体16个 (the interview), the second changed to 18.
    pair = pd.concat(
        [rows(table, "0f694cbe-0:2032"), rows(table, "0f694cbe-2:549", value="18", value_base=18.0)],
        ignore_index=True,
    )
    found = consistency.check(pair, articles)
    assert found[["verdict", "reason", "measure", "first_value", "second_value", "difference"]].values.tolist() == [
        ["conflict", "same name, unit and period", "创新平台载体", "16个", "18个", 2.0]
    ]
    assert found.loc[0, "difference_share"] == pytest.approx(0.125)


def test_figures_that_agree_are_not_listed(table, articles):
    assert consistency.check(rows(table, "0f694cbe-0:2032", "0f694cbe-2:549"), articles).empty


def test_a_restated_figure_is_not_compared_again(table, articles):
    # The interview's 16 restates story 0's; had it another value, the restatement would still say nothing new.
    pair = pd.concat(
        [
            rows(table, "0f694cbe-0:2032", restates=""),
            rows(table, "0f694cbe-2:549", value="18", value_base=18.0, restates="0f694cbe-0:2032"),
        ],
        ignore_index=True,
    )
    assert consistency.check(pair, articles).empty


# --- Look-alikes that are not conflicts ------------------------------------------------


def test_a_january_to_october_share_is_not_the_years_share(table, dated):
    # 1-10月份，四大产业营业收入占全市比重分别达到58%…; a full-year 2019 share of 60% added by hand.
    found = _check(
        rows(table, "b804821d-0:351"),
        moved(table, "b804821d-0:351", "year", value="60", value_base=0.6, period="2019"),
        articles=dated,
    )
    assert found[["verdict", "reason", "measure"]].values.tolist() == [
        [
            "not a conflict",
            "different periods: 2019-01..2019-10 vs 2019 (part of the period vs the whole)",
            "share_high_end_equipment",
        ]
    ]


def test_a_figure_so_far_is_not_the_years_figure(table, dated):
    # 高新技术企业达到140家 (2021-11-05, a figure so far); 150 for 2021 reported in February 2022, by hand.
    found = _check(
        rows(table, "0f694cbe-0:2091"),
        moved(table, "0f694cbe-0:2091", "year", value="150", value_base=150.0),
        articles=dated,
    )
    assert found.loc[0, "verdict"] == "not a conflict"
    assert (
        found.loc[0, "reason"] == "a figure so far: reported 2021-11-05 and 2022-02-01, and not both after 2021 ended"
    )


def test_a_signed_sum_is_not_money_invested(table, dated):
    # 签约…总投资金额达到197亿元 (2017-09-22) read as signed, as the ledger will; 120亿 realised (by hand).
    found = _check(
        rows(table, "abff64df-0:696", kind="signed"),
        moved(table, "abff64df-0:696", "realised", value="120", value_base=1.2e10, kind="achieved"),
        articles=dated,
    )
    assert found[["verdict", "reason"]].values.tolist() == [
        ["not a conflict", "signed vs realised: a deal signed is not money invested or work done"]
    ]


def test_an_increase_is_not_a_level(table, dated):
    # 今年净增高新技术企业20家 (2019), outside its series, beside a level of 120 for 2019 (by hand).
    found = _check(
        rows(table, "b804821d-0:492", series=""),
        moved(table, "b804821d-0:492", "level", value="120", value_base=120.0, lead="，高新技术企业达到", series=""),
        articles=dated,
    )
    assert found[["verdict", "reason"]].values.tolist() == [["not a conflict", "an increase (净增, 新增) vs a level"]]


def test_ranks_in_different_contests_are_not_a_conflict(table, dated):
    # 通过综合评比，济宁高新区获得第一名 (2019); a second place in another contest, by hand.
    found = _check(
        rows(table, "b804821d-0:199", contest="全市开发区主导产业发展综合评比"),
        moved(table, "b804821d-0:199", "other", value="第二", value_base=2.0, contest="重点项目观摩"),
        articles=dated,
    )
    assert found.loc[0, "reason"] == "different contests: 全市开发区主导产业发展综合评比 vs 重点项目观摩"
    assert pd.isna(found.loc[0, "difference_share"])  # a share of a place means nothing


def test_figures_of_different_years_are_a_series_not_a_conflict(table, dated):
    # 高新技术企业达到140家 in 2021; 160 for 2022, by hand.
    found = _check(
        rows(table, "0f694cbe-0:2091"),
        moved(table, "0f694cbe-0:2091", "next", value="160", value_base=160.0, period="2022"),
        articles=dated,
    )
    assert found.empty


def test_conflicts_come_first(table, dated):
    found = _check(
        rows(table, "0f694cbe-0:621", "0f694cbe-0:2296", "0f694cbe-0:2032", indicator=["产值", "产值", "创新平台载体"]),
        rows(table, "0f694cbe-2:549", value="18", value_base=18.0),
        articles=dated,
    )
    assert found["verdict"].tolist() == ["conflict", "not a conflict"]


def test_two_figures_of_one_sentence_are_never_compared(table, articles):
    # 推动省内298项、省外132项高频事项“跨省通办”: both named 高频事项 by hand, as a name may come out.
    pair = rows(table, "0f694cbe-0:1434", "0f694cbe-0:1441", indicator="高频事项", kind="achieved")
    assert consistency.check(pair, articles).empty
