"""Phase 6 end to end through Prefect: behind a recorded go and the approved artefacts of phases 3–5
(hand-built here, as their phases are built elsewhere), the launch flow drafts the plan from exactly
those versions, reuses it while they stand, and the deliverables list it."""

from __future__ import annotations

import pytest

from artefacts.launch import LaunchPlan
from artefacts.survey import GateDecision
from flows.gatekeeper import Gatekeeper
from tests.gate_project import approve, make_project
from tests.launch_builders import artefacts
from tests.report_project import later_rows

pytestmark = pytest.mark.slow
LATER = (
    "core-group",
    "charter-draft",
    "stakeholder-brief",
    "channel-plan",
    "content-calendar",
    "plan-of-approach",
)


def test_the_launch_flow_drafts_from_the_approved_versions(prefect_api, tmp_path, monkeypatch):
    from artefacts.store import Workspace
    from flows.deliverables import write_deliverables
    from flows.later_phases import FLOWS

    later_rows(monkeypatch)
    root = make_project(tmp_path)  # the Dutch trainers' project up to an approved questionnaire
    ws = Workspace(root)
    built = artefacts("nl")
    built["survey-results"].meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1}
    ws.save(built["survey-results"])
    built["go-no-go-advice"].meta.based_on = {
        "concept-hypotheses": 1,
        "questionnaire": 1,
        "survey-results": 1,
    }
    ws.save(built["go-no-go-advice"])
    gate = Gatekeeper(ws)
    with pytest.raises(Exception, match="go"):
        FLOWS["launch"](str(root))  # no go yet: nothing of phase 6 is drafted
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg steun", concept_id="C1"),
        gate.current_basis(),
    )
    for name in LATER:
        ws.save(built[name])
        approve(ws, name)

    outcome = FLOWS["launch"](str(root))
    assert outcome.status == "approve" and list(outcome.versions) == ["launch-plan"]
    plan = ws.load(LaunchPlan)
    assert plan.meta.language == "nl" and "Trainersnetwerk" in plan.announcement.text  # the approved concept
    assert {name: plan.meta.based_on[name] for name in LATER} == dict.fromkeys(LATER, 1)
    assert plan.meta.based_on["survey-results"] == 1 and plan.metrics[0].target == 0.35
    assert ws.path(LaunchPlan, 1, ".md").read_text(encoding="utf-8").startswith("# Lanceringsplan")

    assert FLOWS["launch"](str(root)).versions == {"launch-plan": 1}  # inputs unchanged: reused
    index = write_deliverables(root).read_text(encoding="utf-8")
    assert 'href="6-launch/launch-plan.v1.docx"' in index and 'href="6-launch/report.html"' in index
