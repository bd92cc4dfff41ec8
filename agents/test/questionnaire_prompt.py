"""The model path of the questionnaire (``prompts/questionnaire/``): what the model is given, what it returns,
and the checks its answer must pass.

The deterministic questionnaire goes in with the concept, the persona and the needs; the model may
rephrase items in the words of the target group and add a few theme-specific items. What the analysis
relies on is checked and sent back once when broken: every draft item stays, with its block, kind, options
and theme (so the role ladder, the Likert labels and the segment options are exactly as drafted); new items
are Likert statements or open questions in the recognition, relevance, motivation or open block; every need
id exists. A second failure keeps the deterministic draft, with ``meta.fallback`` saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, Field

from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.prompting import language_name
from agents.test.questionnaire import ROLE_THEME, number
from artefacts.base import Strict
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypothesis, Persona
from artefacts.initiative import NeedsMap
from artefacts.project import Project
from artefacts.survey import QuestionItem, Questionnaire

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

ADDABLE_BLOCKS = ("recognition", "relevance", "motivation", "open")
MAX_ADDED = 4
FALLBACK: PerLanguage[str] = PerLanguage("questionnaire.model_fallback")


class ThemeBrief(Strict):
    title: str
    topics: list[str] = Field(default_factory=list)
    need_ids: list[str] = Field(default_factory=list)


class ConceptBrief(Strict):
    id: str
    name: str
    community_type: str
    purpose: str
    hypothesis: str
    themes: list[ThemeBrief] = Field(default_factory=list)


class PersonaBrief(Strict):
    name: str
    who: str
    situation: str
    needs: list[str] = Field(default_factory=list)
    motivations: list[str] = Field(default_factory=list)


class NeedBrief(Strict):
    id: str
    title: str
    statement: str


class QuestionnaireInput(Strict):
    """The variables of ``prompts/questionnaire/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch (Nederlands)'.")
    organisation: str
    concept: ConceptBrief
    persona: PersonaBrief
    needs: list[NeedBrief]
    likert_labels: list[str]
    title: str
    intro: str
    items: list[QuestionItem]


class QuestionnaireAnswer(Strict):
    title: str = Field(min_length=1, max_length=200, description="Title of the questionnaire.")
    intro: str = Field(
        min_length=1,
        max_length=1500,
        description="Introduction respondents read first: why, how long, privacy.",
    )
    items: list[QuestionItem] = Field(
        description="Every draft item (same id, block, kind, options and theme; text may be rephrased), "
        f"plus at most {MAX_ADDED} new Likert or open items with unused ids."
    )
    cannot_answer: str | None = Field(
        default=None,
        description="Only when the input gives no basis to write a questionnaire: say why, and return no items.",
    )


def prompt_input(
    draft: Questionnaire, concept: ConceptHypothesis, persona: Persona, needs_map: NeedsMap, project: Project
) -> QuestionnaireInput:
    wanted = set(concept.need_ids) | {n for item in draft.items for n in item.need_ids}
    return QuestionnaireInput(
        language=language_name(draft.meta.language),
        organisation=project.organisation.name,
        concept=ConceptBrief(
            id=concept.id,
            name=concept.name,
            community_type=concept.community_type,
            purpose=concept.purpose,
            hypothesis=concept.hypothesis,
            themes=[ThemeBrief(title=t.title, topics=t.topics, need_ids=t.need_ids) for t in concept.themes],
        ),
        persona=PersonaBrief(
            name=persona.name,
            who=persona.who.text,
            situation=persona.situation.text,
            needs=[t.text for t in persona.needs],
            motivations=[t.text for t in persona.motivations],
        ),
        needs=[
            NeedBrief(id=n.id, title=n.title, statement=n.statement)
            for n in needs_map.needs
            if n.id in wanted
        ],
        likert_labels=draft.likert_labels,
        title=draft.title,
        intro=draft.intro,
        items=draft.items,
    )


