import pandas as pd
import pytest

from helpers.analysis import indicators, ledger
from helpers.errors import ReportError


@pytest.fixture(scope="module")
def table(articles):
    zone = articles[articles["about_zone"]]
    return ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())


@pytest.fixture(scope="module")
def points(table):
    return ledger.series_points(table, ledger.load_series())


@pytest.mark.parametrize(
    "series, year, value, kind",
    [
        ("hightech_enterprises", 2021, "140", "achieved"),  # 高新技术企业达到140家
        ("hightech_enterprises", 2021, "175", "target"),  # 确保…高新技术企业数量达到175家
        ("hightech_net_increase", 2019, "20", "achieved"),  # 今年净增高新技术企业20家
        ("share_health", 2019, "79", "achieved"),
        ("share_new_materials", 2021, "57.9", "achieved"),
        ("investment", 2019, "310.3", "achieved"),  # 目前完成投资310.3亿元
        ("foreign_experts", 2021, "36", "achieved"),
    ],
)
def test_series_collect_the_rows_that_measure_the_same_thing(points, series, year, value, kind):
    rows = points[(points["series"] == series) & (points["year"] == year) & (points["value"] == value)]
    assert rows["kind"].tolist()[:1] == [kind]


def test_a_net_increase_is_not_mixed_with_a_stock(points):
    stock = points[points["series"] == "hightech_enterprises"]
    assert "20" not in stock["value"].tolist()


def test_the_2021_page_repeats_the_2019_industry_shares(points):
    stale = ledger.repeats(points)
    assert sorted(stale["value"]) == ["17.5", "57.9", "58", "79"]
    assert all("2019-01..2019-10" in p and "2021" in p for p in stale["periods"])


def test_conflicts_find_disagreeing_figures_for_the_same_period():
    points = pd.DataFrame(
        {
            "series": ["s", "s", "s"],
            "period": ["2021", "2021", "2021"],
            "kind": ["achieved"] * 3,
            "value": ["140", "140", "150"],
            "unit": ["家"] * 3,
            "value_base": [140.0, 140.0, 150.0],
            "article_id": ["a-0", "b-0", "c-0"],
            "sentence": ["x", "y", "z"],
        }
    )
    assert ledger.conflicts(points)["value"].tolist() == ["140", "140", "150"]
    assert ledger.conflicts(points.iloc[:2]).empty


def test_headlines_list_rankings_and_largest_sums(table):
    top = ledger.headlines(table)
    y2019 = top[top["year"] == 2019]
    assert "ranking" in set(y2019["headline"])
    achieved = y2019[y2019["headline"] == "largest achieved sums of the zone"]["value"].tolist()
    assert achieved[0] == "310.3亿元"


def test_headline_figures_keep_their_ids_so_a_report_links_them(table):
    top = ledger.headlines(table)
    assert list(top.columns[-2:]) == ["article_id", "indicator_id"]
    rows = table.set_index("indicator_id")
    assert top["indicator_id"].is_unique
    written = rows.loc[top["indicator_id"], "value"] + rows.loc[top["indicator_id"], "unit"].fillna("")
    assert (written.to_numpy() == top["value"].to_numpy()).all()
    assert (rows.loc[top["indicator_id"], "article_id"].to_numpy() == top["article_id"].to_numpy()).all()
    ranking = top[(top["year"] == 2019) & (top["headline"] == "ranking")].iloc[0]
    assert ranking["indicator_id"].startswith(ranking["article_id"] + ":")


def test_conflicts_and_repeats_keep_the_figures_ids(points):
    stale = ledger.repeats(points)
    assert list(stale.columns) == ["series", "value", "unit", "periods", "articles", "article_id", "indicator_id"]
    first = points.set_index("indicator_id").loc[stale["indicator_id"]]
    assert (first["value"].to_numpy() == stale["value"].to_numpy()).all()
    assert (first["year"] == 2019).all(), "a repeated figure links to its first statement"
    clash = pd.DataFrame(
        {
            "series": ["s", "s"],
            "period": ["2021", "2021"],
            "kind": ["achieved"] * 2,
            "value": ["140", "150"],
            "unit": ["家"] * 2,
            "value_base": [140.0, 150.0],
            "article_id": ["a-0", "b-0"],
            "sentence": ["x", "y"],
            "indicator_id": ["a-0:5", "b-0:9"],
        }
    )
    assert ledger.conflicts(clash)["indicator_id"].tolist() == ["a-0:5", "b-0:9"]
    assert "indicator_id" not in ledger.conflicts(clash.drop(columns="indicator_id"))


def test_kinds_by_year_counts_every_row(table):
    assert ledger.kinds_by_year(table).to_numpy().sum() == len(table)


@pytest.mark.parametrize(
    "yaml_text, words",
    [
        ("series:\n  - id: a\n    label: A\n    indicator: x\n", "lacks base_unit"),
        (
            "series:\n  - {id: a, label: A, indicator: x, base_unit: count}\n  - {id: a, label: B, indicator: y, base_unit: count}\n",
            "used twice",
        ),
        ("series:\n  - {id: a, label: A, indicator: '(', base_unit: count}\n", "not a valid regex"),
    ],
)
def test_malformed_series_files_are_errors(tmp_path, yaml_text, words):
    path = tmp_path / "series.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ReportError, match=words):
        ledger.load_series(path)


