"""The indicator ledger on the blind gold set (``fixtures/ledger_gold/``, issue 11), scored as totals only.

The evaluation (``tests/ledger_eval.py``) runs the reader and the ledger on
the gold's texts as a build would and checks the totals against FLOORS: the
values measured on 2026-11-27, on commit be8954a (the same figures on that
commit's clean tree and on the working tree of that day, which had other
engineers' uncommitted edits to the indicator rules), rounded down to two
decimals. When the extractor improves, raise the floors to the new
measurement (rounded down). Never relabel the gold to match the code: the
gold is changed only by its annotators, by the rules of its GUIDE.md.

A failure names a total, never a row: rule writers must not see per-row
results (``python tests/ledger_eval.py --misses`` is for the evaluator).
The whole evaluation takes about 2 s, so it is not marked slow.
"""

import pandas as pd
import pytest
from ledger_eval import PartRun, align, evaluate, kind_mapping, ledger_spans, score, value_positions

# (part, measure): floor. First measured 2026-11-27, commit be8954a: precision 50/66, 79/79, 129/145;
# recall 50/111, 79/93, 129/204; kind 24/50, 72/79, 96/129; value_base (rel. 1e-6) 48/50, 77/79, 125/129.
# Raised after the extractor's rules v4 and one row per fact (2026-11-27, commit b4415cf): precision
# 54/64, 90/90, 144/154; recall 54/111, 90/93, 144/204; kind 30/54, 84/90, 114/144; value_base (1e-6)
# 52/54, 87/90, 139/144. Part B's value floor moves from 0.97 to 0.96: eleven more facts are matched,
# and three of them are areas in 亩 that the gold converts at 666.67 m² (exact: 2000/3); at a relative
# tolerance of 1e-4 every matched value agrees (144/144).
# Raised after rules v5 and the ledger of every article (2026-11-27, commit 75b48e1): precision 76/87,
# 90/90, 166/177; recall 76/111, 90/93, 166/204; kind 48/76, 84/90, 132/166; value 74/76, 87/90, 161/166.
FLOORS = {
    ("A", "precision"): 0.87,
    ("B", "precision"): 1.00,
    ("total", "precision"): 0.93,
    ("A", "recall"): 0.68,
    ("B", "recall"): 0.96,
    ("total", "recall"): 0.81,
    ("A", "kind accuracy"): 0.63,
    ("B", "kind accuracy"): 0.93,
    ("total", "kind accuracy"): 0.79,
    ("A", "value accuracy"): 0.97,
    ("B", "value accuracy"): 0.96,
    ("total", "value accuracy"): 0.96,
}


@pytest.fixture(scope="module")
def evaluation():
    return evaluate()


def test_every_gold_fact_is_scored(evaluation):
    totals = evaluation.totals
    assert totals.at["gold facts", "total"] == 204
    assert totals.at["matched", "total"] + totals.at["missed", "total"] == 204


@pytest.mark.parametrize(("part", "measure"), list(FLOORS), ids=[f"{p}-{m}" for p, m in FLOORS])
def test_totals_stay_above_floors(evaluation, part, measure):
    measured = evaluation.totals.at[measure, part]
    floor = FLOORS[(part, measure)]
    assert measured >= floor - 1e-9, f"{measure}, part {part}: {measured:.3f} fell below its floor {floor:.2f}"


# --- the evaluator itself, on made-up text (never the gold's) ---

TEXT = "高新技术企业达到200家，引进高层次人才团队20个。全区共有高新技术企业200家。"


def _run(ledger_rows: list[dict]) -> PartRun:
    articles = pd.DataFrame(
        [
            {
                "article_id": "x-0",
                "file": "x.txt",
                "text": TEXT,
                "text_original": TEXT,
                "about_zone": True,
                "title": "",
                "kicker": "",
                "subtitle": "",
            }
        ]
    )
    return PartRun("T", articles, pd.DataFrame(ledger_rows), 0.0)


