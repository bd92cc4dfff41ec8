"""With a chat model: a concrete post idea for each calendar item, asked in batches, every id checked.

The rules' calendar says what happens, for whom, why and who does it; the model adds what to actually
write or ask (``CalendarItem.idea``). A batch whose answer fails the checks twice keeps its items without
an idea, and ``meta.fallback`` says how many.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, Field

from agents.shared.chat_access import services
from agents.shared.grounding import unknown_ids
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.phase_inputs import PhaseInputs
from agents.shared.prompting import language_name
from agents.shared.retrieval import GUIDANCE_CHARS
from agents.strategy.method import SCHEDULE, TIPS, cite
from artefacts.base import Strict
from artefacts.catalogue import PerLanguage
from artefacts.concept import Persona
from artefacts.plan import ContentCalendar
from knowledge.guidance import methodology_passages
from knowledge.pii import mask

BATCH = 14  # two weeks of items per call
IDEA_CHARS = 400
FALLBACK: PerLanguage[str] = PerLanguage("calendar_ideas.fallback")


class PromptItem(Strict):
    id: str
    date: str
    format: str
    theme: str
    title: str
    description: str


class CalendarIdeasInput(Strict):
    """The variables of ``prompts/calendar_ideas/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch' or 'English'.")
    organisation: str
    persona: str = Field(description="The ideal member's name and who they are.")
    method: list[str] = Field(default_factory=list, description="The guide's passages on the schedule.")
    items: list[PromptItem]


class ItemIdea(Strict):
    item_id: str = Field(description="Id of the calendar item; one of the ids given.")
    idea: str = Field(
        min_length=1, max_length=IDEA_CHARS, description="What to post or ask, concretely: the opening line."
    )


class CalendarIdeasAnswer(Strict):
    ideas: list[ItemIdea] = Field(description="One idea per calendar item given.")
    cannot_answer: str | None = Field(default=None, description="Only when no idea can be given: say why.")


def check_ideas(answer: CalendarIdeasAnswer, inputs: CalendarIdeasInput) -> list[str]:
    ids = [item.id for item in inputs.items]
    errors = unknown_ids((idea.item_id for idea in answer.ideas), ids, what="calendar item")
    given = [idea.item_id for idea in answer.ideas]
    errors += [
        f"calendar item {i} has more than one idea" for i in dict.fromkeys(given) if given.count(i) > 1
    ]
    errors += [f"calendar item {i} has no idea" for i in ids if i not in given]
    return errors


@dataclass(frozen=True)
class CalendarIdeasStep(ArtefactStep[CalendarIdeasInput, CalendarIdeasAnswer, ContentCalendar]):
    prompt: ClassVar[str] = "calendar_ideas"
    version: ClassVar[str | None] = "v1"
    input_model: ClassVar[type[BaseModel]] = CalendarIdeasInput
    output_model: ClassVar[type[BaseModel]] = CalendarIdeasAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK

    def size(self, inputs: CalendarIdeasInput) -> int:
        return len(inputs.items)

    def check(self, answer: CalendarIdeasAnswer, inputs: CalendarIdeasInput) -> list[str]:
        return check_ideas(answer, inputs)

    def apply(self, answer: CalendarIdeasAnswer, draft: ContentCalendar) -> ContentCalendar:
        ideas = {idea.item_id: " ".join(idea.idea.split())[:IDEA_CHARS] for idea in answer.ideas}
        for item in draft.items:
            if item.id in ideas:
                item.idea = ideas[item.id]
        return draft


def idea_batches(calendar: ContentCalendar, inputs: PhaseInputs) -> list[CalendarIdeasInput]:
    language = inputs.language
    persona = inputs.find(Persona)
    who = f"{persona.name}: {persona.who.text}" if persona else ""
    items = [
        PromptItem(
            id=item.id, date=item.date.isoformat(), format=item.format, theme=item.theme,
            title=mask(item.title, language), description=mask(item.description, language),
        )
        for item in calendar.items
        if not item.holiday
    ]  # fmt: skip
    cited = set(cite(language, SCHEDULE, TIPS))
    method = [p.text[:GUIDANCE_CHARS] for p in methodology_passages() if p.id in cited]
    return [
        CalendarIdeasInput(
            language=language_name(language),
            method=method,
            organisation=mask(inputs.project.organisation.name, language),
            persona=mask(who, language),
            items=items[start : start + BATCH],
        )
        for start in range(0, len(items), BATCH)
    ]


def with_ideas(calendar: ContentCalendar, inputs: PhaseInputs) -> ContentCalendar:
    llm = services(inputs.model)
    if llm["llm"] is None:
        return calendar
    return run_model_step(
        CalendarIdeasStep(),
        calendar,
        idea_batches(calendar, inputs),
        llm["llm"],
        cache=llm.get("cache"),
        log=llm.get("log"),
    )
