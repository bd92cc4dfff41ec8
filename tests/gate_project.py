"""A project that stands just before the gate: stand-in phase-1 and phase-2 artefacts, the agents stubbed.

The test flow then runs for real (Prefect, the workspace, the advice, the gate) in about a second.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from artefacts.audit import AuditEvent
from artefacts.base import ArtefactMeta
from artefacts.initiative import Champions, TargetGroups
from artefacts.store import Workspace
from flows.gatekeeper import Gatekeeper
from knowledge.surveys import SurveyTable
from tests.builders import empty_needs_map
from tests.phase2_builders import concepts, persona, questionnaire, results

REPO = Path(__file__).resolve().parent.parent


def make_project(tmp_path: Path, *, survey_results=None) -> Path:  # noqa: ANN001
    root = tmp_path / "proj"
    (root / "surveys").mkdir(parents=True)
    shutil.copy(REPO / "examples" / "nl-trainers" / "samen.yaml", root / "samen.yaml")
    (root / "surveys" / "answers.csv").write_text("Tijdstempel;Q\n1;2\n", encoding="utf-8")
    ws = Workspace(root)
    for artefact in (
        empty_needs_map(),
        TargetGroups(meta=ArtefactMeta(language="nl"), groups=[]),
        Champions(meta=ArtefactMeta(language="nl"), champions=[]),
        concepts(),
    ):
        version, _ = ws.save(artefact)
    approve(ws, "needs-map")
    Gatekeeper(ws).choose("C1", by="Ann")
    approve(ws, "concept-hypotheses")
    drafted = persona()
    drafted.meta.based_on = {"concept-hypotheses": 1}
    ws.save(drafted)
    drafted = questionnaire()
    drafted.meta.based_on = {"concept-hypotheses": 1, "persona": 1, "needs-map": 1}
    drafted.meta.inputs_digest = "C1"  # as the test flow stores it: reused while its inputs stand
    ws.save(drafted)
    approve(ws, "questionnaire")
    return root


def approve(ws: Workspace, name: str) -> None:
    version = ws.latest_version(name)
    assert version is not None
    ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact=name, version=version))


def stub_agents(monkeypatch: pytest.MonkeyPatch, outcome=None) -> list[str]:  # noqa: ANN001
    """Replace the drafting and analysis tasks with stand-ins; return the revision notes the concept draft saw."""
    import flows.concept
    import flows.survey

    notes: list[str] = []

    def draft_concepts(root, needs_map, target_groups, note):  # noqa: ANN001, ANN202
        notes.append(note)
        return concepts(note)

    monkeypatch.setattr(flows.concept, "draft_concepts", draft_concepts)
    monkeypatch.setattr(flows.concept, "draft_persona", lambda *a, **k: persona())
    monkeypatch.setattr(flows.survey, "draft_questionnaire", lambda *a, **k: questionnaire())
    answered = SurveyTable(sources=["surveys/answers.csv"], columns=["Q"], rows=[{"Q": "2"}])
    monkeypatch.setattr(flows.survey, "read_answers", lambda *a, **k: answered)
    monkeypatch.setattr(flows.survey, "analyse_survey", lambda *a, **k: outcome or results())
    monkeypatch.setattr(flows.survey, "write_results_html", lambda *a, **k: None)
    return notes
