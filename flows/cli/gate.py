"""Commands of the go/no-go gate: choose a concept, decide at the gate, replay recorded reviews."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from artefacts.errors import GateError, ReviewError
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision
from flows.gatekeeper import Gatekeeper, require_reviewer, same_decision
from flows.messages import language_of, message

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]
ByOpt = Annotated[str, typer.Option("--by", help="Your name, for the audit log.")]


class DecisionArg(StrEnum):
    go = "go"
    no_go = "no-go"
    revise = "revise"


def decide_at_gate(ws: Workspace, decision: GateDecision, *, replace: bool = False) -> list[str]:
    """Record ``decision`` in the audit log, then wake the flow waiting at the gate, if one still waits.

    A different decision already recorded for the same basis is replaced only with ``replace``."""
    basis = gate_basis(ws)
    gate = Gatekeeper(ws)
    language = language_of(ws)
    before = gate.recorded_decision(basis)
    replaced: list[str] = []
    if not same_decision(before, decision):
        gate.decide(decision, basis, replace=replace)
        if before is not None:
            replaced.append(
                message(
                    language,
                    "decision_replaced",
                    decision=before.decision,
                    reviewer=before.reviewer,
                    date=f"{before.decided_at:%Y-%m-%d %H:%M}",
                )
            )
    versions = ", ".join(f"{name} v{version}" for name, version in basis.versions().items())
    lines = [
        message(
            language,
            "decision_recorded",
            decision=decision.decision,
            concept=decision.concept_id,
            reviewer=decision.reviewer,
            versions=versions,
        ),
        *replaced,
    ]
    from flows.gate import read_record

    record = read_record(ws)
    if record is None or record.flow_run_id is None:
        return lines + _continue_later(ws, basis, decision)
    from flows.gate import resume_waiting

    try:
        outcome = resume_waiting(ws, decision)
    except Exception as exc:  # noqa: BLE001 - the decision stands in the audit log whatever Prefect says
        outcome = "gone"
        lines.append(message(language, "resume_failed", run=record.flow_run_id, error=exc))
    if outcome == "resumed":
        return lines + [message(language, "resumed", run=record.flow_run_id)]
    return lines + _continue_later(ws, basis, decision)


def gate_basis(ws: Workspace) -> GateBasis:
    """The basis a decision made now rests on: the waiting run's, when it waits on the current concept."""
    from flows.gate import read_record

    basis = Gatekeeper(ws).current_basis()
    record = read_record(ws)
    if (
        record is not None
        and record.basis.concept_version == basis.concept_version
        and record.basis.concept_id == basis.concept_id
    ):
        return record.basis  # exactly what the waiting flow will look for
    return basis


def _continue_later(ws: Workspace, basis: GateBasis, decision: GateDecision) -> list[str]:
    if decision.decision == "no-go":
        from flows.survey import after_decision

        return after_decision(ws, basis, decision)
    return [message(language_of(ws), "no_flow_continue", project=ws.root)]


def register_gate(app: typer.Typer, err: Console, out: Console) -> None:
    @app.command()
    def choose(
        concept: Annotated[str, typer.Argument(help="The concept to take further, e.g. C2.")],
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: Annotated[str, typer.Option("--note", help="Why: goes into the audit log.")] = "",
        version: Annotated[
            int | None, typer.Option("--version", help="concept-hypotheses version (default: latest).")
        ] = None,
    ) -> None:
        """Choose the concept to test: the persona and questionnaire are drafted for it."""
        chosen_version = Gatekeeper(Workspace(project)).choose(concept, by=by, note=note, version=version)
        err.print(
            message(
                language_of(project),
                "chosen",
                version=chosen_version,
                concept=concept.upper(),
                by=by,
                project=project,
            )
        )

    @app.command()
    def decide(
        decision: Annotated[DecisionArg, typer.Argument(help="go, no-go or revise.")],
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        reason: Annotated[str, typer.Option("--reason", help="Why: goes into the audit log.")] = "",
        concept: Annotated[
            str | None, typer.Option("--concept", help="The concept (default: the one tested).")
        ] = None,
        replace: Annotated[
            bool,
            typer.Option("--replace", help="Replace a different decision already recorded for this advice."),
        ] = False,
    ) -> None:
        """Decide at the go/no-go gate. Recorded in the audit log; wakes a flow waiting at the gate."""
        _need_by(by, project)
        ws = Workspace(project)
        concept_id = (concept or Gatekeeper(ws).current_basis().concept_id).strip().upper()
        try:
            gate_decision = GateDecision(
                decision=decision.value, reviewer=by, reason=reason, concept_id=concept_id
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ReviewError(
                f"{first['loc'][0]}: {first['msg']}", hint=message(language_of(ws), "reason_hint")
            ) from None
        for line in decide_at_gate(ws, gate_decision, replace=replace):
            out.print(line, highlight=False)

    @app.command()
    def replay(
        script: Annotated[Path, typer.Argument(help="A review.yaml with recorded review decisions.")],
        project: ProjectOpt = Path("."),
        gate: Annotated[
            bool, typer.Option("--gate/--no-gate", help="Also the recorded gate decision.")
        ] = True,
    ) -> None:
        """Apply recorded review decisions (for demos): approvals, the chosen concept, the gate decision."""
        from flows.review_script import ReviewScript

        ws = Workspace(project)
        recorded = ReviewScript.load(script, language=language_of(ws))
        lines = recorded.apply(ws)
        decision = recorded.gate_decision()
        if gate and decision is not None:
            try:
                if Gatekeeper(ws).recorded_decision(gate_basis(ws)) is None:
                    lines += decide_at_gate(ws, decision)
            except GateError as exc:
                lines.append(message(language_of(ws), "gate_not_yet", error=exc.message))
        for line in lines or [message(language_of(ws), "nothing_to_apply")]:
            out.print(line, highlight=False)


def _need_by(by: str, project: Path) -> None:
    require_reviewer(by, language_of(project))
