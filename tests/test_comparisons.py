"""Tests for helpers.analysis.comparisons: theme emphasis per article, changes between named years, their wording."""

import pandas as pd
import pytest
from corpora import seed_text

from helpers.analysis import comparisons
from helpers.analysis.article_types import article_type_table
from helpers.analysis.comparisons import (
    ComparisonRules,
    article_emphasis,
    article_labels,
    describe_change,
    describe_words,
    emphasis_table,
    findings,
    load_rules,
    p_values_allowed,
    parse_rules,
    rests_on,
    theme_changes,
    type_mix,
    year_pairs,
    year_types,
)
from helpers.analysis.themes import find_theme_hits, load_themes, theme_counts
from helpers.errors import ArticlesFormatError, LexiconError

# Real sentences of the seed articles, one short article each, under their real headlines:
# a 2017 work plan, 2019 meeting news, and the 2021 page's results round-up, bond-meeting
# note and interview. Innovation hits: 3 (2017), 2 (2019), 4 + 0 + 2 (2021); finance: 2, in
# the bond note only.
ROWS = [
    (
        "001-0",
        "001_cef1137a2e8bed19.txt",
        "2017",
        "走在前列、干在实处，建设有全国影响力的圣地智谷",
        "重点在这三个方面发力。强化企业技术创新主体作用，要加快构建企业主导的创新机制，更大力度引导推动创新要素向企业集聚；",
    ),
    (
        "000-0",
        "000_d456980f3589ac9b.txt",
        "2019-12-03",
        "济宁召开全市开发区主导产业发展专题推进会议,对各县市区进行综合评比",
        "在园区建设方面,基础设施投入61.7亿元,新建标准化厂房58万平方米,盘活低效闲置用地1390亩,“九通一平”面积扩大到45平方公里。"
        "在创新引领方面,今年净增高新技术企业20家,位列全市第一位。",
    ),
    (
        "003-0",
        "003_778513eb0832983c.txt",
        "2021-11-05",
        "高新区在全市重点项目现场观摩评比中再获佳绩",
        "今年引进创新平台载体16个、高校院所12家。土木工程先进技术与产业研究院、中科院科技园建设顺利推进,助推科技成果转化落地。",
    ),
    (
        "003-1",
        "003_778513eb0832983c.txt",
        "2021-11-05",
        "刘章箭在济宁高新区2022年政府专项债券申报工作会议上强调 发挥投资效益 助力全区经济社会高质量发展",
        "本报济宁讯(记者 刘菲 通讯员 李亚军 段亚洲)近日,济宁高新区2022年政府专项债券申报工作会议召开。"
        "会上通报了2022年政府专项债券申报情况,对下一步工作做了具体安排部署。",
    ),
    (
        "003-2",
        "003_778513eb0832983c.txt",
        "2021-11-05",
        "为产业转型升级和高质量发展提供有力支撑 ——访高新区科技创新局党支部书记、副局长陈宏雷",
        "服务企业有力有效。聚焦科技强企培育,建立重点企业“一对一”联系制度,今年以来,共完成高新技术企业申报94家,"
        "高新技术企业工业总产值占比为77.7%,位居全市第一。",
    ),
]
TYPES = {"001-0": "work_plan", "000-0": "meeting", "003-0": "results", "003-1": "meeting", "003-2": "interview"}
RULES = ComparisonRules("test", rests_on_share=0.5, min_articles_for_p_value=10)


@pytest.fixture(scope="module")
def articles():
    arts = pd.DataFrame(ROWS, columns=["article_id", "source", "date", "title", "text"])
    return arts.assign(year=arts["date"].str[:4].astype(int), n_chars=arts["text"].str.len(), about_zone=True)


@pytest.fixture(scope="module")
def types():
    return pd.DataFrame({"article_id": list(TYPES), "article_type": list(TYPES.values())})


@pytest.fixture(scope="module")
def emphasis(articles, types):
    return article_emphasis(theme_counts(articles, load_themes()), types, articles)


@pytest.fixture(scope="module")
def changes(emphasis):
    return theme_changes(emphasis, [(2017, 2019), (2019, 2021)], RULES, corpus_years=[2017, 2018, 2019, 2021])


def change(changes, theme, earlier, later):
    rows = changes[
        (changes["theme"] == theme) & (changes["earlier_year"] == earlier) & (changes["later_year"] == later)
    ]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


