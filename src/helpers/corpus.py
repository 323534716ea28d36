"""Load the corpus: raw files + manifest -> one row per article.

Each raw file is decoded (:mod:`helpers.textio`), its furniture removed
(:mod:`helpers.furniture`), split into articles (:mod:`helpers.layout`) and
each article dated (:mod:`helpers.dates`), titled and sourced. Curated
values in ``data/corpus.csv`` override what is detected.
"""

from __future__ import annotations

import csv
import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.dates import (
    DATE_FORMAT, Candidate, DatedBy, choose_date, dateline_date, find_dates, format_date, infer_year,
    is_calendar_date,
)
from helpers.errors import CorpusError, ManifestError, NoArticlesError
from helpers.furniture import classify_page
from helpers.layout import AUTHOR_IN_DATELINE, ArticleLines, Line, byline, dateline, join_fragments, split_articles
from helpers.pagerules import PageRules, load_page_rules
from helpers.textio import analysis_copy, read_text, simplified

MANIFEST_COLUMNS = ["file", "sha256", "title", "date", "source", "url", "notes", "split"]
SPLIT_MODES = ("auto", "none")
TITLE_SEPARATOR = " || "  # curated titles of a file that holds several articles, in page order
ARTICLE_COLUMNS = [
    "article_id", "file", "sha256", "article_index", "title", "date", "year", "source",
    "about_zone", "n_chars", "date_evidence",
    # Beyond the contract: provenance of each value, and the text itself.
    "kicker", "subtitle", "author", "about_zone_reason", "date_origin", "title_origin", "source_origin",
    "date_warning", "script", "encoding", "first_line", "last_line", "text", "text_norm", "text_original",
]


class CorpusWarning(UserWarning):
    """Something in the corpus is usable but needs a curator's look."""


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_manifest(manifest: Path = paths.MANIFEST) -> pd.DataFrame:
    """Read ``data/corpus.csv`` and check its shape.

    Parameters
    ----------
    manifest : Path
        The manifest CSV (columns ``file, sha256, title, date, source, url, notes``).

    Returns
    -------
    pandas.DataFrame
        One row per raw file, all columns as strings ("" when blank).

    Raises
    ------
    ManifestError
        If a column is missing, a file is listed twice or a curated date is malformed.
    """
    manifest = Path(manifest)
    if not manifest.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    with manifest.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0] if records else []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            raise ManifestError(
                f"{manifest}: line {number} has {len(record)} fields but the header has {len(header)}; "
                'put double quotes around values that contain commas, e.g. "a, b"'
            )
    # A row may stop early (file,sha256): the columns it leaves out are blank.
    rows = [r + [""] * (len(header) - len(r)) for r in records[1:] if any(v.strip() for v in r)]
    table = pd.DataFrame(rows, columns=header, dtype=str)
    missing = [c for c in ("file", "sha256") if c not in table.columns]
    if missing:
        raise ManifestError(f"{manifest}: missing column(s) {', '.join(missing)}; the header must be {','.join(MANIFEST_COLUMNS)}")
    for col in MANIFEST_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    dupes = table.loc[table["file"].duplicated(), "file"].tolist()
    if dupes:
        raise ManifestError(f"{manifest}: {', '.join(dupes)} listed more than once; keep one row per raw file")
    table = table.fillna("")
    for row in table.itertuples():
        parts = [int(p) for p in row.date.split("-")] if DATE_FORMAT.match(row.date) else []
        if row.date and (not parts or (len(parts) == 3 and not is_calendar_date(*parts))):
            raise ManifestError(
                f"{manifest}: date '{row.date}' for {row.file} is not a real date written YYYY, YYYY-MM or YYYY-MM-DD"
            )
        if row.split and row.split not in SPLIT_MODES:
            raise ManifestError(
                f"{manifest}: split '{row.split}' for {row.file} is not one of {', '.join(SPLIT_MODES)}; "
                "leave it blank (auto) or write none to keep the file as one article"
            )
    return table


