"""The atomic-write helpers: a replaced file is whole, a new file never overwrites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from artefacts import files
from artefacts.files import write_atomic, write_new


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "state" / "record.json"
    write_atomic(path, "one")
    write_atomic(path, "twee ü")
    assert path.read_text(encoding="utf-8") == "twee ü"
    assert [p.name for p in path.parent.iterdir()] == ["record.json"]


def test_a_failed_replace_keeps_the_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "record.json"
    write_atomic(path, "old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "needs-map.v1.json"
    write_new(path, b"first")
    with pytest.raises(FileExistsError):
        write_new(path, b"second")
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["needs-map.v1.json"]
    assert os.stat(path).st_nlink == 1  # the temporary name is gone


def test_write_new_without_hard_links_still_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError("operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    path = tmp_path / "a.json"
    write_new(path, "first")
    with pytest.raises(FileExistsError):
        write_new(path, "second")
    assert path.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def _append_many(path: str, tag: str) -> None:
    for i in range(200):
        files.append_lines(Path(path), [f"{tag}-{i}-a " + "x" * 500, f"{tag}-{i}-b " + "y" * 500])


def test_lines_appended_by_two_processes_never_interleave(tmp_path: Path) -> None:
    import multiprocessing

    log = tmp_path / "edits.jsonl"
    context = multiprocessing.get_context("spawn")
    children = [context.Process(target=_append_many, args=(str(log), tag)) for tag in ("one", "two")]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
        assert child.exitcode == 0
    lines = log.read_text().splitlines()
    assert len(lines) == 800
    assert all(line.endswith(("x" * 500, "y" * 500)) and line.count("-") == 2 for line in lines)
    for tag in ("one", "two"):  # each call's two lines stay together, in order
        own = [line.split(" ")[0] for line in lines if line.startswith(tag)]
        assert own == [f"{tag}-{i}-{part}" for i in range(200) for part in "ab"]
    both = [line.split(" ")[0] for line in lines]
    assert all(both[i].endswith("-a") and both[i + 1] == both[i][:-1] + "b" for i in range(0, 800, 2))
