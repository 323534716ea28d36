"""Whole builds: the committed reports are what the code makes, and bad input publishes nothing."""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths
from helpers.build import build
from helpers.errors import EmptyFileError


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    """Build every report from the committed code and data into a scratch folder."""
    out = tmp_path_factory.mktemp("reports")
    build(out_dir=out, work_dir=tmp_path_factory.mktemp("build"))
    return out


@pytest.mark.slow
def test_committed_reports_are_what_the_code_and_data_produce(fresh_build):
    committed, rebuilt = tree(paths.REPORTS), tree(fresh_build)
    assert sorted(rebuilt) == sorted(committed), "run `make report` and commit reports/"
    changed = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert not changed, f"{changed} differ from a fresh build: run `make report` and commit reports/"


@pytest.mark.slow
def test_two_builds_give_the_same_bytes(fresh_build, tmp_path):
    build(out_dir=tmp_path / "again", work_dir=tmp_path / "work")
    assert tree(tmp_path / "again") == tree(fresh_build)


@pytest.fixture
def published(tmp_path):
    """A copy of the published reports and of data/raw, to damage."""
    reports = tmp_path / "reports"
    shutil.copytree(paths.REPORTS, reports)
    raw = tmp_path / "raw"
    shutil.copytree(paths.RAW, raw)
    return reports, raw


def test_bad_input_stops_the_build_and_leaves_reports_as_they_were(published, tmp_path):
    reports, raw = published
    (raw / "new_article.txt").write_bytes(b"")
    before = tree(reports)
    with pytest.raises(EmptyFileError, match="new_article.txt"):
        build(raw_dir=raw, out_dir=reports, work_dir=tmp_path / "work")
    assert tree(reports) == before


def test_the_command_line_exits_non_zero_with_the_message(published, tmp_path):
    reports, raw = published
    (raw / "000_d456980f3589ac9b.txt").write_bytes("被改动的文字".encode("gb18030"))
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "build", "--raw-dir", str(raw), "--out-dir", str(reports), "--work-dir", str(tmp_path / "w")],
        capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert "000_d456980f3589ac9b.txt: sha256 is" in done.stderr and "restore the original bytes" in done.stderr
    assert filecmp.cmp(reports / "index.html", paths.REPORTS / "index.html", shallow=False)