def _display(path: Path) -> str:
    """Return a path relative to the project when it is inside it (shorter messages)."""
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def check_manifest(table: pd.DataFrame, raw_dir: Path, manifest_name: str = "data/corpus.csv") -> list[Path]:
    """Check the manifest against ``raw_dir`` and return the raw files to ingest.

    Raises
    ------
    ManifestError
        If a listed file is missing or its sha256 differs from the one recorded.
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise CorpusError(f"{raw_dir}: no such folder; put the raw articles in data/raw/")
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    present = {p.name for p in files}
    for row in table.itertuples():
        if row.file not in present:
            raise ManifestError(
                f"{manifest_name} lists {row.file}, which is not in {raw_dir}: restore the file, or delete its row"
            )
        actual = sha256_of(raw_dir / row.file)
        if row.sha256 and actual != row.sha256:
            raise ManifestError(
                f"{row.file}: sha256 is {actual}, but {manifest_name} records {row.sha256}. Raw files are immutable: "
                "restore the original bytes, or add the new version as a new file with its own row"
            )
    listed = set(table["file"])
    unlisted = [p for p in files if p.name not in listed]
    if len(unlisted) == 1:
        p = unlisted[0]
        warnings.warn(
            f"{p.name} has no row in {manifest_name}; read with detected metadata. A row is optional; to record its "
            f"sha256 (and a date, title or source where the detected ones are wrong), add the line: {p.name},{sha256_of(p)}",
            CorpusWarning, stacklevel=2,
        )
    elif unlisted:
        names = ", ".join(p.name for p in unlisted[:3]) + (f" and {len(unlisted) - 3} more" if len(unlisted) > 3 else "")
        warnings.warn(
            f"{len(unlisted)} raw files have no row in {manifest_name} ({names}); read with detected metadata. A row is "
            "optional; to record them, add a line FILE,SHA256 for each (sha256sum data/raw/FILE gives the hash)",
            CorpusWarning, stacklevel=2,
        )
    if not files:
        raise CorpusError(f"{raw_dir}: no raw files; add the articles as text files")
    return files


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
        header = next((ln for ln in page if ln.furniture in ("e-paper header", "masthead date") and "date" in ln.meta), None)
        named = [ln.meta["source"] for ln in page if ln.furniture in ("masthead title", "e-paper header") and ln.meta.get("source")]
        sites = [ln.meta["site"] for ln in page if "site" in ln.meta]
        return cls(header, [ln for ln in page if ln.furniture == "publication line"], named[0] if named else "",
                   sites[0] if sites else "")


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
        "source": _source(article, facts),
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


def _date(article: ArticleLines, facts: PageFacts, n_articles: int, title: str, body: list[str]) -> tuple[DatedBy, list[str]]:
    """Date an article by :data:`helpers.dates.PRECEDENCE`."""
    candidates = []
    for ln in article.publication:
        if "date" in ln.meta:
            candidates.append(Candidate("publication line", format_date(*ln.meta["date"]), f"'{ln.text}'"))
    if facts.header is not None:
        header = facts.header
        candidates.append(Candidate("page header", format_date(*header.meta["date"]), f"{header.furniture} '{header.text}'"))
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
            candidates.append(Candidate("dateline", dateline_date(month, day, known), f"{words}, year from {known[:4]}"))
        else:
            year, why = infer_year(title + "\n" + "\n".join(body))
            if year is not None and is_calendar_date(year, month, day):
                candidates.append(Candidate("dateline", format_date(year, month, day), f"{words}; year: {why}"))
            else:
                candidates.append(Candidate("dateline", "", f"dateline {words} gives {month}月{day}日 but no year ({why})"))
    stated = find_dates(title + "\n" + lede)
    year, why = infer_year(title + "\n" + lede)
    # A date older than the latest year the lede names is history (1990年4月18日 in a 2020 ranking).
    if stated and (year is None or stated[0].y >= year):
        candidates.append(Candidate("lede date", stated[0].iso, f"'{stated[0].text}' in the headline or lede"))
    if year is not None:
        candidates.append(Candidate("year in headline or lede", format_date(year), why))
    return choose_date(candidates)


def _source(article: ArticleLines, facts: PageFacts) -> str:
    own = [ln.meta["source"] for ln in article.publication if ln.meta.get("source")]
    page = [ln.meta["source"] for ln in facts.publication if ln.meta.get("source")]
    outlet = (own or page or [facts.outlet])[0]
    if outlet and facts.site and facts.site != outlet:
        return f"{outlet} (via {facts.site})"
    if outlet:
        return outlet
    if article.anchor is not None and article.anchor.text.startswith("本报"):
        return "本报 (the newspaper is not named in the text)"
    return ""


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

    An article is about the zone when it names the zone (高新区, in
    ``data/lexicon/page_layout.yml``) at least twice; a commentary that never
    names the zone is kept in the corpus but left out of the zone's statistics.

    Examples
    --------
    >>> about_zone("全面依法治国最广泛、最深厚的基础是人民")
    (False, 'names 高新区 0 times in 19 characters (needs 2)')
    """
    rules = rules or load_page_rules()
    n = sum(text.count(name) for name in rules.zone_names)
    verdict = n >= rules.zone_min_mentions
    names = "/".join(rules.zone_names)
    return verdict, f"names {names} {n} times in {len(text):,} characters" + (
        "" if verdict else f" (needs {rules.zone_min_mentions})"
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
    for path in check_manifest(table, raw_dir, manifest_name=_display(manifest)):
        rows += read_raw_file(path, curated.get(path.name, {}), rules)
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    # Oldest first; undated articles last, where a curator will look for them.
    order = frame.assign(undated=frame["date"].eq("")).sort_values(["undated", "date", "file", "article_index"], kind="stable")
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
            CorpusWarning, stacklevel=2,
        )
        return []
    sha = sha256_of(path)
    facts = PageFacts.of(page)
    titles = _curated_titles(path.name, cur.get("title", ""), len(articles))
    return [
        _row(path.name, sha, index, encoding, describe_article(article, facts, len(articles), rules), cur, titles[index])
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
            "to keep the file as one article", CorpusWarning, stacklevel=3,
        )
    if len(parts) > n_articles:
        warnings.warn(
            f"{file}: data/corpus.csv gives {len(parts)} titles but the file holds {n_articles} articles; "
            "the extra titles are ignored", CorpusWarning, stacklevel=3,
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
            f"put the right date in the date column of its row in data/corpus.csv", CorpusWarning, stacklevel=3,
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
            f"data/corpus.csv", CorpusWarning, stacklevel=3,
        )
    return {
        "article_id": f"{sha[:8]}-{index}", "file": file, "sha256": sha, "article_index": index,
        "title": title, "date": date, "year": int(date[:4]) if date else None, "source": source,
        "about_zone": zone, "n_chars": len(found["text"]), "date_evidence": evidence,
        "kicker": found["kicker"], "subtitle": found["subtitle"], "author": found["author"], "about_zone_reason": why,
        "date_origin": date_origin, "title_origin": title_origin, "source_origin": source_origin,
        "date_warning": found["date_warning"], "script": script,
        "encoding": encoding, "first_line": found["first_line"], "last_line": found["last_line"],
        "text": readable, "text_norm": norm, "text_original": found["text"],
    }


