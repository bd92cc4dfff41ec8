"""The model path of the persona: a chat model writes it, every reference is checked, the rules' draft
stays when the answer fails twice (see :mod:`agents.concept.concept_prompts`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel

from agents.concept.concept_model import cited_quote, known_notes, prompt_groups, prompt_need
from agents.concept.concept_prompts import PersonaAnswer, PersonaInput, PromptNote, TraitAnswer, check_persona
from agents.concept.concept_scoring import type_names
from agents.concept.persona import DRIVE_KINDS, persona_groups
from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.prompting import language_name
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypothesis, Persona, Trait
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.project import Project
from knowledge.pii import mask

FALLBACK: PerLanguage[str] = PerLanguage("persona.model_fallback")


def persona_input(
    rules: Persona, concept: ConceptHypothesis, needs_map: NeedsMap, target_groups: TargetGroups,
    champions: Champions, project: Project,
) -> PersonaInput:  # fmt: skip
    language = project.language
    kind = type_names(language)[concept.community_type]
    statements = {n.id: n for n in needs_map.notes if n.kind == "statement"}
    drive_ids = [s.note_id for c in champions.champions for s in c.signals if s.kind in DRIVE_KINDS]
    drive = [
        PromptNote(id=i, text=mask(statements[i].text, language))
        for i in dict.fromkeys(drive_ids)
        if i in statements
    ]
    groups = persona_groups(concept, target_groups)
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


@dataclass(frozen=True)
class PersonaStep(ArtefactStep[PersonaInput, PersonaAnswer, Persona]):
    """The persona written by the model; quotes may cite any note of ``needs_map``."""

    prompt: ClassVar[str] = "persona"
    input_model: ClassVar[type[BaseModel]] = PersonaInput
    output_model: ClassVar[type[BaseModel]] = PersonaAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK
    needs_map: NeedsMap
    language: str

    def check(self, answer: PersonaAnswer, inputs: PersonaInput) -> list[str]:
        return check_persona(answer, inputs, known_notes(self.needs_map, self.language))

    def apply(self, answer: PersonaAnswer, draft: Persona) -> Persona:
        draft.meta.notes = [n.replace(draft.name, answer.name) for n in draft.meta.notes]
        draft.name = answer.name[:60]
        draft.who, draft.situation = _trait(answer.who), _trait(answer.situation)
        draft.needs = [_trait(t) for t in answer.needs]
        draft.motivations = [_trait(t) for t in answer.motivations]
        draft.gives = [_trait(t) for t in answer.gives]
        draft.gets = [_trait(t) for t in answer.gets]
        draft.participation = [_trait(t) for t in answer.participation]
        draft.quotes = [cited_quote(q.note_id, q.text, self.needs_map) for q in answer.quotes[:6]]
        return draft


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
) -> Persona:
    inputs = persona_input(rules, concept, needs_map, target_groups, champions, project)
    step = PersonaStep(needs_map=needs_map, language=project.language)
    return run_model_step(step, rules, inputs, llm, cache=cache, log=log)


def _trait(answer: TraitAnswer) -> Trait:
    grounded = bool(answer.need_ids or answer.note_ids)
    return Trait(
        text=answer.text[:400],
        need_ids=list(dict.fromkeys(answer.need_ids)),
        note_ids=list(dict.fromkeys(answer.note_ids)),
        invented=answer.invented or not grounded,
    )
