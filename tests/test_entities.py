"""Tests for helpers.entities: aliases in real sentences, leftmost-longest counts, trends, validation."""

import copy

import pandas as pd
import pytest
import yaml

from helpers.analysis.entities import (
    BY_YEAR_COLUMNS,
    ENTITIES_FILE,
    MENTION_COLUMNS,
    TREND_COLUMNS,
    entities_by_year,
    entity_mentions,
    find_entities,
    load_entities,
    parse_entities,
    rise_and_fall,
)
from helpers.errors import EntityLexiconError, ReportError

A2017A, A2017B, A2018, A2019 = "19188e80-0", "abff64df-0", "8d9cce48-0", "b804821d-0"
A2021, A2021_TECH = "0f694cbe-0", "0f694cbe-2"
YEARS = [2017, 2018, 2019, 2021]


@pytest.fixture(scope="module")
def lexicon():
    return load_entities()


@pytest.fixture(scope="module")
def mentions(articles, lexicon):
    return entity_mentions(articles, lexicon)


@pytest.fixture(scope="module")
def by_year(mentions):
    return entities_by_year(mentions)


# --- each alias maps to its canonical entity, in the sentence it comes from ------


@pytest.mark.parametrize(
    "article_id, fragment, alias, entity, etype",
    [
        (A2019, "重点培育山推销售收入倍增计划", "山推", "山推", "company"),
        (A2021, "重汽商用车、山推股份等53家企业纳入全市攀登计划", "山推股份", "山推", "company"),
        (A2021, "支持山推工程机械公司牵头建设全省工程机械行业唯一的科创共同体", "山推工程机械公司", "山推", "company"),
        (A2019, "重汽公司明年销售收入破百亿", "重汽公司", "重汽", "company"),
        (A2021, "重汽商用车、山推股份等53家企业纳入全市攀登计划", "重汽商用车", "重汽", "company"),
        (A2019, "推动鲁抗二期、辰欣高端制剂达产见效", "鲁抗", "鲁抗医药", "company"),
        (A2019, "推动鲁抗二期、辰欣高端制剂达产见效", "辰欣", "辰欣药业", "company"),
        (A2021, "以辰欣药业、鲁抗医药等企业为龙头的生物医药产业集群", "鲁抗医药", "鲁抗医药", "company"),
        (A2021, "以辰欣药业、鲁抗医药等企业为龙头的生物医药产业集群", "辰欣药业", "辰欣药业", "company"),
        (A2017B, "辰欣药业股份有限公司在上海证券交易所主板挂牌上市", "辰欣药业股份有限公司", "辰欣药业", "company"),
        (A2021, "引进锦成永生、顶峰飞行机器人、鲁抗好丽友等一系列合资项目", "鲁抗好丽友", "鲁抗好丽友", "company"),
        (A2019, "提速硬创智能制造产业园、山重新能源挖掘机", "山重", "山重集团", "company"),
        (A2019, "小松发动机过滤及净化装置等龙头内生项目", "小松", "小松", "company"),
        (A2021, "目前以日本小松产业园为核心的首开区已启动建设", "小松产业园", "小松产业园", "park"),
        (A2019, "以济宁创新谷迎接省观摩为契机", "济宁创新谷", "济宁创新谷", "platform"),
        (A2019, "高标准建设创新谷服务运营中心", "创新谷", "济宁创新谷", "platform"),
        (A2021_TECH, "全面提升创新谷政策、服务和品牌集成度", "创新谷", "济宁创新谷", "platform"),
        (A2019, "创新谷发展集团负责济宁创新谷的整体运营", "创新谷发展集团", "创新谷发展集团", "company"),
        (A2019, "确保蓼河新城明年初具形象、展现魅力", "蓼河新城", "蓼河新区", "park"),
        (A2017B, "设立蓼河新区侧重蓼河两岸", "蓼河", "蓼河", "place"),
        (
            A2017A,
            "综合保税区、大数据产业园、生物医药产业园、人力资源产业园等13个专业园区",
            "综合保税区",
            "济宁综合保税区",
            "park",
        ),
        (
            A2017A,
            "综合保税区、大数据产业园、生物医药产业园、人力资源产业园等13个专业园区",
            "生物医药产业园",
            "济宁生物医药产业园",
            "park",
        ),
        (A2021, "济宁综保区保税物流中心(B型)加快推进", "济宁综保区", "济宁综合保税区", "park"),
        (A2021, "济宁综保区保税物流中心(B型)加快推进", "保税物流中心", "保税物流中心", "platform"),
        (
            A2018,
            "华能如意、现代服务业、大健康产业、泗河现代农业六大动能板块",
            "华能如意",
            "华能如意新动能产业园",
            "park",
        ),
        (A2017A, "规划建设国家人力资源产业园", "国家人力资源产业园", "人力资源产业园", "park"),
        (
            A2017A,
            "要在拓展提升中科院先进技术研究院、鲁南煤化工研究中心",
            "中科院先进技术研究院",
            "中国科学院深圳先进技术研究院",
            "institution",
        ),
        (A2019, "中科院超高强聚乙烯纤维新材料", "中科院", "中科院", "institution"),
        (A2021, "土木工程先进技术与产业研究院、中科院科技园建设顺利推进", "中科院科技园", "中科院科技园", "park"),
        (A2021, "联合市产研院建设跨区域协同创新联盟", "市产研院", "市产研院", "institution"),
        (A2021, "新建济宁留创园B区", "济宁留创园", "济宁留创园", "park"),
        (A2021, "“十里湖”乡村振兴综合体", "十里湖", "十里湖", "place"),
        (A2019, "以“济宁创新谷”为总揽,建设济宁新动能港", "济宁新动能港", "济宁新动能港", "platform"),
        (A2021_TECH, "高新区科技创新局在党工委、管委会的坚强领导下", "科技创新局", "科技创新局", "institution"),
    ],
)
def test_alias_maps_to_entity_in_real_sentence(articles, mentions, article_id, fragment, alias, entity, etype):
    text = articles.loc[articles["article_id"] == article_id, "text"].iloc[0]
    lo = text.find(fragment)
    assert lo >= 0, f"{fragment!r} is not in {article_id}"
    rows = mentions[
        (mentions["article_id"] == article_id)
        & (mentions["alias"] == alias)
        & mentions["start"].between(lo, lo + len(fragment) - len(alias))
    ]
    assert len(rows) == 1, f"{alias} not found once in {fragment!r}"
    row = rows.iloc[0]
    assert (row["entity"], row["type"]) == (entity, etype)
    assert text[row["start"] : row["end"]] == alias
    assert fragment in row["sentence"]


