"""The go/no-go gate end to end through Prefect: waiting, a decision from the API or the CLI, continuing."""

from __future__ import annotations

import contextvars
import threading
import time
import uuid

import pytest
from typer.testing import CliRunner

from artefacts.store import Workspace
from artefacts.survey import GateBasis
from flows.gate import GateRecord, read_record, write_record
from flows.gatekeeper import Gatekeeper
from flows.status import project_status
from tests.gate_project import make_project, stub_agents

pytestmark = pytest.mark.slow


class Waiting:
    """The test flow running in a thread (with the test's Prefect context), waiting at the gate."""

    def __init__(self, root) -> None:  # noqa: ANN001
        from flows.survey import test_phase

        self.result = None
        self.error: BaseException | None = None
        context = contextvars.copy_context()

        def run() -> None:
            try:
                self.result = context.run(test_phase, str(root), wait=True, timeout=120)
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        self.ws = Workspace(root)

    def paused_run(self, within: float = 90) -> uuid.UUID:
        from prefect.client.orchestration import get_client

        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.error is None, self.error
            record = read_record(self.ws)
            if record is not None and record.flow_run_id:
                with get_client(sync_client=True) as client:
                    run = client.read_flow_run(uuid.UUID(record.flow_run_id))
                if run.state and run.state.is_paused():
                    return run.id
            time.sleep(0.2)
        raise AssertionError("the flow never paused at the gate")

    def finish(self, within: float = 60):  # noqa: ANN201
        self.thread.join(within)
        assert not self.thread.is_alive(), "the flow did not continue after the decision"
        assert self.error is None, self.error
        return self.result


def resume(run_id: uuid.UUID, run_input: dict[str, str]) -> None:
    from prefect.flow_runs import resume_flow_run

    for _ in range(20):
        try:
            resume_flow_run(run_id, run_input=run_input)
            return
        except RuntimeError as exc:  # right after pausing, the form's schema may not be saved yet
            if "schema not found" not in str(exc).lower():
                raise
            time.sleep(0.25)
    raise AssertionError("could not resume")


def decided_events(ws: Workspace) -> list:
    return [e for e in ws.audit.history("go-no-go-advice") if e.action == "decided"]


def test_decision_through_prefects_api_resumes_the_flow_and_lands_in_the_audit_log(
    prefect_api, tmp_path, monkeypatch
):
    from prefect.client.orchestration import get_client

    stub_agents(monkeypatch)
    root = make_project(tmp_path)
    waiting = Waiting(root)
    run_id = waiting.paused_run()
    with get_client(sync_client=True) as client:  # the UI's form: the schema of GateInput, prefilled concept
        schema = client.read_flow_run_input(run_id, "paused-1-schema")
    assert '"decision"' in schema and '"reviewer"' in schema and "C1" in schema
    assert '"Besluit"' in schema and '"Je naam"' in schema  # labels in the project's language
    record = read_record(Workspace(root))
    assert record is not None and record.ui_url and record.ui_url.endswith(f"/runs/flow-run/{run_id}")
    waits = {p.phase: p.waiting for p in project_status(Workspace(root), "nl").phases}["test"]
    assert any(record.ui_url in line for line in waits)  # `samen status` prints the direct link
    resume(
        run_id,
        {
            "decision": "go",
            "reviewer": "Bea",
            "reason": "Herkenning ruim boven de drempel",
            "concept_id": "C1",
        },
    )
    outcome = waiting.finish()
    assert outcome.status == "go"
    ws = Workspace(root)
    [event] = decided_events(ws)
    assert event.actor == "Bea" and event.decision.decision == "go" and event.decision.concept == "C1"
    assert event.decision.versions == {
        "concept-hypotheses": 1,
        "questionnaire": 1,
        "survey-results": 1,
        "go-no-go-advice": 1,
    }
    assert read_record(ws) is None  # nobody waits any more
    assert Gatekeeper(ws).require_go().reviewer == "Bea"  # phase 3 may start