def check_answer(answer: QuestionnaireAnswer, draft: Questionnaire, need_ids: set[str]) -> list[str]:
    """What the analysis relies on: draft items kept as they are but for their text; valid new items."""
    errors: list[str] = []
    by_id = {item.id: item for item in draft.items}
    seen: set[str] = set()
    for item in answer.items:
        if item.id in seen:
            errors.append(f"item id {item.id} occurs twice; give every item its own id")
        seen.add(item.id)
        original = by_id.get(item.id)
        errors += _check_kept(item, original) if original else _check_new(item, draft.likert_labels)
        errors += [
            f"item {item.id} cites need {n!r}, which is not one of the needs given"
            for n in item.need_ids
            if n not in need_ids
        ]
    errors += [f"item {i} of the draft is missing; keep every draft item" for i in by_id if i not in seen]
    added = [item.id for item in answer.items if item.id not in by_id]
    if len(added) > MAX_ADDED:
        errors.append(f"{len(added)} new items ({', '.join(added)}); add at most {MAX_ADDED}")
    return errors


def _check_kept(item: QuestionItem, original: QuestionItem) -> list[str]:
    errors = [
        f"item {item.id}: its {name} must stay {getattr(original, name)!r}, not {getattr(item, name)!r}"
        for name in ("block", "kind", "theme")
        if getattr(item, name) != getattr(original, name)
    ]
    if item.options != original.options:
        if original.theme == ROLE_THEME:
            errors.append(
                f"item {item.id} is the role ladder: keep its five options exactly, in this order: "
                + " | ".join(original.options)
            )
        elif original.kind == "likert":
            errors.append(f"item {item.id}: Likert labels must stay exactly: " + " | ".join(original.options))
        else:
            errors.append(f"item {item.id}: keep its options exactly: " + " | ".join(original.options))
    return errors


def _check_new(item: QuestionItem, labels: list[str]) -> list[str]:
    if item.block not in ADDABLE_BLOCKS:
        return [
            f"new item {item.id} is in block {item.block!r}; add items only to {', '.join(ADDABLE_BLOCKS)}"
        ]
    if item.kind == "likert" and item.options != labels:
        return [f"new item {item.id}: a Likert item has exactly these labels: " + " | ".join(labels)]
    if item.kind == "open" and item.options:
        return [f"new item {item.id}: an open question has no options"]
    if item.kind not in ("likert", "open"):
        return [f"new item {item.id} is {item.kind!r}; new items are 'likert' or 'open'"]
    return []


@dataclass(frozen=True)
class QuestionnaireStep(ArtefactStep[QuestionnaireInput, QuestionnaireAnswer, Questionnaire]):
    """The draft rephrased and extended; what the analysis relies on stays as drafted."""

    prompt: ClassVar[str] = "questionnaire"
    input_model: ClassVar[type[BaseModel]] = QuestionnaireInput
    output_model: ClassVar[type[BaseModel]] = QuestionnaireAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK
    error_chars: ClassVar[int] = 300
    drafted: Questionnaire
    need_ids: frozenset[str]

    def check(self, answer: QuestionnaireAnswer, inputs: QuestionnaireInput) -> list[str]:
        return check_answer(answer, self.drafted, set(self.need_ids))

    def apply(self, answer: QuestionnaireAnswer, draft: Questionnaire) -> Questionnaire:
        drafted = {item.id: item for item in draft.items}
        draft.title = answer.title
        draft.intro = answer.intro
        draft.items = number(
            [_tidy(item, drafted.get(item.id)) for item in answer.items], draft.likert_labels
        )
        return draft


def refine(
    draft: Questionnaire,
    concept: ConceptHypothesis,
    persona: Persona,
    needs_map: NeedsMap,
    project: Project,
    llm: BaseChatModel,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> Questionnaire:
    """The draft rephrased and extended by the model, or the draft itself with ``meta.fallback``."""
    inputs = prompt_input(draft, concept, persona, needs_map, project)
    step = QuestionnaireStep(drafted=draft, need_ids=frozenset(need.id for need in needs_map.needs))
    return run_model_step(step, draft, inputs, llm, cache=cache, log=log)


def _tidy(item: QuestionItem, drafted: QuestionItem | None) -> QuestionItem:
    """Whitespace collapsed; a draft item keeps whether it is required."""
    update: dict[str, object] = {"text": " ".join(item.text.split())}
    if drafted is not None:
        update["required"] = drafted.required
    return item.model_copy(update=update)
