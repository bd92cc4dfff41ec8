"""Phase 2a, Concept: concept hypotheses from the approved needs map, then the persona of the chosen concept.

The flow refuses to start without an approved needs map. It drafts the concept hypotheses (answering the
note of the latest ``revise`` decision at the gate, if there is one); once a reviewer has chosen a concept
on the latest version (``samen choose C2``, or ``samen approve concept-hypotheses --choice C2``), it drafts
the persona of that concept. What it waits for is in the outcome, for the terminal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from prefect import flow, task

from agents.concept import runner as phase2a
from artefacts.concept import ConceptHypotheses, Persona
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from flows.context import ProjectContext
from flows.gatekeeper import Gatekeeper
from flows.messages import message
from flows.model_step import chat_access
from flows.phase_outcome import PhaseOutcome
from flows.progress import reporter
from flows.publish import save_and_publish
from flows.run_names import flow_run_name


@task(name="draft-concepts", timeout_seconds=1800)
def draft_concepts(
    root: str, needs_map: NeedsMap, target_groups: TargetGroups, note: str
) -> ConceptHypotheses:
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_concepts_revise" if note else "step_concepts"))
    return phase2a.draft_concepts(concept_inputs(context, needs_map, target_groups, note))


@task(name="draft-persona", timeout_seconds=1800)
def draft_persona(
    root: str,
    concepts: ConceptHypotheses,
    concept_id: str,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    champions: Champions,
) -> Persona:
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_persona", concept=concept_id))
    inputs = concept_inputs(context, needs_map, target_groups, "")
    return phase2a.draft_persona(inputs, concepts, concept_id, champions)


def concept_inputs(
    context: ProjectContext, needs_map: NeedsMap, target_groups: TargetGroups, note: str
) -> phase2a.ConceptInputs:
    model = chat_access(context)
    return phase2a.ConceptInputs(
        needs_map=needs_map,
        target_groups=target_groups,
        project=context.project,
        revision_note=note,
        model=model,
        knowledge=context.knowledge if model is not None else None,  # only a model's prompt reads it
    )


@flow(name="concept", flow_run_name=flow_run_name, log_prints=False)
def concept(root: str) -> PhaseOutcome:
    """Phase 2a: concept hypotheses, and the persona once a concept is chosen.

    A draft is reused when the latest version rests on the same inputs (the approved needs map, the target
    groups, the revision note): an approval or a choice made on it keeps holding until an input changes.
    """
    context = ProjectContext.open(Path(root))
    ws = context.workspace
    gate = Gatekeeper(ws)
    language = context.project.language
    required = gate.require_phase("concept", before=message(language, "before_concept"))
    needs_version = required["needs-map"]
    needs_map = ws.load(NeedsMap, needs_version)
    target_groups = ws.load(TargetGroups).with_titles_from(needs_map)
    champions = ws.load(Champions)
    note = gate.revision_note()
    based_on = {"needs-map": needs_version, "target-groups": ws.latest_version(TargetGroups) or 1}
    digest = hashlib.sha256(note.encode("utf-8")).hexdigest()

    concepts_version = ws.resting_on(ConceptHypotheses, based_on, digest)
    if concepts_version is None:
        hypotheses = draft_concepts(str(context.root), needs_map, target_groups, note)
        hypotheses.meta.based_on = {**hypotheses.meta.based_on, **based_on}
        hypotheses.meta.inputs_digest = digest
        concepts_version, _ = save_and_publish(ws, hypotheses)
    outcome = PhaseOutcome(versions={"concept-hypotheses": concepts_version})
    chosen = gate.chosen_concept(concepts_version)
    stored = ws.load(ConceptHypotheses, concepts_version)
    if chosen is None:
        ids = ", ".join(c.id for c in stored.concepts)
        outcome.status = "choose"
        outcome.waiting.append(
            message(language, "choose_concept", ids=ids, version=concepts_version, project=context.root)
        )
        return outcome
    persona_basis = {**based_on, "concept-hypotheses": concepts_version}
    persona_version = ws.resting_on(Persona, persona_basis, chosen)
    if persona_version is None:
        persona = draft_persona(str(context.root), stored, chosen, needs_map, target_groups, champions)
        persona.meta.based_on = {**persona.meta.based_on, **persona_basis}
        persona.meta.inputs_digest = chosen
        persona_version, _ = save_and_publish(ws, persona)
    outcome.versions["persona"] = persona_version
    if ws.state(ConceptHypotheses, concepts_version) != "approved":
        outcome.status = "approve"
        outcome.waiting.append(
            message(
                language, "approve_concepts", version=concepts_version, concept=chosen, project=context.root
            )
        )
    return outcome
