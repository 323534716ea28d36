"""Tests for helpers.analysis.article_types: the real articles' types, the structure measures, the rules.

The labels in ``tests/fixtures/article_types.csv`` were made by reading every
article before any type rule was written; the rules were written against the
dev rows, and the held-out rows (``tests/fixtures/pages3/``) were scored once,
when the rules were final. Run ``python tests/test_article_types.py`` to print
the scores and the articles the rules get wrong.
"""

import copy
import io
import warnings

import pandas as pd
import pytest
import yaml
from corpora import FIXTURES, SEED_MANIFEST, SEED_RAW

from helpers.analysis.article_types import (
    ARTICLE_TYPES_FILE,
    TABLE_COLUMNS,
    TYPES,
    article_measures,
    article_type,
    article_type_table,
    load_article_type_rules,
    parse_article_type_rules,
)
from helpers.corpus.reader import load_corpus, read_raw_file
from helpers.errors import ArticlesFormatError, LexiconError

LABELS = FIXTURES / "article_types.csv"
COLLECTIONS = {"pages": FIXTURES / "pages", "pages2": FIXTURES / "pages2", "pages3": FIXTURES / "pages3"}
# Labelled articles typed right when the rules were final (2026-11-28): dev 87 of 106 (0.82); held-out
# 20 of 32 (0.63; 19 of 32, 0.59, before 答记者问 and 实施方案 were restored, two genre names
# taken out for the held-out run because they name held-out pages read while labelling).
# The tests keep the counts from falling.
DEV_RIGHT, HELDOUT_RIGHT = 87, 20

A2017A, A2017B, A2018, A2019 = "19188e80-0", "abff64df-0", "8d9cce48-0", "b804821d-0"
A2021, A2021_DEBT, A2021_TECH, A2021_LAW = "0f694cbe-0", "0f694cbe-1", "0f694cbe-2", "0f694cbe-3"