# --- leftmost-longest: the longer name wins, and counts once ----------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "以济宁创新谷迎接省观摩为契机,高标准建设创新谷服务运营中心。",
            [("济宁创新谷", "济宁创新谷", 1), ("济宁创新谷", "创新谷", 20)],
        ),
        (
            "创新谷发展集团负责济宁创新谷的整体运营,明年重点推进麒麟岛和山东省生命科学城项目。",
            [
                ("创新谷发展集团", "创新谷发展集团", 0),
                ("济宁创新谷", "济宁创新谷", 9),
                ("麒麟岛", "麒麟岛", 26),
                ("山东省生命科学城", "山东省生命科学城", 30),
            ],
        ),
        (
            "全面倡树担当作为、干事创业、务实重干“高新精神”,加速推进科技新城建设,加快创建国家创新型特色园区,全面迈进蓼河新时代,",
            [("科技新城", "科技新城", 29)],
        ),  # 蓼河新时代 is a slogan, not the river
        (
            "与融创中国合作共建“万亩千亿”级国际高端装备产业城,目前以日本小松产业园为核心的首开区已启动建设。",
            [
                ("融创中国", "融创中国", 1),
                ("国际高端装备产业城", "国际高端装备产业城", 16),
                ("小松产业园", "小松产业园", 31),
            ],
        ),
    ],
)
def test_leftmost_longest(lexicon, sentence, expected):
    found = find_entities(sentence, lexicon)
    assert list(found[["entity", "alias", "start"]].itertuples(index=False, name=None)) == expected


def test_jining_innovation_valley_counts_once(mentions):
    # 济宁创新谷 is never counted a second time as 创新谷 inside it.
    valley = mentions[mentions["entity"] == "济宁创新谷"]
    assert valley.groupby("alias").size().to_dict() == {"济宁创新谷": 3, "创新谷": 3}
    spans = sorted(zip(mentions["article_id"], mentions["start"], mentions["end"]))
    for (a1, _, e1), (a2, s2, _) in zip(spans, spans[1:]):
        assert a1 != a2 or s2 >= e1, "mentions overlap"


# --- the corpus -------------------------------------------------------------------


def test_mentions_shape(articles, mentions):
    assert list(mentions.columns) == MENTION_COLUMNS
    texts = articles.set_index("article_id")["text"]
    for row in mentions.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.alias
    assert mentions.equals(
        mentions.sort_values(["date", "article_id", "start"], kind="mergesort").reset_index(drop=True)
    )
    assert "0f694cbe-3" not in set(mentions["article_id"])  # the commentary is not about the zone


