"""Tests for helpers.targets: matching targets and plans with later outcomes."""

import warnings

import pandas as pd
import pytest

from helpers.analysis import indicators, ledger, targets
from helpers.errors import IndicatorRulesError, ReportError


@pytest.fixture(scope="module")
def table(articles):
    zone = articles[articles["about_zone"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # series regexes with groups; harmless here
        return ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())


@pytest.fixture(scope="module")
def checked(table, articles):
    return targets.targets_vs_outcomes(table, articles)


# --- The real corpus ------------------------------------------------------


@pytest.mark.parametrize(
    "target_id, status, outcome_id",
    [
        # 确保…高新技术企业数量达到175家: the 140 achieved is on the same 2021-11-05 page, not later.
        ("0f694cbe-2:1022", "no later report", ""),
        # 高新技术企业申报不低于90家: applications, never matched with the stock of enterprises.
        ("0f694cbe-2:1008", "no later report", ""),
        # 2017: 设立…4个专业园区; 2021: 5个街属园区、4个专业园区、3个功能园区.
        ("abff64df-0:1474", "met", "0f694cbe-0:1247"),
        ("abff64df-0:1797", "met", "0f694cbe-0:1247"),
        # 2017 plan: 149个项目, 总投资202亿元; 2019 sums are for another year.
        ("19188e80-0:2088", "not comparable", "b804821d-0:421"),
        # 两项核心指标要实现10%以上 … 均实现10%: the same 2017 article reports on itself.
        ("19188e80-0:198", "no later report", ""),
        # 重汽公司明年销售收入破百亿 (2019 for 2020): the corpus is silent after 2019 on it.
        ("b804821d-0:939", "no later report", ""),
    ],
)
def test_real_targets_get_the_expected_status(checked, target_id, status, outcome_id):
    row = checked.set_index("target_id").loc[target_id]
    assert (row["status"], row["outcome_id"]) == (status, outcome_id)


def test_the_corpus_is_mostly_silent_on_its_promises(checked):
    assert checked["status"].value_counts().to_dict() == {"no later report": 30, "met": 2, "not comparable": 1}
    assert list(checked.columns) == targets.COLUMNS


def test_near_misses_are_counted_in_the_note(checked):
    note = checked.set_index("target_id").loc["0f694cbe-2:1022", "note"]
    assert note == "1 matching report not certainly later (same article or date, or order unknown)"


def test_a_met_plan_says_how_its_outcome_was_chosen(checked):
    note = checked.set_index("target_id").loc["abff64df-0:1474", "note"]
    assert note == "1 later report, none for the target's period 2017; took the latest; 4个 ≥ 4个"


def test_promise_summary_counts_status_by_target_year(checked):
    summary = targets.promise_summary(checked).set_index("target_year")
    assert summary.loc[2017].to_dict() == {
        "met": 2,
        "not met": 0,
        "no later report": 18,
        "not comparable": 1,
        "total": 21,
    }
    assert summary.loc[2020, "no later report"] == 5  # the 2019 article's plans for 明年
    assert summary["total"].sum() == len(checked)


def test_a_target_with_no_year_at_all_is_still_counted(checked):
    # A target from an undated article, with no period of its own (a real row, its dates blanked).
    undated = checked.head(1).assign(target_period="", target_date="")
    summary = targets.promise_summary(pd.concat([checked, undated], ignore_index=True))
    assert summary["total"].sum() == len(checked) + 1
    assert summary.loc[summary["target_year"].isna(), "total"].tolist() == [1]


# --- A small ledger built by hand -------------------------------------------


def _row(
    rid,
    article,
    kind,
    value,
    period,
    indicator="高新技术企业",
    unit="家",
    qualifier="",
    series="",
    base_unit="count",
    lead="",
):
    return {
        "indicator_id": rid,
        "article_id": article,
        "indicator": indicator,
        "value": str(value),
        "unit": unit,
        "value_base": float(value),
        "base_unit": base_unit,
        "kind": kind,
        "period": period,
        "sentence": rid,
        "qualifier": qualifier,
        "series": series,
        "lead": lead,
        "start": 0,
    }


ARTICLES = pd.DataFrame(
    {"article_id": ["a19", "a19b", "a20", "a21"], "date": ["2019-03-01", "2019", "2020-06-01", "2021-11-05"]}
)


def _check(*rows):
    return targets.targets_vs_outcomes(pd.DataFrame(list(rows)), ARTICLES).set_index("target_id")


@pytest.mark.parametrize(
    "outcome, outcome_qualifier, target_qualifier, status",
    [
        (120, "", "", "met"),
        (80, "", "", "not met"),
        (100, "", "", "met"),
        (100, "", "以上", "met"),
        (100, "", "不低于", "met"),
        (100, "", "超", "not met"),  # 超100家 needs more than 100
        (100, "超", "超", "met"),
        (100, "近", "", "not met"),  # 近100家 is fewer than 100
        (101, "近", "", "met"),
    ],
)
def test_a_2019_target_is_judged_by_a_2021_achievement(outcome, outcome_qualifier, target_qualifier, status):
    table = _check(
        _row("t", "a19", "target", 100, "2021", qualifier=target_qualifier),
        _row("o", "a21", "achieved", outcome, "2021", qualifier=outcome_qualifier),
    )
    assert (table.loc["t", "status"], table.loc["t", "outcome_id"]) == (status, "o")


@pytest.mark.parametrize(
    "outcome_row, status",
    [
        (_row("o", "a19b", "achieved", 120, "2019"), "no later report"),  # dated 2019 only: maybe before March
        (_row("o", "a19", "achieved", 120, "2019"), "no later report"),  # the same article
        (_row("o", "a21", "achieved", 120, "2016"), "no later report"),  # a 2021 article looking back at 2016
        (_row("o", "a21", "achieved", 120, "2021", series="s"), "no later report"),  # a series keeps rows apart
        (_row("o", "a21", "achieved", 120, "2021", lead="净增高新技术企业"), "no later report"),  # increase vs level
        (_row("o", "a21", "achieved", 120, "2021", base_unit="元"), "no later report"),
        (_row("o", "a21", "achieved", 120, "2021", indicator="高新技术企业数量"), "met"),  # 数量 is trimmed
        (_row("o", "a21", "target", 120, "2021"), "no later report"),  # a later target is not an outcome
    ],
)
def test_only_later_reports_of_the_same_indicator_count(outcome_row, status):
    table = _check(_row("t", "a19", "target", 100, "2019"), outcome_row)
    assert table.loc["t", "status"] == status


def test_the_outcome_for_the_targets_period_is_preferred_to_the_latest():
    table = _check(
        _row("t", "a19", "plan", 100, "2020"),
        _row("o20", "a20", "achieved", 90, "2020"),
        _row("o21", "a21", "achieved", 130, "2021"),
    )
    assert table.loc["t", ["outcome_id", "status"]].tolist() == ["o20", "not met"]
    assert table.loc["t", "note"].startswith("2 later reports; took the one for the target's period 2020")


def test_money_for_another_period_is_not_comparable():
    table = _check(
        _row("t", "a19", "plan", 2e10, "2019", base_unit="元", unit="元"),
        _row("o", "a21", "achieved", 3e10, "2021", base_unit="元", unit="元"),
    )
    assert table.loc["t", "status"] == "not comparable"


def test_ranks_are_met_at_or_above_the_target_place():
    table = _check(
        _row("t", "a19", "target", 5, "2020", base_unit="rank", unit="名", qualifier="前"),
        _row("o", "a21", "ranking", 1, "2020", base_unit="rank", unit="名"),
    )
    assert table.loc["t", "status"] == "met"


@pytest.mark.parametrize(
    "date, than, later",
    [
        ("2017-10-23", "2017", False),  # the year-only article may be from December
        ("2018", "2017-10-23", True),
        ("2017-11", "2017-10-23", True),
        ("2017-10", "2017-10-23", False),
        ("2017-10-24", "2017-10-23", True),
        ("2017", "2017", False),
        ("", "2017", False),
    ],
)
def test_later_means_certainly_later(date, than, later):
    assert targets.is_later(date, than) is later


@pytest.mark.parametrize(
    "name, normalised",
    [
        ("高新技术产值两项核心指标要实现", "高新技术产值两项核心指标"),
        ("高新技术产值两项核心指标均实现", "高新技术产值两项核心指标"),
        ("高新技术企业数量", "高新技术企业"),
        ("高新技术企业申报", "高新技术企业申报"),  # applications are not enterprises
        ("有效发明专利受理数", "有效发明专利受理数"),  # inside a name, 有 is part of it
        ("医养健康产业集聚区建设", "医养健康产业集聚区"),
        ("办好", "办好"),  # would trim to nothing
    ],
)
def test_indicator_names_are_trimmed_at_both_ends(name, normalised):
    assert targets.normalise_indicator(name) == normalised


@pytest.mark.parametrize(
    "qualifier, value, unit, written",
    [
        ("以上", "10", "%", "10%以上"),
        ("不低于", "90", "家", "不低于90家"),
        ("余", "10", "家", "10余家"),
        ("", "4", "个", "4个"),
    ],
)
def test_figures_are_written_with_their_qualifier(qualifier, value, unit, written):
    assert targets.as_written(pd.Series({"qualifier": qualifier, "value": value, "unit": unit})) == written


def test_a_ledger_without_series_says_how_to_build_it(table, articles):
    with pytest.raises(ReportError, match="assign_series"):
        targets.targets_vs_outcomes(table.drop(columns=["series"]), articles)


def test_a_ledger_without_any_lead_or_target_gives_no_promises():
    from corpora import odd_articles

    zone = odd_articles()
    table = ledger.assign_series(
        ledger.with_lead(indicators.indicators_table(zone.iloc[1:2]), zone), ledger.load_series()
    )
    assert table.empty  # the 2018 article has no figure, so its lead column is all missing
    promised = targets.targets_vs_outcomes(table, zone)
    assert promised.empty and targets.promise_summary(promised).empty


def test_figures_of_an_undated_article_are_kept_and_never_later_than_a_target():
    from corpora import odd_articles

    zone = odd_articles()
    table = ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())
    undated = table[table["article_id"] == "f26e48ba-0"]
    assert undated["value"].tolist() == ["61.7", "58", "1390", "45"] and undated["year"].isna().all()
    assert not targets.is_later("", "2019-12-03") and not targets.is_later("2019-12-03", "")


