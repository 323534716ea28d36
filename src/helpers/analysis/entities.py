"""Count the companies, parks and platforms the articles name, and how they rise and fall.

Entities, their types and aliases live in ``data/lexicon/entities.yml``.
Mentions are matched on the article text, leftmost-longest and
non-overlapping, so a longer name wins (济宁创新谷 counts once, never also as
创新谷) and every alias counts for its canonical entity. Only articles about
the zone are counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.formulas import mention_table
from helpers.errors import EntityLexiconError
from helpers.text import alternation
from helpers.yamlfile import read_yaml

__all__ = [
    "Entity",
    "EntityLexicon",
    "entities_by_year",
    "entity_mentions",
    "find_entities",
    "load_entities",
    "parse_entities",
    "rise_and_fall",
]

ENTITIES_FILE = paths.LEXICON / "entities.yml"
FIND_COLUMNS = ["entity", "type", "alias", "start", "end"]
MENTION_COLUMNS = ["entity", "type", "alias", "article_id", "year", "date", "start", "sentence", "end", "gloss"]
BY_YEAR_COLUMNS = ["entity", "type", "year", "mentions", "articles"]
TREND_COLUMNS = [
    "entity",
    "type",
    "first_year",
    "last_year",
    "peak_year",
    "total",
    "articles",
    "trend",
    "years_present",
]
# A word of change (rising, falling, steady, new in, last seen) needs this much support: fewer mentions, or all in
# one article, say how few instead (a name met twice tells no trend).
MIN_TREND_MENTIONS = 3
MIN_TREND_ARTICLES = 2
# Rising or falling needs the first and the last year's mentions to differ by this much (2 → 1 is no fall).
MIN_TREND_CHANGE = 2


@dataclass(frozen=True)
class Entity:
    """One named entity: canonical name, type, English gloss and aliases."""

    name: str
    type: str
    gloss: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EntityLexicon:
    """A validated, versioned list of entities."""

    version: str
    types: dict[str, str]
    entities: tuple[Entity, ...]
    non_entities: dict[str, str]
    source: str = "<memory>"

    @cached_property
    def alias_entity(self) -> dict[str, Entity]:
        """Map every name and alias to its entity."""
        return {alias: e for e in self.entities for alias in (e.name, *e.aliases)}

    @cached_property
    def pattern(self) -> re.Pattern:
        """Compile names, aliases and non-entities into one leftmost-longest regex."""
        # Python tries alternatives in order, so longest-first gives the
        # longest match at each position.
        return re.compile(alternation([*self.alias_entity, *self.non_entities]))

    def to_frame(self) -> pd.DataFrame:
        """Return one row per name or alias: entity, type, gloss, alias."""
        rows = [(e.name, e.type, e.gloss, a) for e in self.entities for a in (e.name, *e.aliases)]
        return pd.DataFrame(rows, columns=["entity", "type", "gloss", "alias"])


def parse_entities(data, source: str = "<memory>") -> EntityLexicon:
    """Validate a parsed entity document and build a lexicon.

    Parameters
    ----------
    data : dict
        ``{"version", "types": {type: definition}, "entities": [{"name",
        "type", "gloss", "aliases"}, ...], "non_entities": {text: why}}``.
    source : str
        Where the data came from, for error messages.

    Returns
    -------
    EntityLexicon

    Raises
    ------
    EntityLexiconError
        On a missing version, types or entities section, an entity without a
        name, an unknown type, a name or alias used by two entities, or a
        non-entity that is also a name.
    """
    if not isinstance(data, dict) or "version" not in data:
        raise EntityLexiconError(f"{source}: add a top-level 'version:' field")
    types = data.get("types")
    if not isinstance(types, dict) or not types:
        raise EntityLexiconError(f"{source}: add a 'types:' mapping (type: what it covers)")
    raw_entities = data.get("entities")
    if not isinstance(raw_entities, list) or not raw_entities:
        raise EntityLexiconError(f"{source}: add an 'entities:' list with at least one entity")
    owner: dict[str, str] = {}
    built = []
    for i, raw in enumerate(raw_entities):
        if not isinstance(raw, dict) or not str(raw.get("name") or "").strip():
            raise EntityLexiconError(f"{source}: entity #{i + 1} needs a 'name'")
        name = str(raw["name"]).strip()
        where = f"{source}: entity {name}"
        etype = str(raw.get("type") or "")
        if etype not in types:
            raise EntityLexiconError(f"{where}: type {etype!r} is not one of {sorted(types)}; fix it or add the type")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list):
            raise EntityLexiconError(f"{where}: 'aliases' must be a list, e.g. [山推股份, 山推工程机械公司]")
        clean = []
        for alias in [name, *aliases]:
            alias = str(alias).strip() if alias is not None else ""
            if not alias:
                raise EntityLexiconError(f"{where}: remove the empty alias")
            if alias in owner:
                other = owner[alias]
                what = "is listed twice" if other == name else f"is already used by {other}"
                raise EntityLexiconError(f"{where}: name or alias {alias!r} {what}; each may belong to one entity only")
            owner[alias] = name
            clean.append(alias)
        built.append(Entity(name, etype, str(raw.get("gloss") or "").strip(), tuple(clean[1:])))
    non_entities = {str(k): str(v) for k, v in (data.get("non_entities") or {}).items()}
    for text in non_entities:
        if text in owner:
            raise EntityLexiconError(f"{source}: non-entity {text!r} is also a name of {owner[text]}; keep one")
    return EntityLexicon(
        str(data["version"]), {str(k): str(v) for k, v in types.items()}, tuple(built), non_entities, source
    )


def load_entities(path: Path = ENTITIES_FILE) -> EntityLexicon:
    """Load and validate the entity lexicon.

    Parameters
    ----------
    path : Path
        A YAML file (default ``data/lexicon/entities.yml``).

    Returns
    -------
    EntityLexicon

    Raises
    ------
    EntityLexiconError
        If the file is missing, is not valid YAML or breaks a rule of
        :func:`parse_entities`.
    """
    return parse_entities(read_yaml(path, EntityLexiconError), str(path))


def find_entities(text: str, lexicon: EntityLexicon) -> pd.DataFrame:
    """Find entity mentions in a text, leftmost-longest and non-overlapping.

    Parameters
    ----------
    text : str
    lexicon : EntityLexicon

    Returns
    -------
    pandas.DataFrame
        Columns entity (canonical name), type, alias (as written), start,
        end (offsets into ``text``), in text order. Non-entities are matched
        but not returned.
    """
    rows = []
    for m in lexicon.pattern.finditer(text):
        entity = lexicon.alias_entity.get(m.group())
        if entity is not None:
            rows.append((entity.name, entity.type, m.group(), m.start(), m.end()))
    return pd.DataFrame(rows, columns=FIND_COLUMNS).astype({"start": "int64", "end": "int64"})


def entity_mentions(articles: pd.DataFrame, lexicon: EntityLexicon | None = None) -> pd.DataFrame:
    """List every entity mention in the articles about the zone.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (article_id, year, date, text, about_zone).
    lexicon : EntityLexicon, optional
        Defaults to ``data/lexicon/entities.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_COLUMNS`: entity, type, alias (as written),
        article_id, year, date, start (offset in the article text), the
        sentence it is in, end and the entity's gloss. Sorted by date,
        article_id and start.
    """
    lexicon = lexicon or load_entities()
    gloss = {e.name: e.gloss for e in lexicon.entities}

    def found(art: dict):
        for hit in find_entities(art["text"], lexicon).itertuples(index=False):
            yield {
                "entity": hit.entity,
                "type": hit.type,
                "alias": hit.alias,
                "start": hit.start,
                "end": hit.end,
                "gloss": gloss[hit.entity],
            }

    return mention_table(articles, found, MENTION_COLUMNS)


def entities_by_year(mentions: pd.DataFrame, years=None) -> pd.DataFrame:
    """Count each entity's mentions and articles per year, zeros included.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The output of :func:`entity_mentions`.
    years : iterable of int, optional
        The years to report. Defaults to the years in ``mentions``; pass the
        corpus years so that a year with no mention at all still shows.

    Returns
    -------
    pandas.DataFrame
        Columns entity, type, year, mentions, articles (distinct articles
        naming the entity that year). One row per entity and year, zero
        rows included; sorted by entity (code point) and year. Mentions
        without a year are left out.
    """
    missing = [c for c in ["entity", "type", "article_id", "year"] if c not in mentions.columns]
    if missing:
        raise EntityLexiconError(f"mentions table lacks column(s) {missing}; pass the output of entity_mentions")
    dated = mentions.dropna(subset=["year"])
    years = sorted({int(y) for y in (dated["year"] if years is None else years)})
    counts = dated.groupby(["entity", "year"]).agg(mentions=("article_id", "size"), articles=("article_id", "nunique"))
    types = dated.drop_duplicates("entity").set_index("entity")["type"]
    grid = pd.MultiIndex.from_product([sorted(types.index), years], names=["entity", "year"])
    out = counts.reindex(grid, fill_value=0).reset_index()
    out["type"] = out["entity"].map(types)
    out = out.astype({"year": "Int64", "mentions": "int64", "articles": "int64"})
    return out[BY_YEAR_COLUMNS]


def _trend(present: list[int], counts: dict[int, int], years: list[int]) -> str:
    first, last = present[0], present[-1]
    if len(present) == 1:
        return f"only in {first}"
    if last < years[-1]:
        return f"last seen {last}"
    if first > years[0]:
        return f"new in {first}"
    # Named in the first and the last corpus year: compare the two.
    if counts[years[-1]] > counts[years[0]]:
        return "rising"
    if counts[years[-1]] < counts[years[0]]:
        return "falling"
    return "steady"


def _few(total: int, articles: int) -> str:
    return f"too few to tell ({total} mention{'s' if total != 1 else ''} in {articles} article{'s' if articles != 1 else ''})"


def rise_and_fall(
    by_year: pd.DataFrame, min_mentions: int = MIN_TREND_MENTIONS, min_articles: int = MIN_TREND_ARTICLES
) -> pd.DataFrame:
    """Label each entity's trajectory across the corpus years in plain words.

    The corpus years are the years in ``by_year`` (2017, 2018, 2019, 2021
    for the current corpus). ``trend`` is, in this order:

    - ``only in YYYY``: named in a single year;
    - ``last seen YYYY``: named in two or more years but not in the last
      corpus year (it dropped out);
    - ``new in YYYY``: first named after the first corpus year and still
      named in the last;
    - ``rising`` / ``falling`` / ``steady``: named in the first and the last
      corpus year, with more / fewer / as many mentions in the last as in
      the first.

    A word of change (``last seen``, ``new in``, ``rising``, ``falling``,
    ``steady``) needs at least ``min_mentions`` mentions in at least
    ``min_articles`` articles; with less it reads ``too few to tell (2
    mentions in 2 articles)``, since a name met once or twice, or in one
    article, shows that article's subject, not a trend. ``only in YYYY`` is a
    plain fact and stays, with its support in ``total`` and ``articles``.
    ``rising`` and ``falling`` need the first and last year's mentions to
    differ by at least ``MIN_TREND_CHANGE`` (2 → 1 reads ``about the same (2 →
    1 mentions)``).

    Mentions are raw counts, not rates: a year with more articles gives every
    entity more chances to be named.

    Parameters
    ----------
    by_year : pandas.DataFrame
        The output of :func:`entities_by_year`.

    Returns
    -------
    pandas.DataFrame
        Columns entity, type, first_year, last_year, peak_year (most
        mentions; the earliest on a tie), total (mentions), articles
        (distinct articles naming it), trend, years_present (``;``-joined). Sorted by first_year, total (descending), entity.
    """
    missing = [c for c in BY_YEAR_COLUMNS if c not in by_year.columns]
    if missing:
        raise EntityLexiconError(f"table lacks column(s) {missing}; pass the output of entities_by_year")
    years = sorted(int(y) for y in by_year["year"].dropna().unique())
    rows = []
    for entity, g in by_year.groupby("entity", sort=True):
        counts = {int(y): int(n) for y, n in zip(g["year"], g["mentions"])}
        present = [y for y in years if counts.get(y, 0) > 0]
        if not present:
            continue
        peak = max(present, key=lambda y: (counts[y], -y))
        total, n_articles = sum(counts.values()), int(g["articles"].sum())
        trend = _trend(present, counts, years)
        if not trend.startswith("only in") and (total < min_mentions or n_articles < min_articles):
            trend = _few(total, n_articles)
        elif trend in ("rising", "falling") and abs(counts[years[-1]] - counts[years[0]]) < MIN_TREND_CHANGE:
            trend = f"about the same ({counts[years[0]]} → {counts[years[-1]]} mentions)"
        rows.append(
            (
                entity,
                g["type"].iloc[0],
                present[0],
                present[-1],
                peak,
                total,
                n_articles,
                trend,
                ";".join(map(str, present)),
            )
        )
    out = pd.DataFrame(rows, columns=TREND_COLUMNS)
    out = out.astype(
        {"first_year": "Int64", "last_year": "Int64", "peak_year": "Int64", "total": "int64", "articles": "int64"}
    )
    out["_neg"] = -out["total"]
    out = out.sort_values(["first_year", "_neg", "entity"], kind="mergesort").drop(columns="_neg")
    return out.reset_index(drop=True)
