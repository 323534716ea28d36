"""Whole builds: the committed reports are what the code makes, and bad input publishes nothing.

Only the first test reads the live ``data/`` (it is about the published product: a
rebuild from what is committed gives the committed ``reports/``). Every other test
builds the seed corpus (``tests/fixtures/seed/``), so adding articles to ``data/raw/``
never breaks them.
"""

import errno
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from corpora import SEED, SEED_MANIFEST, SEED_RAW, copy_corpus

from helpers import paths
from helpers.build.pipeline import build
from helpers.build.registry import REPORTS, plan, year_report
from helpers.errors import BuildError, EmptyFileError, KernelStartError, NoArticlesError, ReportError


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::helpers.errors.CorpusWarning")  # the live corpus's notes are in its report
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
def test_two_builds_give_the_same_bytes_with_warm_or_fresh_kernels(seed_build, tmp_path, monkeypatch):
    from helpers.build import pipeline

    # The fixture's build reused one kernel per worker (two workers); this one starts a fresh
    # kernel for every report, one report at a time: the same bytes whatever the order.
    monkeypatch.setattr(pipeline, "enable_warm_kernels", lambda: None)
    build(raw_dir=SEED_RAW, manifest=SEED_MANIFEST, out_dir=tmp_path / "again", work_dir=tmp_path / "work", jobs=1)
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
def test_a_failing_report_publishes_nothing_and_names_the_failure(published, tmp_path, monkeypatch):
    from helpers.build import pipeline as build_module
    from helpers.build import registry

    reports, raw, manifest = published
    (reports / "broken.html").write_text("<p>the version published before</p>", encoding="utf-8")
    before = tree(reports)
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
    assert "nothing was published" in message
    assert (reports / "broken.html").read_text(encoding="utf-8") == "<p>the version published before</p>"
    assert tree(reports) == before  # 01_corpus built, but the publication stays whole: the old one


# --- Issue #10: paths relative to the caller, unexpected failures --------------------


def fake_run_report(record_to: Path, fail: dict | None = None):
    """A stand-in for run_report that stages a dummy report (no kernel), notes what reached it, or fails.

    Workers are forked processes: what reached a report is written to ``record_to/<name>.json``.
    """
    import json

    def run(spec, params, shown, raw_dir, manifest, work_dir, raw_files=None):
        if spec.key in (fail or {}):
            raise fail[spec.key]
        (record_to / f"{spec.name}.json").write_text(
            json.dumps(
                {"params": params, "raw_dir": str(raw_dir), "manifest": str(manifest), "work_dir": str(work_dir)}
            ),
            encoding="utf-8",
        )
        staging = Path(work_dir) / "staging" / spec.key
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "data").mkdir(parents=True)
        for table in spec.tables:
            (staging / "data" / table).write_text("a\n", encoding="utf-8")
        (staging / spec.html).parent.mkdir(parents=True, exist_ok=True)
        (staging / spec.html).write_text("<p>built by the stand-in</p>", encoding="utf-8")
        return staging

    return run


def reached(record_to: Path, name: str) -> dict:
    import json

    return json.loads((record_to / f"{name}.json").read_text(encoding="utf-8"))


def test_relative_paths_are_resolved_against_the_callers_folder(tmp_path, monkeypatch):
    from helpers.build import pipeline

    copy_corpus(SEED, tmp_path / "corpus")
    shutil.copyfile(paths.LEXICON / "themes.yml", tmp_path / "my_themes.yml")
    (tmp_path / "calls").mkdir()
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls"))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    monkeypatch.chdir(tmp_path)
    result = build(
        names=["02_themes"],
        params={"themes_file": "my_themes.yml", "lexicon_dir": "../" + tmp_path.name + "/corpus/../corpus"},
        raw_dir=Path("corpus/raw"),
        manifest=Path("corpus/corpus.csv"),
        out_dir=Path("reports"),
        work_dir=Path("work"),
    )
    assert result.published == ["02_themes"]
    got = reached(tmp_path / "calls", "02_themes")
    assert got["params"]["raw_dir"] == got["raw_dir"] == str(tmp_path / "corpus" / "raw")
    assert got["params"]["manifest"] == got["manifest"] == str(tmp_path / "corpus" / "corpus.csv")
    assert got["params"]["themes_file"] == str(tmp_path / "my_themes.yml")
    assert got["params"]["lexicon_dir"] == str(tmp_path / "corpus")
    assert got["work_dir"] == str(tmp_path / "work")
    assert (tmp_path / "reports" / "02_themes.html").exists() and (tmp_path / "reports" / "index.html").exists()


