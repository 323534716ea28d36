"""Score the indicator ledger against the blind gold set in ``tests/fixtures/ledger_gold/``.

The gold set (``gold.csv``, 204 facts, one row per fact per article) was
labelled on the 20 zone pages (part A, ``tests/fixtures/zone_pages/``) and on
the 2021 page ``data/raw/003_778513eb0832983c.txt`` (part B) by annotators who
never saw the extractor. It stays out of rule development: **only totals are
printed by default**, and nobody who writes or tunes extractor rules may read
``gold.csv`` or any per-row output of this script.

How a build would see the texts: each part's files are copied alone into a
temporary raw folder with no manifest, read by
:func:`helpers.corpus.reader.load_corpus` and analysed by
:func:`helpers.analysis.processed.compute`; its ``ledger`` is scored.

Alignment: each gold sentence is located in an article's text (width,
spaces and script normalised; ``text_original`` holds the page as written,
``text`` may be a simplified copy of the same length), ``value_text`` is
located in that sentence (preferring the place followed by the gold unit),
and a ledger row of that article whose number span (``start``..``end``, or
any span in ``occurrences`` when the ledger has that column) overlaps it is
a match, one ledger row per gold fact at most (maximum bipartite matching).
A gold fact stated more than once (``n_occurrences`` > 1) may also match a
ledger row at a restatement: the same value (and unit family) written
elsewhere in the article, counted separately. A ledger row of the gold's
texts that matches no gold fact is a false positive; a ledger row marked as a
restatement of another row (a non-empty ``restates``, when the ledger has
that column) is left out instead. Gold facts in articles the reader did not
class as about the zone are misses, also reported as outside the ledger's
scope.

Run ``python tests/ledger_eval.py`` for the totals. Options:

``--misses``
    Print every gold fact missed, every false positive and every matched
    pair with a wrong kind or value. **For the evaluator only**: never paste
    it where rule writers read (issues, README, commit messages).
``--names OUT.csv``
    Write the matched pairs (gold indicator name beside the ledger's, with
    the sentence) for a blind judge of names; per-row gold, same rule.
``--gold DIR``
    Score another gold folder (its ``gold.csv``) instead of the blind set,
    e.g. the development set ``tests/fixtures/ledger_dev`` that rule writers
    may read. A part other than A and B (the development set's ``D``) takes
    its texts from the gold's ``file`` column (a path from the repository's
    root, or a name in ``DIR/pages/`` or ``DIR``). ``--misses`` and ``--names`` on such a set are for rule
    writers too: it is not blind.

``tests/test_ledger_gold.py`` keeps the totals above floors.
"""

from __future__ import annotations

import argparse
import ast
import math
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis import ledger as ledger_module
from helpers.analysis import processed

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "ledger_gold" / "gold.csv"
PART_FILES = {
    "A": sorted((FIXTURES / "zone_pages").glob("*.txt")),
    "B": [paths.RAW / "003_778513eb0832983c.txt"],
}
REL_TOL = 1e-6  # value_base agrees within this relative tolerance
# A looser tolerance, reported beside: the gold writes some values rounded (1 亩 = 666.67 m² in its
# guide, where the rules use 2000/3; a third as 0.3333), which 1e-6 counts as wrong.
LOOSE_TOL = 1e-4
# The gold's base units spelled as the ledger spells them.
BASE_UNIT_ALIASES = {"美元": "USD", "m2": "m²", "平方米": "m²"}
# Words between a number and its unit that the gold leaves out of value_text (C16).
QUALIFIER_CHARS = "余多几"
_SPACE = re.compile(r"\s")


# ---------------------------------------------------------------------------
# Running the pipeline the way a build would


@dataclass
class PartRun:
    """What the pipeline made of one part's texts."""

    part: str
    articles: pd.DataFrame  # every article, about the zone or not
    ledger: pd.DataFrame  # the ledger (of every article when the tables keep one, else of the zone's)
    seconds: float  # reading and analysing, without the copy


