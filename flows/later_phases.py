"""Phases 3 to 6 as Prefect flows: one flow per phase, one task per artefact, the same shape for each.

Behind the go/no-go gate a phase starts when the gate said ``go`` for the current concept and the
artefacts its row of the phase table requires are approved (the gatekeeper checks both and says what to
do when not). It drafts its artefacts in the table's order from the approved artefacts of the phases
before it, the evidence the ``go`` rested on and ``samen.yaml``; a later artefact of the phase reads the
drafts made before it. A draft is reused when the latest version rests on the same inputs, so an
approval keeps holding until an input changes. The outcome says what waits for whose approval.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from prefect import Flow, flow, task

from agents.shared.phase_inputs import Drafter, PhaseInputs
from artefacts.base import Artefact
from artefacts.phases import PHASE_TABLE, PhaseRow, phase_row
from flows.context import ProjectContext
from flows.gatekeeper import Gatekeeper
from flows.messages import message
from flows.model_step import chat_access
from flows.phase_outcome import PhaseOutcome
from flows.progress import reporter
from flows.publish import save_and_publish
from flows.run_names import flow_run_name

LATER = tuple(row.name for row in PHASE_TABLE if row.after_gate is not None)


def drafters(phase: str) -> dict[str, Drafter]:
    """The drafting functions of ``phase``: ``DRAFTERS`` of ``agents/<phase>/runner.py``."""
    module = importlib.import_module(f"agents.{phase.replace('-', '_')}.runner")
    return dict(module.DRAFTERS)


def gather(context: ProjectContext, row: PhaseRow) -> tuple[PhaseInputs, dict[str, int]]:
    """The inputs of phase ``row`` and the versions they are: the gate's go and its evidence, and the
    latest approved version of every reviewed artefact of the phases before it."""
    ws = context.workspace
    gate = Gatekeeper(ws)
    go, evidence = gate.go_evidence()
    versions: dict[str, int] = {}
    artefacts: dict[str, Artefact] = {}
    for earlier in PHASE_TABLE[: PHASE_TABLE.index(row)]:
        for item in earlier.artefacts:
            if item.reviewed:
                found = ws.latest_approved(item.model)
                if found is not None:
                    versions[item.name], artefacts[item.name] = found
            elif item.name in evidence:  # read or decided on, never approved: the version the go rested on
                versions[item.name] = evidence[item.name]
                artefacts[item.name] = ws.load(item.model, evidence[item.name])
    model = chat_access(context)
    inputs = PhaseInputs(
        project=context.project,
        go=go,
        artefacts=artefacts,
        model=model,
        knowledge=context.knowledge if model is not None else None,
        root=context.root,
    )
    return inputs, versions


def settings_digest(context: ProjectContext, inputs: PhaseInputs) -> str:
    """What besides the artefacts a draft depends on: samen.yaml and the go decision it follows."""
    text = context.project.model_dump_json() + inputs.go.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@task(name="draft-artefact", task_run_name="draft-{name}", timeout_seconds=1800)
def draft_artefact(root: str, phase: str, name: str, drafted: dict[str, int]) -> Artefact:
    """Draft artefact ``name`` of ``phase``; ``drafted`` names this phase's drafts made before it."""
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_draft", name=name))
    inputs, _ = gather(context, phase_row(phase))
    for earlier, version in drafted.items():
        inputs = inputs.with_drafted(context.workspace.load(context.workspace.model_of(earlier), version))
    return drafters(phase)[name](inputs)


def run_phase(root: str, phase: str) -> PhaseOutcome:
    context = ProjectContext.open(Path(root))
    ws = context.workspace
    language = context.project.language
    row = phase_row(phase)
    Gatekeeper(ws).require_phase(phase, before=message(language, f"before_{phase.replace('-', '_')}"))
    inputs, versions = gather(context, row)
    digest = settings_digest(context, inputs)
    outcome = PhaseOutcome()
    drafted: dict[str, int] = {}
    for item in row.artefacts:
        based_on = {**versions, **drafted}
        version = ws.resting_on(item.model, based_on, digest)
        if version is None:
            artefact = draft_artefact(root, phase, item.name, dict(drafted))
            artefact.meta.based_on = {**artefact.meta.based_on, **based_on}
            artefact.meta.inputs_digest = digest
            version, _ = save_and_publish(ws, artefact)
        drafted[item.name] = version
        outcome.versions[item.name] = version
        if ws.state(item.model, version) != "approved":
            outcome.waiting.append(
                message(language, "approve_artefact", name=item.name, version=version, project=context.root)
            )
    outcome.status = "approve" if outcome.waiting else "done"
    return outcome


def _phase_flow(phase: str) -> Flow[[str], PhaseOutcome]:
    def phase_run(root: str) -> PhaseOutcome:
        return run_phase(root, phase)

    phase_run.__doc__ = f"Phase {phase_row(phase).number}: {phase}, drafted behind the go/no-go gate."
    return flow(name=phase, flow_run_name=flow_run_name, log_prints=False)(phase_run)


FLOWS: dict[str, Flow[[str], PhaseOutcome]] = {phase: _phase_flow(phase) for phase in LATER}
