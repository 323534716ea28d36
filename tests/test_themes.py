"""Tests for helpers.themes: lexicon validation and leftmost-longest theme counts."""

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from corpora import seed_files, seed_text

from helpers import paths, sentences
from helpers.analysis.segment import default_segmenter
from helpers.analysis.themes import (
    count_theme_hits,
    find_theme_hits,
    load_themes,
    parse_themes,
    short_gloss,
    split_sentences,
    term_hits,
    theme_by_year,
    theme_counts,
    theme_sentences,
    theme_summary,
    uncovered_terms,
    years_without_hits,
)
from helpers.errors import ArticlesFormatError, ThemeLexiconError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def lexicon():
    return load_themes()


@pytest.fixture(scope="module")
def articles():
    # Real sentences from the seed articles, grouped into hand-made articles; the
    # 法治 commentary is not about the zone.
    return pd.read_csv(FIXTURES / "themes_articles.csv")


def test_fixture_sentences_come_from_the_corpus(articles):
    for row in articles.itertuples():
        raw = seed_text(row.source)
        for paragraph in row.text.split("\n\n"):
            assert paragraph in raw


# --- the lexicon file -------------------------------------------------------


def test_lexicon_file_shape(lexicon):
    assert lexicon.version == "1"
    assert len(lexicon.themes) >= 10
    for theme in lexicon.themes:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", theme.id)
        assert re.search(r"[\u4e00-\u9fff]", theme.name)
        assert theme.gloss and theme.terms


def test_every_term_in_exactly_one_theme():
    data = yaml.safe_load((paths.LEXICON / "themes.yml").read_text("utf-8"))
    terms = [term for theme in data["themes"] for term in theme["terms"]]
    assert len(terms) == len(set(terms))


def test_to_frame(lexicon):
    frame = lexicon.to_frame()
    assert list(frame.columns) == ["theme_id", "theme", "gloss", "term"]
    row = frame[frame["term"] == "管委+公司"].iloc[0]
    assert (row["theme_id"], row["theme"]) == ("institutional_reform", "体制机制改革")


def _doc(**theme):
    base = {"id": "talent", "name": "人才", "gloss": "Talent", "terms": ["人才"]}
    base.update(theme)
    return {"version": 1, "themes": [base]}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"themes": []}, "add a top-level 'version:'"),
        ({"version": 1, "themes": []}, "at least one theme"),
        (_doc(terms=[]), "theme talent: the theme is empty"),
        (_doc(gloss=""), "theme talent: add a non-empty 'gloss'"),
        ({"version": 1, "themes": [{"id": "talent", "name": "人才", "terms": ["人才"]}]}, "add a non-empty 'gloss'"),
        (_doc(name=None), "add a non-empty 'name'"),
        (_doc(id="Talent-1"), "ascii snake_case 'id'"),
        (_doc(terms=["人才", "院士", "人才"]), "duplicate term '人才' \\(already in talent\\)"),
        (_doc(terms=["人才", ""]), "remove the empty term"),
        (
            {
                "version": 1,
                "themes": [
                    {"id": "talent", "name": "人才", "gloss": "Talent", "terms": ["人才", "院士"]},
                    {"id": "innovation", "name": "创新", "gloss": "Innovation", "terms": ["创新", "院士"]},
                ],
            },
            "theme innovation: duplicate term '院士' \\(already in talent\\)",
        ),
    ],
)
def test_parse_themes_errors(data, message):
    with pytest.raises(ThemeLexiconError, match=message):
        parse_themes(data, "themes.yml")


