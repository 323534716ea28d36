"""Write ``reports/index.html``: the key findings, what the corpus covers, then the reports and the data.

The findings and the coverage are computed from the shared tables
(:mod:`helpers.analysis.findings`); each finding links to the sentences it
rests on (``articles/<article_id>.html#<indicator_id>``, the article pages of
:mod:`helpers.report.article_pages`). The findings are also published as
``reports/data/findings.csv``. Every text from the corpus is escaped; the
same tables give the same bytes.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from helpers import atomic
from helpers.analysis import article_types as article_types_module
from helpers.analysis import findings as findings_module
from helpers.flags import flags
from helpers.hashing import fingerprint
from helpers.report.article_pages import article_link
from helpers.report.csvfile import write_csv
from helpers.report.render import stylesheet

FINDINGS_CSV = "findings.csv"
TABLE_DESCRIPTIONS = {
    "articles.csv": "One row per article: file, sha256, title, date (with evidence), source, whether it is about the zone.",
    "themes.csv": "Policy-theme hits per article: theme, hits, hits per 1,000 characters.",
    "indicators.csv": "Every quantitative fact: what it measures, value and unit as written and normalised, kind, period, sentence, offset.",
    "keywords.csv": "Distinctive words per year: counts and log-likelihood (G²) against the other years.",
    "formulas.csv": "Every mention of a numbered policy formula (数字提法), with its canonical name, sentence and offset.",
    "targets_vs_outcomes.csv": "Every target and plan, the later achievement matched with it, and its status (met, not met with the gap, partly, contradicted, superseded, no later report), with the evidence and a confidence for each match.",
    "entities.csv": "Every mention of a company, park, platform, institution or place, with its canonical name and sentence.",
    FINDINGS_CSV: "The key findings of this page: each in Chinese and English, its figures, the first sentence it rests on (article_id, indicator_id, sentence), how many articles it rests on, its caveats, the rule that made it, and links (article_id#anchor) to every sentence behind it.",
}
INDEX_CSS = """
nav.index-toc { font-size: .9rem; margin: 0 0 1rem; }
nav.index-toc a { margin-right: 1rem; }
ul.limits li { margin-bottom: .4rem; }
.en-line { color: #2e3545; }
table.coverage td.missing { color: #9a5b00; }
"""


def _esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and value != value) else str(value))


def _report_item(spec, out_dir: Path, failed: dict) -> str:
    esc = html.escape
    exists = (out_dir / spec.html).exists()
    status = ""
    if spec.key in failed:
        status = (
            ' <span class="warning">stale: the latest build failed; this is the previous version</span>'
            if exists
            else ' <span class="warning">not built: the latest build failed</span>'
        )
    link = f'<a href="{esc(spec.html)}">{esc(spec.title)}</a>' if exists else esc(spec.title)
    return f"<li><strong>{link}</strong>{status}<br>{esc(spec.summary)}</li>"


# --- findings ------------------------------------------------------------------------------------------------------


def _marked(sentence: str, label: str) -> str:
    """Escape a sentence, highlighting the first place its figure is written."""
    text = html.escape(sentence)
    if label:
        shown = html.escape(label)
        at = text.find(shown)
        if at >= 0:
            return f"{text[:at]}<mark>{shown}</mark>{text[at + len(shown) :]}"
    return text


def _evidence_href(item: findings_module.Evidence) -> str:
    return article_link(item.article_id, item.anchor or None)


def _evidence_item(item: findings_module.Evidence, dates: dict[str, str]) -> str:
    when = dates.get(item.article_id, "") or "undated"
    label = f"{when} · {item.label}" if item.label else f"{when} · {item.article_id}"
    sentence = f" {_marked(item.sentence, item.label)}" if item.sentence else ""
    if not item.article_id:  # evidence not tied to one article (a count over the corpus): shown, not linked
        return f"<li>{_esc(label)}{sentence}</li>"
    return f'<li><a href="{_esc(_evidence_href(item))}">{_esc(label)}</a>{sentence}</li>'


_ARTICLE_ID = re.compile(r"(?<![0-9a-f])([0-9a-f]{8}-\d+)(?![\d:])")


def linked_text(text: str) -> str:
    """Escape a sentence of a report, linking every article id in it (``0f694cbe-2``) to the article's page."""
    return _ARTICLE_ID.sub(lambda m: f'<a href="{_esc(article_link(m[1]))}">{m[1]}</a>', html.escape(text))


def findings_html(found: pd.DataFrame, articles: pd.DataFrame) -> str:
    """Render the findings as an ordered list: Chinese, English, what each rests on, and its sentences linked."""
    if found.empty:
        return '<p class="note">No finding can be drawn from the tables as they stand (see what the corpus covers).</p>'
    dates = dict(zip(articles["article_id"].map(str), articles["date"].map(lambda d: "" if pd.isna(d) else str(d))))
    items = []
    for row in found.to_dict("records"):
        evidence = list(row["evidence"])
        first = next((e for e in evidence if e.sentence), None)
        n = int(row["rests_on"])
        one = ' class="one"' if n == 1 else ""
        rests = f"<span{one}>依据{n}篇文章 · rests on {n} article{'s' if n != 1 else ''}</span>"
        caveats = " ".join(x for x in (_esc(row["caveat_zh"]), _esc(row["caveat"])) if x)
        quote = ""
        if first is not None:
            quote = (
                f'<blockquote lang="zh-CN">{_marked(first.sentence, first.label)} '
                f'<a href="{_esc(_evidence_href(first))}">原句 · the sentence ›</a></blockquote>'
            )
        more = ""
        if len(evidence) > 1:
            listed = "".join(_evidence_item(e, dates) for e in evidence)
            more = (
                f"<details><summary>全部依据 · every sentence it rests on ({len(evidence)})</summary>"
                f"<ul>{listed}</ul></details>"
            )
        items.append(
            f'<li id="finding-{_esc(row["id"])}">'
            f'<p class="zh" lang="zh-CN">{_esc(row["zh"])}</p>'
            f'<p class="en" lang="en">{_esc(row["en"])}</p>'
            f"{quote}"
            f'<p class="rests">{rests}{" · " + caveats if caveats else ""}</p>'
            f"{more}</li>"
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


# --- coverage ------------------------------------------------------------------------------------------------------


def coverage_html(cover: findings_module.Coverage) -> str:
    """Render what the corpus covers: a row per year (missing years included), sources, and what it cannot support."""
    rows = []
    by_year = {int(r["year"]): r for r in cover.years.to_dict("records")}
    years = sorted(set(by_year) | set(cover.missing_years))
    for year in years:
        if year in by_year:
            r = by_year[year]
            rows.append(
                f'<tr><td class="num">{year}</td><td class="num">{int(r["articles"])}</td>'
                f'<td><span lang="zh-CN">{_esc(r["types_zh"])}</span><br><span class="en-line">{_esc(r["types_en"])}</span></td>'
                f'<td lang="zh-CN">{_esc(r["sources"])}</td></tr>'
            )
        else:
            rows.append(
                f'<tr><td class="num">{year}</td><td class="num missing">0</td>'
                '<td class="missing" colspan="2">没有文章 · no articles in the corpus</td></tr>'
            )
    table = (
        '<div class="table-wrap"><table class="data coverage"><thead><tr><th class="num">年份 Year</th>'
        '<th class="num">篇数 Articles</th><th>类型 Types</th><th>来源 Sources</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    sources = "；".join(f"{_esc(zh)} {n}篇" for zh, _, n in cover.sources)
    sources_en = "; ".join(f"{_esc(en)}: {n}" for _, en, n in cover.sources)
    span = f"{years[0]}–{years[-1]}" if years else "none"
    missing = ", ".join(map(str, cover.missing_years)) or "none"
    limits = "".join(
        f'<li><span lang="zh-CN">{_esc(zh)}</span><br><span class="en-line" lang="en">{_esc(en)}</span></li>'
        for zh, en in cover.limits
    )
    return (
        f"<p>{cover.n_articles} articles from {cover.n_files} source files; {cover.n_zone} about the zone, "
        f"in {span} (missing years between the first and the last: {_esc(missing)}).</p>"
        f"{table}"
        f'<p><span lang="zh-CN">来源（关于园区的文章）：{sources}</span><br>'
        f'<span class="en-line">Sources of the articles about the zone: {sources_en}.</span></p>'
        f'<h3 id="limits">不能支持的结论 · What the corpus cannot support</h3><ul class="limits">{limits}</ul>'
    )


# --- the page ------------------------------------------------------------------------------------------------------


def source_kinds(articles: pd.DataFrame, rules: dict | None = None) -> pd.DataFrame:
    """Say which kinds of source the articles about the zone come from, with the outlets of each.

    The kinds and their words are ``sources`` of ``data/lexicon/findings.yml``
    (the zone's own paper, official press, a paper the text does not name);
    a source in none of them is ``not classified``.

    Returns
    -------
    pandas.DataFrame
        kind, kind_zh, outlets (the sources as the articles name them, ``; ``
        between), articles: one row per kind present, in the lexicon's order.
    """
    spec = (rules if rules is not None else findings_module.load_rules())["sources"]
    zone = articles[articles["about_zone"].astype(bool)] if "about_zone" in articles else articles
    sources = zone["source"].fillna("").astype(str)
    kinds = sources.map(lambda s: next((k for k, v in spec.items() if any(w in s for w in v.get("words", []))), ""))
    rows = []
    for key in [*spec, ""]:
        chosen = sources[kinds == key]
        if len(chosen):
            item = spec.get(key, {"en": "not classified", "zh": "未分类"})
            outlets = "; ".join(dict.fromkeys(s or "(no outlet named)" for s in chosen))
            rows.append((item["en"], item["zh"], outlets, len(chosen)))
    return pd.DataFrame(rows, columns=["kind", "kind_zh", "outlets", "articles"])


def sources_caveat(articles: pd.DataFrame, rules: dict | None = None) -> str:
    """Say, from the sources present, where the articles about the zone come from and what that means."""
    kinds = source_kinds(articles, rules)
    if kinds.empty:
        return "No article about the zone names a source."
    total = int(kinds["articles"].sum())
    parts = [
        f"{k.articles} from {k.kind}" + ("" if "not named" in k.outlets else f", {k.outlets}")
        for k in kinds.itertuples(index=False)
    ]
    head = f"Of the {total} article{'s' if total != 1 else ''} about the zone, {'; '.join(parts)}."
    if (kinds["kind"] == "not classified").any():
        return head + " A source not classified may be independent: read its articles with that in mind."
    return (
        head + " None is independent reporting: each is the zone's own or official press, so the reports show "
        "what the zone and its press said about the zone, not an audit of it."
    )


def _write_text(target: Path, text: str) -> Path:
    """Write ``text`` atomically, and not at all when the file already holds it (a read-only reports/ with nothing to do is fine)."""
    return atomic.write_if_changed(target, text.encode("utf-8"))


def write_index(
    out_dir: Path,
    specs,
    tables,
    years=(),
    failed: dict | None = None,
    rules: dict | None = None,
) -> Path:
    """Write the index page (findings, coverage, reports, tables) and ``data/findings.csv``.

    Parameters
    ----------
    out_dir : Path
        The published folder (``reports/``).
    specs : sequence of ReportSpec
        The overview reports, in reading order.
    tables : helpers.analysis.processed.Tables
        The shared tables (``articles``, ``ledger``, ``theme_counts``, ``formula_mentions``). An articles
        table alone is accepted too (the build's summary): the page then has the coverage but no findings.
    years : sequence of ReportSpec
        The year reviews, oldest first.
    failed : dict, optional
        Reports whose latest build failed: they are marked stale.
    rules : dict, optional
        ``data/lexicon/findings.yml`` (:func:`helpers.analysis.findings.load_rules`).

    Returns
    -------
    Path
        The index file written.
    """
    esc = html.escape
    failed = failed or {}
    out_dir = Path(out_dir)
    rules = rules if rules is not None else findings_module.load_rules()
    corpus = tables if isinstance(tables, pd.DataFrame) else tables.articles
    types = (
        article_types_module.article_type_table(corpus)
        if len(corpus) and {"title", "text"} <= set(corpus.columns)
        else None
    )
    if isinstance(tables, pd.DataFrame):  # the articles alone (as a build's summary gives them): no finding to draw
        found = pd.DataFrame(columns=findings_module.COLUMNS)
    else:
        found = findings_module.from_tables(tables, types=types, rules=rules)
    cover = findings_module.coverage(corpus, types=types, rules=rules)
    write_csv(found[findings_module.CSV_COLUMNS], out_dir / "data" / FINDINGS_CSV)
    items = [_report_item(spec, out_dir, failed) for spec in specs]
    year_items = [_report_item(spec, out_dir, failed) for spec in years]
    listed = []
    for csv in sorted((out_dir / "data").glob("*.csv")):
        listed.append(
            f'<li><a href="data/{esc(csv.name)}">data/{esc(csv.name)}</a>: {esc(TABLE_DESCRIPTIONS.get(csv.name, ""))}</li>'
        )
    per_year = corpus.dropna(subset=["year"]).groupby("year").size()
    coverage_line = ", ".join(f"{int(y)} ({n})" for y, n in per_year.items())
    about = int(flags(corpus["about_zone"]).sum())
    stamp = fingerprint(dict(zip(corpus["file"], corpus["sha256"])))
    css = stylesheet() + INDEX_CSS
    body = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>济宁高新区 development narrative: findings and reports</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        '<main style="max-width:60rem;margin:0 auto">\n'
        '<header class="masthead"><h1>济宁高新区: the development narrative in its press coverage</h1>'
        "<p>What the Jining National High-tech Industrial Development Zone said it would do, what it reported "
        "doing, and how its priorities moved year by year, read from its press coverage. Every figure and "
        "table traces to an article and a sentence; every table can be downloaded as CSV.</p></header>\n"
        '<nav class="index-toc" aria-label="contents"><a href="#findings">主要发现 Key findings</a>'
        '<a href="#corpus">语料范围 What the corpus covers</a><a href="#reports">Reports</a>'
        '<a href="#years">Year in review</a><a href="#data">Data tables</a></nav>\n'
        '<h2 id="findings">主要发现 · Key findings</h2>'
        '<p class="note">Generated from the tables by fixed rules (each report closes with how it counts): no figure '
        "below is written by hand. Each finding links to the sentences it rests on and says how many articles that is. "
        "以下发现均由数据表按规则生成，并链接到所依据的原句。</p>\n"
        f"{findings_html(found, corpus)}\n"
        f'<h2 id="corpus">语料范围 · What the corpus covers</h2>{coverage_html(cover)}'
        f"<p>Every article per year, about the zone or not: {esc(coverage_line)}; {about} of {len(corpus)} "
        "about the zone.</p>\n"
        f'<h2 id="reports">Reports</h2><ul>{"".join(items)}</ul>\n'
        f'<h2 id="years">Year in review</h2><ul>{"".join(year_items)}</ul>\n'
        f'<h2 id="data">Data tables</h2><ul>{"".join(listed)}</ul>\n'
        f'<section class="run-record"><p>Built from raw-corpus fingerprint <code>{stamp}</code> '
        "(sha256 over the raw files); each report ends with its own run record.</p></section>\n"
        "</main>\n</body>\n</html>\n"
    )
    return _write_text(out_dir / "index.html", body)