# --- Rules other than the default (issue #10) --------------------------------


@pytest.fixture
def rules_trimming_applications(tmp_path):
    """A copy of the indicator rules in which 申报 (applications) is trimmed from the end of a name."""
    import yaml

    from helpers import paths

    rules = yaml.safe_load((paths.LEXICON / "indicators.yml").read_text(encoding="utf-8"))
    rules["indicator_strip_suffix"] = [*rules["indicator_strip_suffix"], "申报"]
    rules["qualifiers"]["suffix"] = [q for q in rules["qualifiers"]["suffix"] if q != "以上"]
    path = tmp_path / "indicators.yml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


def test_targets_are_matched_with_the_rules_that_built_the_ledger(rules_trimming_applications):
    rows = [
        _row("t", "a19", "target", 90, "2021", indicator="高新技术企业申报", qualifier="以上"),
        _row("o", "a21", "achieved", 120, "2021"),
    ]
    default = targets.targets_vs_outcomes(pd.DataFrame(rows), ARTICLES).set_index("target_id")
    assert default.loc["t", "status"] == "no later report"  # applications are not enterprises, by default
    for rules in (rules_trimming_applications, str(rules_trimming_applications)):
        custom = targets.targets_vs_outcomes(pd.DataFrame(rows), ARTICLES, rules=rules).set_index("target_id")
        assert custom.loc["t", ["status", "outcome_id"]].tolist() == ["met", "o"]
        # 以上 is no longer a suffix in these rules, so the figure is written with it in front.
        assert custom.loc["t", "note"].endswith("120家 ≥ 以上90家")
    assert targets.normalise_indicator("高新技术企业申报", rules_trimming_applications) == "高新技术企业"
    assert targets.normalise_indicator("高新技术企业申报") == "高新技术企业申报"


