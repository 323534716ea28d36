"""Write ``reports/index.html``: what each report is, links, and the corpus it covers."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from helpers.flags import flags
from helpers.hashing import fingerprint
from helpers.report.render import stylesheet

TABLE_DESCRIPTIONS = {
    "articles.csv": "One row per article: file, sha256, title, date (with evidence), source, whether it is about the zone.",
    "themes.csv": "Policy-theme hits per article: theme, hits, hits per 1,000 characters.",
    "indicators.csv": "Every quantitative fact: what it measures, value and unit as written and normalised, kind, period, sentence, offset.",
    "keywords.csv": "Distinctive words per year: counts and log-likelihood (G²) against the other years.",
    "formulas.csv": "Every mention of a numbered policy formula (数字提法), with its canonical name, sentence and offset.",
    "targets_vs_outcomes.csv": "Every target and plan, the later achievement matched with it, and its status (met, not met with the gap, partly, contradicted, superseded, no later report), with the evidence and a confidence for each match.",
    "entities.csv": "Every mention of a company, park, platform, institution or place, with its canonical name and sentence.",
}


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


def write_index(out_dir: Path, specs, corpus: pd.DataFrame, years=(), failed: dict | None = None) -> Path:
    """Write the index page linking every report and published table.

    Parameters
    ----------
    out_dir : Path
        The published folder (``reports/``).
    specs : sequence of ReportSpec
        The overview reports, in reading order.
    years : sequence of ReportSpec
        The year reviews, oldest first.
    corpus : pandas.DataFrame
        The articles table, for the coverage summary.
    failed : dict, optional
        Reports whose latest build failed: they are marked stale.

    Returns
    -------
    Path
        The index file written.
    """
    esc = html.escape
    failed = failed or {}
    out_dir = Path(out_dir)
    items = [_report_item(spec, out_dir, failed) for spec in specs]
    year_items = [_report_item(spec, out_dir, failed) for spec in years]
    tables = []
    for csv in sorted((out_dir / "data").glob("*.csv")):
        tables.append(
            f'<li><a href="data/{esc(csv.name)}">data/{esc(csv.name)}</a>: {esc(TABLE_DESCRIPTIONS.get(csv.name, ""))}</li>'
        )
    years = corpus.dropna(subset=["year"]).groupby("year").size()
    coverage = ", ".join(f"{int(y)} ({n})" for y, n in years.items())
    about = int(flags(corpus["about_zone"]).sum())
    stamp = fingerprint(dict(zip(corpus["file"], corpus["sha256"])))
    css = stylesheet()
    body = (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>济宁高新区 development narrative: reports</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        '<main style="max-width:56rem;margin:0 auto">\n'
        '<header class="masthead"><h1>济宁高新区: the development narrative in its press coverage</h1>'
        "<p>What the Jining National High-tech Industrial Development Zone said it would do, what it reported "
        "doing, and how its priorities moved year by year, read from its press coverage. Every figure and "
        "table traces to an article and a sentence; every table can be downloaded as CSV.</p></header>\n"
        f'<h2 id="corpus">Corpus</h2><p>{len(corpus)} articles from {corpus["file"].nunique()} source files; '
        f"{about} about the zone. Articles per year: {esc(coverage)}.</p>\n"
        f'<h2 id="reports">Reports</h2><ul>{"".join(items)}</ul>\n'
        f'<h2 id="years">Year in review</h2><ul>{"".join(year_items)}</ul>\n'
        f'<h2 id="data">Data tables</h2><ul>{"".join(tables)}</ul>\n'
        f'<section class="run-record"><p>Built from raw-corpus fingerprint <code>{stamp}</code> '
        "(sha256 over the raw files); each report ends with its own run record.</p></section>\n"
        "</main>\n</body>\n</html>\n"
    )
    target = out_dir / "index.html"
    if target.exists() and target.read_text(encoding="utf-8") == body:
        return target  # unchanged: nothing is written (a read-only reports/ with nothing to do is fine)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(".index.html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(target)
    return target
