"""Tests for helpers.report.index: the findings page, its links, escaping and bytes.

The tables are those of the seed corpus (the texts of data/raw), computed once;
tests that need corpus text with HTML in it change a copy of them.
"""

import copy
import csv
import html
import io
import re
from types import SimpleNamespace
from urllib.parse import unquote

import pandas as pd
import pytest
from corpora import SEED_MANIFEST, SEED_RAW

from helpers.analysis import findings, processed
from helpers.report import index
from helpers.report.article_pages import write_article_pages

SPECS = [
    SimpleNamespace(key="01_corpus", html="01_corpus.html", title="The corpus", summary="Articles & <sources>."),
    SimpleNamespace(key="02_themes", html="02_themes.html", title="Themes", summary="Theme hits."),
]
YEARS = [SimpleNamespace(key="year-2019", html="years/2019.html", title="2019 in review", summary="One year.")]


@pytest.fixture(scope="module")
def tables():
    return processed.compute(processed.Sources(SEED_RAW, SEED_MANIFEST))


def publish(out, tables, failed=None):
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "data" / "articles.csv").write_text("article_id\n", encoding="utf-8")
    (out / "01_corpus.html").write_text("<p>corpus</p>", encoding="utf-8")
    return index.write_index(out, SPECS, tables, years=YEARS, failed=failed or {})


def test_the_index_opens_with_findings_then_coverage_then_reports_and_tables(tmp_path, tables):
    page = publish(tmp_path, tables).read_text(encoding="utf-8")
    order = [page.index(f'<h2 id="{h}">') for h in ("findings", "corpus", "reports", "years", "data")]
    assert order == sorted(order)
    found = findings.from_tables(tables)
    assert 6 <= len(found) <= 10
    assert page.count('<li id="finding-') == len(found)
    for row in found.to_dict("records"):
        assert html.escape(row["zh"]) in page and html.escape(row["en"]) in page
    assert '<p class="zh" lang="zh-CN">' in page and '<p class="en" lang="en">' in page


def test_every_finding_links_its_sentences_and_the_links_land_on_article_pages(tmp_path, tables):
    write_article_pages(tmp_path, tables)
    page = publish(tmp_path, tables).read_text(encoding="utf-8")
    found = findings.from_tables(tables)
    for row in found.to_dict("records"):
        for item in row["evidence"]:
            href = f"articles/{item.article_id}.html" + (f"#{item.anchor}" if item.anchor else "")
            assert f'href="{html.escape(href)}"' in page, (row["id"], href)
    links = [html.unescape(h) for h in re.findall(r'href="(articles/[^"]+)"', page)]
    assert links
    for href in links:
        target, _, anchor = href.partition("#")
        article = (tmp_path / target).read_text(encoding="utf-8")
        if anchor:
            assert f'id="{html.escape(unquote(anchor))}"' in article, href


def test_the_coverage_shows_missing_years_types_sources_and_limits(tmp_path, tables):
    page = publish(tmp_path, tables).read_text(encoding="utf-8")
    assert '<td class="num">2020</td><td class="num missing">0</td>' in page
    assert "没有文章 · no articles in the corpus" in page
    assert "2018, 2019: one article each" in page
    assert "No figure has been audited" in page
    assert "2017 (2), 2018 (1), 2019 (1), 2021 (4)" in page
    assert "成绩报道、会议新闻、访谈" in page


