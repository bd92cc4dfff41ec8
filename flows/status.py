"""What the project holds and what waits for whom: the data behind `samen status`, read off the phase table."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from artefacts.concept import ConceptHypotheses
from artefacts.errors import SamenError
from artefacts.phases import PHASE_TABLE, PhaseName, PhaseRow
from artefacts.store import StoredArtefact, Workspace
from artefacts.survey import GoNoGoAdvice
from flows.gatekeeper import Gatekeeper
from flows.messages import message

PhaseState = Literal["not-built", "blocked", "not-run", "waiting", "done", "decided"]


class PhaseStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phase: PhaseName
    state: PhaseState
    artefacts: list[StoredArtefact]
    waiting: list[str]


class ProjectStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project: str
    language: str
    phases: list[PhaseStatus]
    warnings: list[str] = []


def project_status(workspace: Workspace, language: str) -> ProjectStatus:
    gate = Gatekeeper(workspace)
    listing = workspace.listing()
    phases = []
    for row in PHASE_TABLE:
        state, waiting = _waiting(gate, row, language)
        stored = [entry for entry in listing if entry.phase == row.name]
        phases.append(PhaseStatus(phase=row.name, state=state, artefacts=stored, waiting=waiting))
    return ProjectStatus(
        project=str(workspace.root),
        language=language,
        phases=phases,
        warnings=gate.invalidated() + artefact_warnings(workspace, language),
    )


def artefact_warnings(workspace: Workspace, language: str) -> list[str]:
    """What the latest version of each artefact asks a reviewer to check (``meta.warnings``)."""
    found = []
    for row in PHASE_TABLE:
        for artefact in row.artefacts:
            latest = workspace.latest_version(artefact.model)
            if latest is None:
                continue
            for warning in workspace.load(artefact.model, latest).meta.warnings:
                found.append(
                    message(
                        language,
                        "status_artefact_warning",
                        name=artefact.name,
                        version=latest,
                        warning=warning,
                    )
                )
    return found


def _waiting(gate: Gatekeeper, row: PhaseRow, language: str) -> tuple[PhaseState, list[str]]:
    ws = gate.ws
    if row.after_gate is not None:
        try:
            gate.require_go()
        except SamenError:
            return "blocked", [message(language, "status_no_go_yet")]
    if not row.built:
        return "not-built", [message(language, "status_not_built")]
    missing = gate.missing_for(row.requires)
    if missing:
        return "blocked", [message(language, "status_blocked", names=", ".join(missing))]
    waiting = _reviews(gate, row, language)
    if waiting and waiting[0] is None:
        return "not-run", [message(language, "status_not_run", phase=row.name, project=ws.root)]
    if waiting:
        return "waiting", [line for line in waiting if line is not None]
    if row.ends_with_gate is not None:
        return _gate(gate, language)
    return "done", [message(language, "status_done")]


def _reviews(gate: Gatekeeper, row: PhaseRow, language: str) -> list[str | None]:
    """What the phase's artefacts wait for; ``[None]`` when the phase has not run at all."""
    ws = gate.ws
    waiting: list[str | None] = []
    for artefact in row.artefacts:
        latest = ws.latest_version(artefact.model)
        if latest is None:  # not drafted: the phase has to run (again), or it waits for answers
            return waiting or ([None] if artefact.reviewed else [])
        if not artefact.reviewed:
            continue
        state = ws.state(artefact.model, latest)
        if artefact.review == "choose" and gate.chosen_concept(latest) is None:
            ids = ", ".join(c.id for c in ws.load(ConceptHypotheses, latest).concepts)
            waiting.append(message(language, "status_choose", version=latest, ids=ids, project=ws.root))
        if state in ("draft", "reviewed"):
            waiting.append(
                message(language, "status_review", name=artefact.name, version=latest, project=ws.root)
            )
        elif state == "rejected":
            waiting.append(message(language, "status_rejected", phase=row.name, project=ws.root))
    return waiting


def _gate(gate: Gatekeeper, language: str) -> tuple[PhaseState, list[str]]:
    try:
        basis = gate.current_basis()
    except SamenError:
        return "waiting", [message(language, "status_no_advice")]
    decision = gate.recorded_decision(basis)
    if decision is not None:
        said = message(language, "status_decided", decision=decision.decision, reviewer=decision.reviewer)
        return "decided", [said]
    advice = gate.ws.load(GoNoGoAdvice, basis.advice_version)
    return "waiting", [message(language, "status_gate", advice=advice.recommendation, project=gate.ws.root)]
