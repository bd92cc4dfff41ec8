"""The go/no-go gate in Prefect: a typed form to wait on, and resuming a waiting run from another process.

The audit log is the gate's source of truth (see :mod:`flows.gatekeeper`); Prefect is how a waiting flow hears
about a decision. ``.samen/gate.json`` names the paused flow run and the API it lives on, so
``samen decide`` can resume it from any terminal. A pause does not survive its process: when the waiting
process is gone, the decision stands in the audit log and the next ``samen run test`` continues from it.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from prefect.input import RunInput
from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

from artefacts.catalogue import entry
from artefacts.files import write_atomic
from artefacts.store import Workspace
from artefacts.survey import Decision, GateBasis, GateDecision, GoNoGoAdvice
from flows.messages import message
from flows.progress import reporter

GATE_FILE = "gate.json"
ResumeOutcome = Literal["resumed", "no-waiting-run", "gone", "not-paused"]


class GateInput(RunInput):
    """The form a reviewer fills in at the go/no-go gate (in Prefect's UI, the CLI or a test)."""

    decision: Decision = Field(
        description="go: build the core group; no-go: stop and record what was learned; "
        "revise: send the concept back with your note."
    )
    reviewer: str = Field(min_length=1, max_length=120, description="Your name.")
    reason: str = Field(min_length=3, max_length=2000, description="Why — this goes into the audit log.")
    concept_id: str = Field(description="The concept the decision applies to, e.g. C1.")

    @field_validator("concept_id", mode="before")
    @classmethod
    def _normalise_concept(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @classmethod
    def for_concept(cls, concept_id: str, language: str | None = None) -> type[GateInput]:
        """The form for a decision on ``concept_id``, its labels and help texts in ``language`` (Prefect's
        UI shows a field's title as its label and its description as help). The concept is a choice (an
        enum in the UI's form), so nothing else can be submitted and then fail after the run resumes."""
        words = entry(language, "gate_form")
        choice: Any = Literal[concept_id]  # type: ignore[valid-type]

        def field(title: str, help_text: str, **options: Any) -> Any:
            return Field(title=words[title], description=words[help_text], **options)

        return create_model(  # type: ignore[call-overload, no-any-return]
            "GateInput",
            __base__=cls,
            decision=(Decision, field("decision_title", "decision_help")),
            reviewer=(str, field("reviewer_title", "reviewer_help", min_length=1, max_length=120)),
            reason=(str, field("reason_title", "reason_help", min_length=3, max_length=2000)),
            concept_id=(
                choice,
                field(
                    "concept_title",
                    "concept_help",
                    default=concept_id,
                    json_schema_extra={"enum": [concept_id]},
                ),
            ),
        )

    def to_decision(self) -> GateDecision:
        return GateDecision(
            decision=self.decision, reviewer=self.reviewer, reason=self.reason, concept_id=self.concept_id
        )

    @classmethod
    def payload(cls, decision: GateDecision) -> dict[str, str]:
        """The run input that resumes a waiting flow with ``decision``."""
        return {
            "decision": decision.decision,
            "reviewer": decision.reviewer,
            "reason": decision.reason,
            "concept_id": decision.concept_id,
        }


class GateRecord(BaseModel):
    """What ``.samen/gate.json`` holds while a decision is awaited."""

    model_config = ConfigDict(extra="forbid")

    basis: GateBasis
    flow_run_id: str | None = Field(default=None, description="The paused flow run, when one waits.")
    api_url: str | None = Field(default=None, description="The Prefect API the paused run lives on.")
    ui_url: str | None = Field(
        default=None,
        description="The paused run's page in Prefect's UI, when a server runs (not the temporary API).",
    )
    since: datetime = Field(default_factory=lambda: datetime.now(UTC))


def gate_path(workspace: Workspace) -> Path:
    return workspace.state_dir / GATE_FILE


def read_record(workspace: Workspace) -> GateRecord | None:
    path = gate_path(workspace)
    if not path.exists():
        return None
    try:
        return GateRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError:
        return None  # a damaged record only means nobody can be resumed: the audit log still decides


def write_record(workspace: Workspace, record: GateRecord) -> None:
    path = gate_path(workspace)
    write_atomic(path, record.model_dump_json(indent=2) + "\n")


def clear_record(workspace: Workspace) -> None:
    gate_path(workspace).unlink(missing_ok=True)


def form_description(advice: GoNoGoAdvice, basis: GateBasis) -> str:
    """The Markdown shown above the form in Prefect's UI."""
    language = advice.meta.language
    lines = [
        f"## {message(language, 'gate_form_heading', concept=basis.concept_id)}",
        "",
        advice.reasoning,
        "",
    ]
    lines += [f"- **{c.name}**: {c.explanation}" for c in advice.criteria]
    if advice.caveats:
        lines += [""] + [f"> {caveat}" for caveat in advice.caveats]
    versions = ", ".join(f"{name} v{version}" for name, version in basis.versions().items())
    lines += ["", message(language, "gate_form_based_on", versions=versions)]
    return "\n".join(lines)


def wait_for_decision(
    workspace: Workspace, basis: GateBasis, advice: GoNoGoAdvice, *, timeout: int
) -> GateDecision:
    """Inside a flow run: record where we wait, pause for a typed decision, return it."""
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext
    from prefect.flow_runs import pause_flow_run

    context = FlowRunContext.get()
    assert context is not None and context.flow_run is not None, "the gate waits inside a flow run"
    with get_client(sync_client=True) as client:
        api_url = str(client.api_url).rstrip("/")
    run_id = str(context.flow_run.id)
    ui_url = run_page(run_id)
    write_record(workspace, GateRecord(basis=basis, flow_run_id=run_id, api_url=api_url, ui_url=ui_url))
    if ui_url:
        reporter().step(message(advice.meta.language, "gate_open_in_ui", url=ui_url))
    form = GateInput.for_concept(basis.concept_id, advice.meta.language).with_initial_data(
        description=form_description(advice, basis), concept_id=basis.concept_id
    )
    answer = pause_flow_run(wait_for_input=form, timeout=timeout, poll_interval=1)
    return answer.to_decision()


def run_page(flow_run_id: str) -> str | None:
    """The run's page in Prefect's UI when Samen talks to a server (``PREFECT_API_URL``); None with the
    temporary API, which serves no UI and ends with the process."""
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL

    if not PREFECT_API_URL.value():
        return None
    ui = PREFECT_UI_URL.value()
    return f"{str(ui).rstrip('/')}/runs/flow-run/{flow_run_id}" if ui else None


def resume_waiting(workspace: Workspace, decision: GateDecision, *, attempts: int = 8) -> ResumeOutcome:
    """Resume the paused run that ``gate.json`` names with ``decision``; tolerate no server and no run."""
    record = read_record(workspace)
    if record is None or record.flow_run_id is None:
        return "no-waiting-run"
    if record.api_url and not _reachable(record.api_url):
        return "gone"
    from uuid import UUID

    from prefect.exceptions import ObjectNotFound
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL, temporary_settings

    settings = temporary_settings({PREFECT_API_URL: record.api_url}) if record.api_url else nullcontext()
    run_id = UUID(record.flow_run_id)
    with settings:
        for attempt in range(attempts):
            try:
                if not _is_paused(run_id):
                    return "not-paused"
                resume_flow_run(run_id, run_input=GateInput.payload(decision))
                return "resumed"
            except ObjectNotFound:
                return "gone"
            except RuntimeError as exc:
                if "schema not found" not in str(exc).lower() or attempt == attempts - 1:
                    raise
                time.sleep(0.25 * (attempt + 1))  # the pause's form schema is saved just after it pauses
    return "not-paused"


def _is_paused(run_id: object) -> bool:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)  # type: ignore[arg-type]
    return bool(run.state and run.state.is_paused())


def _reachable(api_url: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{api_url}/health", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False
