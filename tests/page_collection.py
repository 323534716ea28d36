"""Score the corpus reader against a labelled collection of real pages.

A collection is a folder of saved pages with a ``pages.csv`` that says, for
each file, how many stories it holds, their titles (`` || `` between them)
and the publication date its text supports; the labels were made by reading
the pages before any code was run on them (see the folder's README).

Run ``python tests/page_collection.py [--misses] [--heldout] [--unseen]``
to print the shares quoted in the README. By default only the dev parts are
scored; ``--heldout`` adds the held-out parts and ``--unseen`` the zone's
own pages, which are kept out of rule development. ``tests/test_pages.py``
uses the same scoring.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd

from helpers.corpus.reader import read_raw_file
from helpers.text import normalise_width

FIXTURES = Path(__file__).parent / "fixtures"
COLLECTIONS = {
    "other places": FIXTURES / "pages",
    "other places, second collection": FIXTURES / "pages2",
    "other places, third collection (dev only)": FIXTURES / "pages3",
    "the zone (unseen)": FIXTURES / "zone_pages",
}


def same_title(found: str, expected: str) -> bool:
    """Compare titles ignoring spaces and the width of punctuation."""

    def norm(t: str) -> str:
        return normalise_width(t).replace(" ", "").replace("\u3000", "")

    return norm(found) == norm(expected)


def score(folder: Path) -> pd.DataFrame:
    """Read every labelled page of a collection and compare with its labels.

    Returns
    -------
    pandas.DataFrame
        One row per page: the labels, what the reader found, and
        ``count_ok``, ``titles_ok``, ``date_ok``.
    """
    labels = pd.read_csv(folder / "pages.csv", dtype=str, keep_default_na=False)
    rows = []
    for label in labels.itertuples(index=False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = read_raw_file(folder / label.file)
        expected_titles = [t.strip() for t in label.titles.split("||")] if label.titles.strip() else []
        titles = [r["title"] for r in found]
        n_expected = int(label.n_articles)
        rows.append(
            {
                "file": label.file,
                "set": getattr(label, "set", "unseen"),
                "n_expected": n_expected,
                "n_found": len(found),
                "titles_expected": " || ".join(expected_titles),
                "titles_found": " || ".join(titles),
                "date_expected": label.date,
                "date_found": found[0]["date"] if found else "",
                "date_evidence": found[0]["date_evidence"] if found else "",
                "count_ok": len(found) == n_expected,
                "titles_ok": len(found) == n_expected
                and all(same_title(f, e) for f, e in zip(titles, expected_titles))
                and (len(expected_titles) == n_expected or not expected_titles and all(not t for t in titles)),
                "date_ok": (found[0]["date"] if found else "") == label.date,
                # Only the zone's own pages label whether the story is about the zone; other places' never are.
                "about_zone_ok": (found[0]["about_zone"] if found else False)
                == (getattr(label, "about_zone", "false").strip().lower() == "true"),
            }
        )
    return pd.DataFrame(rows)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """Return the share of pages with the right article count, titles and date, per set."""
    grouped = results.groupby("set")[["count_ok", "titles_ok", "date_ok", "about_zone_ok"]]
    table = grouped.mean().round(3).join(results.groupby("set").size().rename("pages"))
    return table


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    show_misses = "--misses" in sys.argv
    # The zone's own pages are an unseen test: scored only when asked, never while rules are written.
    for name, folder in COLLECTIONS.items():
        if not (folder / "pages.csv").exists() or ("unseen" in name and "--unseen" not in sys.argv):
            continue
        results = score(folder)
        if "--heldout" not in sys.argv:  # while rules are written, look at the dev part only
            results = results[results["set"] != "heldout"]
        print(f"\n## {name}: {len(results)} pages\n")
        print(summary(results).to_string())
        if show_misses:
            misses = results[~(results["count_ok"] & results["titles_ok"] & results["date_ok"])]
            print(misses.drop(columns=["set"]).to_string())
