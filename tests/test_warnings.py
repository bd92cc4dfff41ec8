"""Never wrong in silence: what an artefact asks a reviewer to check reaches the artefact's head,
`samen status` and the run's output."""

from __future__ import annotations

from artefacts.store import Workspace
from flows.status import project_status
from tests.builders import empty_needs_map


def test_an_artefacts_warning_is_shown_where_the_reviewer_looks(tmp_path):
    from flows.scaffold import scaffold

    scaffold(tmp_path / "p", name="Bond", language="nl")
    ws = Workspace(tmp_path / "p")
    needs_map = empty_needs_map()
    needs_map.meta.warnings = ["'Spreker 1' stelt in 9 van de 10 bestanden de vragen; interviewer?"]
    version, _ = ws.save(needs_map)
    rendered = ws.path("needs-map", version, ".md").read_text(encoding="utf-8")
    assert "> **Let op:** 'Spreker 1' stelt" in rendered
    [warning] = project_status(ws, "nl").warnings
    assert warning.startswith("needs-map v1: ") and "Spreker 1" in warning
    assert "let op" not in warning  # `samen status` puts "let op:" before each warning itself, once


def test_a_draft_made_from_an_older_version_than_the_approved_one_is_a_warning(tmp_path):
    # the reviewer edits the needs map on the board (v2) and approves it; the concepts rest on v1
    from artefacts.audit import AuditEvent, EditDetails
    from flows.scaffold import scaffold
    from tests.phase2_builders import concepts

    scaffold(tmp_path / "p", name="Bond", language="en")
    ws = Workspace(tmp_path / "p")
    ws.save(empty_needs_map("en"))
    ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=1))
    drafted = concepts(language="en")
    drafted.meta.based_on = {"needs-map": 1}
    ws.save(drafted)
    assert project_status(ws, "en").warnings == []
    edited = empty_needs_map("en")
    edited.interviews = 1
    ws.save(edited, actor="Ann", action="edited", details=EditDetails(edits=[]))
    ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=2))
    [warning] = project_status(ws, "en").warnings
    assert "concept-hypotheses v1" in warning and "needs-map v1" in warning and "v2" in warning
    assert "samen run concept" in warning