def test_fixture_sentences_come_from_the_corpus(articles):
    for row in articles.itertuples():
        assert row.text in seed_text(row.source)


def test_the_headlines_are_typed_as_the_fixture_says(articles):
    typed = article_type_table(articles)
    assert dict(zip(typed["article_id"], typed["article_type"])) == TYPES


@pytest.mark.parametrize(
    "hits, expected",
    [
        ([20, 1, 35], 1),  # 2021 innovation on the real page: the interview's 35 of 56 is more than half
        ([2, 10, 1], 1),  # 2021 finance: the bond note's 10 of 13
        ([10, 10, 10], 2),
        ([3, 3], 1),  # exactly half is enough
        ([5], 1),
        ([0, 0], 0),  # no hits rest on no article
        ([], 0),
    ],
)
def test_rests_on(hits, expected):
    assert rests_on(hits, 0.5) == expected


@pytest.mark.parametrize(
    "years, expected",
    [
        ([2021, 2017, 2019, 2018, 2019], [(2017, 2018), (2018, 2019), (2019, 2021), (2017, 2021)]),
        ([2017, 2019], [(2017, 2019)]),
        ([2021], []),
    ],
)
def test_year_pairs(years, expected):
    assert year_pairs(years) == expected


@pytest.mark.parametrize(
    "kinds, expected",
    [
        (["interview", "results", "meeting"], "results round-up, meeting report, interview"),
        (["work_plan", "feature", "work_plan"], "work plan or speech (2), feature"),
        ([None], "other article"),
    ],
)
def test_type_mix(kinds, expected):
    assert type_mix(kinds) == expected


def test_article_emphasis(emphasis):
    assert list(emphasis.columns) == comparisons.EMPHASIS_COLUMNS
    innovation = emphasis[emphasis["theme"] == "innovation"].set_index("article_id")
    assert innovation["hits"].to_dict() == {"001-0": 3, "000-0": 2, "003-0": 4, "003-1": 0, "003-2": 2}
    assert innovation.loc["003-0", ["article_type", "year_hits", "year_share"]].tolist() == ["results", 6, 0.6667]
    assert innovation.loc["003-0", "per_1000_chars"] == round(4 * 1000 / 61, 4)
    assert innovation.loc["000-0", "year_share"] == 1.0
    finance = emphasis[emphasis["theme"] == "finance_funding"].set_index("article_id")
    assert (
        finance.loc["003-1", "hits"] == 2 and finance.loc["000-0", "year_share"] != finance.loc["000-0", "year_share"]
    )
    assert (emphasis["repeated_hits"] == 0).all()  # no repeated passages given


def test_emphasis_table_is_one_row_per_article(emphasis):
    table = emphasis_table(emphasis, value="hits")
    assert table["article_id"].tolist() == ["001-0", "000-0", "003-0", "003-1", "003-2"]
    assert table.columns[:6].tolist() == ["year", "date", "article_type", "title", "article_id", "n_chars"]
    assert table.set_index("article_id")["科技创新与高新技术企业"].to_dict() == {
        "001-0": 3,
        "000-0": 2,
        "003-0": 4,
        "003-1": 0,
        "003-2": 2,
    }


def test_year_types(emphasis):
    assert year_types(emphasis).values.tolist() == [
        [2017, 1, 57, "work plan or speech"],
        [2019, 1, 97, "meeting report"],
        [2021, 3, 230, "results round-up, meeting report, interview"],
    ]


def test_repeated_hits_count_hits_inside_the_second_copy(articles, types):
    # The interview prints 二是争取主流媒体宣传。进一步梳理提炼科技创新领域相关经验做法 twice (offsets as on the page).
    text = "二是争取主流媒体宣传。进一步梳理提炼科技创新领域相关经验做法。二是争取主流媒体宣传。进一步梳理提炼科技创新领域相关经验做法。"
    assert text[:30] in seed_text("003_778513eb0832983c.txt")
    art = pd.DataFrame(
        [("003-2", 2021, "2021-11-05", "——访高新区科技创新局党支部书记", text, len(text), True)],
        columns=["article_id", "year", "date", "title", "text", "n_chars", "about_zone"],
    )
    lexicon = load_themes()
    hits = find_theme_hits(text, lexicon).assign(article_id="003-2")
    repeated = pd.DataFrame([("003-2", 31, 62)], columns=["article_id", "start", "end"])
    out = article_emphasis(theme_counts(art, lexicon), types, art, hits, repeated).set_index("theme")
    assert out.loc["innovation", ["hits", "repeated_hits"]].tolist() == [2, 1]