def part_files(part: str, gold: pd.DataFrame | None = None, folder: Path | None = None) -> list[Path]:
    """Return the texts of one part: the blind set's fixed files (A, B), else the gold's ``file`` column.

    A file named in the gold is looked for from the repository's root, then by
    its name in ``folder/pages/`` and ``folder``.

    Raises
    ------
    FileNotFoundError
        For a gold file that is in neither place.
    """
    if folder is None or folder.resolve() == GOLD.parent.resolve():
        return PART_FILES[part]
    names = [] if gold is None else list(dict.fromkeys(gold.loc[gold["part"] == part, "file"]))
    found = []
    for name in names:
        # A file named from the repository root, or by its name in the folder or its pages/.
        tried = (paths.ROOT / name, folder / "pages" / Path(name).name, folder / name)
        place = next((p for p in tried if p.is_file()), None)
        if place is None:
            raise FileNotFoundError(f"{name} (part {part}) is neither in {folder / 'pages'} nor in {folder}")
        found.append(place)
    return found


def run_part(part: str, files: list[Path] | None = None) -> PartRun:
    """Copy one part's texts alone into a temporary raw folder and compute the tables, as a build would."""
    files = PART_FILES[part] if files is None else files
    with tempfile.TemporaryDirectory(prefix=f"ledger_gold_{part}_") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for path in files:
            shutil.copyfile(path, raw / path.name)
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # files without a manifest row warn; expected here
            tables = processed.compute(processed.Sources(raw_dir=raw, manifest=Path(tmp) / "no_manifest.csv"))
        seconds = time.perf_counter() - started
    # The ledger of every article when the tables keep one (what indicators.csv publishes), else the zone's.
    table = getattr(tables, "ledger_all", None)
    table = tables.ledger if table is None else table
    return PartRun(part, tables.articles.reset_index(drop=True), table.reset_index(drop=True), seconds)


