"""With a chat model: the charter draft phrased in the organisation's voice, every reference checked.

The model gets the rules' draft (purpose, house rules, norms, topics; each line with its id) and the
needs it may cite, and answers with a new wording per line id. An answer that names a line or a need
that was not given, or that puts need ids in text meant for people, is sent back once with the errors;
a second failure keeps the rules' draft and says so in ``meta.fallback``. Grounds stay the rules'; the
needs a line now cites are added to them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, Field

from agents.core_group.guidance_ids import PHASE, guidance
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.phase_inputs import PhaseInputs
from agents.shared.prompting import language_name
from agents.shared.retrieval import guidance_text, phase_guidance
from artefacts.base import Strict
from artefacts.catalogue import PerLanguage
from artefacts.core_group import CharterDraft, CharterItem
from artefacts.initiative import NeedsMap
from knowledge.guidance import methodology_passages

GUIDANCE_K = 2
GUIDANCE_QUERY = "house rules, norms of conduct, a charter the core group owns"
NEED_ID = re.compile(r"\bN\d{2,4}\b")
FALLBACK: PerLanguage[str] = PerLanguage("core_group.model.fallback")


class CharterLine(Strict):
    id: str
    kind: str = Field(description="house rule, norm or topic")
    text: str
    why: str = ""


class CharterNeed(Strict):
    id: str
    title: str
    statement: str


class CharterPhrasingInput(Strict):
    """The variables of ``prompts/charter/v1.md``."""

    language: str
    organisation: str
    description: str
    purpose: str
    lines: list[CharterLine]
    needs: list[CharterNeed]
    guidance: list[str] = Field(default_factory=list, description="The method's passages on charters.")


class PhrasedLine(Strict):
    id: str = Field(description="The id of the line given.")
    text: str = Field(min_length=1, max_length=400, description="The line in the organisation's voice.")
    need_ids: list[str] = Field(default_factory=list, description="Ids of the needs (given) it rests on.")


class CharterPhrasingAnswer(Strict):
    purpose: str = Field(min_length=1, max_length=600, description="The purpose in the organisation's voice.")
    lines: list[PhrasedLine] = Field(description="One entry per line given that you rephrase.")
    cannot_answer: str | None = Field(
        default=None, description="Only when the draft gives no basis: say why."
    )


def check_phrasing(answer: CharterPhrasingAnswer, inputs: CharterPhrasingInput) -> list[str]:
    lines = {line.id for line in inputs.lines}
    needs = {need.id for need in inputs.needs}
    errors = [f"line {p.id!r} was not given" for p in answer.lines if p.id not in lines]
    errors += [
        f"line {p.id}: need {n!r} was not given" for p in answer.lines for n in p.need_ids if n not in needs
    ]
    texts = [("purpose", answer.purpose)] + [(p.id, p.text) for p in answer.lines]
    errors += [
        f"{where}: need ids belong in need_ids, not in the text"
        for where, text in texts
        if NEED_ID.search(text)
    ]
    return errors


@dataclass(frozen=True)
class CharterPhrasingStep(ArtefactStep[CharterPhrasingInput, CharterPhrasingAnswer, CharterDraft]):
    prompt: ClassVar[str] = "charter"
    input_model: ClassVar[type[BaseModel]] = CharterPhrasingInput
    output_model: ClassVar[type[BaseModel]] = CharterPhrasingAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK

    def check(self, answer: CharterPhrasingAnswer, inputs: CharterPhrasingInput) -> list[str]:
        return check_phrasing(answer, inputs)

    def apply(self, answer: CharterPhrasingAnswer, draft: CharterDraft) -> CharterDraft:
        draft.purpose = answer.purpose
        phrased = {p.id: p for p in answer.lines}
        for item in _lines(draft):
            if item.id in phrased:
                item.text = phrased[item.id].text
                cited = [n for n in phrased[item.id].need_ids if n not in item.grounds.need_ids]
                item.grounds.need_ids += cited
                item.grounds.assumed = item.grounds.assumed and not cited
        return draft


def _lines(draft: CharterDraft) -> list[CharterItem]:
    return [*draft.house_rules, *draft.conduct, *draft.topics]


def charter_guidance(inputs: PhaseInputs) -> list[str]:
    """The method on charters: retrieved from the project's store, else the bundled passage."""
    if inputs.knowledge is not None:
        hits = phase_guidance(inputs.knowledge, PHASE, inputs.language, k=GUIDANCE_K, query=GUIDANCE_QUERY)
        if hits:
            return [guidance_text(hit) for hit in hits]
    wanted = set(guidance(inputs.language, "charter"))
    return [p.text for p in methodology_passages() if p.id in wanted]


def phrasing_input(draft: CharterDraft, inputs: PhaseInputs) -> CharterPhrasingInput:
    needs_map = inputs.find(NeedsMap)
    kinds = [("house rule", draft.house_rules), ("norm", draft.conduct), ("topic", draft.topics)]
    return CharterPhrasingInput(
        language=language_name(inputs.language),
        organisation=inputs.project.organisation.name,
        description=inputs.project.organisation.description,
        purpose=draft.purpose,
        lines=[
            CharterLine(id=i.id, kind=kind, text=i.text, why=i.why) for kind, items in kinds for i in items
        ],
        needs=[
            CharterNeed(id=n.id, title=n.title, statement=n.statement)
            for n in (needs_map.needs if needs_map else [])
        ],
        guidance=charter_guidance(inputs),
    )


def phrase_charter(draft: CharterDraft, inputs: PhaseInputs) -> CharterDraft:
    """The draft phrased by the model, or kept (and marked) when its answer does not hold."""
    assert inputs.model is not None
    model = inputs.model
    return run_model_step(
        CharterPhrasingStep(),
        draft,
        phrasing_input(draft, inputs),
        model.llm,
        cache=model.cache,
        log=model.log,
    )