def _rules_with(tmp_path, section, value):
    """A copy of the indicator rules with one section (a key path) set to ``value``."""
    import yaml

    from helpers import paths

    rules = yaml.safe_load((paths.LEXICON / "indicators.yml").read_text(encoding="utf-8"))
    *parents, last = section
    node = rules
    for key in parents:
        node = node[key]
    node[last] = value
    path = tmp_path / "indicators.yml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "section, value, target, outcome, as_filed, as_edited",
    [
        # 超100家 needs more than 100, unless 超 is no longer a strict floor.
        (
            ["qualifier_meanings", "above"],
            ["逾"],
            _row("t", "a19", "target", 100, "2021", qualifier="超"),
            _row("o", "a21", "achieved", 100, "2021"),
            "not met",
            "met",
        ),
        # 近100家 lies below 100, unless 近 is no longer read as below.
        (
            ["qualifier_meanings", "below"],
            ["将近"],
            _row("t", "a19", "target", 100, "2021"),
            _row("o", "a21", "achieved", 100, "2021", qualifier="近"),
            "not met",
            "met",
        ),
        # 100家以下 is a ceiling, unless 以下 is no longer read as at most.
        (
            ["qualifier_meanings", "at_most"],
            ["不超过"],
            _row("t", "a19", "target", 100, "2021", qualifier="以下"),
            _row("o", "a21", "achieved", 120, "2021"),
            "not met",
            "met",
        ),
        # An increase is not a level, unless 净增 is no longer an increase word.
        (
            ["increase_words"],
            ["新增"],
            _row("t", "a19", "target", 100, "2019"),
            _row("o", "a21", "achieved", 120, "2021", lead="净增高新技术企业"),
            "no later report",
            "met",
        ),
        # Money is a flow: a sum for another period is not comparable, unless 元 is no flow.
        (
            ["flow_units"],
            ["USD"],
            _row("t", "a19", "plan", 100, "2019", base_unit="元", unit="元"),
            _row("o", "a21", "achieved", 120, "2021", base_unit="元", unit="元"),
            "not comparable",
            "met",
        ),
        # 数量 is trimmed from a name, unless it is no longer an amount word.
        (
            ["amount_words"],
            ["总量"],
            _row("t", "a19", "target", 100, "2019"),
            _row("o", "a21", "achieved", 120, "2021", indicator="高新技术企业数量"),
            "met",
            "no later report",
        ),
    ],
)
def test_the_words_of_the_check_load_from_the_rules_file(
    tmp_path, section, value, target, outcome, as_filed, as_edited
):
    rules = _rules_with(tmp_path, section, value)
    led = pd.DataFrame([target, outcome])
    assert targets.targets_vs_outcomes(led, ARTICLES).loc[0, "status"] == as_filed
    assert targets.targets_vs_outcomes(led, ARTICLES, rules=rules).loc[0, "status"] == as_edited


