"""The approval chain and the gate's record, without Prefect: choose, approve --choice, decide, phase 3."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from artefacts.errors import GateError
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision
from flows.cli import app
from flows.gatekeeper import Gatekeeper
from tests.gate_project import make_project

runner = CliRunner()


def test_choose_and_approve_with_choice_record_the_concept(tmp_path):
    root = make_project(tmp_path)
    ws = Workspace(root)
    result = runner.invoke(app, ["choose", "C2", "--project", str(root), "--by", "Bea", "--note", "scherper"])
    assert result.exit_code == 0, result.output
    assert Gatekeeper(ws).chosen_concept(1) == "C2"
    result = runner.invoke(
        app, ["approve", "concept-hypotheses", "--choice", "c1", "--project", str(root), "--by", "Bea"]
    )
    assert result.exit_code == 0, result.output
    assert Gatekeeper(ws).chosen_concept(1) == "C1" and ws.state("concept-hypotheses", 1) == "approved"
    bad = runner.invoke(app, ["choose", "C9", "--project", str(root), "--by", "Bea"])
    assert bad.exit_code != 0 and "heeft geen concept 'C9'" in str(bad.exception)


def test_phase_3_refuses_without_a_go_and_starts_after_one(tmp_path):
    root = make_project(tmp_path)
    ws = Workspace(root)
    refused = runner.invoke(app, ["run", "core-group", "--project", str(root)])
    assert refused.exit_code != 0
    assert "fase 3 heeft een vastgelegde go nodig voor concept C1" in str(refused.exception)
    assert "samen decide go" in str(refused.exception)
    basis = GateBasis(concept_id="C1", concept_version=1, questionnaire_version=1, advice_version=1)
    Gatekeeper(ws).decide(
        GateDecision(decision="no-go", reviewer="Bea", reason="te weinig", concept_id="C1"), basis
    )
    refused = runner.invoke(app, ["run", "core-group", "--project", str(root)])
    assert "is no-go door Bea" in str(refused.exception)
    with pytest.raises(GateError, match="al een besluit vastgelegd: no-go"):
        Gatekeeper(ws).decide(
            GateDecision(decision="go", reviewer="Bea", reason="toch wel", concept_id="C1"), basis
        )
    Gatekeeper(ws).decide(
        GateDecision(decision="go", reviewer="Bea", reason="toch wel", concept_id="C1"), basis, replace=True
    )
    replacing = Gatekeeper(ws).decisions()[-1]
    assert replacing[1].replaces == Gatekeeper(ws).decisions()[0][0].seq
    past_the_gate = runner.invoke(app, ["run", "core-group", "--project", str(root)])
    # past the gate, phase 3 names the first approval it still needs (its drafting: tests/test_core_group_flow.py)
    said = " ".join(str(past_the_gate.exception).split())
    assert "vastgelegde go" not in said and "is no-go" not in said
    assert "heeft een goedgekeurde champions nodig" in said and "samen approve champions" in said


def test_decide_needs_advice_and_the_tested_concept(tmp_path):
    root = make_project(tmp_path)
    no_advice = runner.invoke(
        app, ["decide", "go", "--project", str(root), "--by", "Bea", "--reason", "prima"]
    )
    assert no_advice.exit_code != 0 and "nog geen go/no-go-advies" in str(no_advice.exception)
    no_reason = runner.invoke(app, ["decide", "go", "--project", str(root), "--by", "Bea"])
    assert no_reason.exit_code != 0


def test_revision_note_is_the_latest_revise(tmp_path):
    root = make_project(tmp_path)
    ws = Workspace(root)
    assert Gatekeeper(ws).revision_note() == ""
    basis = GateBasis(concept_id="C1", concept_version=1, advice_version=1)
    Gatekeeper(ws).decide(
        GateDecision(decision="revise", reviewer="Bea", reason="meer ouders", concept_id="C1"), basis
    )
    assert Gatekeeper(ws).revision_note() == "meer ouders"


def test_status_says_who_waits_for_what(tmp_path):
    from flows.status import project_status

    root = make_project(tmp_path)
    report = project_status(Workspace(root), "en")
    waiting = {phase.phase: phase.waiting for phase in report.phases}
    assert waiting["core-group"] == ["waits for a go at the go/no-go gate"]


def test_a_second_different_decision_says_what_it_replaces_and_needs_replace(tmp_path):
    from agents.test.go_no_go import advise
    from artefacts.survey import Questionnaire
    from flows.context import ProjectContext
    from tests.phase2_builders import results

    root = make_project(tmp_path)
    ws = Workspace(root)
    ws.save(results())
    advice = advise(results(), ws.load(Questionnaire), ProjectContext.open(root).project)
    advice.meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1, "survey-results": 1}
    ws.save(advice)
    decide = ["decide", "--project", str(root), "--by"]
    first = runner.invoke(app, [decide[0], "go", *decide[1:], "Ann", "--reason", "genoeg steun"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, [decide[0], "go", *decide[1:], "Ann", "--reason", "genoeg steun"])
    assert again.exit_code == 0  # the same decision again records nothing new
    assert len(Gatekeeper(ws).decisions()) == 1
    other = runner.invoke(app, [decide[0], "no-go", *decide[1:], "Bo", "--reason", "te weinig trekkers"])
    assert other.exit_code != 0
    assert "al een besluit vastgelegd: go" in str(other.exception) and "Ann" in str(other.exception)
    assert len(Gatekeeper(ws).decisions()) == 1  # refused: nothing written
    replaced = runner.invoke(
        app, [decide[0], "no-go", *decide[1:], "Bo", "--reason", "te weinig trekkers", "--replace"]
    )
    assert replaced.exit_code == 0, replaced.output
    assert "dit vervangt go door Ann" in " ".join(replaced.output.split())
    assert [d.decision for _, d in Gatekeeper(ws).decisions()] == ["go", "no-go"]