def test_load_themes_reports_bad_yaml(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("version: 1\nthemes: [\n", "utf-8")
    with pytest.raises(ThemeLexiconError, match="not valid YAML"):
        load_themes(path)


# --- matching ---------------------------------------------------------------


def test_find_theme_hits_exact(lexicon):
    sentence = "今后,济宁高新区将全面深化“放管服”改革,更大力度优化营商环境、强化平台支撑、提升服务效能,构建“办事最快、服务最优、费用最省”的行政服务体系,为投资者在园区创业提供更多的便利。"
    hits = find_theme_hits(sentence, lexicon)
    assert list(hits.columns) == ["theme", "term", "start", "end"]
    assert list(hits.itertuples(index=False, name=None)) == [
        ("business_environment", "放管服", 14, 17),
        ("institutional_reform", "改革", 18, 20),
        ("business_environment", "营商环境", 27, 31),
        ("business_environment", "效能", 43, 45),
        ("business_environment", "行政服务", 65, 69),
        ("parks_land", "园区", 77, 79),
        ("business_environment", "便利", 86, 88),
    ]
    for _, term, start, end in hits.itertuples(index=False, name=None):
        assert sentence[start:end] == term


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # leftmost-longest: 体制机制创新 is one reform hit, not 体制机制 + 创新
        (
            "新旧动能转换引领区、体制机制创新先行区、智慧城市建设示范区",
            {"growth_drivers": 1, "institutional_reform": 1, "urban_infrastructure": 1},
        ),
        ("继续深化“管委+公司”模式。", {"institutional_reform": 1}),
        ("深化完善“管委+”模式", {"institutional_reform": 1}),
        ("新能源新材料产业", {"leading_industries": 1}),
        (
            "直接引进“千人计划”专家2名、“万人计划”专家1名,两院院士3名,柔性引进欧洲科学院院士1名、英国皇家工程院院士1名、加拿大皇家工程院院士1名。",
            {"talent": 9},
        ),
        (
            "在园区建设方面,基础设施投入61.7亿元,新建标准化厂房58万平方米,盘活低效闲置用地1390亩,“九通一平”面积扩大到45平方公里。",
            {"parks_land": 5, "urban_infrastructure": 1},
        ),
        (
            "成功获批2021年地方政府专项债券项目16个,获批债券额度17.61亿元,位居全市首位。",
            {"finance_funding": 2},
        ),
        (
            "引进锦成永生、顶峰飞行机器人、鲁抗好丽友等一系列合资项目,利用外资2.7亿美元,完成进出口额105.4亿元,占全市22.6%。",
            {"opening_up": 4},
        ),
        ("法律是治国之重器,良法是善治之前提。", {}),
    ],
)
def test_count_theme_hits_in_real_sentences(lexicon, sentence, expected):
    assert dict(count_theme_hits(sentence, lexicon)) == expected
    hits = find_theme_hits(sentence, lexicon)
    assert hits["theme"].value_counts().to_dict() == expected


def test_trie_regex_matches_plain_longest_first_alternation(lexicon):
    plain = re.compile("|".join(map(re.escape, sorted(lexicon.term_theme, key=lambda t: (-len(t), t)))))
    for path in seed_files():
        text = path.read_text("utf-8")
        ours = [(m.group(), m.start()) for m in lexicon.pattern.finditer(text)]
        assert ours == [(m.group(), m.start()) for m in plain.finditer(text)], path.name


# --- per article and per year ------------------------------------------------


def test_theme_counts_contract(lexicon, articles):
    counts = theme_counts(articles, lexicon)
    assert list(counts.columns[:5]) == ["article_id", "year", "theme", "hits", "per_1000_chars"]
    # three about-zone articles x every theme, zero rows included
    assert len(counts) == 3 * len(lexicon.themes)
    assert "003_778513eb0832983c_4" not in set(counts["article_id"])
    assert list(counts["article_id"].unique()) == sorted(counts["article_id"].unique())
    assert list(counts["theme"][: len(lexicon.themes)]) == lexicon.ids


@pytest.mark.parametrize(
    "article_id, theme, hits, per_1000",
    [
        ("000_d456980f3589ac9b_0", "institutional_reform", 7, 43.4783),  # 7 / 161 chars
        ("000_d456980f3589ac9b_0", "leading_industries", 6, 37.2671),
        ("003_778513eb0832983c_0", "parks_land", 7, 57.3770),  # 7 / 122 chars
        ("003_778513eb0832983c_0", "opening_up", 2, 16.3934),
        ("004_334aaecfe10f16e1_0", "business_environment", 5, 56.1798),  # 5 / 89 chars
        ("004_334aaecfe10f16e1_0", "talent", 0, 0.0),
    ],
)
def test_theme_counts_values(lexicon, articles, article_id, theme, hits, per_1000):
    counts = theme_counts(articles, lexicon).set_index(["article_id", "theme"])
    assert counts.loc[(article_id, theme), "hits"] == hits
    assert counts.loc[(article_id, theme), "per_1000_chars"] == per_1000


def test_theme_by_year(lexicon, articles):
    by_year = theme_by_year(theme_counts(articles, lexicon))
    assert list(by_year["year"].unique()) == [2017, 2019, 2021]
    assert len(by_year) == 3 * len(lexicon.themes)
    row = by_year.set_index(["year", "theme"]).loc[(2021, "parks_land")]
    assert (row["hits"], row["chars"], row["n_articles"]) == (7, 122, 1)
    assert row["per_1000_chars"] == 57.377
    assert row["share"] == round(7 / 11, 4)
    shares = by_year.groupby("year")["share"].sum()
    assert all(abs(s - 1) < 1e-3 for s in shares)


def test_theme_by_year_pools_articles(lexicon, articles):
    both_2021 = articles.assign(about_zone=True)
    row = theme_by_year(theme_counts(both_2021, lexicon)).set_index(["year", "theme"]).loc[(2021, "party_governance")]
    # 法治 + 良法善治 in 32 chars, pooled with the 122-char article
    assert (row["hits"], row["chars"], row["n_articles"]) == (2, 154, 2)
    assert row["per_1000_chars"] == round(2000 / 154, 4)


