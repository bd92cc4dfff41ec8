"""Phase 4 artefact, strategy and means: channels and meeting formats scored, and the mix chosen."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from artefacts.base import Artefact, Strict
from artefacts.grounds import Grounds


class ScoringCriterion(Strict):
    """A column of the scoring matrix: what a channel is judged on, and how much it weighs."""

    id: str
    label: str = Field(min_length=1)
    weight: float = Field(ge=0, le=1)
    source: str = Field(default="", description="Where it comes from: persona, survey, goals, constraints.")


class ChannelOption(Strict):
    """One channel, platform or meeting format, scored per criterion (0–1)."""

    id: str
    name: str = Field(min_length=1)
    kind: Literal["digital", "physical"]
    scores: dict[str, float] = Field(default_factory=dict, description="Criterion id → score 0–1.")
    total: float = Field(ge=0, le=1)
    cost_per_year: float | None = Field(default=None, ge=0)
    chosen: bool = False
    excluded_by: str = Field(default="", description="The constraint that rules it out, if one does.")
    reason: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class ChannelPlan(Artefact):
    artefact_name: ClassVar[str] = "channel-plan"
    phase: ClassVar[str] = "strategy"

    concept_id: str
    criteria: list[ScoringCriterion]
    options: list[ChannelOption]
    mix: list[str] = Field(description="Ids of the chosen options, main channel first.")
    budget_per_year: float | None = None
    cost_of_mix: float | None = None
    explanation: str = ""
    assumptions: list[str] = Field(default_factory=list)