def test_every_name_and_alias_is_in_the_corpus(articles, lexicon):
    # The lexicon was built from the articles: a name that is not in them is a typo.
    text = "\n".join(articles.loc[articles["about_zone"], "text"])
    assert [a for a in lexicon.alias_entity if a not in text] == []


@pytest.mark.parametrize(
    "entity, mentions_by_year, articles_by_year",
    [
        ("山推", [0, 0, 1, 2], [0, 0, 1, 1]),
        ("蓼河新区", [5, 2, 1, 0], [2, 1, 1, 0]),
        ("济宁创新谷", [0, 0, 4, 2], [0, 0, 1, 1]),
        ("辰欣药业", [2, 0, 1, 1], [1, 0, 1, 1]),
        ("科技创新局", [0, 0, 0, 3], [0, 0, 0, 1]),
    ],
)
def test_by_year_with_zero_rows(by_year, entity, mentions_by_year, articles_by_year):
    rows = by_year[by_year["entity"] == entity]
    assert rows["year"].tolist() == YEARS
    assert rows["mentions"].tolist() == mentions_by_year
    assert rows["articles"].tolist() == articles_by_year


def test_by_year_shape(by_year, mentions):
    assert list(by_year.columns) == BY_YEAR_COLUMNS
    assert len(by_year) == mentions["entity"].nunique() * len(YEARS)
    assert by_year["mentions"].sum() == len(mentions)
    assert by_year.equals(by_year.sort_values(["entity", "year"], kind="mergesort").reset_index(drop=True))


def test_by_year_reports_years_without_any_mention(mentions):
    out = entities_by_year(mentions[mentions["entity"] == "山推"], years=[2017, 2019, 2020, 2021])
    assert out["year"].tolist() == [2017, 2019, 2020, 2021]
    assert out["mentions"].tolist() == [0, 1, 0, 2]


@pytest.mark.parametrize(
    "entity, first_year, last_year, peak_year, total, trend",
    [
        ("蓼河新区", 2017, 2019, 2017, 8, "last seen 2019"),
        ("济宁创新谷", 2019, 2021, 2019, 6, "new in 2019"),
        ("辰欣药业", 2017, 2021, 2017, 4, "about the same (2 → 1 mentions)"),
        ("山推", 2019, 2021, 2021, 3, "new in 2019"),
        ("科技创新局", 2021, 2021, 2021, 3, "only in 2021"),
        ("圣地智库", 2017, 2017, 2017, 2, "only in 2017"),
    ],
)
def test_rise_and_fall_real(by_year, entity, first_year, last_year, peak_year, total, trend):
    row = rise_and_fall(by_year).set_index("entity").loc[entity]
    assert (row["first_year"], row["last_year"], row["peak_year"], row["total"], row["trend"]) == (
        first_year,
        last_year,
        peak_year,
        total,
        trend,
    )


@pytest.mark.parametrize(
    "counts, trend, peak_year",
    [
        ([1, 0, 0, 0], "only in 2017", 2017),
        ([0, 0, 0, 2], "only in 2021", 2021),
        ([0, 0, 2, 3], "new in 2019", 2021),
        ([2, 1, 0, 0], "last seen 2018", 2017),
        ([0, 1, 1, 0], "too few to tell (2 mentions in 2 articles)", 2018),  # a tie: the earliest peak
        ([2, 0, 0, 4], "rising", 2021),
        ([2, 0, 0, 3], "about the same (2 → 3 mentions)", 2021),
        ([3, 1, 1, 1], "falling", 2017),
        ([1, 1, 1, 1], "steady", 2017),
    ],
)
def test_trend_labels(counts, trend, peak_year):
    table = pd.DataFrame(
        {"entity": "X", "type": "company", "year": YEARS, "mentions": counts, "articles": [min(c, 1) for c in counts]}
    )
    row = rise_and_fall(table).iloc[0]
    assert (row["trend"], row["peak_year"], row["total"]) == (trend, peak_year, sum(counts))


def test_a_trend_word_needs_mentions_in_more_than_one_article():
    one_article = pd.DataFrame(
        {"entity": "X", "type": "company", "year": YEARS, "mentions": [3, 0, 0, 2], "articles": [1, 0, 0, 0]}
    )
    assert rise_and_fall(one_article).iloc[0]["trend"] == "too few to tell (5 mentions in 1 article)"
    assert rise_and_fall(one_article, min_articles=1).iloc[0]["trend"] == "about the same (3 → 2 mentions)"


