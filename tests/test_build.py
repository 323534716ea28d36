"""Whole builds: the committed reports are what the code makes, and bad input publishes nothing.

Only the first test reads the live ``data/`` (it is about the published product: a
rebuild from what is committed gives the committed ``reports/``). Every other test
builds the seed corpus (``tests/fixtures/seed/``), so adding articles to ``data/raw/``
never breaks them.
"""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import SEED, SEED_MANIFEST, SEED_RAW, copy_corpus

from helpers import paths
from helpers.build.pipeline import build
from helpers.build.registry import REPORTS, plan, year_report
from helpers.errors import BuildError, EmptyFileError, NoArticlesError


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_committed_reports_are_what_the_code_and_data_produce(tmp_path):
    # The published product, on the live data/: after adding articles or changing
    # code, this fails until `make report` is run and reports/ committed.
    rebuilt = tmp_path / "reports"
    build(out_dir=rebuilt, work_dir=tmp_path / "build")
    committed, rebuilt = tree(paths.REPORTS), tree(rebuilt)
    stale = (
        "reports/ is stale (data/, code or lexicon changed since it was built): run `make report` and commit reports/"
    )
    assert sorted(rebuilt) == sorted(committed), (
        f"{stale}; new: {sorted(set(rebuilt) - set(committed))}, gone: {sorted(set(committed) - set(rebuilt))}"
    )
    changed = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert not changed, f"{stale}; differ from a fresh build: {changed}"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    """Build every report from the seed corpus into a scratch folder."""
    out = tmp_path_factory.mktemp("reports")
    build(raw_dir=SEED_RAW, manifest=SEED_MANIFEST, out_dir=out, work_dir=tmp_path_factory.mktemp("build"))
    return out


@pytest.mark.slow
def test_two_builds_give_the_same_bytes(seed_build, tmp_path):
    build(raw_dir=SEED_RAW, manifest=SEED_MANIFEST, out_dir=tmp_path / "again", work_dir=tmp_path / "work")
    assert tree(tmp_path / "again") == tree(seed_build)


@pytest.fixture
def published(tmp_path):
    """A copy of the published reports and of the seed corpus, to damage: (reports, raw, manifest)."""
    reports = tmp_path / "reports"
    shutil.copytree(paths.REPORTS, reports)
    return (reports, *copy_corpus(SEED, tmp_path))


def test_bad_input_stops_the_build_and_leaves_reports_as_they_were(published, tmp_path):
    reports, raw, manifest = published
    (raw / "new_article.txt").write_bytes(b"")
    before = tree(reports)
    with (
        pytest.raises(EmptyFileError, match="new_article.txt"),
        pytest.warns(UserWarning, match="new_article.txt has no row in"),
    ):
        build(raw_dir=raw, manifest=manifest, out_dir=reports, work_dir=tmp_path / "work")
    assert tree(reports) == before


