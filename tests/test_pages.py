"""The corpus reader on real pages it was not written against.

Three labelled collections (see each folder's README): pages from other
places (``fixtures/pages/``, a dev part used to write the rules and a
held-out part never looked at page by page), a second such collection
(``fixtures/pages2/``), a third, all dev (``fixtures/pages3/``), and the zone's own pages (``fixtures/zone_pages/``,
an unseen test). Dev pages are checked one by one; held-out and unseen
pages are checked as shares, floors set at the first measurement so that a
change that makes the reader worse on unseen layouts fails.
"""

import warnings

import pandas as pd
import pytest
from page_collection import FIXTURES, score

DEV_FOLDERS = [FIXTURES / name for name in ("pages", "pages2", "pages3") if (FIXTURES / name / "pages.csv").exists()]

# Dev pages the reader still gets wrong, with the reason (kept visible, not hidden).
KNOWN_MISSES = {
    "032_ctimes_list.txt": "a list page whose six stories are one line each (headline, date and summary run together)",
    "034_disp.txt": "a forum post whose title stands in a numbered form field (3.完整新聞標題:)",
    "011_wapeople_tag.txt": "a tag page of seven dated snippets with no headlines (read as one story)",
    "013_jjjjb.txt": "a speaker line (晋江经济报总编辑 吴美章) under the headline is read as the title",
    "015_ywcity.txt": "the only date is CMS debris at the foot of an e-paper page (2024-02-19 11 11 义乌商报 content_…html)",
    "018_cnrepark.txt": "the publication date is printed over three lines (2022 / 12/28 / 13:54)",
    "021_cfgw.txt": "the headline runs into the first paragraph on one line",
    "022_jessedi.txt": "an unmarked subtitle line (劉建軍出席并致辭) under the headline is read as the title",
}


def _dev_rows():
    for folder in DEV_FOLDERS:
        labels = pd.read_csv(folder / "pages.csv", dtype=str, keep_default_na=False)
        for file in labels.loc[labels["set"] == "dev", "file"]:
            marks = [pytest.mark.xfail(reason=KNOWN_MISSES[file], strict=True)] if file in KNOWN_MISSES else []
            yield pytest.param(folder, file, id=f"{folder.name}/{file}", marks=marks)


@pytest.fixture(scope="module")
def scored():
    return {
        folder.name: score(folder).set_index("file")
        for folder in [*DEV_FOLDERS, FIXTURES / "zone_pages"]
        if (folder / "pages.csv").exists()
    }


@pytest.mark.parametrize("folder, file", list(_dev_rows()))
def test_a_dev_page_gives_the_labelled_articles_titles_and_date(scored, folder, file):
    got = scored[folder.name].loc[file]
    assert got["count_ok"], f"{got['n_found']} articles, labelled {got['n_expected']}"
    assert got["titles_ok"], f"titles {got['titles_found']!r}, labelled {got['titles_expected']!r}"
    assert got["date_ok"], f"date {got['date_found']!r} ({got['date_evidence']}), labelled {got['date_expected']!r}"


# Shares measured on pages never used to write rules (README, "How well the reader generalises"),
# as measured after the rules were written on the dev parts; the first measurements, before
# any rule was written on a collection's dev part, are in the README too.
FLOORS = {
    ("pages", "heldout"): {"count_ok": 0.94, "titles_ok": 0.55, "date_ok": 0.88, "about_zone_ok": 1.0},
    ("pages2", "heldout"): {"count_ok": 0.90, "titles_ok": 0.72, "date_ok": 0.95, "about_zone_ok": 1.0},
    ("zone_pages", "unseen"): {"count_ok": 1.0, "titles_ok": 0.90, "date_ok": 1.0, "about_zone_ok": 0.85},
}


@pytest.mark.parametrize("collection, part", list(FLOORS))
def test_unseen_pages_stay_at_least_as_well_read_as_first_measured(scored, collection, part):
    results = scored[collection]
    results = results[results["set"] == part]
    for measure, floor in FLOORS[(collection, part)].items():
        assert results[measure].mean() >= floor, f"{measure} on {collection}/{part} fell below {floor}"


def test_every_page_of_every_collection_is_read_without_an_error():
    for folder in [*DEV_FOLDERS, FIXTURES / "zone_pages"]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            results = score(folder)
        assert len(results) == len(pd.read_csv(folder / "pages.csv"))