def load_gold(path: Path = GOLD) -> pd.DataFrame:
    """Read the gold set, with ``gold_id`` (its row number) and ``value_base`` as a float."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold.insert(0, "gold_id", range(len(gold)))
    gold["value_base_num"] = gold["value_base"].map(_to_float)
    gold["n_occurrences"] = pd.to_numeric(gold["n_occurrences"], errors="coerce").fillna(1).astype(int)
    return gold


# ---------------------------------------------------------------------------
# Locating gold facts in the articles' text


def _norm_char(ch: str) -> str:
    """Return one character as compared: NFKC (width, compatibility forms), simplified script, no space."""
    if _SPACE.match(ch):
        return ""
    out = unicodedata.normalize("NFKC", ch)
    return "".join(c for c in out if not _SPACE.match(c))


def normalised(text: str, simplified: str | None = None) -> tuple[str, list[int]]:
    """Return ``text`` normalised for comparison and, per character of the result, its offset in ``text``.

    With ``simplified`` (the same text in simplified script, same length), the
    simplified character is used, so a traditional page matches a gold
    sentence in either script once both are simplified.
    """
    chars, offsets = [], []
    source = simplified if simplified is not None and len(simplified) == len(text) else text
    for offset, ch in enumerate(source):
        for c in _norm_char(ch):
            chars.append(c)
            offsets.append(offset)
    return "".join(chars), offsets


def _simplify(text: str) -> str:
    from helpers.text import simplified

    return simplified(text)


def _norm(text: str) -> str:
    return normalised(_simplify(text))[0]


def locate_sentence(
    sentence: str, articles: pd.DataFrame, texts: dict[str, tuple[str, list[int]]] | None = None
) -> tuple[int | None, int, int, str]:
    """Find the article whose text holds ``sentence``.

    ``texts`` may give each article's :func:`normalised` text by ``article_id``.

    Returns
    -------
    tuple
        (row index in ``articles`` or None, start and end of the sentence in
        the normalised text, where it was found: ``text``, ``title`` or ``""``).
    """
    target = _norm(sentence)
    for index, row in articles.iterrows():
        norm = texts[row["article_id"]][0] if texts else normalised(row["text_original"], row["text"])[0]
        at = norm.find(target)
        if at >= 0:
            return index, at, at + len(target), "text"
    for index, row in articles.iterrows():
        for field in ("title", "kicker", "subtitle"):
            if target and target in _norm(str(row.get(field, ""))):
                return index, -1, -1, "title"
    return None, -1, -1, ""


def value_positions(norm_text: str, lo: int, hi: int, value_text: str, unit: str) -> list[int]:
    """Return where ``value_text`` stands in ``norm_text[lo:hi]`` as a number of its own, best first.

    A place followed by the gold unit (a qualifier such as 余 or 多 may stand
    between) comes first; a digit run inside a longer number is never taken.
    """
    value, unit_n = _norm(value_text), _norm(unit)
    found = []
    at = norm_text.find(value, lo, hi)
    while at >= 0:
        before = norm_text[at - 1] if at > 0 else ""
        after_at = at + len(value)
        inside_number = (value[0].isdigit() and (before.isdigit() or before == ".")) or (
            value[-1].isdigit() and after_at < len(norm_text) and (norm_text[after_at].isdigit())
        )
        if not inside_number:
            rest = norm_text[after_at : after_at + len(unit_n) + 2].lstrip(QUALIFIER_CHARS)
            found.append((0 if unit_n and rest.startswith(unit_n) else 1, at))
        at = norm_text.find(value, at + 1, hi)
    return [at for _, at in sorted(found)]


def _to_float(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number


def same_value(a: float, b: float, rel_tol: float = REL_TOL) -> bool:
    """Return whether two values agree within ``rel_tol`` (:data:`REL_TOL` by default)."""
    if math.isnan(a) or math.isnan(b):
        return False
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=0.0) or (a == 0 and b == 0)


def same_base_unit(gold_unit: str, ledger_unit: str) -> bool:
    """Return whether the gold's base unit and the ledger's name the same unit."""
    return BASE_UNIT_ALIASES.get(gold_unit, gold_unit) == BASE_UNIT_ALIASES.get(ledger_unit, ledger_unit)


def ledger_spans(row: dict) -> list[tuple[int, int]]:
    """Return the spans a ledger row stands for: its own, and those in ``occurrences`` if it has that column.

    ``occurrences`` is read in any of the shapes a table may carry it: a list
    of ``(start, end)`` pairs or of dicts with ``start``/``end``, a list of
    starts, or that list written as text (``"[(12, 15), (40, 43)]"``,
    ``"12-15;40-43"``, ``"12:15 40:43"``).
    """
    start = int(row["start"])
    end = int(row["end"]) if not _missing(row.get("end")) else start + len(str(row.get("value", "")))
    spans = [(start, max(end, start + 1))]
    occurrences = row.get("occurrences")
    if _missing(occurrences):
        return spans
    if isinstance(occurrences, str):
        text = occurrences.strip()
        try:
            occurrences = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            pairs = re.findall(r"(\d+)\s*[-:–,]\s*(\d+)", text)
            occurrences = [(int(a), int(b)) for a, b in pairs] or [int(n) for n in re.findall(r"\d+", text)]
    if isinstance(occurrences, dict | tuple) and not isinstance(occurrences, list):
        occurrences = [occurrences]
    width = max(end - start, 1)
    for item in occurrences or []:
        if isinstance(item, dict) and "start" in item:
            s = int(item["start"])
            spans.append((s, int(item.get("end", s + width))))
        elif isinstance(item, list | tuple) and len(item) >= 2:
            spans.append((int(item[0]), int(item[1])))
        elif isinstance(item, int | float) and not isinstance(item, bool):
            spans.append((int(item), int(item) + width))
    return spans


def _in_scope(file: str, article_id: str, articles: pd.DataFrame, about: dict[str, bool]) -> bool:
    """Return whether the ledger covers a gold fact's article (its file's, when the sentence was not found)."""
    if article_id:
        return about.get(article_id, False)
    return any(about.get(a, False) for a in articles.loc[articles["file"] == file, "article_id"])


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else len(value) == 0
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# Matching


def _kuhn(candidates: dict[int, list[int]]) -> dict[int, int]:
    """Return a maximum matching gold -> ledger row, trying each gold fact's candidates in order of preference."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for r in candidates[g]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or augment(owner[r], seen):
                owner[r] = g
                return True
        return False

    for g in candidates:
        augment(g, set())
    return {g: r for r, g in owner.items()}