PUBLISHED_COLUMNS = ARTICLE_COLUMNS[:11] + [
    "kicker", "subtitle", "author", "about_zone_reason", "date_origin", "title_origin", "source_origin",
    "date_warning", "script", "encoding", "first_line", "last_line",
]


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
    grouped = dated.groupby(["year", "about_zone"], as_index=False).agg(articles=("article_id", "size"), characters=("n_chars", "sum"))
    return grouped.sort_values(["year", "about_zone"], ascending=[True, False]).reset_index(drop=True)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a published table as UTF-8 CSV with ``\\n`` line ends (same bytes everywhere)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path


def zone_years(articles: pd.DataFrame) -> list[int]:
    """Return the years with at least one article about the zone, oldest first."""
    return sorted(int(y) for y in articles.loc[articles["about_zone"], "year"].dropna().unique())


def articles_in_year(articles: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the year's articles about the zone.

    Raises
    ------
    NoArticlesError
        When the year has none; the message lists the years there are.
    """
    check_years(articles, [year])
    return articles[articles["about_zone"] & (articles["year"] == year)]


def check_years(articles: pd.DataFrame, years) -> None:
    """Check that every year asked for has articles about the zone.

    Raises
    ------
    NoArticlesError
        Naming the years without articles and listing the years there are.
    """
    available = zone_years(articles)
    missing = sorted(set(years) - set(available))
    if missing:
        raise NoArticlesError(
            f"no articles about the zone in {', '.join(map(str, missing))}; "
            f"years with articles: {', '.join(map(str, available)) or 'none'}. "
            "Choose one of these years, or add that year's articles to data/raw/ (see the README)"
        )


def comparison_year(articles: pd.DataFrame, year: int, compare_to: int = 0) -> int | None:
    """Return the year to compare with: ``compare_to`` if given, else the previous corpus year.

    Returns None when ``year`` is the first year and no comparison was asked for.

    Raises
    ------
    NoArticlesError
        When ``compare_to`` is given but has no articles about the zone.
    """
    if compare_to:
        articles_in_year(articles, compare_to)
        return compare_to
    earlier = [y for y in zone_years(articles) if y < year]
    return earlier[-1] if earlier else None
