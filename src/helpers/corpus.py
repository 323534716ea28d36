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
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.dates import DATE_FORMAT, DatedBy, date_from_dateline, date_from_lede, format_date
from helpers.errors import CorpusError, ManifestError, NoArticlesError
from helpers.furniture import classify_line
from helpers.layout import AUTHOR_IN_DATELINE, BYLINE, DATELINE, ArticleLines, Line, join_fragments, split_articles
from helpers.textio import normalise_width, read_text

MANIFEST_COLUMNS = ["file", "sha256", "title", "date", "source", "url", "notes"]
ARTICLE_COLUMNS = [
    "article_id", "file", "sha256", "article_index", "title", "date", "year", "source",
    "about_zone", "n_chars", "date_evidence",
    # Beyond the contract: provenance of each value, and the text itself.
    "kicker", "author", "about_zone_reason", "date_origin", "title_origin", "source_origin",
    "encoding", "first_line", "last_line", "text", "text_norm",
]
ZONE_NAMES = ("高新区",)  # 济宁高新区 contains it; so do 全省国家高新区 mentions, which is fine
ZONE_MIN_MENTIONS = 2


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
        if record and len(record) != len(header):
            raise ManifestError(
                f"{manifest}: line {number} has {len(record)} fields but the header has {len(header)}; "
                'put double quotes around values that contain commas, e.g. "a, b"'
            )
    table = pd.DataFrame([r for r in records[1:] if r], columns=header, dtype=str)
    missing = [c for c in ("file", "sha256") if c not in table.columns]
    if missing:
        raise ManifestError(f"{manifest}: missing column(s) {', '.join(missing)}; the header must be {','.join(MANIFEST_COLUMNS)}")
    for col in MANIFEST_COLUMNS:
        if col not in table.columns:
            table[col] = ""
    dupes = table.loc[table["file"].duplicated(), "file"].tolist()
    if dupes:
        raise ManifestError(f"{manifest}: {', '.join(dupes)} listed more than once; keep one row per raw file")
    for row in table.itertuples():
        if row.date and not DATE_FORMAT.match(row.date):
            raise ManifestError(f"{manifest}: date '{row.date}' for {row.file} is not YYYY, YYYY-MM or YYYY-MM-DD")
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
    for p in files:
        if p.name not in listed:
            warnings.warn(
                f"{p.name} has no row in {manifest_name}; ingested with detected metadata. "
                f"Add a row: {p.name},{sha256_of(p)},,,,,", CorpusWarning, stacklevel=2,
            )
    if not files:
        raise CorpusError(f"{raw_dir}: no raw files; add the articles as text files")
    return files


def page_lines(text: str) -> list[Line]:
    """Return a page's non-blank lines with their furniture classified."""
    lines = [Line(n, t.strip()) for n, t in enumerate(text.split("\n")) if t.strip()]
    previous = None
    for k, ln in enumerate(lines):
        info = classify_line(ln.text)
        ln.furniture, ln.meta = info.furniture, info.meta
        if ln.furniture is None and ln.text == previous:
            ln.furniture = "repeated line"
        # The line above a masthead date is the paper's name (济宁高新新闻).
        if ln.furniture == "masthead date" and k and lines[k - 1].furniture is None and len(lines[k - 1].text) <= 12:
            lines[k - 1].furniture = "masthead title"
            lines[k - 1].meta = {"source": lines[k - 1].text}
        previous = ln.text
    return lines


def describe_article(article: ArticleLines, page: list[Line]) -> dict:
    """Work out an article's title, kicker, text, date, source and author."""
    headline = [ln.text for ln in article.headline if not ln.text.startswith("编者按")]
    anchor = article.anchor
    body = [ln for ln in ([anchor] if anchor is not None else []) + article.body if ln.furniture is None]
    paragraphs = [ln.text for ln in article.headline] + join_fragments(body)
    text = "\n".join(paragraphs)
    title = headline[-1] if headline else (paragraphs[0] if paragraphs else "")
    return {
        "title": title,
        "kicker": " / ".join(headline[:-1]),
        "text": text,
        "dated": _date(article, page, title, join_fragments(body)),
        "source": _source(article, page),
        "author": _author(anchor),
        "first_line": article.lines[0].number + 1,
        "last_line": article.lines[-1].number + 1,
    }


def _date(article: ArticleLines, page: list[Line], title: str, body: list[str]) -> DatedBy:
    anchor = article.anchor
    if anchor is not None and "date" in anchor.meta:
        return DatedBy(format_date(*anchor.meta["date"]), f"publication line: '{anchor.meta['evidence']}'")
    masthead = [ln for ln in page if ln.furniture == "masthead date"]
    if masthead:
        return DatedBy(format_date(*masthead[0].meta["date"]), f"page masthead: '{masthead[0].text}'")
    published = [ln for ln in page if "date" in ln.meta]
    if published:
        return DatedBy(format_date(*published[0].meta["date"]), f"publication line: '{published[0].meta['evidence']}'")
    dateline = DATELINE.match(anchor.text) if anchor is not None else None
    if dateline and dateline["m"]:
        return date_from_dateline(int(dateline["m"]), int(dateline["d"]), title + "\n" + "\n".join(body))
    # The lede is the first paragraph of text, not a byline standing on its own.
    lede = next((p for p in body if not BYLINE.match(p)), "")
    return date_from_lede(title, lede)


