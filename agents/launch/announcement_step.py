"""The announcement and the invitation phrased by a chat model, checked against the facts it was given.

The model gets the rules' texts and the facts they rest on (purpose, audience, gains, the first ritual,
the channels, the launch date, the sender) and answers a title and two texts. An answer must keep the
launch date (as given, ISO) and the main channel in both texts and the community's name in the
announcement, mention no other date, and carry no markup; what fails twice keeps the rules' texts, and
``meta.fallback`` says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from pydantic import BaseModel, Field

from agents.launch.announcement import gains, ritual_phrase
from agents.launch.launch_context import LaunchContext
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.phase_inputs import PhaseInputs
from agents.shared.prompting import language_name
from agents.shared.retrieval import guidance_text, phase_guidance
from artefacts.base import Strict
from artefacts.catalogue import PerLanguage
from artefacts.launch import LaunchPlan

FALLBACK: PerLanguage[str] = PerLanguage("launch_plan.fallback")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MARKUP = re.compile(r"<[a-zA-Z/!]|\]\(|^#", re.MULTILINE)


class AnnouncementInput(Strict):
    """The variables of ``prompts/launch_announcement/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch (Nederlands)'.")
    organisation: str
    community: str = Field(description="The community's working name.")
    purpose: str
    audience: str
    gains: list[str] = Field(default_factory=list, description="What members get, from the persona.")
    ritual: str = Field(default="", description="The first recurring ritual, with its cadence.")
    channels: list[str] = Field(description="The channel mix, main channel first.")
    launch_date: str = Field(description="ISO date of the launch.")
    sender: str
    announcement: str = Field(description="The rules' announcement, to improve on.")
    invitation: str = Field(description="The rules' invitation, to improve on.")
    guidance: list[str] = Field(default_factory=list, description="Methodology passages on announcing.")


class AnnouncementAnswer(Strict):
    title: str = Field(min_length=1, max_length=120, description="The announcement's title.")
    announcement: str = Field(min_length=1, max_length=2500, description="The announcement, plain text.")
    invitation: str = Field(
        min_length=1, max_length=1500, description="A personal invitation a core-group member sends a peer."
    )
    cannot_answer: str | None = Field(default=None, description="Only when the facts give no basis: why.")


def check_answer(answer: AnnouncementAnswer, inputs: AnnouncementInput) -> list[str]:
    problems = []
    main = inputs.channels[0] if inputs.channels else ""
    for name, text in (("announcement", answer.announcement), ("invitation", answer.invitation)):
        if inputs.launch_date not in text:
            problems.append(f"{name}: write the launch date {inputs.launch_date} exactly as given")
        others = sorted(set(ISO_DATE.findall(text)) - {inputs.launch_date})
        if others:
            problems.append(f"{name}: dates not in the facts: {', '.join(others)}")
        if main and main.lower() not in text.lower():
            problems.append(f"{name}: name the main channel '{main}'")
        if MARKUP.search(text) or MARKUP.search(answer.title):
            problems.append(f"{name}: plain text only, no HTML or Markdown markup")
    if inputs.community.lower() not in (answer.title + answer.announcement).lower():
        problems.append(f"announcement: name the community '{inputs.community}'")
    return problems


@dataclass(frozen=True)
class AnnouncementStep(ArtefactStep[AnnouncementInput, AnnouncementAnswer, LaunchPlan]):
    prompt: ClassVar[str] = "launch_announcement"
    version: ClassVar[str | None] = "v1"
    input_model: ClassVar[type[BaseModel]] = AnnouncementInput
    output_model: ClassVar[type[BaseModel]] = AnnouncementAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK

    def check(self, answer: AnnouncementAnswer, inputs: AnnouncementInput) -> list[str]:
        return check_answer(answer, inputs)

    def apply(self, answer: AnnouncementAnswer, draft: LaunchPlan) -> LaunchPlan:
        draft.announcement.title = answer.title.strip()
        draft.announcement.text = answer.announcement.strip()
        draft.invitation.text = answer.invitation.strip()
        return draft


def announcement_input(plan: LaunchPlan, inputs: PhaseInputs) -> AnnouncementInput:
    """The facts the rules' texts rest on, read again from the same inputs."""
    ctx = LaunchContext(inputs)
    guidance = []
    if inputs.knowledge is not None:
        hits = phase_guidance(inputs.knowledge, "launch", inputs.language, k=2, query=plan.announcement.title)
        guidance = [guidance_text(hit, 800) for hit in hits]
    ritual = ctx.first_ritual
    return AnnouncementInput(
        language=language_name(inputs.language),
        organisation=inputs.project.organisation.name,
        community=ctx.community_name,
        purpose=ctx.concept.purpose if ctx.concept else inputs.project.organisation.description,
        audience=plan.announcement.audience,
        gains=gains(ctx),
        ritual=ritual_phrase(ctx, ritual) if ritual is not None else "",
        channels=plan.announcement.channels,
        launch_date=plan.launch_date.isoformat(),
        sender=plan.announcement.sender,
        announcement=plan.announcement.text,
        invitation=plan.invitation.text,
        guidance=guidance,
    )


def phrase_messages(plan: LaunchPlan, inputs: PhaseInputs) -> LaunchPlan:
    """``plan`` with the model's announcement and invitation, or unchanged and marked."""
    if inputs.model is None:
        return plan
    model = inputs.model
    return run_model_step(
        AnnouncementStep(),
        plan,
        announcement_input(plan, inputs),
        model.llm,
        cache=model.cache,
        log=model.log,
    )