def test_theme_change_innovation_2019_to_2021(changes):
    row = change(changes, "innovation", 2019, 2021)
    assert list(changes.columns) == comparisons.CHANGE_COLUMNS
    assert row["years_between"] == "2020" and row["gap"] == "2020 not in the corpus"
    assert (row["earlier"], row["later"], row["change"]) == (20.6186, 26.087, 5.4684)
    assert (row["earlier_hits"], row["later_hits"], row["earlier_articles"], row["later_articles"]) == (2, 6, 1, 3)
    assert (row["rests_on"], row["rests_on_earlier"], row["one_article"]) == (1, 1, True)
    assert (row["lead_year"], row["lead_article"], row["lead_hits"], row["lead_type"]) == (2021, "003-0", 4, "results")
    assert row["types_differ"] and row["shared_types"] == "meeting report"
    assert (row["like_earlier"], row["like_later"]) == (20.6186, 0.0)


def test_a_fall_is_carried_by_the_earlier_year(changes):
    row = change(changes, "parks_land", 2019, 2021)
    assert (row["earlier_hits"], row["later_hits"], row["lead_year"], row["lead_article"]) == (5, 1, 2019, "000-0")


def test_a_year_with_no_article_about_the_zone_is_named_as_such(changes, emphasis):
    row = change(changes, "innovation", 2017, 2019)
    assert (row["years_between"], row["gap"]) == ("2018", "no article about the zone in 2018")
    # Without the corpus's years, every year missing from the table is "not in the corpus".
    alone = theme_changes(emphasis, [(2017, 2019)], RULES)
    assert set(alone["gap"]) == {"2018 not in the corpus"}


def test_comparing_a_year_without_articles_is_an_error(emphasis):
    with pytest.raises(ArticlesFormatError, match="no article about the zone in 2020"):
        theme_changes(emphasis, [(2019, 2020)], RULES)


@pytest.mark.parametrize(
    "theme, earlier, later, expected",
    [
        (
            "innovation",
            2019,
            2021,
            "2019 → 2021 (2020 not in the corpus): innovation (科技创新与高新技术企业) +5.5 per 1,000 characters, "
            "20.6 → 26.1 (2 → 6 hits), but 4 of 2021's 6 hits come from one results round-up "
            "(003-0, 61 characters: 高新区在全市重点项目现场观摩评比中再获佳…); the years' articles differ in type "
            "(2019: meeting report; 2021: results round-up, meeting report, interview); "
            "like for like, counting only each year's meeting report: 20.6 → 0.0.",
        ),
        (
            "finance_funding",
            2019,
            2021,
            "2019 → 2021 (2020 not in the corpus): finance (金融与资金) +8.7 per 1,000 characters, 0.0 → 8.7 "
            "(0 → 2 hits), but all 2 of 2021's hits come from one meeting report "
            "(003-1, 88 characters: 刘章箭在济宁高新区2022年政府专项债券…); the years' articles differ in type "
            "(2019: meeting report; 2021: results round-up, meeting report, interview); "
            "like for like, counting only each year's meeting report: 0.0 → 22.7.",
        ),
        (
            "innovation",
            2017,
            2019,
            "2017 → 2019 (no article about the zone in 2018): innovation (科技创新与高新技术企业) "
            "\u221232.0 per 1,000 characters, 52.6 → 20.6 (3 → 2 hits), but each year is one article "
            "(2017: a work plan or speech; 2019: a meeting report).",
        ),
        (
            "opening_up",
            2017,
            2019,
            "2017 → 2019 (no article about the zone in 2018): opening-up (对外开放) unchanged at 0.0 per 1,000 characters "
            "(0 → 0 hits), but each year is one article (2017: a work plan or speech; 2019: a meeting report).",
        ),
        (
            "parks_land",
            2019,
            2021,
            "2019 → 2021 (2020 not in the corpus): parks (园区与土地) \u221247.2 per 1,000 characters, 51.5 → 4.3 "
            "(5 → 1 hit), but 2019 is one article (a meeting report); the years' articles differ in type "
            "(2019: meeting report; 2021: results round-up, meeting report, interview); "
            "like for like, counting only each year's meeting report: 51.5 → 0.0.",
        ),
    ],
)
def test_describe_change(changes, theme, earlier, later, expected):
    assert describe_change(change(changes, theme, earlier, later)) == expected


