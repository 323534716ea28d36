"""Whole-or-nothing writes (helpers.atomic)."""

import pytest

from helpers import atomic


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "deep" / "index.html"
    atomic.write_text(target, "<p>旧</p>")
    atomic.write_text(target, "<p>新</p>")
    assert target.read_text(encoding="utf-8") == "<p>新</p>"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]


def test_an_unchanged_file_is_not_written_again(tmp_path):
    target = atomic.write_bytes(tmp_path / "a.html", b"same")
    before = target.stat().st_mtime_ns
    atomic.write_if_changed(target, b"same")
    assert target.stat().st_mtime_ns == before


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = atomic.write_bytes(tmp_path / "a.json", b"old")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_only_the_newest_entries_are_kept(tmp_path):
    import os

    for n in range(5):
        entry = atomic.write_bytes(tmp_path / f"tables-{n}.pkl", b"x")
        os.utime(entry, ns=(n * 10**9, n * 10**9))
    atomic.keep_newest(tmp_path, "tables-*.pkl", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables-3.pkl", "tables-4.pkl"]