def test_a_relative_corpus_given_as_parameters_is_the_corpus_built(tmp_path, monkeypatch):
    from helpers.build import pipeline

    copy_corpus(SEED, tmp_path / "corpus")
    (tmp_path / "calls").mkdir()
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls"))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    monkeypatch.chdir(tmp_path)
    build(
        names=["01_corpus"],
        params={"raw_dir": "corpus/raw", "manifest": "corpus/corpus.csv"},
        out_dir=tmp_path / "reports",
        work_dir=tmp_path / "work",
    )
    got = reached(tmp_path / "calls", "01_corpus")
    # The corpus read, checked and hashed is the one the notebook gets.
    assert got["params"]["raw_dir"] == got["raw_dir"] == str(tmp_path / "corpus" / "raw")
    assert got["params"]["manifest"] == got["manifest"] == str(tmp_path / "corpus" / "corpus.csv")


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"params": {"themes_file": "nowhere.yml"}}, "parameter 'themes_file' names nowhere.yml, which does not exist"),
        ({"params": {"raw_dir": "corpus/raw"}, "raw_dir": Path("elsewhere")}, "--raw-dir .* and parameter 'raw_dir'"),
    ],
)
def test_a_path_parameter_that_cannot_be_right_stops_the_build(tmp_path, monkeypatch, kwargs, words):
    from helpers.errors import ParameterError

    copy_corpus(SEED, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    kwargs = {"raw_dir": Path("corpus/raw"), "manifest": Path("corpus/corpus.csv"), **kwargs}
    with pytest.raises(ParameterError, match=words):
        build(names=["02_themes"], out_dir=tmp_path / "reports", work_dir=tmp_path / "work", **kwargs)
    assert not (tmp_path / "reports").exists()


class DeadKernelError(RuntimeError):
    """Stands in for nbclient's DeadKernelError (a RuntimeError): not one of the project's errors."""


def test_an_unexpected_failure_in_one_report_is_listed_and_nothing_is_published(
    published, tmp_path, monkeypatch, capsys
):
    from helpers.__main__ import main
    from helpers.build import pipeline

    reports, raw, manifest = published
    before = tree(reports)
    (tmp_path / "calls").mkdir()
    dead = {"02_themes": DeadKernelError("Kernel died before replying to kernel_info")}
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls", fail=dead))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    with pytest.raises(BuildError) as caught:
        build(names=["01_corpus", "02_themes", "03_indicators"], force=True, **corpus)
    message = str(caught.value)
    assert "1 report(s) failed" in message
    assert "02_themes: failed with DeadKernelError: Kernel died before replying to kernel_info" in message
    assert tree(reports) == before  # the others built, but only a whole build is published
    staged = tmp_path / "work" / "staging"
    assert (staged / "01_corpus" / "01_corpus.html").read_text(encoding="utf-8") == "<p>built by the stand-in</p>"
    # The command line lists it too, and exits non-zero.
    argv = ["build", "--only", "01_corpus", "02_themes", "--force"]
    for option, value in corpus.items():
        argv += ["--" + option.replace("_", "-"), str(value)]
    assert main(argv) == 2
    assert "02_themes: failed with DeadKernelError" in capsys.readouterr().err


@pytest.mark.slow
def test_a_build_from_relative_paths_runs_its_notebook(tmp_path, monkeypatch):
    # The kernel runs in notebooks/: relative paths must have been made absolute before it starts.
    copy_corpus(SEED, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    result = build(
        names=["01_corpus"],
        raw_dir=Path("corpus/raw"),
        manifest=Path("corpus/corpus.csv"),
        out_dir=Path("reports"),
        work_dir=Path("work"),
    )
    assert result.published == ["01_corpus"]
    assert "d456980f3589ac9b" in (tmp_path / "reports" / "data" / "articles.csv").read_text(encoding="utf-8")


@pytest.mark.filterwarnings("ignore::helpers.errors.CorpusWarning")  # a corpus without a manifest, on purpose
def test_an_edited_article_rebuilds_the_overview_and_its_years_reviews_only(tmp_path, monkeypatch):
    from helpers.build import pipeline

    raw, _ = copy_corpus(SEED, tmp_path / "corpus")
    (tmp_path / "calls").mkdir()
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls"))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    where = {"raw_dir": raw, "manifest": tmp_path / "no-manifest.csv"}  # no sha256 to keep: the page may change
    where |= {"out_dir": tmp_path / "reports", "work_dir": tmp_path / "work"}
    first = build(**where)
    page = raw / "001_cef1137a2e8bed19.txt"  # the 2017 article
    page.write_text(page.read_text("utf-8") + "\n济宁高新区新增高新技术企业12家。\n", encoding="utf-8")
    second = build(**where)
    overview = [s.key for s in REPORTS]
    assert sorted(first.published) == sorted(overview + ["years/2017", "years/2018", "years/2019", "years/2021"])
    # 2017 changed, and 2018 is compared with 2017; 2019 and 2021 read neither year.
    assert sorted(second.published) == sorted(overview + ["years/2017", "years/2018"])
    assert sorted(second.skipped) == ["years/2019", "years/2021"]


def _cli(argv_corpus: dict, extra: list[str], capsys) -> tuple[int, list[str]]:
    """Run ``python -m helpers build`` in this process; return the exit code and the stderr lines that are errors."""
    from helpers.__main__ import main

    argv = ["build", *extra]
    for option, value in argv_corpus.items():
        argv += ["--" + option.replace("_", "-"), str(value)]
    code = main(argv)
    return code, [line for line in capsys.readouterr().err.splitlines() if not line.startswith("warning: ")]


def _failing_write(monkeypatch, code: int, under: Path):
    """Make every atomic write under ``under`` fail as the system would with ``code``."""
    from helpers import atomic

    write = atomic.write_bytes

    def write_or_fail(target, data):
        if Path(target).is_relative_to(under):
            raise OSError(code, os.strerror(code), str(target))
        return write(target, data)

    monkeypatch.setattr(atomic, "write_bytes", write_or_fail)


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "no space left on the disk holding {next}/"),
        (errno.EROFS, "is on a read-only file system; make the folder writable"),
        (errno.EACCES, "no permission to write {next}/"),
        (errno.EPERM, "the system refused to change {next}/"),
    ],
)
def test_a_disk_that_refuses_the_publication_is_one_line_and_reports_stay(
    published, tmp_path, monkeypatch, capsys, code, words
):
    from helpers.build import pipeline

    reports, raw, manifest = published
    before = tree(reports)
    (tmp_path / "calls").mkdir()
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls"))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    _failing_write(monkeypatch, code, tmp_path / "work" / "publish")
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    exit_code, errors_shown = _cli(corpus, ["--only", "01_corpus", "--force"], capsys)
    assert exit_code == 2
    assert len(errors_shown) == 1 and errors_shown[0].startswith("error: ")
    assert words.format(next=tmp_path / "work" / "publish" / "next") in errors_shown[0]
    assert "then build again" in errors_shown[0]
    assert tree(reports) == before


