"""Tests for helpers.keyness: per-year token counts and log-likelihood keywords."""

import math
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.keyness import (
    KEYWORD_COLUMNS,
    g2,
    keyword_spread,
    keywords_by_year,
    log_ratio,
    token_counts_by_year,
)
from helpers.analysis.segment import default_segmenter

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def articles():
    return pd.read_csv(FIXTURES / "themes_articles.csv")


@pytest.fixture(scope="module")
def counts(articles):
    return token_counts_by_year(articles, default_segmenter())


@pytest.mark.parametrize(
    "a, b, c, d, expected",
    [
        (10, 0, 100, 100, 20 * math.log(2)),  # all uses in one half: 2 * 10 ln(10/5)
        (0, 10, 100, 100, -20 * math.log(2)),  # the mirror image is under-use
        (5, 5, 100, 100, 0.0),  # same rate: no keyness
        # a worked value: 15 of 1,836 words against 2 of 2,530
        (15, 2, 1836, 2530, 15.8551),
    ],
)
def test_g2(a, b, c, d, expected):
    assert g2(a, b, c, d) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    "year, word, count",
    [
        (2021, "园区", 3),  # 街属园区 etc. are cut into 园区 tokens
        (2021, "一区多园", 1),
        (2019, "管委+公司", 0),
        (2019, "双招双引", 1),
        (2017, "服务", 2),
        (2017, "放管服", 1),
    ],
)
def test_token_counts_by_year(counts, year, word, count):
    got = counts[(counts["year"] == year) & (counts["word"] == word)]["count"]
    assert (int(got.iloc[0]) if len(got) else 0) == count


def test_token_counts_skip_noise_and_other_articles(counts):
    assert list(counts.columns) == ["year", "word", "count"]
    assert sorted(counts["year"].unique()) == [2017, 2019, 2021]  # the non-zone 法治 piece is out
    assert not counts["word"].isin(["法治", "良法善治", "KPI", "60%", "亿元", "的", "高新区", "济宁高新区"]).any()
    assert counts.equals(counts.sort_values(["year", "count", "word"], ascending=[True, False, True]))


def test_keywords_exact_ranking_with_ties_broken_by_word():
    counts = {
        2017: Counter({"招商": 6, "改革": 2, "园区": 2, "人才": 2}),
        2018: Counter({"改革": 2, "园区": 2, "人才": 2, "攻坚年": 6}),
    }
    out = keywords_by_year(counts, top_n=3)
    assert list(out.columns) == KEYWORD_COLUMNS
    assert list(out[["year", "rank", "word", "count", "other_count"]].itertuples(index=False, name=None)) == [
        (2017, 1, "招商", 6, 0),
        (2018, 1, "攻坚年", 6, 0),
    ]
    assert out["g2"].iloc[0] == round(g2(6, 0, 12, 12), 4)
    assert set(out["method"]) == {"g2"}


def test_keywords_under_use_and_both():
    counts = {2017: Counter({"招商": 6, "改革": 1}), 2018: Counter({"改革": 5, "攻坚年": 2})}
    under = keywords_by_year(counts, top_n=5, direction="under")
    assert list(under[["year", "word", "g2"]].itertuples(index=False, name=None)) == [
        (2017, "改革", -2.9110),  # 1 of 7 words against 5 of 7
        (2017, "攻坚年", -2.7726),  # 0 of 7 against 2 of 7: -2 * 2 ln 2
        (2018, "招商", -8.3178),  # 0 of 7 against 6 of 7: -2 * 6 ln 2
    ]
    both = keywords_by_year(counts, top_n=5, direction="both")
    assert set(both["direction"]) == {"over", "under"}
    assert (both.loc[both["direction"] == "over", "g2"] > 0).all()


def test_keywords_drop_numbers_and_stopwords():
    counts = {
        2017: Counter({"2017": 9, "KPI": 9, "三个": 9, "亩": 9, "招商": 3, "我们": 9}),
        2018: Counter({"攻坚年": 3, "2018": 9}),
    }
    out = keywords_by_year(counts, top_n=10, stopwords={"我们"})
    assert list(out["word"]) == ["招商", "攻坚年"]


def test_single_year_falls_back_to_frequency():
    out = keywords_by_year({2021: Counter({"园区": 3, "改革": 3, "招商": 5, "人才": 1})}, top_n=5)
    assert list(out["word"]) == ["招商", "园区", "改革"]  # 人才 is below min_count=2
    assert set(out["method"]) == {"frequency"}
    assert out["g2"].isna().all()


