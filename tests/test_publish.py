"""Publishing whole (helpers.build.publish) and one build at a time (helpers.build.buildlock)."""

import subprocess
import sys

import pytest

from helpers.build import publish
from helpers.build.buildlock import build_lock
from helpers.errors import BuildError


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(tmp_path):
    out = tmp_path / "reports"
    (out / "years").mkdir(parents=True)
    (out / "index.html").write_text("old index", encoding="utf-8")
    (out / "years" / "2019.html").write_text("old 2019", encoding="utf-8")
    return out, tmp_path / "build"


def test_a_prepared_publication_replaces_the_old_one_whole(published, tmp_path):
    out, work = published
    nxt = publish.prepare(out, work)
    assert _tree(nxt) == _tree(out)  # a copy of what is published
    staged = tmp_path / "staged.html"
    staged.write_text("new 2019", encoding="utf-8")
    publish.place(staged, nxt / "years" / "2019.html")
    (nxt / "index.html").write_text("new index", encoding="utf-8")
    assert (out / "index.html").read_text(encoding="utf-8") == "old index"  # nothing published yet
    publish.switch(out, work)
    assert _tree(out) == {"index.html": b"new index", "years/2019.html": b"new 2019"}
    assert not any(p.name.endswith(".tmp") for p in out.rglob("*"))
    assert not (work / "publish" / "next").exists()  # the old publication is gone


def test_the_first_publication_is_moved_into_place(tmp_path):
    out, work = tmp_path / "reports", tmp_path / "build"
    nxt = publish.prepare(out, work)
    (nxt / "index.html").write_text("first", encoding="utf-8")
    publish.switch(out, work)
    assert (out / "index.html").read_text(encoding="utf-8") == "first"


def test_a_build_killed_between_the_two_renames_is_put_back(published):
    out, work = published
    before = _tree(out)
    _, previous = publish.folders(work)
    previous.parent.mkdir(parents=True)
    out.rename(previous)  # the fallback's first rename happened, the second did not
    assert publish.recover(out, work)
    assert _tree(out) == before
    assert not publish.recover(out, work)  # nothing to do the second time


def test_a_second_build_in_the_same_checkout_is_refused_with_the_holder_named(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from helpers.build.buildlock import build_lock\n"
            f"with build_lock({str(tmp_path)!r}):\n    print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        refused = f"another build is running in this checkout \\(process {holder.pid}\\)"
        with pytest.raises(BuildError, match=refused), build_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()
    with build_lock(tmp_path):  # a killed build leaves no stale lock
        pass


def test_reports_on_another_file_system_are_staged_beside_them_and_nothing_is_left(published, monkeypatch):
    # A rename cannot cross file systems: with --out-dir on another disk, build/publish/ cannot be switched in.
    out, work = published
    monkeypatch.setattr(publish, "_same_file_system", lambda a, b: False)
    nxt, previous = publish.folders(work, out)
    assert nxt.parent == out.parent / ".reports.publish" and previous.parent == nxt.parent
    assert publish.prepare(out, work) == nxt
    (nxt / "index.html").write_text("new index", encoding="utf-8")
    publish.switch(out, work)
    assert _tree(out) == {"index.html": b"new index", "years/2019.html": b"old 2019"}
    assert sorted(p.name for p in out.parent.iterdir()) == ["reports"]  # no staging folder left beside it


def test_the_same_file_system_is_told_by_device(tmp_path):
    assert publish._same_file_system(tmp_path / "not" / "made", tmp_path)
    assert publish.folders(tmp_path / "build", tmp_path / "reports") == publish.folders(tmp_path / "build")


def test_a_publication_that_failed_half_way_is_discarded(published, monkeypatch):
    out, work = published
    before = _tree(out)
    monkeypatch.setattr(publish, "_same_file_system", lambda a, b: False)
    nxt = publish.prepare(out, work)
    (nxt / "index.html").write_text("half", encoding="utf-8")
    publish.discard(out, work)
    assert _tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["reports"]


def test_a_full_disk_while_copying_stops_at_the_first_file_with_its_errno(published, monkeypatch):
    import errno
    import os
    import shutil

    out, work = published

    def full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(OSError) as caught:
        publish.prepare(out, work)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename.endswith("index.html")


def test_leftover_temporary_files_are_not_copied_into_the_next_publication(published):
    out, work = published
    (out / "years" / ".2019.html.x1.tmp").write_text("half", encoding="utf-8")
    assert sorted(_tree(publish.prepare(out, work))) == ["index.html", "years/2019.html"]


def test_a_second_build_that_comes_at_the_same_instant_still_names_the_first(tmp_path):
    import fcntl
    import threading

    lock = tmp_path / "build.lock"
    lock.write_text("", encoding="utf-8")
    holder = open(lock, "a+", encoding="utf-8")  # noqa: SIM115
    fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)  # taken, its process id not written yet

    def write_id_late():
        holder.write("4242")
        holder.flush()

    threading.Timer(0.2, write_id_late).start()
    try:
        with pytest.raises(BuildError, match=r"\(process 4242\)"), build_lock(tmp_path):
            pass
    finally:
        holder.close()