def test_samen_decide_from_the_cli_resumes_the_waiting_flow_and_revise_feeds_the_next_concept(
    prefect_api, tmp_path, monkeypatch
):
    from flows.cli import app
    from flows.concept import concept

    notes = stub_agents(monkeypatch)
    root = make_project(tmp_path)
    waiting = Waiting(root)
    waiting.paused_run()
    result = CliRunner().invoke(
        app,
        [
            "decide",
            "revise",
            "--project",
            str(root),
            "--by",
            "Bea",
            "--reason",
            "Meer nadruk op ouder-trainers",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "de flow-run die bij de poort wachtte is hervat" in " ".join(result.output.split())
    assert waiting.finish().status == "revise"
    ws = Workspace(root)
    assert len(decided_events(ws)) == 1  # recorded once: by the CLI, not again by the resumed flow
    with pytest.raises(Exception, match="besluit over concept C1 .* is revise"):
        Gatekeeper(ws).require_go()

    outcome = concept(str(root))  # the next concept draft answers the reviewer's note
    assert notes == ["Meer nadruk op ouder-trainers"]
    assert outcome.versions["concept-hypotheses"] == 2 and outcome.status == "choose"
    assert ws.load("concept-hypotheses", 2).revision_note == "Meer nadruk op ouder-trainers"


def test_no_go_without_waiting_then_decide_writes_the_closing_summary_and_the_rerun_continues(
    prefect_api, tmp_path, monkeypatch
):
    from flows.cli import app
    from flows.survey import test_phase
    from tests.phase2_builders import results

    stub_agents(monkeypatch, outcome=results(recognition=0.3, relevance=0.3))
    root = make_project(tmp_path)
    first = test_phase(str(root))
    assert first.status == "waiting" and "samen decide go|no-go|revise" in " ".join(first.waiting)
    ws = Workspace(root)
    assert ws.load("go-no-go-advice").recommendation == "no-go"
    assert read_record(ws) is not None and read_record(ws).flow_run_id is None

    result = CliRunner().invoke(
        app,
        [
            "decide",
            "no-go",
            "--project",
            str(root),
            "--by",
            "Bea",
            "--reason",
            "Trainers herkennen zich er niet in",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = ws.folder("go-no-go-advice") / "closing-summary.v1.md"
    assert summary.exists() and "Afsluiting: wat de test ons leerde" in summary.read_text(encoding="utf-8")
    again = test_phase(str(root))
    assert again.status == "no-go" and str(summary) in " ".join(again.waiting)
    assert len(decided_events(ws)) == 1


def test_a_decision_after_the_waiting_process_died_stands_and_the_next_run_continues(
    prefect_api, tmp_path, monkeypatch
):
    from flows.cli import app
    from flows.survey import test_phase

    stub_agents(monkeypatch)
    root = make_project(tmp_path)
    assert test_phase(str(root)).status == "waiting"
    ws = Workspace(root)
    basis = read_record(ws).basis
    # The process that waited is gone: its API no longer answers.
    write_record(ws, GateRecord(basis=basis, flow_run_id=str(uuid.uuid4()), api_url="http://127.0.0.1:9/api"))
    result = CliRunner().invoke(
        app, ["decide", "go", "--project", str(root), "--by", "Bea", "--reason", "Genoeg trekkers"]
    )
    assert result.exit_code == 0, result.output
    assert "er wacht geen flow" in " ".join(result.output.split())
    assert Gatekeeper(ws).recorded_decision(basis).decision == "go"
    # A run id the live API does not know is tolerated too.
    write_record(ws, GateRecord(basis=basis, flow_run_id=str(uuid.uuid4())))
    assert (
        CliRunner()
        .invoke(app, ["decide", "go", "--project", str(root), "--by", "Bea", "--reason", "Genoeg trekkers"])
        .exit_code
        == 0
    )
    again = test_phase(str(root))
    assert again.status == "go" and read_record(ws) is None
    assert isinstance(basis, GateBasis)
