"""The questionnaire agent: items that test the chosen concept with the people it is meant for.

The deterministic backbone always runs and yields a complete questionnaire in the project language, in
blocks that follow the four test questions of the method (knowledge/methodology/*/2b-test.md), with ids
Q01, Q02… in this order:

- recognition: 2–3 Likert statements, "I recognise myself in: …", from the persona's situation and needs;
- relevance: one Likert statement per concept theme (or, without themes, per key need), with its need ids;
- motivation: three Likert statements about intrinsic motivation (own importance, learning and sharing,
  joining without reward or obligation), never extrinsic rewards;
- role: ONE single-choice item, theme ``"role-ladder"``, with exactly the five :data:`ROLE_OPTIONS` of the
  language, ordered from passive to pulling. The analysis counts the last option as "willing to pull the
  cart" (kartrekker) and the last two as an active role; do not reorder or reword them;
- channels: the project's channels (or defaults) as multiple choice, theme ``"channels"``; meeting forms
  (online, in person, hybrid) as multiple choice, theme ``"meeting-form"``;
- background: the target groups' names as single choice, theme ``"segment"`` (for the analysis by
  segment; "Other" last), and an age band, theme ``"age"``;
- open: what would make the community valuable, and anything else (both optional).

Likert items carry the standard 5-point labels of the language (:data:`LIKERT_LABELS`). With a chat model
the items may be rephrased and a few theme-specific items added (:mod:`agents.test.questionnaire_prompt`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from agents.shared.call_records import CallCache, CallLog, sha256_of
from agents.test.sampling import sampling_plan, segments_of
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.errors import InputError
from artefacts.initiative import NeedsMap, TargetGroups
from artefacts.messages import message
from artefacts.project import Project
from artefacts.quote_text import sendable_quote
from artefacts.survey import Block, ItemKind, QuestionItem, Questionnaire

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

BLOCKS: tuple[Block, ...] = (
    "recognition",
    "relevance",
    "motivation",
    "role",
    "channels",
    "background",
    "open",
)
ROLE_THEME = "role-ladder"
SEGMENT_THEME = "segment"
MAX_RECOGNITION = 3
MAX_RELEVANCE = 4

LIKERT_LABELS: PerLanguage[list[str]] = PerLanguage("questionnaire.likert_labels")
ROLE_OPTIONS: PerLanguage[list[str]] = PerLanguage("questionnaire.role_options")
"""The role ladder, passive to pulling: the last option is "willing to pull the cart", the last two are
active roles. Survey analysis and the go/no-go advice rely on this order."""

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("questionnaire.words")
MOTIVATION: PerLanguage[list[str]] = PerLanguage("questionnaire.motivation")
DEFAULT_CHANNELS: PerLanguage[list[str]] = PerLanguage("questionnaire.default_channels")
MEETING_FORMS: PerLanguage[list[str]] = PerLanguage("questionnaire.meeting_forms")
AGE_BANDS: PerLanguage[list[str]] = PerLanguage("questionnaire.age_bands")


def draft(
    concepts: ConceptHypotheses,
    concept_id: str,
    persona: Persona,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    project: Project,
    *,
    llm: BaseChatModel | None = None,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> Questionnaire:
    """The questionnaire for concept ``concept_id``; rephrased and extended by ``llm`` when given."""
    concept = _concept(concepts, concept_id)
    questionnaire = deterministic(concept, persona, needs_map, target_groups, project)
    if llm is None:
        return questionnaire
    from agents.test.questionnaire_prompt import refine  # the model path needs langchain's chat machinery

    return refine(questionnaire, concept, persona, needs_map, project, llm, cache=cache, log=log)


def deterministic(
    concept: ConceptHypothesis,
    persona: Persona,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    project: Project,
) -> Questionnaire:
    """The questionnaire without a model: every block, in the project language."""
    language = language_of(project)
    words = WORDS[language]
    known = {need.id for need in needs_map.needs}
    segments = [group.name for group in target_groups.groups] or segments_of(concept, target_groups)
    specs = (
        _recognition(persona, needs_map, known, language)
        + _relevance(concept, needs_map, known, language)
        + [_spec("motivation", "likert", text, theme="intrinsic") for text in MOTIVATION[language]]
        + [_spec("role", "single", words["role"], ROLE_OPTIONS[language], theme=ROLE_THEME)]
        + _channels(project, language)
        + _background(segments, language)
        + [
            _spec("open", "open", words["open_value"], required=False, theme="value"),
            _spec("open", "open", words["open_else"], required=False, theme="other"),
        ]
    )
    items = number(specs, LIKERT_LABELS[language])
    notes = []
    if persona.concept_id != concept.id:
        notes.append(words["wrong_persona"].format(persona=persona.concept_id, concept=concept.id))
    if not segments:
        notes.append(words["no_segments"])
    return Questionnaire(
        meta=ArtefactMeta(
            language=language,
            inputs_digest=sha256_of(
                [concept, persona.model_dump(exclude={"meta"}), project.channels, segments]
            ),
            notes=notes,
        ),
        concept_id=concept.id,
        title=words["title"].format(name=concept.name),
        intro=intro(concept, project, len(items)),
        likert_labels=list(LIKERT_LABELS[language]),
        items=items,
        sampling=sampling_plan(persona, target_groups, concept, project),
    )


def language_of(project: Project) -> str:
    return project.language if project.language in WORDS else "en"


def intro(concept: ConceptHypothesis, project: Project, n_items: int) -> str:
    words = WORDS[language_of(project)]
    purpose = concept.purpose.strip()
    purpose = purpose if purpose.endswith((".", "!", "?")) else purpose + "."
    minutes = max(3, math.ceil(n_items * 0.5))
    return words["intro"].format(organisation=project.organisation.name, purpose=purpose, minutes=minutes)


def number(specs: list[QuestionItem], likert_labels: list[str]) -> list[QuestionItem]:
    """Items in block order (stable within a block), numbered Q01, Q02…; Likert items get the labels."""
    ordered = sorted(specs, key=lambda item: BLOCKS.index(item.block))
    return [
        item.model_copy(
            update={
                "id": f"Q{i:02d}",
                "options": list(likert_labels) if item.kind == "likert" else item.options,
            }
        )
        for i, item in enumerate(ordered, start=1)
    ]


def _spec(
    block: Block,
    kind: ItemKind,
    text: str,
    options: list[str] | None = None,
    *,
    need_ids: list[str] | None = None,
    theme: str | None = None,
    required: bool = True,
) -> QuestionItem:
    """An item before numbering (its id is a placeholder)."""
    return QuestionItem(
        id="Q00",
        block=block,
        kind=kind,
        text=_clip(text),
        options=options or [],
        required=required,
        need_ids=need_ids or [],
        theme=theme,
    )


def _recognition(persona: Persona, needs_map: NeedsMap, known: set[str], language: str) -> list[QuestionItem]:
    """One item per need of the persona's situation and needs: a short quote a stranger can read, or
    else the need by name; never a need code, a keyword list or a cut sentence."""
    words = WORDS[language]
    need_ids = list(
        dict.fromkeys(i for t in [persona.situation, *persona.needs] for i in t.need_ids if i in known)
    )
    items = []
    for i, need_id in enumerate(need_ids[:MAX_RECOGNITION]):
        need = needs_map.need(need_id)
        quote = sendable_quote([q.text for q in need.evidence])
        text = (
            words["recognise"].format(quote=quote)
            if quote
            else words["recognise_title"].format(title=_lower_first(need.title))
        )
        theme = "situation" if i == 0 else "need"
        items.append(_spec("recognition", "likert", text, need_ids=[need_id], theme=theme))
    return items


def _relevance(
    concept: ConceptHypothesis, needs_map: NeedsMap, known: set[str], language: str
) -> list[QuestionItem]:
    template = WORDS[language]["relevance"]
    if concept.themes:
        pairs = [
            (t.title, [n for n in (t.need_ids or concept.need_ids) if n in known]) for t in concept.themes
        ]
    else:
        pairs = [(needs_map.need(n).title, [n]) for n in concept.need_ids if n in known]
    return [
        _spec("relevance", "likert", template.format(topic=_lower_first(title)), need_ids=ids, theme=title)
        for title, ids in pairs[:MAX_RELEVANCE]
    ]


def _channels(project: Project, language: str) -> list[QuestionItem]:
    words = WORDS[language]
    channels = (
        list(dict.fromkeys(c.strip() for c in project.channels if c.strip())) or DEFAULT_CHANNELS[language]
    )
    return [
        _spec("channels", "multiple", words["channels"], channels, theme="channels"),
        _spec("channels", "multiple", words["meeting"], MEETING_FORMS[language], theme="meeting-form"),
    ]


def _background(segments: list[str], language: str) -> list[QuestionItem]:
    words = WORDS[language]
    items = []
    if segments:
        options = list(dict.fromkeys([*segments, words["other"]]))
        items.append(_spec("background", "single", words["segment"], options, theme=SEGMENT_THEME))
    items.append(
        _spec("background", "single", words["age"], AGE_BANDS[language], theme="age", required=False)
    )
    return items


def _concept(concepts: ConceptHypotheses, concept_id: str) -> ConceptHypothesis:
    for concept in concepts.concepts:
        if concept.id == concept_id:
            return concept
    ids = ", ".join(c.id for c in concepts.concepts)
    language = concepts.meta.language
    raise InputError(
        message(language, "concept_not_in_hypotheses", concept=repr(concept_id)),
        hint=message(language, "choose_one_of", options=ids),
    )


def _lower_first(title: str) -> str:
    """'Oefenstof delen' → 'oefenstof delen'; 'WhatsApp-tips' and 'AI' stay as they are."""
    first = re.split(r"[\s,;:.!?]", title, maxsplit=1)[0]  # "Facilities, materials…": the word, not its comma
    if re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]*", first):
        return title[:1].lower() + title[1:]
    return title


def _clip(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