def _gold() -> pd.DataFrame:
    sentence = "高新技术企业达到200家,引进高层次人才团队20个。"  # half-width comma, as the gold's sources print it
    rows = [
        (0, "200", "家", "200", "count", "achieved", 2, "zone"),
        (1, "20", "个", "20", "count", "signed", 1, "zone"),
    ]
    return pd.DataFrame(
        [
            {
                "gold_id": g,
                "part": "T",
                "file": "x.txt",
                "sentence": sentence,
                "value_text": v,
                "unit": u,
                "value_base": b,
                "value_base_num": float(b),
                "base_unit": bu,
                "kind": k,
                "n_occurrences": n,
                "subject_type": st,
                "indicator": "",
            }
            for g, v, u, b, bu, k, n, st in rows
        ]
    )


def _row(value: str, at: int, kind: str, **extra) -> dict:
    return {
        "article_id": "x-0",
        "file": "x.txt",
        "value": value,
        "start": at,
        "end": at + len(value) + 1,
        "value_base": float(value),
        "base_unit": "count",
        "kind": kind,
        "indicator": "",
        **extra,
    }


FIRST, SECOND, TWENTY = TEXT.index("200"), TEXT.rindex("200"), TEXT.index("20个")


def test_a_repeat_counts_as_a_false_positive_unless_the_ledger_marks_it():
    rows = [_row("200", FIRST, "achieved"), _row("20", TWENTY, "achieved"), _row("200", SECOND, "achieved")]
    gold, ledger = align(_gold(), _run(rows))
    result = score(gold, ledger, kind_mapping(["achieved", "other"]))
    counts = ("matched", "false positives", "false positives restating a matched fact")
    assert [result[c] for c in counts] == [2, 1, 1]
    assert result["kind accuracy"] == 0.5  # signed has no counterpart in a ledger without it

    marked = [{**r, "restates": "", "subject_type": "zone"} for r in rows]
    marked[2]["restates"] = "x-0:8"
    gold, ledger = align(_gold(), _run(marked))
    result = score(gold, ledger, kind_mapping(["achieved", "signed", "other"]))
    assert (result["matched"], result["false positives"], result["restatement rows left out"]) == (2, 0, 1)
    assert result["subject_type accuracy"] == 1.0
    assert result["kind accuracy"] == 0.5  # the ledger says achieved where the gold says signed


def test_a_fact_stated_twice_may_be_found_where_it_is_restated():
    gold, _ = align(_gold(), _run([_row("200", SECOND, "achieved")]))
    assert gold["status"].tolist() == ["matched at a restatement", "missed"]


@pytest.mark.parametrize(
    ("occurrences", "expected"),
    [
        (None, [(5, 9)]),
        ("", [(5, 9)]),
        ("[(40, 44)]", [(5, 9), (40, 44)]),
        ("40-44;60-64", [(5, 9), (40, 44), (60, 64)]),
        ([40, 60], [(5, 9), (40, 44), (60, 64)]),
        ([{"start": 40, "end": 44}], [(5, 9), (40, 44)]),
    ],
)
def test_ledger_spans_read_occurrences_in_any_shape(occurrences, expected):
    assert ledger_spans({"start": 5, "end": 9, "value": "200", "occurrences": occurrences}) == expected


@pytest.mark.parametrize(
    ("text", "value", "unit", "expected"),
    [
        ("达到200家", "200", "家", [2]),
        ("共15个,其中5个", "5", "个", [7]),  # not the 5 inside 15
        ("岗位2000多个", "2000", "个", [2]),  # a qualifier may stand between number and unit
        ("第一名,一等奖", "第一", "", [0]),
    ],
)
def test_value_positions(text, value, unit, expected):
    assert value_positions(text, 0, len(text), value, unit) == expected


def test_kind_mapping_is_said_not_guessed():
    assert kind_mapping(["achieved", "target", "plan", "ranking", "other"])["context"] == "other"
    assert kind_mapping(["achieved", "other"])["signed"] is None
    assert kind_mapping(["signed", "context"])["signed"] == "signed"