def test_a_full_disk_in_a_report_worker_is_one_line_not_a_list_of_failures(published, tmp_path, monkeypatch, capsys):
    from helpers.build import pipeline

    reports, raw, manifest = published
    before = tree(reports)
    executed = tmp_path / "work" / "executed" / "02_themes.ipynb"
    full = {key: OSError(errno.ENOSPC, "No space left on device", str(executed)) for key in ("01_corpus", "02_themes")}
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path, fail=full))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    exit_code, errors_shown = _cli(corpus, ["--only", "01_corpus", "02_themes", "--force"], capsys)
    assert exit_code == 2
    assert errors_shown == [
        f"error: no space left on the disk holding {executed}; free disk space "
        "(or build with --out-dir/--work-dir on another disk), then build again"
    ]
    assert tree(reports) == before


def test_a_work_folder_deleted_mid_build_is_one_line_and_reports_stay(published, tmp_path, monkeypatch, capsys):
    from helpers.build import pipeline, publish

    reports, raw, manifest = published
    before = tree(reports)
    work = tmp_path / "work"
    (tmp_path / "calls").mkdir()
    monkeypatch.setattr(pipeline, "run_report", fake_run_report(tmp_path / "calls"))
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    prepare = publish.prepare

    def delete_build_then_prepare(out_dir, work_dir):
        shutil.rmtree(Path(work_dir) / "staging")  # someone deletes build/ while the reports ran
        return prepare(out_dir, work_dir)

    monkeypatch.setattr(publish, "prepare", delete_build_then_prepare)
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": work}
    exit_code, errors_shown = _cli(corpus, ["--only", "01_corpus", "--force"], capsys)
    assert exit_code == 2 and len(errors_shown) == 1
    assert errors_shown[0].startswith(f"error: {work / 'staging' / '01_corpus'}")
    assert (
        "vanished while the build ran (build/ or reports/ deleted?); leave build/ and reports/ alone" in errors_shown[0]
    )
    assert tree(reports) == before