def test_new_figures_leave_out_repeats_of_an_earlier_article():
    # The 2021 round-up repeats the 2019 January-October share of the four industries (facts.flag_restates).
    table = pd.DataFrame(
        {
            "indicator_id": ["b804821d-0:351", "0f694cbe-0:535", "0f694cbe-0:600"],
            "year": [2019, 2021, 2021],
            "kind": ["achieved", "achieved", "achieved"],
            "restates": ["", "b804821d-0:351", ""],
        }
    )
    assert list(ledger.new_figures(table)["indicator_id"]) == ["b804821d-0:351", "0f694cbe-0:600"]
    assert ledger.kinds_by_year(table).loc[2021, "achieved"] == 1
    assert ledger.new_figures(table.drop(columns="restates")).equals(table.drop(columns="restates"))


def test_headlines_show_a_figure_as_written_and_leave_out_other_subjects():
    text = "居全省开发区营商环境评价前10名。山推牵头建设的科创共同体产值达到375亿元。"
    rank, sum_ = text.index("10"), text.index("375")
    table = pd.DataFrame(
        {
            "indicator_id": [f"a-0:{rank}", f"a-0:{sum_}"],
            "article_id": ["a-0", "a-0"],
            "year": [2021, 2021],
            "indicator": ["全省开发区营商环境评价名次", "产值"],
            "value": ["10", "375"],
            "unit": ["名", "亿元"],
            "value_base": [10.0, 3.75e10],
            "base_unit": ["rank", "元"],
            "kind": ["ranking", "achieved"],
            "qualifier": ["", ""],
            "period": ["", ""],
            "sentence": [text, text],
            "start": [rank, sum_],
            "end": [rank + 3, sum_ + 5],
            "subject": ["济宁高新区", "科创共同体"],
            "subject_type": ["zone", "other"],
        }
    )
    top = ledger.headlines(table, texts=pd.Series({"a-0": text}))
    assert top["value"].tolist() == ["前10名"]  # top ten, not tenth; the consortium's 375亿元 is not the zone's


def test_the_zone_charts_read_only_articles_about_the_zone():
    # Tables.ledger_all holds figures of articles not about the zone (about_zone False): never charted.
    rows = pd.DataFrame(
        {
            "indicator_id": ["a:1", "b:1"],
            "article_id": ["a", "b"],
            "year": [2021, 2021],
            "kind": ["achieved", "achieved"],
            "about_zone": [True, "False"],  # read back from a CSV, a flag may be text
        }
    )
    assert ledger.zone_rows(rows)["indicator_id"].tolist() == ["a:1"]
    assert ledger.kinds_by_year(rows).loc[2021, "achieved"] == 1
    assert ledger.zone_rows(rows.drop(columns="about_zone")).equals(rows.drop(columns="about_zone"))


@pytest.mark.parametrize(
    "indicator, industry",
    [
        ("高端装备产业产值", "高端装备产业"),  # 003: 高端装备产业规上企业达到206家、产值达402.6亿
        ("四大产业营收", "四大产业"),  # 003: 四大产业…营收350亿元
        ("进出口额", ""),  # 003: the zone's own total
        ("新开工项目投资", ""),
        ("高端装备、医养健康、纺织服装三个产业集群各自规模", ""),  # a list of clusters, a target
    ],
)
def test_a_sum_of_an_industry_is_told_from_the_zones_own(indicator, industry):
    assert ledger.industry_of(indicator) == industry


def test_headline_sums_of_2021_are_the_zones_own_and_the_industries_are_shown_apart(seed_ledger):
    # 003 (2021-11-05): 高端装备产业…产值达402.6亿 is larger than 四大产业营收350亿元, the high-end equipment
    # industry included: an industry's output, never the zone's largest achieved sum.
    top = ledger.headlines(seed_ledger)
    y2021 = top[top["year"] == 2021]
    zone = y2021[y2021["headline"] == "largest achieved sums of the zone"]
    assert "高端装备产业产值" not in set(zone["indicator"]) and "四大产业营收" not in set(zone["indicator"])
    assert zone["value"].iloc[0] == "105.4亿元"  # 进出口额
    apart = y2021[y2021["headline"] == "largest achieved sums of an industry"]
    assert apart[["subject", "value"]].values.tolist() == [["高端装备产业", "402.6亿"], ["四大产业", "350亿元"]]
    headlines = list(dict.fromkeys(y2021["headline"]))
    assert headlines.index("largest achieved sums of the zone") < headlines.index(
        "largest achieved sums of an industry"
    )


@pytest.fixture(scope="module")
def seed_ledger():
    from corpora import SEED_MANIFEST, SEED_RAW

    from helpers.analysis import processed

    return processed.compute(processed.Sources(SEED_RAW, SEED_MANIFEST)).ledger
