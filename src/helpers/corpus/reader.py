"""Load the corpus: raw files + manifest -> one row per article.

Each raw file is decoded (:mod:`helpers.corpus.textio`), its furniture
classified (:mod:`helpers.corpus.furniture`), split into articles
(:mod:`helpers.corpus.layout`) and each article dated
(:mod:`helpers.corpus.dates`), titled and sourced. Curated values in
``data/corpus.csv`` (:mod:`helpers.corpus.manifest`) override what is detected.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus.dates import (
    Candidate,
    DatedBy,
    choose_date,
    dateline_date,
    find_dates,
    format_date,
    infer_year,
    is_calendar_date,
)
from helpers.corpus.furniture import classify_page
from helpers.corpus.layout import (
    AUTHOR_IN_DATELINE,
    ArticleLines,
    Line,
    byline,
    dateline,
    join_fragments,
    split_articles,
)
from helpers.corpus.manifest import TITLE_SEPARATOR, _display, check_manifest, read_manifest
from helpers.corpus.pagerules import PageRules, load_page_rules
from helpers.corpus.textio import read_text
from helpers.errors import CorpusWarning
from helpers.hashing import file_sha256
from helpers.text import analysis_copy, simplified

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "sha256",
    "article_index",
    "title",
    "date",
    "year",
    "source",
    "about_zone",
    "n_chars",
    "date_evidence",
    # Beyond the contract: provenance of each value, and the text itself.
    "kicker",
    "subtitle",
    "author",
    "about_zone_reason",
    "date_origin",
    "title_origin",
    "source_origin",
    "date_warning",
    "script",
    "encoding",
    "first_line",
    "last_line",
    "text",
    "text_norm",
    "text_original",
]


def page_lines(text: str, rules: PageRules | None = None) -> list[Line]:
    """Return a page's non-blank lines with their furniture classified."""
    lines = [Line(n, t.strip()) for n, t in enumerate(text.split("\n")) if t.strip()]
    for ln, info in zip(lines, classify_page([ln.text for ln in lines], rules)):
        ln.furniture, ln.meta = info.furniture, info.meta
    return lines


@dataclass
class PageFacts:
    """What a page says about all its articles: its header date and outlets."""

    header: Line | None  # the e-paper header or masthead date
    publication: list[Line]  # publication lines anywhere on the page, in order
    outlet: str  # the paper named by its masthead
    site: str  # the site a repost was saved from (凡本网注明来源…)

    @classmethod
    def of(cls, page: list[Line]) -> PageFacts:
        """Collect the page-level facts once per page."""
        header = next(
            (ln for ln in page if ln.furniture in ("e-paper header", "masthead date") and "date" in ln.meta), None
        )
        named = [
            ln.meta["source"]
            for ln in page
            if ln.furniture in ("masthead title", "e-paper header") and ln.meta.get("source")
        ]
        sites = [ln.meta["site"] for ln in page if "site" in ln.meta]
        return cls(
            header,
            [ln for ln in page if ln.furniture == "publication line"],
            named[0] if named else "",
            sites[0] if sites else "",
        )


def describe_article(article: ArticleLines, facts: PageFacts, n_articles: int, rules: PageRules | None = None) -> dict:
    """Work out an article's title, kicker, subtitle, text, date, source and author."""
    rules = rules or load_page_rules()
    headline = [ln.text for ln in article.headline if not ln.text.startswith("编者按")]
    anchor = article.anchor
    opening = [anchor] if anchor is not None and anchor.furniture is None else []
    body = join_fragments(opening + [ln for ln in article.body if ln.furniture is None])
    paragraphs = [ln.text for ln in article.headline + article.subtitle] + body
    title = clean_title(headline[-1], rules) if headline else ""
    heading = "\n".join([title] + [ln.text for ln in article.subtitle])
    dated, disagreements = _date(article, facts, n_articles, heading, body)
    return {
        "title": title,
        "kicker": " / ".join(headline[:-1]),
        "subtitle": " / ".join(ln.text for ln in article.subtitle),
        "text": "\n".join(paragraphs),
        "dated": dated,
        "date_warning": "; ".join(disagreements),
        "source": _source(article, facts, rules),
        "author": _author(article, rules),
        "first_line": article.lines[0].number + 1,
        "last_line": article.lines[-1].number + 1,
    }


