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
