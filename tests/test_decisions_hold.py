"""Decisions hold until an input really changes: the state bugs of the approval chain, through Prefect.

The agents are stubbed (tests/gate_project.py); the flows, the store, the gatekeeper and the audit log
are real.
"""

from __future__ import annotations

import pytest

from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from artefacts.survey import GateDecision
from flows.context import ProjectContext
from flows.gatekeeper import Gatekeeper
from tests.gate_project import make_project, stub_agents

pytestmark = pytest.mark.slow


def _to_the_gate(root) -> Workspace:  # noqa: ANN001
    """Walk a project through phases 2a and 2b as a reviewer would, up to the advice at the gate."""
    from flows.concept import concept
    from flows.initiative import interviews_digest
    from flows.survey import test_phase

    ws = Workspace(root)
    gate = Gatekeeper(ws)
    needs_map = ws.load(NeedsMap)
    needs_map.meta.inputs_digest = interviews_digest(ProjectContext.open(root))
    version, _ = ws.save(needs_map, force=True)  # as phase 1 stores it: with the interviews' digest
    gate.review("approved", "needs-map", by="Ann", version=version)
    concept(str(root))  # concept hypotheses drafted from the approved needs map
    latest = ws.latest_version("concept-hypotheses")
    gate.choose("C1", by="Ann", version=latest)
    gate.review("approved", "concept-hypotheses", by="Ann", version=latest)
    concept(str(root))  # the persona of the chosen concept
    test_phase(str(root))  # the questionnaire
    gate.review("approved", "questionnaire", by="Ann")
    outcome = test_phase(str(root))  # the survey, the advice, then waiting at the gate
    assert outcome.status == "waiting", outcome
    return ws


def _versions(ws: Workspace) -> set[tuple[str, int]]:
    return {(row.name, row.version) for row in ws.listing()}


def test_a_go_holds_when_run_all_runs_again(prefect_api, tmp_path, monkeypatch):
    from flows.pipeline import run_phases

    stub_agents(monkeypatch)
    root = make_project(tmp_path)
    ws = _to_the_gate(root)
    gate = Gatekeeper(ws)
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg steun", concept_id="C1"),
        gate.current_basis(),
    )
    before = _versions(ws)
    summary = run_phases(root, "all")
    assert _versions(ws) == before  # nothing redrafted: no new champions, concepts or questionnaire
    assert gate.require_go().reviewer == "Bea"  # the go still applies to what is current
    assert "needs-map" in summary and "bijgewerkt" in summary  # phase 1 says it is up to date
    said = " ".join(summary.split())  # past the gate: phase 3 asks for the approvals it needs, not for a go
    assert (
        "gestopt vóór core-group" in said
        and "goedgekeurde champions" in said
        and "vastgelegde go" not in said
    )
    assert gate.invalidated() == []


def test_the_revise_loop_redrafts_the_persona_and_the_test_runs_again(prefect_api, tmp_path, monkeypatch):
    from flows.concept import concept
    from flows.survey import test_phase

    notes = stub_agents(monkeypatch)
    root = make_project(tmp_path)
    ws = _to_the_gate(root)
    gate = Gatekeeper(ws)
    old_concepts = ws.latest_version("concept-hypotheses")
    old_persona = ws.latest_version("persona")
    gate.decide(
        GateDecision(decision="revise", reviewer="Bea", reason="meer ouders", concept_id="C1"),
        gate.current_basis(),
    )
    outcome = concept(str(root))
    assert notes[-1] == "meer ouders" and outcome.status == "choose"
    new_concepts = outcome.versions["concept-hypotheses"]
    assert new_concepts == (old_concepts or 0) + 1
    gate.choose("C1", by="Bea", version=new_concepts)
    gate.review("approved", "concept-hypotheses", by="Bea", version=new_concepts)
    outcome = concept(str(root))
    assert outcome.versions["persona"] == (old_persona or 0) + 1  # the same text, on a new concept version
    assert ws.load("persona").meta.based_on["concept-hypotheses"] == new_concepts
    outcome = test_phase(str(root))  # before: "er is geen persona voor concept C1 uit concept-hypotheses v2"
    assert outcome.status == "approve" and outcome.versions["questionnaire"] > 1
    said = " ".join(gate.invalidated())
    assert "revise" in said and f"concept-hypotheses is nu v{new_concepts}" in said


def test_concepts_are_drafted_with_the_titles_the_reviewer_gave(prefect_api, tmp_path, monkeypatch):
    import flows.concept
    from artefacts.audit import EditDetails
    from artefacts.initiative import TargetGroups
    from tests.test_gatekeeper import needs_map_with

    stub_agents(monkeypatch)
    seen: list[TargetGroups] = []
    stubbed = flows.concept.draft_concepts
    monkeypatch.setattr(
        flows.concept,
        "draft_concepts",
        lambda root, nm, tg, note: seen.append(tg) or stubbed(root, nm, tg, note),
    )
    root = make_project(tmp_path)
    ws = Workspace(root)
    drafted = needs_map_with({"N01": "Oude titel"})
    groups = TargetGroups.model_validate(
        {
            "meta": {"language": "nl"},
            "groups": [
                {
                    "id": "G1",
                    "name": "Ouders",
                    "basis": "metadata",
                    "size": 1,
                    "participants": ["P01"],
                    "notes": 1,
                    "top_needs": [{"need_id": "N01", "title": "Oude titel", "voices": 1, "share": 1.0}],
                    "fit": 0.5,
                    "fit_label": "medium",
                }
            ],
        }
    )
    ws.save(drafted)
    ws.save(groups)
    renamed = needs_map_with({"N01": "Nieuwe titel"})  # as `samen needs rename N01 "Nieuwe titel"` stores it
    renamed.meta.drafted_by = "reviewer"
    edit = EditDetails(edits=[{"op": "rename", "need": "N01", "title": "Nieuwe titel"}])
    version, _ = ws.save(renamed, actor="Bea", action="edited", details=edit, force=True)
    Gatekeeper(ws).review("approved", "needs-map", by="Bea", version=version)
    flows.concept.concept(str(root))
    [used] = seen
    assert [n.title for n in used.groups[0].top_needs] == ["Nieuwe titel"]