def clean_title(title: str, rules: PageRules | None = None) -> str:
    """Remove what sites add to a headline (keyword tags, section tags, 原标题:), per the page rules.

    Examples
    --------
    >>> clean_title("图片新闻|秀山:凝心聚力 为奋战四季度释放经济动能_张春晓_建设_中小企业")
    '图片新闻|秀山:凝心聚力 为奋战四季度释放经济动能'
    """
    rules = rules or load_page_rules()
    for pattern in rules.title_cleanup:
        title = pattern.sub("", title)
    return title.strip()


def _date(
    article: ArticleLines, facts: PageFacts, n_articles: int, title: str, body: list[str]
) -> tuple[DatedBy, list[str]]:
    """Date an article by :data:`helpers.corpus.dates.PRECEDENCE`."""
    candidates = []
    for ln in article.publication:
        if "date" in ln.meta:
            candidates.append(Candidate("publication line", format_date(*ln.meta["date"]), f"'{ln.text}'"))
    if facts.header is not None:
        header = facts.header
        candidates.append(
            Candidate("page header", format_date(*header.meta["date"]), f"{header.furniture} '{header.text}'")
        )
    if n_articles == 1:
        for ln in facts.publication:
            if "date" in ln.meta:
                candidates.append(Candidate("page publication line", format_date(*ln.meta["date"]), f"'{ln.text}'"))
                break
    lede = next((p for p in body if not byline(p)), "")
    known = next((c.date for c in candidates), "")
    opening = dateline(article.anchor.text) if article.anchor is not None else None
    parts = opening.groupdict() if opening else {}
    if parts.get("m") and parts.get("d"):
        month, day = int(opening["m"]), int(opening["d"])
        words = f"'{opening.group(0)}'"
        if known:
            candidates.append(
                Candidate("dateline", dateline_date(month, day, known), f"{words}, year from {known[:4]}")
            )
        else:
            year, why = infer_year(title + "\n" + "\n".join(body))
            if year is not None and is_calendar_date(year, month, day):
                candidates.append(Candidate("dateline", format_date(year, month, day), f"{words}; year: {why}"))
            else:
                candidates.append(
                    Candidate("dateline", "", f"dateline {words} gives {month}月{day}日 but no year ({why})")
                )
    stated = find_dates(title + "\n" + lede)
    year, why = infer_year(title + "\n" + lede)
    # A date older than the latest year the lede names is history (1990年4月18日 in a 2020 ranking).
    if stated and (year is None or stated[0].y >= year):
        candidates.append(Candidate("lede date", stated[0].iso, f"'{stated[0].text}' in the headline or lede"))
    if year is not None:
        candidates.append(Candidate("year in headline or lede", format_date(year), why))
    return choose_date(candidates)


def _source(article: ArticleLines, facts: PageFacts, rules: PageRules) -> str:
    own = [ln.meta["source"] for ln in article.publication if ln.meta.get("source")]
    page = [ln.meta["source"] for ln in facts.publication if ln.meta.get("source")]
    outlet = (own or page or [facts.outlet or _agency(article, rules)])[0]
    if outlet and facts.site and facts.site != outlet:
        return f"{outlet} (via {facts.site})"
    if outlet:
        return outlet
    if article.anchor is not None and article.anchor.text.startswith("本报"):
        return "本报 (the newspaper is not named in the text)"
    return ""


def _agency(article: ArticleLines, rules: PageRules) -> str:
    """Return the outlet the story's own lines name, or "".

    An agency opening its dateline (新华社北京3月5日电, (Xinhua)), a bracketed
    byline (【聯合晚報╱記者…】), or 首发于《南方周末》 at its foot.
    """
    lines = ([article.anchor] if article.anchor is not None else []) + article.body[:1]
    opening = lines[0].text[:80] if lines else ""
    agency = next((a for a in rules.agencies if opening.startswith(a) or f"({a})" in opening), "")
    ends = [opening] + ([article.body[-1].text] if article.body else [])
    named = (m["outlet"] for text in ends for p in rules.outlet_in_text if (m := p.search(text)))
    return agency or next(named, "")


def _author(article: ArticleLines, rules: PageRules) -> str:
    for ln in ([article.anchor] if article.anchor is not None else []) + article.publication:
        m = AUTHOR_IN_DATELINE.match(ln.text) or byline(ln.text, rules)
        if m:
            return re.sub(r"\s+", " ", m["names"]).strip()
        if ln.meta.get("author"):
            return ln.meta["author"]
    return ""


