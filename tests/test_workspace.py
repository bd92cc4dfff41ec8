"""The workspace store and audit log: versions are never overwritten, states come from the log."""

from __future__ import annotations

import json
import os

import pytest

from artefacts.audit import AuditEvent
from artefacts.errors import InputError, NotFoundError
from artefacts.store import Workspace
from tests.builders import empty_needs_map


def test_save_makes_versions_and_never_overwrites(tmp_path):
    ws = Workspace(tmp_path)
    first = empty_needs_map()
    assert ws.save(first) == (1, True)
    path = ws.path("needs-map", 1)
    assert path == tmp_path / "artefacts" / "1-initiative" / "needs-map.v1.json"
    assert ws.path("needs-map", 1, ".md").read_text(encoding="utf-8").startswith("# Behoeftekaart")
    before = path.read_bytes()
    second = empty_needs_map()
    second.interviewees = ["P01"]
    assert ws.save(second) == (2, True)
    assert path.read_bytes() == before
    assert ws.versions("needs-map") == [1, 2]
    assert ws.load("needs-map").interviewees == ["P01"]


def test_unchanged_content_adds_no_version_unless_forced(tmp_path):
    ws = Workspace(tmp_path)
    ws.save(empty_needs_map())
    assert ws.save(empty_needs_map()) == (1, False)
    assert ws.save(empty_needs_map(), force=True) == (2, True)


def test_a_taken_version_number_moves_on_instead_of_overwriting(tmp_path):
    ws = Workspace(tmp_path)
    ws.save(empty_needs_map())
    # Another process wrote v2 between our look and our write: simulate by a file that is there.
    squatter = ws.path("needs-map", 2)
    squatter.write_text(json.dumps(json.loads(ws.path("needs-map", 1).read_text())), encoding="utf-8")
    changed = empty_needs_map()
    changed.interviewees = ["P09"]
    version, created = ws.save(changed)
    assert created and version == 3
    assert ws.load("needs-map", 2).interviewees == []


def test_review_state_is_the_last_event_for_that_version(tmp_path):
    ws = Workspace(tmp_path)
    ws.save(empty_needs_map())
    assert ws.state("needs-map", 1) == "draft"
    ws.audit.append(AuditEvent(actor="Anna", action="approved", artefact="needs-map", version=1, note="ok"))
    assert ws.state("needs-map", 1) == "approved"
    ws.audit.append(AuditEvent(actor="Bram", action="rejected", artefact="needs-map", version=1))
    assert ws.state("needs-map", 1) == "rejected"
    assert ws.latest_approved("needs-map") is None
    history = ws.audit.history("needs-map")
    assert [e.action for e in history] == ["drafted", "approved", "rejected"]
    assert history[1].actor == "Anna" and history[1].note == "ok"


def test_load_errors_say_what_to_do(tmp_path):
    ws = Workspace(tmp_path)
    with pytest.raises(NotFoundError, match="samen run initiative"):
        ws.load("needs-map")
    ws.save(empty_needs_map())
    with pytest.raises(NotFoundError, match="no version 4"):
        ws.load("needs-map", 4)
    with pytest.raises(NotFoundError, match="unknown artefact 'needs'"):
        ws.load("needs")


def test_a_damaged_artefact_file_is_named(tmp_path):
    ws = Workspace(tmp_path)
    ws.save(empty_needs_map())
    path = ws.path("needs-map", 1)
    os.chmod(path, 0o644)
    path.write_text('{"schema_version": 1}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        ws.load("needs-map", 1)
    assert "needs-map.v1.json" in str(info.value)


def test_a_damaged_audit_line_is_named_with_its_line(tmp_path):
    ws = Workspace(tmp_path)
    ws.save(empty_needs_map())
    with ws.audit.path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputError) as info:
        ws.state("needs-map", 1)
    assert info.value.line == 2