def test_findings_are_published_as_csv(tmp_path, tables):
    publish(tmp_path, tables)
    text = (tmp_path / "data" / "findings.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == findings.CSV_COLUMNS
    assert [r["id"] for r in rows] == list(findings.from_tables(tables)["id"])
    assert "\r" not in text
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="data/findings.csv"' in page and index.TABLE_DESCRIPTIONS["findings.csv"] in page


def test_the_same_tables_give_the_same_bytes(tmp_path, tables):
    first = publish(tmp_path / "a", tables).read_bytes()
    second = publish(tmp_path / "b", copy.deepcopy(tables)).read_bytes()
    assert first == second
    assert (tmp_path / "a" / "data" / "findings.csv").read_bytes() == (
        tmp_path / "b" / "data" / "findings.csv"
    ).read_bytes()
    again = publish(tmp_path / "a", tables)
    assert again.read_bytes() == first


def test_corpus_text_with_html_stays_text(tmp_path, tables):
    odd = copy.copy(tables)
    ledger = tables.ledger.copy()
    first = ledger.index[ledger["kind"].eq("ranking")][0]
    ledger.loc[first, "sentence"] = ledger.loc[first, "sentence"] + '<script>alert("x")</script>&amp;'
    odd.ledger = ledger
    articles = tables.articles.copy()
    outside = ~articles["about_zone"].astype(bool)
    articles.loc[outside, "title"] = "<b>坚持人民立场</b>"
    articles["source"] = articles["source"].astype(str) + ' <img src="x">'
    odd.articles = articles
    page = publish(tmp_path, odd).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>坚持" not in page and '<img src="x">' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;" in page
    assert "&lt;b&gt;坚持人民立场&lt;/b&gt;" in page
    assert "Articles &amp; &lt;sources&gt;." in page


def test_a_finding_on_one_article_says_so_on_the_page(tmp_path, tables):
    one = copy.copy(tables)
    keep = tables.articles["date"].astype(str).eq("2019-12-03")
    one.articles = tables.articles[keep | ~tables.articles["about_zone"].astype(bool)].reset_index(drop=True)
    for name in ("ledger", "theme_counts", "formula_mentions", "entity_mentions"):
        frame = getattr(tables, name)
        setattr(one, name, frame[frame["article_id"].isin(one.articles["article_id"])].reset_index(drop=True))
    page = publish(tmp_path, one).read_text(encoding="utf-8")
    assert '<span class="one">依据1篇文章 · rests on 1 article</span>' in page
    assert "只依据一篇文章（2019-12-03的会议新闻）" in page
    assert "Rests on one article (the meeting news of 2019-12-03)." in page


def test_a_failed_report_is_marked_stale(tmp_path, tables):
    page = publish(tmp_path, tables, failed={"01_corpus": "cell failed", "02_themes": "cell failed"})
    text = page.read_text(encoding="utf-8")
    assert "stale: the latest build failed; this is the previous version" in text
    assert "not built: the latest build failed" in text


def test_the_articles_table_alone_gives_coverage_without_findings(tmp_path, tables):
    brief = tables.articles[list(processed.SUMMARY_COLUMNS)]
    page = publish(tmp_path, brief).read_text(encoding="utf-8")
    assert "No finding can be drawn" in page and '<li id="finding-' not in page
    assert '<td class="num">2020</td>' in page
    frame = pd.read_csv(tmp_path / "data" / "findings.csv")
    assert frame.empty


def test_every_published_table_has_a_description():
    assert set(index.TABLE_DESCRIPTIONS) >= {"articles.csv", "indicators.csv", "findings.csv"}


def test_evidence_not_tied_to_an_article_is_shown_without_a_link():
    item = findings.Evidence("", "", "全区共有33项目标", "33项")
    shown = index._evidence_item(item, {})
    assert "<a " not in shown and "33项" in shown


@pytest.mark.parametrize(
    "sources, expected",
    [
        # The seed corpus: the zone's paper, the national high-tech paper, and 本报 stories naming no paper.
        (
            ["济宁高新新闻"] * 3
            + ["中国高新技术产业导报 (via 高新科技网)"]
            + ["本报 (the newspaper is not named in the text)"] * 3,
            "Of the 7 articles about the zone, 3 from the zone's own paper, 济宁高新新闻; 1 from official press, "
            '中国高新技术产业导报 (via 高新科技网); 3 from a paper the text does not name (本报, "this paper"). '
            "None is independent reporting",
        ),
        # A source of no known kind is not called the zone's own or official press.
        (
            ["济宁高新新闻", "某某商业网"],
            "1 from not classified, 某某商业网. A source not classified may be independent",
        ),
    ],
)
def test_the_sources_caveat_names_the_kinds_present(sources, expected):
    articles = pd.DataFrame({"about_zone": True, "source": sources})
    said = index.sources_caveat(articles)
    assert expected in said
    assert "government site" not in said and "party newspaper" not in said


def test_the_seed_corpus_source_kinds(tables):
    kinds = index.source_kinds(tables.articles)
    assert dict(zip(kinds["kind"], kinds["articles"])) == {
        "the zone's own paper": 3,  # the commentary not about the zone is left out
        "official press": 1,
        'a paper the text does not name (本报, "this paper")': 3,
    }