def test_a_malformed_rules_file_is_an_error_naming_it(tmp_path):
    rules = _rules_with(tmp_path, ["qualifier_meanings", "below"], ["差不多"])
    led = pd.DataFrame([_row("t", "a19", "target", 100, "2019")])
    with pytest.raises(IndicatorRulesError, match="qualifier_meanings.below lists") as info:
        targets.targets_vs_outcomes(led, ARTICLES, rules=rules)
    assert str(rules) in str(info.value)


# --- The indexed matcher gives the table the scanning one gave (issue #10) -----------


def _scanning_targets_vs_outcomes(ledger_table, articles, rules=None):
    """The matcher as it was (commit 711fefa): each target scans every outcome of its measure."""

    def keep(frame, flags):
        return frame[pd.Series(flags, index=frame.index, dtype=bool)]

    def pick(t, later):
        later = later.assign(
            day=[targets.date_span(d)[0] for d in later["date"]],
            end=[(targets.date_span(p) or ("", ""))[1] for p in later["period"]],
        )
        same = keep(later, [targets._same_period(p, t["period"]) for p in later["period"]])
        n = f"{len(later)} later report" + ("s" if len(later) > 1 else "")
        if not same.empty:
            how = f"{n}; took the one for the target's period {t['period']}"
            return same.sort_values(["day", "end", "start"]).iloc[-1], how
        how = f"{n}, none for the target's period {t['period'] or '(none)'}; took the latest"
        return later.sort_values(["day", "end", "start"]).iloc[-1], how

    rulebook = targets._rulebook(rules)
    led = targets._prepare(ledger_table, articles, rulebook)
    outcomes = led[led["kind"].isin(targets.OUTCOME_KINDS)]
    groups = {}
    for position, (_, o) in enumerate(outcomes.iterrows()):
        groups.setdefault(targets._measure_key(o), []).append(position)
    rows = []
    for _, t in led[led["kind"].isin(targets.TARGET_KINDS)].iterrows():
        cands = outcomes.iloc[groups.get(targets._measure_key(t), [])]
        cands = keep(cands, [not targets._about_the_past(p, t["period"]) for p in cands["period"]])
        later = keep(cands, [targets.is_later(d, t["date"]) for d in cands["date"]])
        row = {
            "target_id": t["indicator_id"],
            "target_article_id": t["article_id"],
            "target_date": t["date"],
            "indicator": t["indicator"],
            "target_value": t["value"],
            "target_unit": t["unit"],
            "target_value_base": t["value_base"],
            "qualifier": t["qualifier"],
            "kind": t["kind"],
            "target_period": t["period"],
            "target_sentence": t["sentence"],
        }
        if later.empty:
            skipped = len(cands)
            note = (
                f"{skipped} matching report{'s' if skipped > 1 else ''} not certainly later "
                "(same article or date, or order unknown)"
                if skipped
                else ""
            )
            rows.append({**row, "status": "no later report", "note": note})
            continue
        o, how = pick(t, later)
        status, why = targets._judge(t, o, rulebook)
        outcome = {f"outcome_{c}": o[c] for c in ("article_id", "date", "value", "unit", "value_base", "period")}
        outcome.update(outcome_id=o["indicator_id"], outcome_sentence=o["sentence"])
        rows.append({**row, **outcome, "status": status, "note": f"{how}; {why}"})
    blank = {**{c: "" for c in targets.COLUMNS if c.startswith("outcome_")}, "outcome_value_base": float("nan")}
    return pd.DataFrame([{**blank, **r} for r in rows], columns=targets.COLUMNS)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic corpus of 120 articles over 2014-2025 (tests/benchmarks/synthetic_corpus.py) and its ledger."""
    import importlib.util

    from corpora import FIXTURES

    from helpers.corpus.reader import load_corpus

    script = FIXTURES.parent / "benchmarks" / "synthetic_corpus.py"
    spec = importlib.util.spec_from_file_location("synthetic_corpus", script)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    folder = tmp_path_factory.mktemp("synthetic")
    generator.write_corpus(folder / "raw", 120)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no manifest rows, and the series regexes' groups
        articles = load_corpus(folder / "raw", folder / "corpus.csv")
        zone = articles[articles["about_zone"]]
        table = ledger.assign_series(ledger.with_lead(indicators.indicators_table(zone), zone), ledger.load_series())
    return table, articles


def test_the_indexed_matcher_gives_the_scanning_matchers_table_on_the_seed_corpus(table, articles, checked):
    pd.testing.assert_frame_equal(checked, _scanning_targets_vs_outcomes(table, articles))


def test_the_indexed_matcher_gives_the_scanning_matchers_table_on_a_synthetic_corpus(synthetic):
    table, articles = synthetic
    indexed = targets.targets_vs_outcomes(table, articles)
    pd.testing.assert_frame_equal(indexed, _scanning_targets_vs_outcomes(table, articles))
    # The corpus repeats figures over twelve years: many targets meet later reports, some several of them.
    counts = indexed["status"].value_counts()
    assert counts["met"] >= 50 and counts["not met"] >= 10 and counts["not comparable"] >= 10
    assert indexed["note"].str.contains("for the target's period").any()
    assert indexed["note"].str.contains("took the latest").any()
    assert indexed["note"].str.contains("not certainly later").any()


@pytest.mark.parametrize("first, second", [("2021", "2021"), ("2021", "2021-12"), ("2021-12", "2021")])
def test_of_two_reports_alike_in_date_period_end_and_place_the_later_row_is_taken(first, second):
    # Two 2021-11-05 articles report the figure at the same offset, for periods that end on the same day.
    articles = pd.DataFrame({"article_id": ["a19", "b21", "c21"], "date": ["2019-03-01", "2021-11-05", "2021-11-05"]})
    rows = pd.DataFrame(
        [
            _row("t", "a19", "target", 100, "2020"),
            _row("o1", "b21", "achieved", 120, first),
            _row("o2", "c21", "achieved", 80, second),
        ]
    )
    indexed = targets.targets_vs_outcomes(rows, articles)
    pd.testing.assert_frame_equal(indexed, _scanning_targets_vs_outcomes(rows, articles))
    assert indexed.loc[0, ["outcome_id", "status"]].tolist() == ["o2", "not met"]
