"""The audit log is a hash chain: an edited, removed or appended line is found and acted on by no command."""

from __future__ import annotations

import json

import pytest

from artefacts.audit import AuditEvent, DecisionDetails
from artefacts.errors import InputError
from artefacts.store import Workspace
from flows.cli import run_cli
from flows.scaffold import scaffold


@pytest.fixture()
def ws(tmp_path):
    root = tmp_path / "proj"
    scaffold(root, name="Buurtkracht", language="nl")
    ws = Workspace(root)
    for version, actor in ((1, "Ann"), (2, "Bo")):
        ws.audit.append(AuditEvent(actor="samen", action="drafted", artefact="needs-map", version=version))
        ws.audit.append(AuditEvent(actor=actor, action="approved", artefact="needs-map", version=version))
    decided = DecisionDetails(
        decision="go", concept="C1", versions={"go-no-go-advice": 1}, decided_at="2026-12-01T10:00:00Z"
    )
    ws.audit.append(
        AuditEvent(
            actor="Ann", action="decided", artefact="go-no-go-advice", version=1, note="ja", details=decided
        )
    )
    return ws


def _lines(ws) -> list[str]:
    return ws.audit.path.read_text(encoding="utf-8").splitlines()


def _write(ws, lines: list[str]) -> None:
    ws.audit.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _refused_at(ws) -> int | None:
    with pytest.raises(InputError) as info:
        ws.state("needs-map", 1)
    assert "samen audit verify" in info.value.hint
    return info.value.line


def test_an_untouched_log_holds_and_links_every_line(ws):
    assert ws.audit.verify().intact
    events = list(ws.audit.events())
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev == "0" * 64 and events[1].prev != events[2].prev


def test_changing_go_to_no_go_in_the_last_line_is_caught(ws):
    lines = _lines(ws)
    lines[-1] = lines[-1].replace('"decision":"go"', '"decision":"no-go"')
    _write(ws, lines)
    assert _refused_at(ws) == 5
    assert ws.audit.verify().problem.reason == "audit_chain_last"


def test_an_edited_middle_line_is_named_by_the_line_after_it(ws):
    lines = _lines(ws)
    lines[1] = lines[1].replace('"actor":"Ann"', '"actor":"Eve"')
    _write(ws, lines)
    problem = ws.audit.verify().problem
    assert problem.line == 3 and problem.values == {"before": 2}


def test_a_removed_line_is_caught(ws):
    lines = _lines(ws)
    _write(ws, lines[:2] + lines[3:])
    assert ws.audit.verify().problem.line == 3
    _write(ws, lines[:-1])  # cut off the end
    assert ws.audit.verify().problem.reason == "audit_chain_count"


def test_an_appended_approval_dated_2020_is_caught_even_with_a_recomputed_link(ws):
    from artefacts.audit_chain import next_link

    lines = _lines(ws)
    forged = json.loads(lines[1])
    forged.update(at="2020-01-01T00:00:00Z", version=2, actor="Mallory")
    forged.pop("seq"), forged.pop("prev")
    _write(ws, [*lines, json.dumps(forged)])
    assert ws.audit.verify().problem.line == 6  # no link at all
    seq, prev = next_link(lines)
    forged.update(seq=seq, prev=prev)
    _write(ws, [*lines, json.dumps(forged)])
    problem = ws.audit.verify().problem
    assert problem.line == 6 and problem.reason == "audit_chain_time"
    forged.update(at="2030-01-01T00:00:00Z")  # dated later: still not in the head
    _write(ws, [*lines, json.dumps(forged)])
    assert ws.audit.verify().problem.reason == "audit_chain_count"


def test_a_broken_chain_is_refused_by_the_commands_that_act_on_it(ws, capsys):
    lines = _lines(ws)
    lines[-1] = lines[-1].replace('"decision":"go"', '"decision":"no-go"')
    _write(ws, lines)
    with pytest.raises(InputError):
        ws.audit.append(AuditEvent(actor="Bo", action="rejected", artefact="needs-map", version=2))
    assert len(_lines(ws)) == 5  # nothing written after a break
    assert run_cli(["audit", "verify", "--project", str(ws.root)]) == 1
    err = capsys.readouterr().err
    assert "audit.jsonl:5" in err and "back-up" in err
    assert run_cli(["status", "--project", str(ws.root)]) == 1


def test_verify_reports_an_intact_chain_and_its_head(ws, capsys):
    assert run_cli(["audit", "verify", "--project", str(ws.root), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["intact"] and report["lines"] == 5 and len(report["head"]) == 64


def test_lines_from_before_the_chain_are_an_unprotected_prefix(tmp_path):
    ws = Workspace(tmp_path)
    old = AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=1)
    ws.audit.path.parent.mkdir(parents=True, exist_ok=True)
    ws.audit.path.write_text(old.model_dump_json(exclude={"seq", "prev"}) + "\n", encoding="utf-8")
    assert ws.audit.verify().intact and ws.audit.verify().unchained == 1
    ws.audit.append(AuditEvent(actor="Bo", action="rejected", artefact="needs-map", version=1))
    report = ws.audit.verify()
    assert report.intact and report.lines == 2 and ws.state("needs-map", 1) == "rejected"