def about_zone(text: str, rules: PageRules | None = None) -> tuple[bool, str]:
    """Decide whether an article is about the zone, and say why.

    An article is about the zone when it names a high-tech zone (高新区,
    高新技术产业开发区) at least twice and names the city (济宁) at least once
    (``zone`` in ``data/lexicon/page_layout.yml``): 高新区 alone may be any of
    China's high-tech zones. Other articles are kept in the corpus but left
    out of the zone's statistics.

    Examples
    --------
    >>> about_zone("全面依法治国最广泛、最深厚的基础是人民")
    (False, 'names 高新区/高新技术产业开发区 0 times and 济宁 0 times in 19 characters (needs 2 and 1)')
    """
    rules = rules or load_page_rules()
    n = sum(text.count(name) for name in rules.zone_names)
    city = text.count(rules.zone_city)
    verdict = n >= rules.zone_min_mentions and city >= 1
    names = "/".join(rules.zone_names)
    return verdict, f"names {names} {n} times and {rules.zone_city} {city} times in {len(text):,} characters" + (
        "" if verdict else f" (needs {rules.zone_min_mentions} and 1)"
    )


def load_corpus(raw_dir: Path = paths.RAW, manifest: Path = paths.MANIFEST) -> pd.DataFrame:
    """Load every raw file into a table with one row per article.

    Parameters
    ----------
    raw_dir : Path
        Folder of raw files (``data/raw``); never written to.
    manifest : Path
        The curated manifest ``data/corpus.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ARTICLE_COLUMNS`, sorted by date (undated last), file and
        article index. ``text_original`` is the article with furniture
        removed, every character as written; ``text`` is what analysis reads,
        the same text converted to simplified characters for a page in
        traditional script (same length, so offsets in other tables are
        valid in both); ``text_norm`` is ``text`` width-normalised.

    Raises
    ------
    CorpusError
        For a file that cannot be decoded, is empty or binary, and for a
        manifest row whose file is missing or changed.
    """
    table = read_manifest(manifest)
    curated = table.set_index("file").to_dict("index")
    rules = load_page_rules()
    rows = []
    seen: dict[str, str] = {}
    for path in check_manifest(table, raw_dir, manifest_name=_display(manifest)):
        sha = file_sha256(path)
        if sha in seen:  # the same page saved twice would count every figure twice
            warnings.warn(
                f"{path.name} is byte-identical to {seen[sha]}; it is skipped. Delete one of the two from data/raw/",
                CorpusWarning,
                stacklevel=2,
            )
            continue
        seen[sha] = path.name
        rows += read_raw_file(path, curated.get(path.name, {}), rules)
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    # Oldest first; undated articles last, where a curator will look for them.
    order = frame.assign(undated=frame["date"].eq("")).sort_values(
        ["undated", "date", "file", "article_index"], kind="stable"
    )
    return order.drop(columns="undated").reset_index(drop=True)


def read_raw_file(path: Path, curated: dict | None = None, rules: PageRules | None = None) -> list[dict]:
    """Read one raw file into article rows (see :func:`load_corpus`).

    Parameters
    ----------
    path : Path
        The raw file.
    curated : dict, optional
        Its manifest row (``title``, ``date``, ``source``, ``split``…).
    rules : PageRules, optional
        The page rules.

    Returns
    -------
    list of dict
        One row per article, in page order; empty (with a warning) for a
        page of furniture only.
    """
    cur, rules = curated or {}, rules or load_page_rules()
    text, encoding = read_text(path)
    page = page_lines(text, rules)
    articles = split_articles(page, mode=cur.get("split") or "auto", rules=rules)
    if not articles:
        warnings.warn(
            f"{path.name}: no article text left after removing page furniture (menus, links, notices); "
            "the file is skipped. Check that it is the saved article, not a site's front or list page",
            CorpusWarning,
            stacklevel=2,
        )
        return []
    sha = file_sha256(path)
    facts = PageFacts.of(page)
    titles = _curated_titles(path.name, cur.get("title", ""), len(articles))
    return [
        _row(
            path.name, sha, index, encoding, describe_article(article, facts, len(articles), rules), cur, titles[index]
        )
        for index, article in enumerate(articles)
    ]


