"""The model path of the persona: a chat model writes it, every reference is checked, the rules' draft
stays when the answer fails twice (see :mod:`agents.concept.concept_prompts`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from agents.concept.concept_model import known_notes, prompt_groups, prompt_need
from agents.concept.concept_prompts import PersonaAnswer, PersonaInput, PromptNote, TraitAnswer, check_persona
from agents.concept.concept_retrieval import (
    PersonaInputV2,
    further_known,
    method_passages,
    quote_from,
    with_further_notes,
)
from agents.concept.concept_scoring import type_names
from agents.concept.persona import DRIVE_KINDS, persona_groups
from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.prompting import language_name
from agents.shared.retrieval import Retriever
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypothesis, Persona, Trait
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.project import Project
from knowledge.hits import NoteHit
from knowledge.pii import mask

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

FALLBACK: PerLanguage[str] = PerLanguage("persona.model_fallback")
GUIDANCE_QUERY = {  # what the persona's guidance is retrieved for, in the guide's language
    "nl": "persona: het ideale lid, elke eigenschap onderbouwd met citaten uit de interviews",
    "en": "persona: the ideal member, every trait grounded in quotes from the interviews",
}
GUIDANCE_PASSAGES = 2


def persona_input(
    rules: Persona, concept: ConceptHypothesis, needs_map: NeedsMap, target_groups: TargetGroups,
    champions: Champions, project: Project,
) -> PersonaInput:  # fmt: skip
    language = project.language
    kind = type_names(language)[concept.community_type]
    statements = {n.id: n for n in needs_map.notes if n.kind == "statement"}
    groups = persona_groups(concept, target_groups)[:1]  # one kind of member, as the rules draw it
    people = {p for g in groups for p in g.participants} or {c.participant for c in champions.champions}
    drive_ids = [
        s.note_id
        for c in champions.champions
        if c.participant in people
        for s in c.signals
        if s.kind in DRIVE_KINDS
    ]
    drive = [
        PromptNote(id=i, text=mask(statements[i].text, language))
        for i in dict.fromkeys(drive_ids)
        if i in statements
    ]
    return PersonaInput(
        language=language_name(language),
        organisation=mask(project.organisation.name, language),
        concept=mask(
            f"{concept.id} · {concept.name} ({kind}). {concept.purpose} {concept.hypothesis}", language
        ),
        needs=[prompt_need(needs_map.need(i), needs_map, language) for i in concept.need_ids],
        groups=prompt_groups(target_groups.model_copy(update={"groups": groups})),
        drive=drive[:8],
        channels=[mask(c, language) for c in project.channels],
        name_hint=rules.name,
    )


def persona_input_v2(
    rules: Persona, concept: ConceptHypothesis, needs_map: NeedsMap, target_groups: TargetGroups,
    champions: Champions, project: Project, knowledge: Retriever,
) -> tuple[PersonaInputV2, dict[str, NoteHit]]:  # fmt: skip
    """v1's input with each need's further notes from the store and the guidance on personas."""
    language = project.language
    base = persona_input(rules, concept, needs_map, target_groups, champions, project)
    drive_ids = [note.id for note in base.drive]
    needs, hits = with_further_notes(base.needs, needs_map, knowledge, language, also_shown=drive_ids)
    query = GUIDANCE_QUERY.get(language, GUIDANCE_QUERY["en"])
    method = method_passages(knowledge, "concept", language, query=query, k=GUIDANCE_PASSAGES)
    return PersonaInputV2(**{**base.model_dump(), "needs": needs, "method": method}), hits


@dataclass(frozen=True)
class PersonaStep(ArtefactStep[PersonaInput, PersonaAnswer, Persona]):
    """The persona written by the model; quotes may cite any note of ``needs_map`` (and, from v2, any
    note the store retrieved for the prompt: ``further``)."""

    prompt: ClassVar[str] = "persona"
    version: ClassVar[str | None] = "v1"
    input_model: ClassVar[type[BaseModel]] = PersonaInput
    output_model: ClassVar[type[BaseModel]] = PersonaAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK
    needs_map: NeedsMap
    language: str
    further: Mapping[str, NoteHit] = field(default_factory=dict)

    def check(self, answer: PersonaAnswer, inputs: PersonaInput) -> list[str]:
        known = {**known_notes(self.needs_map, self.language), **further_known(self.further, self.language)}
        return check_persona(answer, inputs, known)

    def apply(self, answer: PersonaAnswer, draft: Persona) -> Persona:
        draft.meta.notes = [n.replace(draft.name, answer.name) for n in draft.meta.notes]
        draft.name = answer.name[:60]
        draft.who, draft.situation = _trait(answer.who), _trait(answer.situation)
        draft.needs = [_trait(t) for t in answer.needs]
        draft.motivations = [_trait(t) for t in answer.motivations]
        draft.gives = [_trait(t) for t in answer.gives]
        draft.gets = [_trait(t) for t in answer.gets]
        draft.participation = [_trait(t) for t in answer.participation]
        draft.quotes = [
            quote_from(q.note_id, q.text, self.needs_map, self.further) for q in answer.quotes[:6]
        ]
        return draft


@dataclass(frozen=True)
class PersonaStepV2(PersonaStep):
    """v2: the prompt also shows further notes per need and the guidance on personas (from the store)."""

    version: ClassVar[str | None] = "v2"
    input_model: ClassVar[type[BaseModel]] = PersonaInputV2


def write_persona(
    rules: Persona,
    concept: ConceptHypothesis,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    champions: Champions,
    project: Project,
    llm: BaseChatModel,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
    knowledge: Retriever | None = None,
) -> Persona:
    """Prompt v2 with what ``knowledge`` retrieves when a store is given, else prompt v1."""
    language = project.language
    if knowledge is None:
        inputs = persona_input(rules, concept, needs_map, target_groups, champions, project)
        step = PersonaStep(needs_map=needs_map, language=language)
        return run_model_step(step, rules, inputs, llm, cache=cache, log=log)
    inputs_v2, hits = persona_input_v2(
        rules, concept, needs_map, target_groups, champions, project, knowledge
    )
    step_v2 = PersonaStepV2(needs_map=needs_map, language=language, further=hits)
    return run_model_step(step_v2, rules, inputs_v2, llm, cache=cache, log=log)


def _trait(answer: TraitAnswer) -> Trait:
    grounded = bool(answer.need_ids or answer.note_ids)
    return Trait(
        text=answer.text[:400],
        need_ids=list(dict.fromkeys(answer.need_ids)),
        note_ids=list(dict.fromkeys(answer.note_ids)),
        invented=answer.invented or not grounded,
    )
