"""The model path of the persona: a chat model writes it, every reference is checked, the rules' draft
stays when the answer fails twice (see :mod:`agents.concept.concept_prompts`)."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from agents.concept.concept_model import cited_quote, known_notes, prompt_groups, prompt_need
from agents.concept.concept_prompts import PersonaAnswer, PersonaInput, PromptNote, TraitAnswer, check_persona
from agents.concept.concept_scoring import type_names
from agents.concept.persona import DRIVE_KINDS, persona_groups
from agents.shared.call_records import CallCache, CallLog
from agents.shared.prompting import language_name, load_prompt
from agents.shared.structured import ask_structured, stamp
from artefacts.concept import ConceptHypothesis, Persona, Trait
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.project import Project
from knowledge.pii import mask

FALLBACK = {
    "nl": "Het taalmodel gaf geen bruikbare persona ({errors}); dit is de persona zonder taalmodel.",
    "en": "The language model gave no usable persona ({errors}); this is the persona made without a model.",
}


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
    prompt = load_prompt("persona")
    inputs = persona_input(rules, concept, needs_map, target_groups, champions, project)
    notes = known_notes(needs_map, project.language)
    answer = ask_structured(
        llm,
        prompt,
        inputs.model_dump(),
        PersonaAnswer,
        check=lambda v: check_persona(v, inputs, notes),
        cache=cache,
        log=log,
    )
    result = rules.model_copy(deep=True)
    value = answer.value
    if not stamp(result.meta, prompt, answer, FALLBACK) or value is None:
        return result
    result.meta.drafted_by = "model"
    result.meta.notes = [n.replace(rules.name, value.name) for n in rules.meta.notes]
    result.name = value.name[:60]
    result.who, result.situation = _trait(value.who), _trait(value.situation)
    result.needs = [_trait(t) for t in value.needs]
    result.motivations = [_trait(t) for t in value.motivations]
    result.gives = [_trait(t) for t in value.gives]
    result.gets = [_trait(t) for t in value.gets]
    result.participation = [_trait(t) for t in value.participation]
    result.quotes = [cited_quote(q.note_id, q.text, needs_map) for q in value.quotes[:6]]
    return result


def _trait(answer: TraitAnswer) -> Trait:
    grounded = bool(answer.need_ids or answer.note_ids)
    return Trait(
        text=answer.text[:400],
        need_ids=list(dict.fromkeys(answer.need_ids)),
        note_ids=list(dict.fromkeys(answer.note_ids)),
        invented=answer.invented or not grounded,
    )
