"""Phase 5 end to end through its Prefect flow: behind a recorded go, from approved phase 3 and 4
artefacts, the calendar (with its .csv and .ics beside it) and the plan, reused on a rerun, exported by
`samen export calendar`.

Phase 3 is not drafted in this version yet, so the test gives its row the artefacts (as a reviewer would
have approved them) the way the phase table allows: rows, not code."""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar

from artefacts.base import ArtefactMeta
from artefacts.core_group import CharterDraft, CoreGroup
from artefacts.store import Workspace
from artefacts.survey import GateDecision, Questionnaire
from tests.gate_project import make_project
from tests.phase2_builders import results
from tests.phase45_builders import library_nl

pytestmark = pytest.mark.slow


@pytest.fixture
def phase3_built(monkeypatch):  # noqa: ANN001, ANN201
    import artefacts.phases as phases
    import artefacts.registry as registry
    import flows.later_phases
    import flows.status

    row = phases.PhaseRow(
        name="core-group",
        number="3",
        folder="3-core-group",
        artefacts=(phases.ArtefactRow(CoreGroup), phases.ArtefactRow(CharterDraft)),
        requires=("needs-map",),
        after_gate="go-no-go",
    )
    table = tuple(row if r.name == "core-group" else r for r in phases.PHASE_TABLE)
    for module in (phases, flows.status, flows.later_phases):
        monkeypatch.setattr(module, "PHASE_TABLE", table)
    monkeypatch.setitem(registry.ARTEFACTS, "core-group", CoreGroup)
    monkeypatch.setitem(registry.ARTEFACTS, "charter-draft", CharterDraft)


def _approve(ws: Workspace, artefact, gate) -> None:  # noqa: ANN001
    version, _ = ws.save(artefact)
    gate.review("approved", type(artefact).artefact_name, by="Bea", version=version)


def test_the_plan_flow_drafts_the_calendar_and_the_plan_behind_the_go(
    prefect_api, tmp_path, phase3_built, capsys
):
    from agents.test.go_no_go import advise
    from flows.cli import run_cli
    from flows.context import ProjectContext
    from flows.gatekeeper import Gatekeeper
    from flows.later_phases import FLOWS

    root = make_project(tmp_path)
    ws, gate = Workspace(root), Gatekeeper(Workspace(root))
    ws.save(results())
    advice = advise(results(), ws.load(Questionnaire), ProjectContext.open(root).project)
    advice.meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1, "survey-results": 1}
    ws.save(advice)
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg", concept_id="C1"), gate.current_basis()
    )
    built = library_nl()  # a Dutch library's core group and charter, as phase 3 would have them approved
    gate.review("approved", "persona", by="Bea")
    for name in ("needs-map", "core-group", "charter-draft"):
        _approve(ws, built.artefacts[name].model_copy(update={"meta": ArtefactMeta(language="nl")}), gate)

    # phase 4 first: the plan needs the approved channel plan
    outcome = FLOWS["strategy"](str(root))
    assert outcome.status == "approve" and "channel-plan" in outcome.versions
    gate.review("approved", "channel-plan", by="Bea")

    outcome = FLOWS["plan"](str(root))
    assert set(outcome.versions) == {"content-calendar", "plan-of-approach"}
    assert outcome.status == "approve" and len(outcome.waiting) == 2
    version = outcome.versions["content-calendar"]
    ics = ws.path("content-calendar", version, ".ics").read_bytes()
    events = [c for c in Calendar.from_ical(ics).walk() if c.name == "VEVENT"]
    calendar = ws.load("content-calendar", version)
    assert len(events) == len(calendar.items) >= 84
    rows = list(csv.DictReader(io.StringIO(ws.path("content-calendar", version, ".csv").read_text("utf-8"))))
    assert len(rows) == len(calendar.items)
    assert ws.path("plan-of-approach", outcome.versions["plan-of-approach"], ".md").is_file()
    plan = ws.load("plan-of-approach", outcome.versions["plan-of-approach"])
    assert plan.meta.based_on["content-calendar"] == version  # the plan rests on the calendar it read

    again = FLOWS["plan"](str(root))
    assert again.versions == outcome.versions  # nothing changed: the drafts are reused

    capsys.readouterr()
    assert run_cli(["export", "calendar", "--project", str(root), "--format", "ics"]) == 0
    assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR")
    assert run_cli(["export", "calendar", "--project", str(root), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("date,weekday,start")
    assert run_cli(["export", "needs", "--project", str(root), "--format", "ics"]) == 2