def test_the_command_line_exits_non_zero_with_the_message(published, tmp_path):
    reports, raw, manifest = published
    (raw / "000_d456980f3589ac9b.txt").write_bytes("被改动的文字".encode("gb18030"))
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
            str(reports),
            "--work-dir",
            str(tmp_path / "w"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "000_d456980f3589ac9b.txt: sha256 is" in done.stderr and "restore the original bytes" in done.stderr
    assert filecmp.cmp(reports / "index.html", paths.REPORTS / "index.html", shallow=False)


def test_plan_builds_every_overview_report_and_every_corpus_year(articles):
    keys = [s.key for s in plan(articles)]
    assert keys == [s.key for s in REPORTS] + ["years/2017", "years/2018", "years/2019", "years/2021"]
    assert [s.key for s in plan(articles, years=[2021])] == ["years/2021"]
    assert [s.key for s in plan(articles, names=["02_themes"])] == ["02_themes"]


def test_a_year_without_articles_is_an_error_listing_the_years(articles):
    with pytest.raises(
        NoArticlesError, match="no articles about the zone in 2020; years with articles: 2017, 2018, 2019, 2021"
    ):
        plan(articles, years=[2020])
    with pytest.raises(BuildError, match="unknown report"):
        plan(articles, names=["99_nothing"])


def test_year_reports_link_home_from_their_folder():
    assert year_report(2021).html == "years/2021.html" and year_report(2021).home == "../index.html"
    assert dict(year_report(2021).parameters) == {"year": 2021}


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--year", "2020"], "years with articles: 2017, 2018, 2019, 2021"),
        (["--only", "nothing"], "unknown report(s) nothing"),
    ],
)
def test_the_command_line_refuses_bad_choices_before_building(published, tmp_path, argv, words):
    reports, raw, manifest = published
    before = tree(reports)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers",
            "build",
            *argv,
            "--raw-dir",
            str(raw),
            "--manifest",
            str(manifest),
            "--out-dir",
            str(reports),
            "--work-dir",
            str(tmp_path / "w"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and words in done.stderr
    assert tree(reports) == before


@pytest.mark.slow
def test_a_new_year_dropped_into_the_corpus_gets_its_article_report_and_index_entry(published, tmp_path):
    reports, raw, manifest = published
    # A page saved from a government site, with menus, breadcrumbs, hotline and publication lines.
    shutil.copyfile(Path(__file__).parent / "fixtures" / "new_year" / "gov_page_2023.txt", raw / "saved_page.txt")
    with pytest.warns(UserWarning, match="saved_page.txt has no row .* A row is optional"):
        build(raw_dir=raw, manifest=manifest, out_dir=reports, work_dir=tmp_path / "work")
    articles = (reports / "data" / "articles.csv").read_text(encoding="utf-8")
    assert (
        "saved_page.txt" in articles
        and "高新区召开2023年“双招双引”工作推进会议" in articles
        and "2023-03-15" in articles
    )
    review = (reports / "years" / "2023.html").read_text(encoding="utf-8")
    assert "2023 in review" in review and "高新技术企业" in review
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="years/2023.html"' in index and "2023 (1)" in index


def test_every_published_table_is_described_on_the_index():
    from helpers.report.index import TABLE_DESCRIPTIONS

    published = {t for spec in REPORTS for t in spec.tables}
    assert published <= set(TABLE_DESCRIPTIONS), published - set(TABLE_DESCRIPTIONS)


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_skips_every_report(published, tmp_path):
    reports, raw, manifest = published
    work = tmp_path / "work"
    corpus = {"raw_dir": raw, "manifest": manifest}
    first = build(names=["01_corpus"], out_dir=reports, work_dir=work, **corpus)
    assert first.published == ["01_corpus"]
    again = build(names=["01_corpus"], out_dir=reports, work_dir=work, **corpus)
    assert (again.published, again.skipped) == ([], ["01_corpus"])
    forced = build(names=["01_corpus"], out_dir=reports, work_dir=work, force=True, **corpus)
    assert forced.published == ["01_corpus"]


@pytest.mark.slow
def test_a_failing_report_does_not_stop_the_others_and_keeps_its_published_version(published, tmp_path, monkeypatch):
    from helpers.build import pipeline as build_module
    from helpers.build import registry

    reports, raw, manifest = published
    (reports / "broken.html").write_text("<p>the version published before</p>", encoding="utf-8")
    # A report whose notebook stops in a cell: no articles in the years asked for.
    broken = registry.ReportSpec(
        "03_indicators",
        "Broken on purpose",
        "fails",
        (),
        output="broken.html",
        parameters=(("first_year", 2030), ("last_year", 2031)),
    )
    specs = (registry.REPORTS[0], broken)
    monkeypatch.setattr(registry, "REPORTS", specs)
    monkeypatch.setattr(build_module, "REPORTS", specs)
    with pytest.raises(BuildError) as caught:
        build(
            names=["01_corpus", "03_indicators"],
            raw_dir=raw,
            manifest=manifest,
            out_dir=reports,
            work_dir=tmp_path / "work",
        )
    message = str(caught.value)
    assert (
        "1 report(s) failed" in message
        and "broken: cell" in message
        and "no articles about the zone between 2030 and 2031" in message
    )
    assert str(tmp_path / "work" / "executed" / "broken.ipynb") in message
    assert (reports / "broken.html").read_text(encoding="utf-8") == "<p>the version published before</p>"
    assert "stale: the latest build failed" in (reports / "index.html").read_text(encoding="utf-8")