def test_a_read_only_work_folder_is_one_line(published, tmp_path, monkeypatch, capsys):
    from helpers.build import buildlock

    reports, raw, manifest = published
    before = tree(reports)
    work = tmp_path / "work"

    def read_only(path, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(buildlock, "open", read_only, raising=False)
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": work}
    exit_code, errors_shown = _cli(corpus, ["--only", "01_corpus", "--force"], capsys)
    assert exit_code == 2
    assert errors_shown == [
        f"error: {work / 'build.lock'} is on a read-only file system; make the folder writable "
        "(or publish elsewhere with --out-dir DIR), then build again"
    ]
    assert tree(reports) == before


def test_a_kernel_that_does_not_start_is_one_line(published, tmp_path, monkeypatch, capsys):
    from jupyter_client import manager

    from helpers.build import pipeline, run

    class SlowKernel:
        """Starts, but never answers (jupyter_client's wait_for_ready times out)."""

        has_kernel = True
        started = []

        def __init__(self, kernel_name):
            self.stopped = False

        def is_alive(self):
            return True

        def start_kernel(self, cwd):
            SlowKernel.started.append(cwd)

        def client(self):
            raise RuntimeError("Kernel didn't respond in 60 seconds")

        def shutdown_kernel(self, now):
            self.stopped = True

    monkeypatch.setattr(manager, "KernelManager", SlowKernel)
    monkeypatch.setattr(run, "ensure_kernel", lambda: "jhn")
    monkeypatch.setitem(run.WARM_KERNELS, "enabled", True)
    spec = REPORTS[0]
    with pytest.raises(KernelStartError, match=r"did not answer within 60 s \(Kernel didn't respond in 60 seconds\)"):
        run.execute(spec, {}, tmp_path)
    assert len(SlowKernel.started) == 2  # tried again once (a port taken by another program kills a start)
    assert "km" not in run.WARM_KERNELS  # a kernel that never answered is not reused

    # Through the command line: one line, exit 2, nothing published.
    reports, raw, manifest = published
    before = tree(reports)
    monkeypatch.setattr(
        pipeline,
        "run_report",
        fake_run_report(
            tmp_path, fail={"01_corpus": run.kernel_start_error(RuntimeError("Kernel didn't respond in 60 seconds"))}
        ),
    )
    monkeypatch.setattr(pipeline, "ensure_kernel", lambda: "jhn")
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    exit_code, errors_shown = _cli(corpus, ["--only", "01_corpus", "--force"], capsys)
    assert exit_code == 2 and len(errors_shown) == 1
    assert errors_shown[0].startswith("error: the build's Jupyter kernel did not start, or did not answer within 60 s")
    assert errors_shown[0].endswith("then build again (with --jobs 1 on a busy machine)")
    assert tree(reports) == before


@pytest.mark.parametrize(
    "manifest_bytes, words",
    [
        ("file,sha256\n上海.txt,abc\n".encode("gbk"), "not UTF-8 text (byte 12 cannot be read; saved as GBK?)"),
        (b"\xff\xfe\x00\x01binary", "not UTF-8 text (byte 0 cannot be read"),
        (None, "a folder, not the manifest"),
    ],
)
def test_a_manifest_that_is_not_utf8_text_is_one_line_naming_it(published, tmp_path, capsys, manifest_bytes, words):
    reports, raw, manifest = published
    before = tree(reports)
    if manifest_bytes is None:
        manifest = tmp_path / "a_folder"
        manifest.mkdir()
    else:
        manifest.write_bytes(manifest_bytes)
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    exit_code, errors_shown = _cli(corpus, ["--force"], capsys)
    assert exit_code == 2
    assert len(errors_shown) == 1 and errors_shown[0].startswith(f"error: {manifest}: {words}")
    assert tree(reports) == before


@pytest.mark.parametrize("kind", ["folder", "gbk", "laughs"])
def test_a_bad_parameter_file_is_one_line_naming_it(published, tmp_path, capsys, kind):
    reports, raw, manifest = published
    before = tree(reports)
    path = tmp_path / "p.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "gbk":
        path.write_bytes("year: 2019  # 二〇一九\n".encode("gbk"))
    else:
        path.write_text("a: &a [lol, lol]\nb: &b [*a, *a]\nc: [*b, *b]\n", encoding="utf-8")
    corpus = {"raw_dir": raw, "manifest": manifest, "out_dir": reports, "work_dir": tmp_path / "work"}
    exit_code, errors_shown = _cli(corpus, ["--year", "2019", "-f", str(path)], capsys)
    assert exit_code == 2 and len(errors_shown) == 1 and errors_shown[0].startswith(f"error: {path}: ")
    assert tree(reports) == before


def _args(**given):
    options = {"out_dir": None, "publish": False, "parameters_file": None, "parameter": []}
    return SimpleNamespace(**{"raw_dir": paths.RAW, "manifest": paths.MANIFEST, **options, **given})


@pytest.mark.parametrize(
    "given, folder",
    [
        ({}, "reports"),  # the defaults: the published reports
        ({"parameter": [["top_n", "25"]]}, "build/variants/top_n-25-"),  # an experiment: its own folder
        ({"parameter": [["top_n", "25"]], "publish": True}, "reports"),  # unless asked to publish
        ({"raw_dir": Path("/tmp/other/raw")}, "build/variants/raw_dir-raw-"),  # another corpus
        ({"parameter": [["top_n", "25"]], "out_dir": Path("/tmp/out")}, "/tmp/out"),  # a folder named
    ],
)
def test_a_build_other_than_the_defaults_publishes_to_its_own_folder_and_says_where(given, folder, capsys):
    from helpers.__main__ import _output_folder

    chosen = str(_output_folder(_args(**given)))
    expected = folder if folder.startswith("/") else str(paths.ROOT / folder)
    assert chosen.startswith(expected)
    said = capsys.readouterr().out
    assert (f"publishing to {folder}" in said) == folder.startswith("build/variants/")


def test_the_same_experiment_gets_the_same_folder_and_another_another():
    from helpers.__main__ import _output_folder

    first, again = (_output_folder(_args(parameter=[["top_n", "25"]])) for _ in range(2))
    assert first == again != _output_folder(_args(parameter=[["top_n", "26"]]))


def test_publish_and_out_dir_together_are_an_error():
    from helpers.__main__ import _output_folder

    with pytest.raises(ReportError, match="--publish and --out-dir contradict each other"):
        _output_folder(_args(publish=True, out_dir=Path("/tmp/out")))