def test_no_real_trend_word_rests_on_fewer_than_three_mentions_or_one_article(by_year):
    out = rise_and_fall(by_year)
    worded = out[~out["trend"].str.startswith(("only in", "too few"))]
    assert len(worded) and (worded["total"] >= 3).all() and (worded["articles"] >= 2).all()
    assert out.set_index("entity").loc["蓼河新区", "articles"] >= 2


def test_rise_and_fall_shape_and_order(by_year):
    out = rise_and_fall(by_year)
    assert list(out.columns) == TREND_COLUMNS
    assert out["entity"].is_unique
    key = out.assign(neg=-out["total"]).sort_values(["first_year", "neg", "entity"], kind="mergesort")
    assert out["entity"].tolist() == key["entity"].tolist()


# --- the lexicon file ----------------------------------------------------------------


@pytest.fixture(scope="module")
def lexicon_data():
    return yaml.safe_load(ENTITIES_FILE.read_text("utf-8"))


def test_lexicon_file(lexicon):
    assert lexicon.version == "1"
    assert set(lexicon.types) == {"company", "park", "platform", "institution", "place"}
    assert all(lexicon.types.values())
    assert {e.type for e in lexicon.entities} == set(lexicon.types)


@pytest.mark.parametrize(
    "name, gloss",
    [
        # A comma in an unquoted gloss of a flow mapping ({name: …, gloss: a, b}) ends the gloss there.
        ("科技创新局", "the zone's Science, Technology and Innovation Bureau"),
        ("医养健康产业集聚区", "Medical and Health-care Industry Cluster Area (2,000 mu)"),
        ("蓼河新区", "Liaohe New District, one of the ten parks (called 蓼河新城 in 2019)"),
        ("中国科学院深圳先进技术研究院", "Shenzhen Institutes of Advanced Technology, CAS"),
    ],
)
def test_a_gloss_with_commas_is_whole(lexicon, name, gloss):
    assert {e.name: e.gloss for e in lexicon.entities}[name] == gloss


def test_every_entity_has_only_the_known_keys(lexicon_data):
    # A stray key is what is left of a gloss cut at a comma (000 mu) from (2,000 mu)).
    stray = {e["name"]: sorted(set(e) - {"name", "type", "gloss", "aliases"}) for e in lexicon_data["entities"]}
    assert {name: keys for name, keys in stray.items() if keys} == {}


def _broken(data, change):
    data = copy.deepcopy(data)
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("version"), "add a top-level 'version:'"),
        (lambda d: d.pop("types"), "add a 'types:' mapping"),
        (lambda d: d.update(entities=[]), "add an 'entities:' list"),
        (lambda d: d["entities"].append({"type": "company"}), "entity #"),
        (
            lambda d: d["entities"].append({"name": "某公司", "type": "firm"}),
            "entity 某公司: type 'firm' is not one of",
        ),
        (
            lambda d: d["entities"].append({"name": "山推集团", "type": "company", "aliases": ["山推股份"]}),
            "entity 山推集团: name or alias '山推股份' is already used by 山推",
        ),
        (
            lambda d: d["entities"].append({"name": "创新谷", "type": "platform"}),
            "entity 创新谷: name or alias '创新谷' is already used by 济宁创新谷",
        ),
        (
            lambda d: d["entities"].append({"name": "某园", "type": "park", "aliases": ["某园区", "某园区"]}),
            "name or alias '某园区' is listed twice",
        ),
        (
            lambda d: d["entities"].append({"name": "某园", "type": "park", "aliases": "某园区"}),
            "'aliases' must be a list",
        ),
        (lambda d: d["entities"].append({"name": "某园", "type": "park", "aliases": [""]}), "remove the empty alias"),
        (lambda d: d["non_entities"].update({"蓼河": "x"}), "non-entity '蓼河' is also a name of 蓼河"),
    ],
)
def test_validation_errors(lexicon_data, change, message):
    with pytest.raises(EntityLexiconError) as info:
        parse_entities(_broken(lexicon_data, change), "entities.yml")
    assert message in str(info.value)
    assert isinstance(info.value, ReportError)


def test_load_errors(tmp_path):
    with pytest.raises(EntityLexiconError, match="no such file"):
        load_entities(tmp_path / "entities.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("entities: [\n", encoding="utf-8")
    with pytest.raises(EntityLexiconError, match="not valid YAML"):
        load_entities(bad)