def read_labels() -> pd.DataFrame:
    """The hand labels, without the provenance note (the lines opening with #)."""
    lines = [ln for ln in LABELS.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def headline(art) -> str:
    parts = [art.get("kicker"), art.get("title"), art.get("subtitle")]
    return "\n".join(p for p in parts if isinstance(p, str) and p.strip())


def labelled_articles() -> pd.DataFrame:
    """Every labelled article with the type the rules give it (data/raw read from its seed copy)."""
    labels = read_labels()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seed = load_corpus(SEED_RAW, SEED_MANIFEST)
        pages = {}
        for coll, file in {(c, f) for c, f in zip(labels["collection"], labels["file"]) if c != "raw"}:
            pages[(coll, file)] = read_raw_file(COLLECTIONS[coll] / file)
    rows = []
    for lab in labels.itertuples(index=False):
        if lab.collection == "raw":
            art = seed[(seed["file"] == lab.file) & (seed["article_index"] == int(lab.article_index))].iloc[0]
            art = art.to_dict()
        else:
            art = pages[(lab.collection, lab.file)][int(lab.article_index)]
        kind, evidence = article_type(headline(art), art["text"], art.get("date"))
        rows.append({**lab._asdict(), "found": kind, "evidence": evidence})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def typed():
    return labelled_articles()


# --- The labels ---------------------------------------------------------------------


def test_every_article_the_reader_finds_is_labelled_once():
    labels = read_labels()
    assert list(labels.columns) == ["collection", "file", "article_index", "title", "article_type", "why", "set"]
    assert set(labels["article_type"]) <= set(TYPES) and set(labels["set"]) == {"dev", "heldout"}
    assert (labels["set"] == "heldout").eq(labels["collection"] == "pages3").all()
    assert labels["why"].str.len().ge(4).all()  # every label says why
    keys = list(zip(labels["collection"], labels["file"], labels["article_index"].astype(int)))
    assert len(keys) == len(set(keys))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = [
            ("raw", f, i) for f, i in zip(*load_corpus(SEED_RAW, SEED_MANIFEST)[["file", "article_index"]].T.values)
        ]
        for coll, folder in COLLECTIONS.items():
            for page in sorted(folder.glob("*.txt")):
                found += [(coll, page.name, i) for i in range(len(read_raw_file(page)))]
    assert sorted(keys) == sorted(found)


@pytest.mark.parametrize("part, n, right", [("dev", 106, DEV_RIGHT), ("heldout", 32, HELDOUT_RIGHT)])
def test_labelled_articles_are_typed_as_often_as_measured(typed, part, n, right):
    rows = typed[typed["set"] == part]
    assert len(rows) == n
    assert (rows["found"] == rows["article_type"]).sum() >= right


# --- The real articles ----------------------------------------------------------------

REAL = [
    (A2017A, "work_plan", "forward-heading share: 0.86 (≥ 0.3)"),  # 奋斗目标, 具体举措 govern most of it
    (A2017B, "feature", "chars: 2601 (≥ 1500); headings: 3 (≥ 2)"),
    (A2018, "work_plan", "forward-heading share: 0.37 (≥ 0.3)"),
    (A2019, "meeting", "title: 召开"),
    (A2021, "results", "title: 佳绩"),
    (A2021_DEBT, "meeting", "title: 会议"),
    (A2021_TECH, "interview", "title: 访谈"),  # the kicker: …专题访谈
    (A2021_LAW, "commentary", "title: 思想"),  # the kicker: 深入贯彻落实 习近平法治思想
]


@pytest.fixture(scope="module")
def table(articles):
    return article_type_table(articles)


@pytest.mark.parametrize("article_id, kind, evidence", REAL)
def test_the_real_articles_types_and_evidence(table, article_id, kind, evidence):
    got = table.loc[table["article_id"] == article_id].iloc[0]
    assert (got["article_type"], got["type_evidence"]) == (kind, evidence)


def test_the_table_has_one_row_per_article_in_order(articles, table):
    assert list(table.columns) == TABLE_COLUMNS
    assert table["article_id"].tolist() == articles["article_id"].tolist()


def test_the_table_needs_ids_titles_and_texts(articles):
    with pytest.raises(ArticlesFormatError, match="text"):
        article_type_table(articles.drop(columns=["text"]))


def row(articles, article_id):
    return articles.loc[articles["article_id"] == article_id].iloc[0].to_dict()


def test_a_plan_looks_forward_and_a_round_up_looks_back(articles):
    plan = article_measures(headline(row(articles, A2017A)), row(articles, A2017A)["text"], "2017")
    review = article_measures(headline(row(articles, A2021)), row(articles, A2021)["text"], "2021-11-05")
    assert plan["future_share"] > 2 * plan["past_share"]
    assert review["past_share"] > 5 * review["future_share"]
    assert (plan["forward_share"], review["forward_share"]) == (0.8607, 0.0)
    assert (plan["headings"], review["headings"]) == (18, 0)
    assert review["event_lede"] == 1 and review["figures_per_1000"] > plan["figures_per_1000"]


def test_question_and_answer_lines_make_an_interview(articles):
    # The bureau chief's answers from the 2021 interview, set out as questions and answers.
    text = (
        "问：今年以来科技创新工作有哪些进展？\n"
        "答：今年以来，累计引进创新平台载体16个、高校院所12家，达成产学研合作项目8项。\n"
        "问：四季度有什么打算？\n"
        "答：确保2021年高新技术企业申报不低于90家、高新技术企业数量达到175家。\n"
    )
    assert article_type("科技创新局负责人谈创新", text, "2021") == ("interview", "Q/A lines: 4 (≥ 4)")


def test_a_mobilisation_meeting_is_a_plan_only_when_its_text_is(articles):
    plan, debt = row(articles, A2017A), row(articles, A2021_DEBT)
    assert article_type("济宁高新区2017年创新发展动员大会", plan["text"], "2017") == (
        "work_plan",
        "title: 动员大会; forward-heading share: 0.86 (≥ 0.3)",
    )
    assert article_type("济宁高新区专项债券申报工作动员大会", debt["text"], "2021")[0] == "meeting"


@pytest.mark.parametrize(
    "title, lede, kind, evidence",
    [
        # pages/029: a results word (上半年) in a headline that exhorts is news of a speech.
        (
            "魏晓明在大观经济开发区调研时强调:加快园区改革创新发展 确保实现上半年“双过半”",
            "4月17日上午,市委书记魏晓明深入大观经济开发区,就园区改革创新发展、企业复工复产开展调研。",
            "meeting",
            "title: 调研",
        ),
        # pages/011: a traditional-script headline is read in simplified characters.
        (
            "【施政報告】研建規模媲美數碼港地標性創科設施",
            "特首林鄭月娥宣讀《施政報告》時指出,本港創科界另一個標誌性社群是數碼港。",
            "work_plan",
            "title: 施政报告",
        ),
        # pages/007: what a source told the reporter is no event, whatever the headline says; its figures decide.
        (
            "海东工业园区 意向签约 160亿元",
            "本报海东讯 (记者 赵睿) 7月21日,记者从海东工业园区管理委员会获悉,园区已落实“青洽会”意向签约项目7项,意向签约额160亿元。",
            "results",
            "past share: 0.50 (≥ 0.4); figures per 1,000 chars: 23.53 (≥ 4)",
        ),
        # pages/013: a genre name in the headline decides before its results words (硕果).
        (
            "古韵添新绿,高新结硕果!全国晚报社长总编增强“四力”苏州行活动见闻",
            "与会嘉宾们走进苏州高新区、姑苏区,深入基层一线。",
            "feature",
            "title: 见闻",
        ),
    ],
)
def test_headline_and_lede(title, lede, kind, evidence):
    assert article_type(title, f"{title}\n{lede}", None) == (kind, evidence)


def test_the_headline_the_text_prints_is_read_when_the_title_is_wrong():
    # pages2/038: the reader took an information-disclosure line for the title.
    text = "索引号 | 530400201329086 | 文     号 |\n高新区13个项目集中开工\n在项目现场,大型机械做好开工准备。\n"
    assert article_type("索引号 | 530400201329086 | 文     号 |", text, None) == ("meeting", "title: 开工")


# --- The rules file ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc():
    return yaml.safe_load(ARTICLE_TYPES_FILE.read_text("utf-8"))


def test_the_rules_file_parses_with_a_version():
    rules = load_article_type_rules()
    assert rules.version == "1" and {r.type for r in rules.rules} == set(TYPES) - {"other"} | {"other"}


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.pop("rules"), "rules"),
        (lambda d: d["rules"].append({"type": "news", "name": "x", "min": {"qa_lines": 1}}), "type"),
        (lambda d: d["rules"].append({"type": "other", "name": "x", "title": "nope"}), "unknown cue list"),
        (lambda d: d["rules"].append({"type": "other", "name": "x", "min": {"length": 3}}), "unknown measure"),
        (lambda d: d["rules"].append({"type": "other", "name": "x"}), "no condition"),
        (lambda d: d["cues"]["event_title"].append("召开("), "does not compile"),
        (lambda d: d.update(reporter="记者("), "does not compile"),
    ],
)
def test_malformed_rules_name_the_problem(doc, edit, message):
    broken = copy.deepcopy(doc)
    edit(broken)
    with pytest.raises(LexiconError, match=message):
        parse_article_type_rules(broken, "article_types.yml")


def test_a_missing_rules_file_says_how_to_restore_it(tmp_path):
    with pytest.raises(LexiconError, match="no such file"):
        load_article_type_rules(tmp_path / "article_types.yml")


def report() -> str:
    """Score the rules on the labels: shares right per set, the confusion table, the articles missed."""
    typed = labelled_articles()
    out = []
    for part, rows in typed.groupby("set", sort=False):
        right = rows["found"] == rows["article_type"]
        out.append(f"{part}: {right.sum()} of {len(rows)} right ({right.mean():.2f})")
        out.append(pd.crosstab(rows["article_type"], rows["found"]).to_string())
        missed = rows.loc[~right, ["collection", "file", "article_index", "article_type", "found", "evidence"]]
        out.append(missed.to_string(index=False))
    return "\n".join(out)


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    print(report())
    print(f"(labels: {LABELS})")
