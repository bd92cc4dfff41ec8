"""What the project holds and what waits for whom: the data behind `samen status`, read off the phase table.

It also says which files reading will skip, and why (a link out of the project, a FIFO, a file too
large, a survey export that cannot be read): found by ``stat`` and by reading the survey exports, so
the summary is there before a run and after one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from artefacts.catalogue import text
from artefacts.concept import ConceptHypotheses
from artefacts.errors import SamenError
from artefacts.phases import PHASE_TABLE, PhaseName, PhaseRow
from artefacts.registry import ARTEFACTS
from artefacts.store import StoredArtefact, Workspace
from artefacts.survey import GoNoGoAdvice
from flows.gatekeeper import Gatekeeper
from flows.messages import message

if TYPE_CHECKING:
    from flows.resident_server import ServerInfo

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
    skipped: list[str] = []
    runs: list[str] = []  # the Prefect server runs go to, and whether the last run is still current


def project_status(workspace: Workspace, language: str) -> ProjectStatus:
    gate = Gatekeeper(workspace)
    listing = workspace.listing()
    phases = []
    for row in PHASE_TABLE:
        state, waiting = _waiting(gate, row, language)
        stored = [entry for entry in listing if entry.phase == row.name]
        phases.append(PhaseStatus(phase=row.name, state=state, artefacts=stored, waiting=waiting))
    skipped = skipped_files(workspace.root, language)
    summary = [message(language, "status_skipped_summary", count=len(skipped))] if skipped else []
    return ProjectStatus(
        project=str(workspace.root),
        language=language,
        phases=phases,
        warnings=gate.invalidated()
        + summary
        + skipped
        + artefact_warnings(workspace, language)
        + older_basis(workspace, language),
        skipped=skipped,
        runs=[server_line(language), *last_run_lines(workspace.root, language)],
    )


def server_line(language: str) -> str:
    """Where the next run's flows go: the server the user configured, Samen's own, or none yet."""
    from flows import resident_server

    configured = resident_server.users_own_server()
    if configured:
        return text(language, "resident_server.configured").format(url=configured)
    if not resident_server.wanted():
        return text(language, "resident_server.not_wanted")
    info = resident_server.running()
    if info is None:
        return text(language, "resident_server.not_running")
    return running_line(language, info)


def running_line(language: str, info: ServerInfo) -> str:
    """The resident server: its UI, its process, since when, and when it stops by itself."""
    return text(language, "resident_server.running").format(
        ui=info.ui, pid=info.pid, since=info.started, minutes=round(info.idle_seconds / 60)
    )


def last_run_lines(root: Path, language: str) -> list[str]:
    from flows.up_to_date import last_run

    found = last_run(root)
    if found is None:
        return []
    record, current = found
    key = "status_runs.current" if current else "status_runs.changed"
    return [text(language, key).format(phase=record.phase, finished=record.finished)]


def skipped_files(root: Path, language: str) -> list[str]:
    """One line per file under interviews/ and surveys/ that reading skips: the file and why."""
    from flows.scaffold import load_project
    from knowledge.ingest import interview_files
    from knowledge.safe_files import MAX_DOCX_BYTES, MAX_TEXT_BYTES, check_file, once_each
    from knowledge.surveys import read_surveys, survey_files

    try:
        project = load_project(root)
    except SamenError:
        return []  # `samen status` reports the project file itself
    found: list[str] = []
    folder = root / project.interviews.folder
    for path, earlier in once_each(interview_files(folder) if folder.is_dir() else []):
        source = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        if earlier is not None:
            continue  # read once, under its first name: nothing is lost
        limit = MAX_DOCX_BYTES if path.suffix.lower() == ".docx" else MAX_TEXT_BYTES
        try:
            check_file(path, source, (root, folder), limit=limit, language=language)
        except SamenError as error:
            found.append(message(language, "status_skipped", file=source, reason=error.message))
    if survey_files(root / "surveys"):
        for problem in read_surveys(root / "surveys", root, language).unread:
            where = f"{problem.source}:{problem.line}" if problem.line else problem.source
            found.append(message(language, "status_skipped", file=where, reason=problem.message))
    return found


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


def older_basis(workspace: Workspace, language: str) -> list[str]:
    """The latest version of each artefact that was drafted from an older version of an input than the
    one approved now (a reviewer edited and approved the needs map after the concepts were drafted)."""
    found = []
    for row in PHASE_TABLE:
        for artefact in row.artefacts:
            latest = workspace.latest_version(artefact.model)
            if latest is None:
                continue
            for name, used in workspace.load(artefact.model, latest).meta.based_on.items():
                approved = workspace.latest_approved(name) if name in ARTEFACTS else None
                if approved is not None and approved[0] > used:
                    found.append(
                        message(
                            language,
                            "status_older_basis",
                            name=artefact.name,
                            version=latest,
                            input=name,
                            used=used,
                            approved=approved[0],
                            phase=row.name,
                            project=workspace.root,
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
    lines = [message(language, "status_gate", advice=advice.recommendation, project=gate.ws.root)]
    from flows.gate import read_record

    record = read_record(gate.ws)
    if record is not None and record.flow_run_id and record.ui_url:
        lines.append(message(language, "status_gate_ui", url=record.ui_url))
    return "waiting", lines