def test_about_zone_read_back_as_text(lexicon, articles):
    as_text = articles.assign(about_zone=articles["about_zone"].map({True: "True", False: "False"}))
    pd.testing.assert_frame_equal(theme_counts(as_text, lexicon), theme_counts(articles, lexicon))


def test_counts_do_not_depend_on_row_order(lexicon, articles):
    shuffled = articles.sample(frac=1, random_state=7)
    pd.testing.assert_frame_equal(
        theme_counts(shuffled, lexicon).reset_index(drop=True),
        theme_counts(articles, lexicon).reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(theme_sentences(shuffled, lexicon), theme_sentences(articles, lexicon))


def test_missing_column_is_a_clear_error(lexicon, articles):
    with pytest.raises(ArticlesFormatError, match=r"\['n_chars'\]"):
        theme_counts(articles.drop(columns="n_chars"), lexicon)


# --- sentences ----------------------------------------------------------------


def test_theme_sentences_are_cut_by_the_one_sentence_rule():
    # The rule and its tests live in helpers.sentences (tests/test_sentences.py); themes names it for its callers.
    assert split_sentences is sentences.split_sentences


def test_theme_sentences(lexicon, articles):
    top = theme_sentences(articles, lexicon, top_n=2)
    reform = top[top["theme"] == "institutional_reform"]
    assert list(reform["rank"]) == [1, 2]
    first = reform.iloc[0]
    assert first["hits"] == 7
    assert first["terms"] == "改革、市场化、大部制改革、机构、全员聘任、KPI、绩效考核"
    assert first["sentence"].startswith("在园区改革方面")
    assert (first["article_id"], first["date"], first["start"]) == ("000_d456980f3589ac9b_0", "2019-12-03", 0)
    assert "party_governance" not in set(top["theme"])  # only in the non-zone article


# --- coverage diagnostic ---------------------------------------------------------


def test_uncovered_terms(lexicon, articles):
    out = uncovered_terms(articles, lexicon, default_segmenter(), top_n=5)
    assert list(out.columns) == ["rank", "word", "uncovered", "total", "n_articles"]
    assert list(out.itertuples(index=False, name=None)) == [
        (1, "创业", 2, 2, 2),
        (2, "服务", 2, 2, 1),
        (3, "专攻", 1, 1, 1),
        (4, "众智", 1, 1, 1),
        (5, "优化", 1, 1, 1),
    ]
    words = set(uncovered_terms(articles, lexicon, default_segmenter(), top_n=1000)["word"])
    # Tokens that are theme terms are covered, and so are tokens inside a
    # hit: jieba cuts 行政审批 into 行政/审批, and 高端装备产业城 into
    # 高端装备/产业/城 where 产业 lies inside the hit 产业城.
    assert not words & {"园区", "高端装备", "营商环境", "审批", "产业"}


def test_a_year_without_theme_terms_is_named_and_undated_articles_are_in_no_year(lexicon):
    from corpora import odd_articles

    by_year = theme_by_year(theme_counts(odd_articles(), lexicon))
    assert sorted(by_year["year"].unique()) == [2018, 2019]  # the undated article is in no year
    assert years_without_hits(by_year) == [2018]
    assert by_year.loc[by_year["year"] == 2018, "share"].eq(0.0).all()


@pytest.mark.parametrize(
    "gloss, short",
    [
        ("Innovation, R&D platforms and high-tech enterprises", "innovation"),
        ("Finance, funding and fiscal instruments (special bonds, funds, loans)", "finance"),
        (
            "Institutional reform of the zone's administration (management committee plus companies)",
            "institutional reform of the zone's administration",
        ),
        ("Opening-up, foreign trade and foreign investment", "opening-up"),
        ("Leading industries and industrial clusters", "leading industries and industrial clusters"),
    ],
)
def test_short_gloss(gloss, short):
    assert short_gloss(gloss) == short


def test_every_theme_has_a_short_gloss(lexicon):
    shorts = [short_gloss(t.gloss) for t in lexicon.themes]
    assert all(shorts) and len(set(shorts)) == len(shorts)


def test_theme_summary_and_term_hits_add_up(articles, lexicon):
    counts = theme_counts(articles, lexicon)
    summary = theme_summary(counts, lexicon)
    assert summary["theme"].tolist() == lexicon.ids
    assert summary["terms"].tolist() == [len(t.terms) for t in lexicon.themes]
    zone = articles[articles["about_zone"]]
    hits = pd.concat([find_theme_hits(text, lexicon) for text in zone["text"]], ignore_index=True)
    terms = term_hits(hits, lexicon)
    assert len(terms) == sum(len(t.terms) for t in lexicon.themes)
    assert terms["hits"].sum() == summary["hits"].sum() == counts["hits"].sum()
    row = terms[terms["term"] == "一区多园"].iloc[0]
    assert (row["theme_id"], row["hits"]) == ("parks_land", 1)