def _curated_titles(file: str, curated: str, n_articles: int) -> list[str]:
    """Spread a curated title over a file's articles: ``A || B`` names them in page order."""
    if not curated:
        return [""] * n_articles
    parts = [t.strip() for t in curated.split(TITLE_SEPARATOR.strip())]
    if len(parts) == 1 and n_articles > 1:
        warnings.warn(
            f"{file}: data/corpus.csv gives one title but the file holds {n_articles} articles; it is used for the "
            f"first. Give one title per article separated by '{TITLE_SEPARATOR.strip()}', or set split to none "
            "to keep the file as one article",
            CorpusWarning,
            stacklevel=3,
        )
    if len(parts) > n_articles:
        warnings.warn(
            f"{file}: data/corpus.csv gives {len(parts)} titles but the file holds {n_articles} articles; "
            "the extra titles are ignored",
            CorpusWarning,
            stacklevel=3,
        )
    return (parts + [""] * n_articles)[:n_articles]


def _row(file: str, sha: str, index: int, encoding: str, found: dict, cur: dict, curated_title: str) -> dict:
    dated = found["dated"]
    date, date_origin, evidence = dated.date, "detected", dated.evidence
    if cur.get("date"):
        date, date_origin = cur["date"], "curated"
        evidence = f"curated in data/corpus.csv ({cur.get('notes') or 'no note'}); detected: {dated.date or 'none'} from {dated.evidence}"
    elif found["date_warning"]:
        warnings.warn(
            f"{file} article {index}: {found['date_warning']}; the {dated.evidence.split(':')[0]} is used. If it is wrong, "
            f"put the right date in the date column of its row in data/corpus.csv",
            CorpusWarning,
            stacklevel=3,
        )
    title, title_origin = (curated_title, "curated") if curated_title else (found["title"], "detected")
    if not title:
        title_origin = "none: the page shows no headline"
    source, source_origin = found["source"], "detected"
    if cur.get("source"):
        source, source_origin = cur["source"], "curated"
    norm, script = analysis_copy(found["text"])
    readable = simplified(found["text"]) if script == "traditional" else found["text"]
    zone, why = about_zone(norm)
    if not date:
        warnings.warn(
            f"{file} article {index}: no date found ({evidence}). It is listed as undated and left out of the "
            f"per-year statistics; add its date (YYYY, YYYY-MM or YYYY-MM-DD) in the date column of its row in "
            f"data/corpus.csv",
            CorpusWarning,
            stacklevel=3,
        )
    return {
        "article_id": f"{sha[:8]}-{index}",
        "file": file,
        "sha256": sha,
        "article_index": index,
        "title": title,
        "date": date,
        "year": int(date[:4]) if date else None,
        "source": source,
        "about_zone": zone,
        "n_chars": len(found["text"]),
        "date_evidence": evidence,
        "kicker": found["kicker"],
        "subtitle": found["subtitle"],
        "author": found["author"],
        "about_zone_reason": why,
        "date_origin": date_origin,
        "title_origin": title_origin,
        "source_origin": source_origin,
        "date_warning": found["date_warning"],
        "script": script,
        "encoding": encoding,
        "first_line": found["first_line"],
        "last_line": found["last_line"],
        "text": readable,
        "text_norm": norm,
        "text_original": found["text"],
    }


# Everything but the texts themselves (articles.csv is a table of metadata).
PUBLISHED_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("text", "text_norm", "text_original")]


def published_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the articles table as published in ``reports/data/articles.csv`` (no text)."""
    return articles[PUBLISHED_COLUMNS].copy()


def date_precision(date: str) -> str:
    """Return how precise a date is: ``day``, ``month``, ``year`` or ``none``."""
    return {10: "day", 7: "month", 4: "year"}.get(len(date or ""), "none")


def length_by_year(articles: pd.DataFrame) -> pd.DataFrame:
    """Count articles and characters per year, split by whether they are about the zone.

    Returns
    -------
    pandas.DataFrame
        Columns ``year, about_zone, articles, characters``; undated articles are left out.
    """
    dated = articles.dropna(subset=["year"])
    grouped = dated.groupby(["year", "about_zone"], as_index=False).agg(
        articles=("article_id", "size"), characters=("n_chars", "sum")
    )
    return grouped.sort_values(["year", "about_zone"], ascending=[True, False]).reset_index(drop=True)