def align(gold: pd.DataFrame, run: PartRun) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Align one part's gold facts with its ledger.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The gold rows with ``status`` (``matched``, ``matched at a
        restatement``, ``missed``, ``outside the ledger's scope``,
        ``sentence not found``), ``located`` (``text``, ``title``, ``""``),
        ``article_id`` and the matched ledger row's fields (``ledger_*``);
        and the ledger rows of the gold's texts with ``matched`` (the
        ``gold_id`` or -1) and ``restatement`` (a row the ledger marks as a
        restatement of another).
    """
    articles, table = run.articles, run.ledger
    gold = gold.copy()
    ledger = table.copy()
    ledger["row"] = range(len(ledger))
    texts = {row["article_id"]: normalised(row["text_original"], row["text"]) for _, row in articles.iterrows()}
    about = dict(zip(articles["article_id"], articles["about_zone"].astype(str).str.lower() == "true"))
    records = ledger.to_dict("records")
    spans = {r["row"]: ledger_spans(r) for r in records}
    by_article: dict[str, list[dict]] = {}
    for r in records:
        by_article.setdefault(r["article_id"], []).append(r)

    # Where each gold fact stands in the text, in original offsets.
    article_of, located, positions = {}, {}, {}
    for g in gold.itertuples():
        index, lo, hi, where = locate_sentence(g.sentence, articles, texts)
        located[g.gold_id] = where
        article_of[g.gold_id] = articles.at[index, "article_id"] if index is not None else ""
        positions[g.gold_id] = []
        if where == "text":
            norm, offsets = texts[article_of[g.gold_id]]
            for at in value_positions(norm, lo, hi, g.value_text, g.unit):
                end = at + len(_norm(g.value_text)) - 1
                positions[g.gold_id].append((offsets[at], offsets[end] + 1))

    def overlaps(span: tuple[int, int], row: int) -> bool:
        return any(s < span[1] and span[0] < e for s, e in spans[row])

    # First pass: the ledger row must cover where the gold sentence states the fact.
    candidates: dict[int, list[int]] = {}
    for g in gold.itertuples():
        rows = by_article.get(article_of[g.gold_id], [])
        ranked = []
        for rank, span in enumerate(positions[g.gold_id]):
            for r in rows:
                if overlaps(span, r["row"]):
                    agree = same_value(g.value_base_num, _to_float(r["value_base"]))
                    ranked.append(((rank, not agree, abs(int(r["start"]) - span[0])), r["row"]))
        candidates[g.gold_id] = list(dict.fromkeys(row for _, row in sorted(ranked)))
    matched = _kuhn(candidates)
    how = dict.fromkeys(matched, "matched")

    # Second pass: a fact stated more than once may be found where it is restated.
    taken = set(matched.values())
    second: dict[int, list[int]] = {}
    for g in gold.itertuples():
        if g.gold_id in matched or g.n_occurrences < 2 and located[g.gold_id] == "text":
            continue
        if not article_of[g.gold_id]:
            continue
        second[g.gold_id] = [
            r["row"]
            for r in by_article.get(article_of[g.gold_id], [])
            if r["row"] not in taken
            and same_value(g.value_base_num, _to_float(r["value_base"]))
            and same_base_unit(g.base_unit, str(r["base_unit"]))
        ]
    for g, r in _kuhn(second).items():
        matched[g] = r
        how[g] = "matched at a restatement"

    by_row = {r["row"]: r for r in records}
    status, fields = [], {f"ledger_{c}": [] for c in ("row", "indicator", "kind", "value_base", "base_unit")}
    optional = [c for c in ("subject", "subject_type", "contest", "n_occurrences") if c in ledger.columns]
    for c in optional:
        fields[f"ledger_{c}"] = []
    for g in gold.itertuples():
        r = by_row.get(matched.get(g.gold_id, -1))
        if r is not None:
            status.append(how[g.gold_id])
        elif not _in_scope(g.file, article_of[g.gold_id], articles, about):
            status.append("outside the ledger's scope")
        elif not located[g.gold_id]:
            status.append("sentence not found")
        else:
            status.append("missed")
        for c in ("row", "indicator", "kind", "value_base", "base_unit", *optional):
            fields[f"ledger_{c}"].append(r[c] if r is not None else None)
    gold["article_id"] = gold["gold_id"].map(article_of)
    gold["located"] = gold["gold_id"].map(located)
    gold["status"] = status
    for name, values in fields.items():
        gold[name] = values

    owner = {r: g for g, r in matched.items()}
    ledger["matched"] = ledger["row"].map(lambda r: owner.get(r, -1))
    if "restates" in ledger.columns:
        ledger["restatement"] = ~ledger["restates"].map(_missing)
    else:
        ledger["restatement"] = False
    return gold, ledger


# ---------------------------------------------------------------------------
# Scores


def kind_mapping(ledger_kinds: list[str]) -> dict[str, str | None]:
    """Return, per gold kind, the ledger kind that counts as the same (None: the ledger has no such kind).

    The gold's ``context`` is the ledger's ``other`` when the ledger has no
    ``context``; the gold's ``signed`` has no counterpart unless the ledger
    has ``signed``, so a signed fact is always a wrong kind until then.
    """
    mapping: dict[str, str | None] = {k: k for k in ("achieved", "target", "plan", "ranking")}
    mapping["context"] = "context" if "context" in ledger_kinds else "other"
    mapping["signed"] = "signed" if "signed" in ledger_kinds else None
    return mapping


def ledger_kinds(*tables: pd.DataFrame) -> list[str]:
    """Return the kinds the ledger can give: its declared order plus any kind seen in its rows."""
    seen = [k for t in tables for k in t["kind"].dropna().astype(str).unique()]
    return list(dict.fromkeys([*ledger_module.KIND_ORDER, *seen]))


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


def score(gold: pd.DataFrame, ledger: pd.DataFrame, mapping: dict[str, str | None]) -> dict:
    """Return the totals for aligned gold and ledger rows (one part, or several concatenated)."""
    is_match = gold["status"].str.startswith("matched")
    matched = gold[is_match]
    false_pos = ledger[(ledger["matched"] < 0) & ~ledger["restatement"]]
    n_gold, n_match = len(gold), int(is_match.sum())
    n_rows = n_match + len(false_pos)
    kind_ok = matched.apply(lambda g: mapping.get(g["kind"]) == g["ledger_kind"], axis=1) if n_match else []
    value_ok = (
        matched.apply(lambda g: same_value(g["value_base_num"], _to_float(g["ledger_value_base"])), axis=1)
        if n_match
        else []
    )
    loose_ok = (
        matched.apply(lambda g: same_value(g["value_base_num"], _to_float(g["ledger_value_base"]), LOOSE_TOL), axis=1)
        if n_match
        else []
    )
    unit_ok = (
        matched.apply(lambda g: same_base_unit(g["base_unit"], str(g["ledger_base_unit"])), axis=1) if n_match else []
    )
    precision, recall = _ratio(n_match, n_rows), _ratio(n_match, n_gold)
    result = {
        "gold facts": n_gold,
        "ledger rows": n_rows,
        "matched": n_match,
        "matched at a restatement": int((gold["status"] == "matched at a restatement").sum()),
        "false positives": len(false_pos),
        "missed": n_gold - n_match,
        "missed, outside the ledger's scope": int((gold["status"] == "outside the ledger's scope").sum()),
        "missed, sentence not in the reader's text": int((gold["status"] == "sentence not found").sum()),
        "precision": precision,
        "recall": recall,
        "f1": _ratio(2 * precision * recall, precision + recall) if n_match else 0.0,
        "recall in scope": _ratio(n_match, int((gold["status"] != "outside the ledger's scope").sum())),
        "kind accuracy": _ratio(int(sum(kind_ok)), n_match),
        "value accuracy": _ratio(int(sum(value_ok)), n_match),
        f"value accuracy at {LOOSE_TOL:g}": _ratio(int(sum(loose_ok)), n_match),
        "value and base unit accuracy": _ratio(int(sum(v and u for v, u in zip(value_ok, unit_ok))), n_match),
        "restatement rows left out": int(ledger["restatement"].sum()),
    }
    # Unmatched ledger rows with the value of a matched fact the gold says is stated more than once in
    # the same article: likely the ledger's own repeats of one fact (the gold counts a fact once).
    restated = matched[matched["n_occurrences"] > 1]
    facts = {(a, round(v, 9)) for a, v in zip(restated["article_id"], restated["value_base_num"]) if not math.isnan(v)}
    result["false positives restating a matched fact"] = int(
        sum((a, round(_to_float(v), 9)) in facts for a, v in zip(false_pos["article_id"], false_pos["value_base"]))
    )
    if "ledger_subject_type" in gold.columns and n_match:
        ok = (matched["subject_type"] == matched["ledger_subject_type"].astype(str)).sum()
        result["subject_type accuracy"] = _ratio(int(ok), n_match)
    if "ledger_n_occurrences" in gold.columns and n_match:
        ok = sum(
            int(g) == int(_to_float(r)) if not math.isnan(_to_float(r)) else False
            for g, r in zip(matched["n_occurrences"], matched["ledger_n_occurrences"])
        )
        result["n_occurrences accuracy"] = _ratio(int(ok), n_match)
    return result


def kind_table(gold: pd.DataFrame) -> pd.DataFrame:
    """Return gold kind × ledger kind over matched facts (totals only)."""
    matched = gold[gold["status"].str.startswith("matched")]
    return pd.crosstab(matched["kind"], matched["ledger_kind"], margins=True, margins_name="total")


@dataclass
class Evaluation:
    """The aligned rows of every part, the totals, and what the run took."""

    gold: pd.DataFrame  # gold rows with status and matched ledger fields
    ledger: pd.DataFrame  # ledger rows of the gold's texts, with part and matched gold_id
    totals: pd.DataFrame  # one column per part and "total"
    kind_mapping: dict[str, str | None]
    seconds: float  # the whole evaluation
    pipeline_seconds: float  # reading and analysing the texts
    name: str = "the blind gold set"  # what was scored, for the printed title


def evaluate(gold_path: Path = GOLD, parts: tuple[str, ...] | None = None) -> Evaluation:
    """Run the pipeline on each part's texts, align with the gold set and score.

    ``parts`` defaults to A and B for the blind set, else to the parts the gold names.
    """
    started = time.perf_counter()
    gold = load_gold(gold_path)
    blind = Path(gold_path).resolve() == GOLD.resolve()
    if parts is None:
        parts = ("A", "B") if blind else tuple(dict.fromkeys(gold["part"]))
    golds, ledgers, pipeline = [], [], 0.0
    for part in parts:
        run = run_part(part, None if blind else part_files(part, gold, Path(gold_path).parent))
        pipeline += run.seconds
        aligned, rows = align(gold[gold["part"] == part], run)
        golds.append(aligned)
        ledgers.append(rows.assign(part=part))
    all_gold = pd.concat(golds, ignore_index=True)
    all_ledger = pd.concat(ledgers, ignore_index=True)
    mapping = kind_mapping(ledger_kinds(all_ledger))
    columns = {p: score(g, r, mapping) for p, g, r in zip(parts, golds, ledgers)}
    columns["total"] = score(all_gold, all_ledger, mapping)
    return Evaluation(
        gold=all_gold,
        ledger=all_ledger,
        totals=pd.DataFrame(columns),
        kind_mapping=mapping,
        seconds=time.perf_counter() - started,
        pipeline_seconds=pipeline,
        name="the blind gold set" if blind else f"the gold set {Path(gold_path).parent.name}",
    )


def name_pairs(evaluation: Evaluation) -> pd.DataFrame:
    """Return the matched pairs for a blind judge of indicator names (per-row gold: evaluator only)."""
    matched = evaluation.gold[evaluation.gold["status"].str.startswith("matched")]
    names = ["indicator"] + [c for c in ("subject", "contest") if f"ledger_{c}" in matched.columns]
    pairs = matched[["part", "file", "sentence", "value_text", "unit"]].reset_index(drop=True)
    for name in names:  # gold beside ledger, one pair of columns per name
        pairs[f"gold_{name}"] = matched[name].to_numpy()
        pairs[f"ledger_{name}"] = matched[f"ledger_{name}"].to_numpy()
    pairs.insert(0, "pair", range(1, len(pairs) + 1))
    return pairs.assign(judgement="")


def misses(evaluation: Evaluation) -> dict[str, pd.DataFrame]:
    """Return the per-row errors (evaluator only): missed facts, false positives, wrong kinds and values."""
    g = evaluation.gold
    m = g[g["status"].str.startswith("matched")]
    wrong_kind = m[m.apply(lambda r: evaluation.kind_mapping.get(r["kind"]) != r["ledger_kind"], axis=1)]
    wrong_value = m[
        ~m.apply(lambda r: same_value(r["value_base_num"], _to_float(r["ledger_value_base"])), axis=1).astype(bool)
    ]
    fp = evaluation.ledger[(evaluation.ledger["matched"] < 0) & ~evaluation.ledger["restatement"]]
    show = ["part", "file", "value_text", "unit", "kind", "indicator", "status", "sentence"]
    return {
        "gold facts not matched": g[~g["status"].str.startswith("matched")][show],
        "false positives (ledger rows with no gold fact)": fp[
            ["part", "file", "value", "unit", "value_base", "kind", "indicator", "sentence"]
        ],
        "wrong kind": wrong_kind[[*show[:5], "ledger_kind", "indicator", "sentence"]],
        "wrong value_base": wrong_value[
            ["part", "file", "value_text", "unit", "value_base", "ledger_value_base", "ledger_base_unit", "sentence"]
        ],
    }


def is_share(name: str) -> bool:
    """Return whether a row of the totals is a share (precision, recall, an accuracy), not a count."""
    return any(word in name for word in ("precision", "recall", "f1", "accuracy"))


def _format_totals(totals: pd.DataFrame) -> str:
    def cell(name: str, value) -> str:
        value = float(value)
        if math.isnan(value):
            return "–"
        return f"{value:.3f}" if is_share(name) else f"{value:.0f}"

    return pd.DataFrame(
        {part: [cell(name, v) for name, v in totals[part].items()] for part in totals.columns}, index=totals.index
    ).to_string()


def report(evaluation: Evaluation) -> str:
    """Return the printed totals: scores by part, the kind mapping and the kind confusion table."""
    lines = [
        f"## Ledger against {evaluation.name} ({len(evaluation.gold)} facts)",
        "",
        _format_totals(evaluation.totals),
        "",
        "Kinds: the gold's kind counts as right when the ledger gives:",
    ]
    for gold_kind, ledger_kind in evaluation.kind_mapping.items():
        note = ledger_kind if ledger_kind else "nothing (the ledger has no such kind: always wrong)"
        lines.append(f"  {gold_kind:9} -> {note}")
    lines += ["", "Gold kind (rows) by ledger kind (columns), matched facts:", kind_table(evaluation.gold).to_string()]
    lines += [
        "",
        f"Time: {evaluation.seconds:.1f} s in all, {evaluation.pipeline_seconds:.1f} s reading and analysing the texts.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the totals; optionally the per-row errors (``--misses``) or the name pairs (``--names OUT.csv``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="print per-row errors (evaluator only)")
    parser.add_argument("--names", metavar="OUT.csv", type=Path, help="write matched name pairs for a blind judge")
    parser.add_argument(
        "--gold",
        metavar="DIR",
        type=Path,
        default=GOLD.parent,
        help="a gold folder holding gold.csv (default: the blind set; tests/fixtures/ledger_dev is the development set)",
    )
    args = parser.parse_args(argv)
    evaluation = evaluate(args.gold / "gold.csv")
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    print(report(evaluation))
    if args.names:
        name_pairs(evaluation).to_csv(args.names, index=False, encoding="utf-8")
        print(f"\nWrote {len(name_pairs(evaluation))} name pairs to {args.names}")
    if args.misses:
        for title, table in misses(evaluation).items():
            print(f"\n## {title}: {len(table)}\n")
            print(table.to_string() if len(table) else "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
