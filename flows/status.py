"""What the project holds and what waits for whom: the data behind `samen status`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from artefacts.registry import ARTEFACTS, PHASES
from artefacts.store import StoredArtefact, Workspace

# Which approved artefacts a phase needs before it can start.
REQUIRES: dict[str, list[str]] = {
    "initiative": [],
    "concept": ["needs-map"],
}

WAITS = {
    "nl": {
        "review": "wacht op een beoordelaar: `samen approve {name}` of `samen reject {name}` (versie {version})",
        "ready": "klaar om te starten: `samen run {phase}`",
        "blocked": "wacht op goedkeuring van: {names}",
        "done": "goedgekeurd",
        "not_built": "nog niet beschikbaar in deze versie van Samen",
        "not_run": "nog niet gedraaid: `samen run {phase}`",
        "rejected": "afgewezen: pas aan en draai `samen run {phase}` opnieuw",
    },
    "en": {
        "review": "waits for a reviewer: `samen approve {name}` or `samen reject {name}` (version {version})",
        "ready": "ready to start: `samen run {phase}`",
        "blocked": "waits for approval of: {names}",
        "done": "approved",
        "not_built": "not available in this version of Samen yet",
        "not_run": "not run yet: `samen run {phase}`",
        "rejected": "rejected: adjust and run `samen run {phase}` again",
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
        phases.append(PhaseStatus(phase=phase, artefacts=stored, waiting=_waiting(workspace, phase, names, words)))
    return ProjectStatus(project=str(workspace.root), language=language, phases=phases)


def _waiting(workspace: Workspace, phase: str, names: list[str], words: dict[str, str]) -> list[str]:
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
        if state in ("draft", "reviewed"):
            waiting.append(words["review"].format(name=name, version=latest))
        elif state == "rejected":
            waiting.append(words["rejected"].format(phase=phase))
    return waiting or [words["done"]]
