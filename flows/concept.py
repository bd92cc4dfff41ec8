"""Phase 2a, Concept: concept hypotheses from the approved needs map, then the persona of the chosen concept.

The flow refuses to start without an approved needs map. It drafts the concept hypotheses (answering the
note of the latest ``revise`` decision at the gate, if there is one); once a reviewer has chosen a concept
on the latest version (``samen choose C2``, or ``samen approve concept-hypotheses --choice C2``), it drafts
the persona of that concept. What it waits for is in the outcome, for the terminal.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from pydantic import BaseModel, ConfigDict, Field

from artefacts.concept import ConceptHypotheses, Persona
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from flows.context import ProjectContext
from flows.gates import chosen_concept, require_approved, revision_note
from flows.messages import message
from flows.progress import reporter
from flows.publish import model_services, save_and_publish


class PhaseOutcome(BaseModel):
    """What a phase-2 flow did and what it waits for, for the terminal."""

    model_config = ConfigDict(extra="forbid")

    versions: dict[str, int] = Field(default_factory=dict)
    waiting: list[str] = Field(default_factory=list, description="What waits for whom; empty when done.")
    status: str = "done"


@task(name="draft-concepts", timeout_seconds=1800)
def draft_concepts(
    root: str, needs_map: NeedsMap, target_groups: TargetGroups, note: str
) -> ConceptHypotheses:
    from agents.concept import concepts as concepts_agent

    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_concepts_revise" if note else "step_concepts"))
    return concepts_agent.draft(
        needs_map, target_groups, context.project, revision_note=note, **model_services(root)
    )


@task(name="draft-persona", timeout_seconds=1800)
def draft_persona(
    root: str,
    concepts: ConceptHypotheses,
    concept_id: str,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    champions: Champions,
) -> Persona:
    from agents.concept import persona as persona_agent

    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_persona", concept=concept_id))
    return persona_agent.draft(
        concepts, concept_id, needs_map, target_groups, champions, context.project, **model_services(root)
    )


@flow(name="concept", log_prints=False)
def concept(root: str) -> PhaseOutcome:
    """Phase 2a: concept hypotheses, and the persona once a concept is chosen."""
    context = ProjectContext.open(Path(root))
    ws = context.workspace
    language = context.project.language
    needs_version, needs_map = require_approved(ws, "needs-map", before=message(language, "before_concept"))
    assert isinstance(needs_map, NeedsMap)
    target_groups = ws.load("target-groups")
    champions = ws.load("champions")
    assert isinstance(target_groups, TargetGroups) and isinstance(champions, Champions)
    based_on = {"needs-map": needs_version, "target-groups": ws.latest_version("target-groups") or 1}

    hypotheses = draft_concepts(str(context.root), needs_map, target_groups, revision_note(ws))
    hypotheses.meta.based_on = {**hypotheses.meta.based_on, **based_on}
    concepts_version, _ = save_and_publish(ws, hypotheses)
    outcome = PhaseOutcome(versions={"concept-hypotheses": concepts_version})
    chosen = chosen_concept(ws, concepts_version)
    if chosen is None:
        ids = ", ".join(c.id for c in ws.load("concept-hypotheses", concepts_version).concepts)  # type: ignore[attr-defined]
        outcome.status = "choose"
        outcome.waiting.append(
            message(language, "choose_concept", ids=ids, version=concepts_version, project=context.root)
        )
        return outcome
    stored = ws.load("concept-hypotheses", concepts_version)
    assert isinstance(stored, ConceptHypotheses)
    persona = draft_persona(str(context.root), stored, chosen, needs_map, target_groups, champions)
    persona.meta.based_on = {**persona.meta.based_on, **based_on, "concept-hypotheses": concepts_version}
    outcome.versions["persona"], _ = save_and_publish(ws, persona)
    if ws.state("concept-hypotheses", concepts_version) != "approved":
        outcome.status = "approve"
        outcome.waiting.append(
            message(
                language, "approve_concepts", version=concepts_version, concept=chosen, project=context.root
            )
        )
    return outcome
