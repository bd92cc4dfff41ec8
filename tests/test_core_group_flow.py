"""Phase 3 through Prefect: after a recorded go, `samen run core-group` drafts the three artefacts and waits
for their approval; a rerun reuses them; once approved, `samen run all` goes on to the next phase.

The agents of phases 1–2b are stubbed (tests/gate_project.py); phase 3's agents, the flows, the store
and the gatekeeper are real.
"""

from __future__ import annotations

import pytest

from artefacts.survey import GateDecision
from flows.gatekeeper import Gatekeeper
from tests.gate_project import make_project, stub_agents
from tests.test_decisions_hold import _to_the_gate

pytestmark = pytest.mark.slow
PHASE3 = ("core-group", "charter-draft", "stakeholder-brief")


def test_the_core_group_phase_drafts_waits_reuses_and_lets_the_pipeline_go_on(
    prefect_api, tmp_path, monkeypatch
):
    from flows.pipeline import run_phases

    stub_agents(monkeypatch)
    root = make_project(tmp_path)
    ws = _to_the_gate(root)
    gate = Gatekeeper(ws)
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg steun", concept_id="C1"),
        gate.current_basis(),
    )
    for name in ("champions", "target-groups", "persona"):
        gate.review("approved", name, by="Ann")

    summary = run_phases(root, "core-group")
    versions = {name: ws.latest_version(name) for name in PHASE3}
    assert versions == dict.fromkeys(PHASE3, 1)
    assert all(ws.state(ws.model_of(name), 1) == "draft" for name in PHASE3)
    for name in PHASE3:
        assert f"samen approve {name}" in " ".join(summary.split())
    assert (root / "artefacts" / "3-core-group" / "charter-draft.v1.md").is_file()
    brief = ws.load("stakeholder-brief", 1)
    assert brief.meta.based_on["core-group"] == 1 and brief.meta.based_on["charter-draft"] == 1
    assert brief.meta.based_on["survey-results"]  # the evidence the go rested on
    # the example's samen.yaml names its stakeholder groups: the brief follows them, nothing assumed
    assert [section.group for section in brief.sections] == [
        "Verenigingsadviseurs",
        "Opleidingen",
        "Bestuur van de bond",
    ]
    assert not any(section.assumed for section in brief.sections)

    run_phases(root, "core-group")
    assert {name: ws.latest_version(name) for name in PHASE3} == versions  # unchanged inputs: reused

    for name in PHASE3:
        gate.review("approved", name, by="Ann")
    summary = run_phases(root, "all")
    assert {name: ws.latest_version(name) for name in PHASE3} == versions
    assert "fase 4" in summary or "channel-plan" in summary  # the next phase is reached: built or not yet
