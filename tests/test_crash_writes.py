"""A crash in the middle of a write leaves no half-written file and no broken audit log."""

from __future__ import annotations

import ast
import json
import time
from pathlib import Path

import pytest

from artefacts.audit import AuditEvent
from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.scaffold import scaffold
from tests.builders import empty_needs_map

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("artefacts", "knowledge", "agents", "flows")
WRITERS = {"write_text", "write_bytes", "savefig"}  # pathlib, matplotlib


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "proj"
    scaffold(root, name="Buurtkracht", language="nl")
    return Workspace(root)


class Crash(Exception):
    """Stands in for the process dying at this moment."""


def _offenders() -> list[str]:
    """Every call in the packages that writes a file in place, outside ``artefacts/files.py``."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path == ROOT / "artefacts" / "files.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                writes_file = name in WRITERS and bool(node.args) and not _to_buffer(node.args[0])
                if writes_file or _opens_for_writing(node, name):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def _opens_for_writing(call: ast.Call, name: str) -> bool:
    """``open(p, "w")``, ``os.fdopen(fd, "a")``, ``path.open("w")``, ``mode="x"``."""
    if name not in {"open", "fdopen"}:
        return False
    position = 0 if isinstance(call.func, ast.Attribute) and name == "open" else 1
    modes = [call.args[position]] if len(call.args) > position else []
    modes += [k.value for k in call.keywords if k.arg == "mode"]
    return any(isinstance(m, ast.Constant) and str(m.value)[:1] in {"w", "a", "x"} for m in modes)


def _to_buffer(arg: ast.expr) -> bool:
    """``document.save(buffer)``, ``figure.savefig(buffer)``: into memory, not a file."""
    return isinstance(arg, ast.Name) and arg.id in {"buffer", "out", "stream"}


def test_every_file_is_written_through_artefacts_files():
    """Whole or not at all (temp file, fsync, os.replace), or appended in one write: never in place."""
    assert _offenders() == []


def test_a_save_cut_off_after_the_json_is_completed_by_the_next_run(ws, monkeypatch):
    import artefacts.render_markdown

    def crash(*args, **kwargs):
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(artefacts.render_markdown, "render_markdown", crash)
        with pytest.raises(Crash):
            ws.save(empty_needs_map())
    assert ws.versions(NeedsMap) == [1]
    assert not ws.path(NeedsMap, 1, ".md").exists() and ws.audit.history("needs-map") == []

    completed = ws.complete_interrupted()
    assert completed == [("needs-map", 1)]
    assert ws.path(NeedsMap, 1, ".md").is_file()
    [event] = ws.audit.history("needs-map")
    assert event.action == "drafted" and event.version == 1 and event.actor == "samen"
    assert ws.complete_interrupted() == []  # whole now: nothing more to do
    assert ws.save(empty_needs_map()) == (1, False)


def test_an_append_cut_off_before_the_head_was_updated_leaves_a_log_that_verifies(ws, monkeypatch):
    import artefacts.audit

    ws.audit.append(AuditEvent(actor="samen", action="drafted", artefact="needs-map", version=1))
    real = artefacts.audit.write_atomic
    calls = {"n": 0}

    def dies_at_the_final_head(path, content):
        calls["n"] += 1
        if calls["n"] == 2:  # the head after the line was appended
            raise Crash
        real(path, content)

    with monkeypatch.context() as patch:
        patch.setattr(artefacts.audit, "write_atomic", dies_at_the_final_head)
        with pytest.raises(Crash):
            ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=1))
    report = ws.audit.verify()
    assert report.intact and report.lines == 2, report.problem
    assert ws.state("needs-map", 1) == "approved"
    ws.audit.append(AuditEvent(actor="Bo", action="reviewed", artefact="needs-map", version=1))
    assert ws.audit.verify().intact and ws.audit.verify().lines == 3


def test_a_line_appended_by_hand_after_a_cut_off_append_is_still_caught(ws, monkeypatch):
    import artefacts.audit

    ws.audit.append(AuditEvent(actor="samen", action="drafted", artefact="needs-map", version=1))
    real = artefacts.audit.write_atomic

    def dies_before_the_line(path, content):
        real(path, content)
        raise Crash  # the pending head is written; the line never is

    with monkeypatch.context() as patch:
        patch.setattr(artefacts.audit, "write_atomic", dies_before_the_line)
        with pytest.raises(Crash):
            ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=1))
    assert ws.audit.verify().intact and ws.audit.verify().lines == 1
    lines = ws.audit.path.read_text(encoding="utf-8").splitlines()
    forged = AuditEvent(actor="Eve", action="approved", artefact="needs-map", version=1)
    from artefacts.audit_chain import next_link

    seq, prev = next_link(lines)
    with ws.audit.path.open("a", encoding="utf-8") as out:  # noqa: PTH123 - the forger's own write
        out.write(forged.model_copy(update={"seq": seq, "prev": prev}).model_dump_json() + "\n")
    report = ws.audit.verify()
    assert not report.intact and report.problem is not None and report.problem.line == 2


def test_the_call_log_reads_past_a_line_cut_off_by_a_crash(tmp_path):
    from agents.shared.call_records import CallLog

    log = CallLog(tmp_path / "calls.jsonl")
    log.append({"status": "ok"})
    with log.path.open("a", encoding="utf-8") as out:  # noqa: PTH123 - what a killed writer leaves
        out.write('{"status": "o')
    log.append({"status": "ok again"})
    assert [record["status"] for record in log.read()] == ["ok", "ok again"]


def test_leftover_temporary_files_of_a_killed_writer_are_swept_when_old(ws):
    from artefacts.files import sweep_leftovers

    folder = ws.artefacts_dir / "1-initiative"
    folder.mkdir(parents=True)
    old = folder / ".needs-map.v1.json.abc123.tmp"
    fresh = folder / ".needs-map.v2.json.def456.tmp"
    mine = folder / "notes.tmp"  # not ours: never touched
    for path in (old, fresh, mine):
        path.write_text("{", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    import os

    os.utime(old, (an_hour_ago, an_hour_ago))
    assert sweep_leftovers([ws.artefacts_dir], older_than=600) == [old]
    assert not old.exists() and fresh.exists() and mine.exists()
    json.loads('{"kept": true}')
