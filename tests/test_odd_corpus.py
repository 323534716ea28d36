"""Every report builds on a corpus of odd articles and says plainly what it cannot show.

The corpus (``tests/fixtures/corpus_odd/``, see its README) holds an undated
article, an article with no numbers, a furniture-only page, a short English
page, a year with a single article and a normal dated article. The build runs
with the project's own command into scratch folders, never into ``reports/``.
"""

import subprocess
import sys

import pandas as pd
import pytest
from corpora import ODD, copy_corpus


def build(raw, manifest, tmp_path):
    out = tmp_path / "reports"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "build",
            "--raw-dir",
            str(raw),
            "--manifest",
            str(manifest),
            "--out-dir",
            str(out),
            "--work-dir",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return out, done.stderr


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("odd")
    return build(*copy_corpus(ODD, tmp), tmp)


@pytest.mark.slow
def test_every_report_builds_and_the_undated_article_is_listed_as_undated(odd_build):
    out, stderr = odd_build
    assert "undated_meeting.txt" in stderr and "furniture_only.txt" in stderr  # each named in a warning
    articles = pd.read_csv(out / "data" / "articles.csv", dtype=str, keep_default_na=False)
    undated = articles[articles["file"] == "undated_meeting.txt"]
    assert undated[["date", "year", "about_zone"]].values.tolist() == [["", "", "True"]]
    assert "furniture_only.txt" not in set(articles["file"])
    corpus_report = (out / "01_corpus.html").read_text(encoding="utf-8")
    assert "Undated articles: 1; put the date in the date column of data/corpus.csv" in corpus_report
    assert (
        "undated_meeting.txt,f26e48ba479d4ac3062138d35d0eddefeb1a0d05cacbfd2a0d0289063e6be5d5,,YYYY-MM-DD,,,"
        in corpus_report
    )
    assert sorted(p.name for p in (out / "years").glob("*.html")) == ["2018.html", "2019.html"]


@pytest.mark.slow
def test_the_undated_article_is_in_no_year_but_its_figures_are_in_the_ledger(odd_build):
    out, _ = odd_build
    ledger = pd.read_csv(out / "data" / "indicators.csv", dtype=str, keep_default_na=False)
    undated = ledger[ledger["file"] == "undated_meeting.txt"]
    assert undated["value"].tolist() == ["61.7", "58", "1390", "45", "60", "81.63", "30"]
    assert (undated["year"] == "").all()
    theme_rows = pd.read_csv(out / "data" / "themes.csv", dtype=str, keep_default_na=False)
    assert not theme_rows["article_id"].str.startswith("f26e48ba").any()
    for page in ("02_themes.html", "03_indicators.html"):
        assert "(undated_meeting.txt) are in no year's statistics" in (out / page).read_text(encoding="utf-8")
    assert "f26e48ba-0" not in (out / "years" / "2019.html").read_text(
        encoding="utf-8"
    )  # not among 2019's articles or figures


@pytest.mark.slow
def test_the_odd_pages_say_what_they_cannot_show(odd_build):
    out, _ = odd_build
    themes_page = (out / "02_themes.html").read_text(encoding="utf-8")
    assert "No theme term occurs in the articles of 2018: that year has no theme shares." in themes_page
    review = (out / "years" / "2018.html").read_text(encoding="utf-8")
    assert "No term of the theme lexicon appears in that year" in review


@pytest.mark.slow
def test_a_corpus_of_one_year_builds_and_says_there_is_nothing_to_compare(tmp_path):
    raw, manifest = copy_corpus(ODD, tmp_path)
    for path in raw.iterdir():
        if path.name != "single_2018.txt":
            path.unlink()
    rows = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    rows[rows["file"] == "single_2018.txt"][["file", "sha256"]].to_csv(
        manifest, index=False
    )  # a manifest row may be just file,sha256
    out, _ = build(raw, manifest, tmp_path)
    narrative_page = (out / "04_narrative.html").read_text(encoding="utf-8")
    assert "<strong>Not drawn:</strong> one year only (2018): no change to compare" in narrative_page
    assert "<strong>Not drawn:</strong> no targets or plans in the articles about the zone" in narrative_page
    assert pd.read_csv(out / "data" / "indicators.csv").empty