def test_the_repeated_passage_is_named_in_the_wording(changes):
    row = change(changes, "innovation", 2019, 2021) | {"lead_repeated": 1}
    assert (
        "(003-0, 61 characters: 高新区在全市重点项目现场观摩评比中再获佳…), 1 of them in a passage it prints twice;"
        in (describe_change(row))
    )


def test_no_wording_calls_a_difference_significant(changes, emphasis):
    said = [describe_change(r) for r in changes.to_dict("records")] + findings(changes, emphasis)
    assert not [s for s in said if "significan" in s.replace("none is a test of significance", "")]


def test_findings(changes, emphasis):
    said = findings(changes, emphasis)
    assert said[0].startswith(
        "The themes rest on 5 articles about the zone in 3 years (2017, 1 article: work plan or speech; "
        "2019, 1 article: meeting report; 2021, 3 articles: results round-up, meeting report, interview). "
        "Between 2017 and 2021: no article about the zone in 2018; 2020 not in the corpus. A year's figures are those of its one to three articles"
    )
    assert said[1].startswith(
        "The most emphasised theme of each year, in hits per 1,000 characters: 2017: innovation (52.6)"
    )
    assert said[2].startswith(
        "The strongest emphasis in a single article: innovation in a results round-up of 2021 (003-0, 4 hits in 61 "
        "characters, 65.6 per 1,000); innovation in a work plan or speech of 2017 (001-0, 3 hits"
    )
    rise = describe_change(change(changes, "finance_funding", 2019, 2021), brief=True)
    assert "Largest rise, " + rise in said
    assert rise.endswith(
        "; the years' articles differ in type; like for like, counting only each year's meeting report: 0.0 → 22.7."
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"rests_on_share": 0.5, "min_articles_for_p_value": 10}, "add a top-level 'version:'"),
        ({"version": 1, "rests_on_share": 1.5, "min_articles_for_p_value": 10}, "rests_on_share must be"),
        ({"version": 1, "rests_on_share": "half", "min_articles_for_p_value": 10}, "rests_on_share must be"),
        ({"version": 1, "rests_on_share": 0.5, "min_articles_for_p_value": 0}, "min_articles_for_p_value must be"),
        ({"version": 1, "rests_on_share": 0.5, "min_articles_for_p_value": 2.5}, "min_articles_for_p_value must be"),
    ],
)
def test_bad_rules(data, message):
    with pytest.raises(LexiconError, match=message):
        parse_rules(data, "comparisons.yml")


def test_the_rules_file():
    rules = load_rules()
    assert (rules.version, rules.rests_on_share, rules.min_articles_for_p_value) == ("2", 0.5, 10)
    assert rules.like_min_length_ratio == 0.5


@pytest.mark.parametrize(
    "per_year, expected",
    [
        ({2017: 2, 2018: 1, 2019: 1, 2021: 3}, False),  # the real corpus: one to three articles a year
        ({2017: 10, 2018: 10}, True),
        ({2017: 10, 2018: 9}, False),
        ({}, False),
    ],
)
def test_p_values_allowed(per_year, expected):
    assert p_values_allowed(per_year, RULES) is expected


def test_article_labels(emphasis):
    assert article_labels(emphasis_table(emphasis)) == [
        "2017\nplan",
        "2019\nmeeting",
        "2021\nresults",
        "2021\nmeeting",
        "2021\ninterview",
    ]


def test_describe_words_names_the_article_behind_each_word():
    # 2021's leading words on the real page: 申报 7 times in the bond note and 4 in the interview; 四季度 only in
    # the interview. A year of one article is not described: all its words are its article's.
    spread = pd.DataFrame(
        [
            (2021, 1, "申报", 11, "over", 3, "0f694cbe-1", round(7 / 11, 4)),
            (2021, 3, "四季度", 6, "over", 3, "0f694cbe-2", 1.0),
            (2021, 2, "省级", 7, "over", 3, "0f694cbe-0", round(4 / 7, 4)),
            (2019, 1, "主导产业", 8, "over", 1, "b804821d-0", 1.0),
        ],
        columns=["year", "rank", "word", "count", "direction", "year_articles", "top_article", "top_share"],
    )
    assert describe_words(spread, top=3) == [
        "2021 (3 articles): 申报 7 of 11 in 0f694cbe-1; 省级 4 of 7 in 0f694cbe-0; 四季度 all 6 in 0f694cbe-2"
    ]


