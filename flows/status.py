"""What the project holds and what waits for whom: the data behind `samen status`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from artefacts.errors import SamenError
from artefacts.registry import ARTEFACTS, PHASES
from artefacts.store import StoredArtefact, Workspace
from flows.gates import chosen_concept, current_basis, recorded_decision, require_go

# Which approved artefacts a phase needs before it can start.
REQUIRES: dict[str, list[str]] = {
    "initiative": [],
    "concept": ["needs-map"],
    "test": ["needs-map", "concept-hypotheses"],
}
# Artefacts that are not approved but decided on (the gate) or only read (the evidence behind the advice).
NOT_REVIEWED = {"survey-results", "go-no-go-advice"}

WAITS = {
    "nl": {
        "review": "wacht op een beoordelaar: `samen approve {name}` of `samen reject {name}` (versie {version})",
        "ready": "klaar om te starten: `samen run {phase}`",
        "blocked": "wacht op goedkeuring van: {names}",
        "done": "goedgekeurd",
        "not_built": "nog niet beschikbaar in deze versie van Samen",
        "not_run": "nog niet gedraaid: `samen run {phase}`",
        "rejected": "afgewezen: pas aan en draai `samen run {phase}` opnieuw",
        "choose": "wacht op een keuze: `samen choose C1` (concept-hypotheses versie {version})",
        "gate": "wacht bij de go/no-go-poort (advies: {advice}): `samen decide go|no-go|revise --by NAAM --reason …`",
        "decided": "besloten bij de poort: {decision} door {reviewer}",
        "no_go_yet": "wacht op een go bij de go/no-go-poort",
    },
    "en": {
        "review": "waits for a reviewer: `samen approve {name}` or `samen reject {name}` (version {version})",
        "ready": "ready to start: `samen run {phase}`",
        "blocked": "waits for approval of: {names}",
        "done": "approved",
        "not_built": "not available in this version of Samen yet",
        "not_run": "not run yet: `samen run {phase}`",
        "rejected": "rejected: adjust and run `samen run {phase}` again",
        "choose": "waits for a choice: `samen choose C1` (concept-hypotheses version {version})",
        "gate": "waits at the go/no-go gate (advice: {advice}): `samen decide go|no-go|revise --by NAME --reason …`",
        "decided": "decided at the gate: {decision} by {reviewer}",
        "no_go_yet": "waits for a go at the go/no-go gate",
    },
}


class PhaseStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phase: str
    artefacts: list[StoredArtefact]
    waiting: list[str]


class ProjectStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project: str
    language: str
    phases: list[PhaseStatus]


def project_status(workspace: Workspace, language: str) -> ProjectStatus:
    words = WAITS.get(language, WAITS["en"])
    listing = workspace.listing()
    phases = []
    for phase in PHASES:
        stored = [row for row in listing if row.phase == phase]
        names = [name for name, model in ARTEFACTS.items() if model.phase == phase]
        phases.append(
            PhaseStatus(phase=phase, artefacts=stored, waiting=_waiting(workspace, phase, names, words))
        )
    return ProjectStatus(project=str(workspace.root), language=language, phases=phases)


def _waiting(workspace: Workspace, phase: str, names: list[str], words: dict[str, str]) -> list[str]:
    if phase == "core-group":
        return _after_gate(workspace, words)
    if not names:
        return [words["not_built"]]
    missing = [need for need in REQUIRES.get(phase, []) if workspace.latest_approved(need) is None]
    if missing:
        return [words["blocked"].format(names=", ".join(missing))]
    waiting = []
    for name in names:
        latest = workspace.latest_version(name)
        if latest is None:
            return [words["not_run"].format(phase=phase)]
        state = workspace.state(name, latest)
        if name in NOT_REVIEWED:
            continue
        if name == "concept-hypotheses" and chosen_concept(workspace, latest) is None:
            waiting.append(words["choose"].format(version=latest))
        if state in ("draft", "reviewed"):
            waiting.append(words["review"].format(name=name, version=latest))
        elif state == "rejected":
            waiting.append(words["rejected"].format(phase=phase))
    if phase == "test" and not waiting:
        waiting += _gate(workspace, words)
    return waiting or [words["done"]]


def _gate(workspace: Workspace, words: dict[str, str]) -> list[str]:
    try:
        basis = current_basis(workspace)
    except SamenError:
        return []
    decision = recorded_decision(workspace, basis)
    if decision is not None:
        return [words["decided"].format(decision=decision.decision, reviewer=decision.reviewer)]
    advice = workspace.load("go-no-go-advice", basis.advice_version)
    return [words["gate"].format(advice=getattr(advice, "recommendation", "?"))]


def _after_gate(workspace: Workspace, words: dict[str, str]) -> list[str]:
    try:
        require_go(workspace)
    except SamenError:
        return [words["no_go_yet"]]
    return [words["not_built"]]
