"""Load the page-reading rules in ``data/lexicon/page_layout.yml``, compiled.

The rules say what is page furniture, what marks a publication line, a
dateline, a byline or the end of a story, what sites add to titles, and
which names make an article
about the zone. They are method, so they live in the lexicon as data; this
module only compiles them once per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.errors import CorpusError
from helpers.yamlfile import read_yaml

PAGE_RULES = paths.LEXICON / "page_layout.yml"


@dataclass(frozen=True)
class PageRules:
    """Compiled page-reading rules."""

    furniture: tuple[tuple[str, re.Pattern], ...]  # (kind, pattern), tried in order
    tail_markers: tuple[re.Pattern, ...]
    publication_label: re.Pattern
    datelines: tuple[re.Pattern, ...]
    bylines: tuple[re.Pattern, ...]
    document_title: re.Pattern
    title_cleanup: tuple[re.Pattern, ...]
    masthead_title_max_chars: int
    masthead_title: re.Pattern
    zone_names: tuple[str, ...]
    zone_min_mentions: int
    zone_city: str
    outlet_name: re.Pattern
    outlet_value_stop: re.Pattern
    agencies: tuple[str, ...]
    outlet_in_text: tuple[re.Pattern, ...]


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise CorpusError(f"{PAGE_RULES.name}: {where}: bad regular expression {pattern!r} ({exc}); fix it") from exc


@lru_cache(maxsize=4)
def load_page_rules(path: Path = PAGE_RULES) -> PageRules:
    """Read and compile the page rules.

    Parameters
    ----------
    path : Path
        The rules file (``data/lexicon/page_layout.yml``).

    Returns
    -------
    PageRules
        The compiled rules.

    Raises
    ------
    CorpusError
        If the file is missing, is not valid YAML or holds a bad pattern.
    """
    doc = read_yaml(Path(path), CorpusError) or {}
    furniture = tuple(
        (kind, _compile(p, f"furniture/{kind}")) for kind, patterns in doc["furniture"].items() for p in patterns
    )
    labels = sorted(doc["publication_labels"], key=len, reverse=True)  # longest first: 信息来源 before 来源
    label = r"(?:^|(?<=[\s|｜/\]】)）\d]))[\[【(（]?\s*(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*[:：]"
    return PageRules(
        furniture=furniture,
        tail_markers=tuple(_compile(p, "tail_markers") for p in doc["tail_markers"]),
        publication_label=_compile(label, "publication_labels"),
        datelines=tuple(_compile(p, "datelines") for p in doc["datelines"]),
        bylines=tuple(_compile(p, "bylines") for p in doc["bylines"]),
        document_title=_compile(doc["document_title"], "document_title"),
        title_cleanup=tuple(_compile(p, "title_cleanup") for p in doc["title_cleanup"]),
        masthead_title_max_chars=int(doc["masthead_title_max_chars"]),
        masthead_title=_compile(doc["masthead_title"], "masthead_title"),
        zone_names=tuple(doc["zone"]["names"]),
        zone_min_mentions=int(doc["zone"]["min_mentions"]),
        zone_city=doc["zone"]["city"],
        outlet_name=_compile(doc["outlet_name"], "outlet_name"),
        outlet_value_stop=_compile(doc["outlet_value_stop"], "outlet_value_stop"),
        agencies=tuple(doc["agencies"]),
        outlet_in_text=tuple(_compile(p, "outlet_in_text") for p in doc["outlet_in_text"]),
    )