def test_findings_for_one_year(articles, types):
    one = articles[articles["year"] == 2021]
    emphasis = article_emphasis(theme_counts(one, load_themes()), types, one)
    said = findings(theme_changes(emphasis, year_pairs([2021]), RULES), emphasis)
    assert said[0] == (
        "The themes rest on 3 articles about the zone in 1 year (2021, 3 articles: results round-up, meeting report, "
        "interview): there is no change between years to show."
    )
    assert len(said) == 3  # coverage, the year's leading theme, the article peaks; no change


# --- the seed corpus: ties, like for like, a paragraph printed twice ---------------------------------------------


@pytest.fixture(scope="module")
def seed():
    from corpora import SEED_MANIFEST, SEED_RAW

    from helpers.analysis import processed

    tables = processed.compute(processed.Sources(SEED_RAW, SEED_MANIFEST))
    zone = tables.zone
    emphasis = article_emphasis(
        tables.rows_of("theme_counts", zone),
        zone[["article_id", "article_type"]],
        zone,
        tables.rows_of("theme_hits", zone),
        tables.repeated_text,
    )
    return tables, emphasis, theme_changes(emphasis, [(2017, 2021), (2019, 2021)], RULES)


def test_a_tie_for_the_largest_fall_names_both_themes(seed):
    _, _, found = seed
    pair = found[found["earlier_year"] == 2017]
    # Counted once, the interview's doubled paragraph leaves parks 50 -> 15: the largest fall alone.
    alone = [s for s in comparisons.change_statements(pair) if s.startswith("Largest fall")]
    assert len(alone) == 1 and alone[0].startswith("Largest fall, 2017 → 2021") and "(50 → 15 hits)" in alone[0]
    # Printed twice, it made parks and investment attraction both 50 -> 16 hits over the same characters: a tie.
    parks = pair["theme"] == "parks_land"
    tied = pair.copy()
    tied.loc[parks, ["later_hits", "later", "change"]] = [16, 3.6672, -4.4745]
    tied.loc[tied["theme"] == "investment_attraction", ["later_hits", "later", "change"]] = [16, 3.6672, -4.4745]
    fall = [s for s in comparisons.change_statements(tied) if s.startswith("Largest fall")]
    assert len(fall) == 1 and fall[0].startswith("Largest fall, a tie of two themes: 2017 → 2021")
    assert fall[0].count("(50 → 16 hits)") == 2 and " Tied with it: 2017 → 2021" in fall[0]


@pytest.mark.parametrize(
    "theme, wording",
    [
        # 2019's meeting report (a city contest, 2,228 characters) and 2021's (a bond-application note, 623).
        (
            "leading_industries",
            "each year's meeting report (2,228 and 623 characters) is the same type, not the same kind of text",
        ),
        (
            "innovation",
            "each year's meeting report (2,228 and 623 characters) is the same type, not the same kind of text",
        ),
    ],
)
def test_a_shared_type_of_unlike_length_is_not_like_for_like(seed, theme, wording):
    _, _, found = seed
    row = change(found, theme, 2019, 2021)
    said = describe_change(row)
    assert wording in said and "like for like," not in said and "counting only" not in said
    assert pd.isna(row["like_earlier"]) and pd.isna(row["like_later"])


def test_a_paragraph_printed_twice_counts_once_in_themes_and_words(seed):
    tables, emphasis, _ = seed
    # The interview (0f694cbe-2) prints 聚焦绿色发展示范园区创建… 二是争取主流媒体宣传… twice (119 characters).
    hits = tables.theme_hits[tables.theme_hits["article_id"] == "0f694cbe-2"]
    copy = tables.repeated_text[tables.repeated_text["first_article_id"] == "0f694cbe-2"].iloc[0]
    assert not ((hits["start"] >= copy["start"]) & (hits["end"] <= copy["end"])).any()
    assert ((hits["start"] >= copy["first_start"]) & (hits["end"] <= copy["first_end"])).any()
    words = tables.tokens[tables.tokens["article_id"] == "0f694cbe-2"].set_index("word")["count"]
    assert words["主流"] == 2  # 争取主流媒体宣传, 主流媒体宣传推介: once each, not twice each
    assert emphasis["repeated_hits"].sum() == 0  # nothing is counted twice any more