def test_dataframe_and_dict_inputs_agree(counts):
    as_dict = {}
    for year, word, n in counts.itertuples(index=False):
        as_dict.setdefault(year, Counter())[word] = n
    a = keywords_by_year(counts, top_n=5, min_count=1)
    b = keywords_by_year(as_dict, top_n=5, min_count=1)
    pd.testing.assert_frame_equal(a, b)


def test_keywords_do_not_depend_on_input_order(counts):
    a = keywords_by_year(counts, top_n=5, min_count=1)
    b = keywords_by_year(counts.sample(frac=1, random_state=3), top_n=5, min_count=1)
    pd.testing.assert_frame_equal(a, b)


def test_real_fixture_keywords(counts):
    out = keywords_by_year(counts, top_n=1, min_count=1)
    # In 2019 and 2021 every word seen once there and never elsewhere ties
    # on G² (2 ln(89/38) = 1.7021, 2 ln(89/28) = 2.3129): the tie goes to the
    # first word in code-point order. 园区 (3 of 28 tokens, 2 of 61
    # elsewhere) scores less than those.
    assert list(out[["year", "word", "g2"]].itertuples(index=False, name=None)) == [
        (2017, "服务", 5.4126),
        (2019, "产业集群", 1.7021),
        (2021, "一区多园", 2.3129),
    ]


@pytest.mark.parametrize(
    "a, b, c, d, expected",
    [
        (10, 0, 100, 100, math.log2(20)),  # a zero count is taken as 0.5: 10 against 0.5
        (5, 5, 100, 100, 0.0),
        (6, 0, 12, 12, math.log2(12)),
        (1, 5, 7, 7, -math.log2(5)),  # under-use is negative
    ],
)
def test_log_ratio(a, b, c, d, expected):
    assert log_ratio(a, b, c, d) == pytest.approx(expected)


TWO_YEARS = {
    2017: Counter({"招商": 6, "改革": 2, "园区": 2, "人才": 2}),
    2018: Counter({"改革": 2, "园区": 2, "人才": 2, "攻坚年": 6}),
}


@pytest.mark.parametrize(
    "per_year, least, tested",
    [
        (None, None, False),  # no article counts: G² and the log ratio describe, nothing is tested
        ({2017: 2, 2018: 1}, 10, False),  # the real corpus has one to three articles a year
        ({2017: 10, 2018: 9}, 10, False),  # both sides need the minimum
        ({2017: 10, 2018: 10}, 10, True),
        ({2017: 10, 2018: 10}, None, False),
    ],
)
def test_p_values_only_where_the_articles_allow(per_year, least, tested):
    out = keywords_by_year(TWO_YEARS, top_n=3, articles_per_year=per_year, min_articles=least)
    assert out["p_value"].notna().all() if tested else out["p_value"].isna().all()
    assert out["log_ratio"].tolist() == [round(math.log2(12), 4)] * 2  # 6 of 12 against 0.5 of 12
    if tested:
        assert out["p_value"].iloc[0] == pytest.approx(math.erfc(math.sqrt(round(g2(6, 0, 12, 12), 4) / 2)))


def test_keyword_spread_counts_the_articles_behind_a_word():
    keywords = keywords_by_year(TWO_YEARS, top_n=3)
    tokens = pd.DataFrame(
        [("a", "招商", 5), ("b", "招商", 1), ("b", "改革", 2), ("c", "攻坚年", 6), ("c", "园区", 2)],
        columns=["article_id", "word", "count"],
    )
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "year": [2017, 2017, 2018]})
    out = keyword_spread(keywords, tokens, articles)
    assert list(out.columns) == [
        *KEYWORD_COLUMNS,
        "in_articles",
        "year_articles",
        "top_article",
        "top_share",
        "support",
    ]
    assert out[["year", "word", "in_articles", "year_articles", "top_article", "top_share"]].values.tolist() == [
        [2017, "招商", 2, 2, "a", round(5 / 6, 4)],
        [2018, "攻坚年", 1, 1, "c", 1.0],
    ]


def test_bad_direction():
    with pytest.raises(ValueError, match="direction must be"):
        keywords_by_year({2017: Counter({"招商": 2})}, direction="up")


def test_a_word_one_article_carries_says_so():
    """2021 has 3 articles; 四季度 is the interview's word alone (all 6 uses in 0f694cbe-2)."""
    from helpers.analysis.keyness import support

    assert support(1, 3, "0f694cbe-2") == "1 of 3 articles: one article's word (0f694cbe-2)"
    assert support(2, 3, "0f694cbe-0") == "2 of 3 articles"
    assert support(1, 1, "b804821d-0") == "the year's one article"