def _source(article: ArticleLines, page: list[Line]) -> str:
    if article.anchor is not None and "source" in article.anchor.meta:
        outlet = article.anchor.meta["source"]
    else:
        named = [ln.meta["source"] for ln in page if "source" in ln.meta]
        outlet = named[0] if named else ""
    sites = [ln.meta["site"] for ln in page if "site" in ln.meta]
    if outlet and sites and sites[0] != outlet:
        return f"{outlet} (via {sites[0]})"
    if outlet:
        return outlet
    if article.anchor is not None and article.anchor.text.startswith("本报"):
        return "本报 (the newspaper is not named in the text)"
    return ""


def _author(anchor: Line | None) -> str:
    if anchor is None:
        return ""
    m = AUTHOR_IN_DATELINE.match(anchor.text) or BYLINE.match(anchor.text)
    return re.sub(r"\s+", " ", m["names"]).strip() if m else ""


def about_zone(text: str) -> tuple[bool, str]:
    """Decide whether an article is about the zone, and say why.

    An article is about the zone when it names 高新区 at least twice; a
    commentary that never names the zone is kept in the corpus but left out
    of the zone's statistics.

    Examples
    --------
    >>> about_zone("全面依法治国最广泛、最深厚的基础是人民")
    (False, 'names 高新区 0 times in 19 characters (needs 2)')
    """
    n = sum(text.count(name) for name in ZONE_NAMES)
    verdict = n >= ZONE_MIN_MENTIONS
    return verdict, f"names 高新区 {n} times in {len(text):,} characters" + ("" if verdict else f" (needs {ZONE_MIN_MENTIONS})")


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
        article index. ``text`` is the article with furniture removed
        (offsets in other tables point into it); ``text_norm`` is a
        same-length, width-normalised copy.

    Raises
    ------
    CorpusError
        For a file that cannot be decoded, is empty or binary, and for a
        manifest row whose file is missing or changed.
    """
    table = read_manifest(manifest)
    curated = table.set_index("file").to_dict("index")
    rows = []
    for path in check_manifest(table, raw_dir, manifest_name=_display(manifest)):
        text, encoding = read_text(path)
        page = page_lines(text)
        articles = split_articles(page)
        if not articles:
            raise CorpusError(f"{path.name}: no article text left after removing page furniture; check the file")
        sha = sha256_of(path)
        cur = curated.get(path.name, {})
        for index, article in enumerate(articles):
            rows.append(_row(path.name, sha, index, encoding, describe_article(article, page), cur, len(articles)))
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    # Oldest first; undated articles last, where a curator will look for them.
    order = frame.assign(undated=frame["date"].eq("")).sort_values(["undated", "date", "file", "article_index"], kind="stable")
    return order.drop(columns="undated").reset_index(drop=True)


def _row(file: str, sha: str, index: int, encoding: str, found: dict, cur: dict, n_articles: int) -> dict:
    dated = found["dated"]
    date, date_origin, evidence = dated.date, "detected", dated.evidence
    if cur.get("date"):
        date, date_origin = cur["date"], "curated"
        evidence = f"curated in data/corpus.csv ({cur.get('notes') or 'no note'}); detected: {dated.date or 'none'} from {dated.evidence}"
    # A curated title names the file's one article; on a multi-article page it cannot say which.
    title, title_origin = found["title"], "detected"
    if cur.get("title") and n_articles == 1:
        title, title_origin = cur["title"], "curated"
    source, source_origin = found["source"], "detected"
    if cur.get("source"):
        source, source_origin = cur["source"], "curated"
    zone, why = about_zone(found["text"])
    if not date:
        warnings.warn(f"{file} article {index}: no date found ({evidence}); add one in data/corpus.csv", CorpusWarning, stacklevel=3)
    return {
        "article_id": f"{sha[:8]}-{index}", "file": file, "sha256": sha, "article_index": index,
        "title": title, "date": date, "year": int(date[:4]) if date else None, "source": source,
        "about_zone": zone, "n_chars": len(found["text"]), "date_evidence": evidence,
        "kicker": found["kicker"], "author": found["author"], "about_zone_reason": why,
        "date_origin": date_origin, "title_origin": title_origin, "source_origin": source_origin,
        "encoding": encoding, "first_line": found["first_line"], "last_line": found["last_line"],
        "text": found["text"], "text_norm": normalise_width(found["text"]),
    }


PUBLISHED_COLUMNS = ARTICLE_COLUMNS[:11] + ["kicker", "author", "about_zone_reason", "date_origin", "title_origin",
                                            "source_origin", "encoding", "first_line", "last_line"]


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
