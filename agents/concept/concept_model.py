"""The model path of the concepts: a chat model writes them, every reference is checked, the rules'
draft stays when the answer fails twice (see :mod:`agents.concept.concept_prompts`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from agents.concept.concept_prompts import (
    ConceptAnswer,
    ConceptsAnswer,
    ConceptsInput,
    PromptGroup,
    PromptNeed,
    PromptNote,
    PromptType,
    check_concepts,
)
from agents.concept.concept_retrieval import (
    ConceptsInputV2,
    further_known,
    method_passages,
    quote_from,
    with_further_notes,
)
from agents.concept.concept_scoring import community_types, library
from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.prompting import language_name
from agents.shared.retrieval import Retriever
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme
from artefacts.initiative import Need, NeedsMap, TargetGroups
from artefacts.project import Project
from knowledge.hits import NoteHit
from knowledge.pii import mask

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

NOTES_PER_NEED = 5
FALLBACK: PerLanguage[str] = PerLanguage("concepts.model_fallback")
THRESHOLDS: PerLanguage[str] = PerLanguage("concepts.thresholds")


def prompt_need(need: Need, needs_map: NeedsMap, language: str, notes: int = NOTES_PER_NEED) -> PromptNeed:
    chosen = [q.note_id for q in need.evidence] + need.note_ids
    ids = list(dict.fromkeys(chosen))[:notes]
    return PromptNeed(
        id=need.id,
        title=mask(need.title, language),
        statement=mask(need.statement, language),
        keywords=need.keywords,
        intensity=f"{need.intensity.label} ({need.intensity.score:.2f})",
        voices=need.voices,
        notes=[PromptNote(id=i, text=mask(needs_map.note(i).text, language)) for i in ids],
    )


def prompt_groups(target_groups: TargetGroups) -> list[PromptGroup]:
    return [
        PromptGroup(
            name=g.name,
            size=g.size,
            fit=g.fit_label,
            top_needs=[f"{s.need_id} ({s.share:.0%})" for s in g.top_needs],
        )
        for g in target_groups.groups
    ]


def concepts_input(
    rules: ConceptHypotheses, needs_map: NeedsMap, target_groups: TargetGroups, project: Project
) -> ConceptsInput:
    language = project.language
    titles = {item.id: item.title for item in library(language)}
    limits = {
        "recognition": 0.6,
        "relevance": 0.6,
        "role_willingness": 0.15,
        **project.thresholds.overrides(),
    }
    return ConceptsInput(
        language=language_name(language),
        organisation=mask(project.organisation.name, language),
        intentions=[mask(i, language) for i in project.organisation.intentions],
        interviewees=len(needs_map.interviewees),
        needs=[prompt_need(n, needs_map, language) for n in needs_map.needs],
        groups=prompt_groups(target_groups),
        types=[
            PromptType(
                id=t.id, name=t.name, description=t.description, driving_needs=[titles[i] for i in t.primary]
            )
            for t in community_types(language)
        ],
        thresholds=THRESHOLDS.get(language, THRESHOLDS["en"]).format(
            **{k: f"{v:.0%}" for k, v in limits.items()}
        ),
        suggestions=[f"{c.id}: {c.community_type} — {', '.join(c.need_ids)}" for c in rules.concepts],
        revision_note=mask(rules.revision_note, language),
    )


def known_notes(needs_map: NeedsMap, language: str) -> dict[str, str]:
    """Every note of the needs map, masked as the prompt shows them: what a quote may cite."""
    return {note.id: mask(note.text, language) for note in needs_map.notes}


def concepts_input_v2(
    rules: ConceptHypotheses,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    project: Project,
    knowledge: Retriever,
) -> tuple[ConceptsInputV2, dict[str, NoteHit]]:
    """v1's input with each need's further notes from the store and the concept phase's guidance."""
    base = concepts_input(rules, needs_map, target_groups, project)
    needs, hits = with_further_notes(base.needs, needs_map, knowledge, project.language)
    method = method_passages(knowledge, "concept", project.language)
    return ConceptsInputV2(**{**base.model_dump(), "needs": needs, "method": method}), hits


@dataclass(frozen=True)
class ConceptsStep(ArtefactStep[ConceptsInput, ConceptsAnswer, ConceptHypotheses]):
    """The concepts written by the model; quotes may cite any note of ``needs_map`` (and, from v2, any
    note the store retrieved for the prompt: ``further``)."""

    prompt: ClassVar[str] = "concepts"
    version: ClassVar[str | None] = "v1"
    input_model: ClassVar[type[BaseModel]] = ConceptsInput
    output_model: ClassVar[type[BaseModel]] = ConceptsAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK
    needs_map: NeedsMap
    language: str
    further: Mapping[str, NoteHit] = field(default_factory=dict)

    def check(self, answer: ConceptsAnswer, inputs: ConceptsInput) -> list[str]:
        known = {**known_notes(self.needs_map, self.language), **further_known(self.further, self.language)}
        return check_concepts(answer, inputs, known)

    def apply(self, answer: ConceptsAnswer, draft: ConceptHypotheses) -> ConceptHypotheses:
        made_without_model = draft.meta.notes[-1]
        draft.concepts = [
            _concept(i, c, self.needs_map, self.further) for i, c in enumerate(answer.concepts, start=1)
        ]
        draft.meta.notes = [n for n in draft.meta.notes if n != made_without_model]
        return draft


@dataclass(frozen=True)
class ConceptsStepV2(ConceptsStep):
    """v2: the prompt also shows further notes per need and the phase's guidance (from the store)."""

    version: ClassVar[str | None] = "v2"
    input_model: ClassVar[type[BaseModel]] = ConceptsInputV2


def write_concepts(
    rules: ConceptHypotheses,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    project: Project,
    llm: BaseChatModel,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
    knowledge: Retriever | None = None,
) -> ConceptHypotheses:
    """Prompt v2 with what ``knowledge`` retrieves when a store is given, else prompt v1."""
    if knowledge is None:
        inputs = concepts_input(rules, needs_map, target_groups, project)
        step = ConceptsStep(needs_map=needs_map, language=project.language)
        return run_model_step(step, rules, inputs, llm, cache=cache, log=log)
    inputs_v2, hits = concepts_input_v2(rules, needs_map, target_groups, project, knowledge)
    step_v2 = ConceptsStepV2(needs_map=needs_map, language=project.language, further=hits)
    return run_model_step(step_v2, rules, inputs_v2, llm, cache=cache, log=log)


def _concept(
    number: int, answer: ConceptAnswer, needs_map: NeedsMap, further: Mapping[str, NoteHit]
) -> ConceptHypothesis:
    return ConceptHypothesis(
        id=f"C{number}",
        name=answer.name[:90],
        community_type=answer.community_type,
        purpose=answer.purpose[:600],
        hypothesis=answer.hypothesis[:800],
        need_ids=list(dict.fromkeys(answer.need_ids)),
        target_groups=answer.target_groups,
        themes=[
            ConceptTheme(title=t.title[:90], topics=[x[:120] for x in t.topics][:8], need_ids=t.need_ids)
            for t in answer.themes[:6]
        ],
        fails_if=[f for f in answer.fails_if if f.strip()][:5],
        rationale=answer.rationale[:800],
        evidence=[quote_from(q.note_id, q.text, needs_map, further) for q in answer.evidence[:5]],
    )
