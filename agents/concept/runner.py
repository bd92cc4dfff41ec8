"""Phase 2a as one runner: concept hypotheses from the approved needs map, then the chosen concept's persona.

The Prefect flow (``flows/concept.py``) wraps each step in a task and decides, with the gatekeeper, what
may be drafted (an approved needs map; a chosen concept for the persona); the evaluations call
:func:`run_concept` whole, with the choice given. Both draft the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from agents.concept import concepts as concepts_agent
from agents.concept import persona as persona_agent
from agents.shared.chat_access import ChatAccess, services
from agents.shared.retrieval import Retriever
from artefacts.concept import ConceptHypotheses, Persona
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.project import Project


@dataclass(frozen=True)
class ConceptInputs:
    """What phase 2a is drafted from: the approved needs map, the target groups with that map's need
    titles (``TargetGroups.with_titles_from``), and the note of the last ``revise``."""

    needs_map: NeedsMap
    target_groups: TargetGroups
    project: Project
    revision_note: str = ""
    model: ChatAccess | None = None
    knowledge: Retriever | None = None  # the project's store: evidence and guidance for the model's prompt


@dataclass(frozen=True)
class ConceptResult:
    concepts: ConceptHypotheses
    persona: Persona | None  # None until a concept is chosen


def draft_concepts(inputs: ConceptInputs) -> ConceptHypotheses:
    return concepts_agent.draft(
        inputs.needs_map,
        inputs.target_groups,
        inputs.project,
        revision_note=inputs.revision_note,
        knowledge=inputs.knowledge,
        **services(inputs.model),
    )


def draft_persona(
    inputs: ConceptInputs, concepts: ConceptHypotheses, concept_id: str, champions: Champions
) -> Persona:
    return persona_agent.draft(
        concepts,
        concept_id,
        inputs.needs_map,
        inputs.target_groups,
        champions,
        inputs.project,
        knowledge=inputs.knowledge,
        **services(inputs.model),
    )


def run_concept(inputs: ConceptInputs, champions: Champions, choice: str | None = None) -> ConceptResult:
    """Every step of phase 2a in process: the hypotheses, and the persona of ``choice`` when given."""
    concepts = draft_concepts(inputs)
    persona = draft_persona(inputs, concepts, choice.upper(), champions) if choice else None
    return ConceptResult(concepts=concepts, persona=persona)
