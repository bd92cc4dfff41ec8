"""Phase 4 artefact, strategy and means: channels and meeting formats scored, and the mix chosen."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

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
    role: Literal["main", "meeting", "broadcast"] = Field(
        default="main",
        description="main: everyday conversation; meeting: a format to meet; broadcast: one-way.",
    )
    purpose: str = Field(default="", description="What members go to it for, in the project's language.")
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
    currency: str = "EUR"
    cost_of_mix: float | None = None
    explanation: str = ""
    assumptions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _mix_is_of_the_options(self) -> ChannelPlan:
        known = {o.id for o in self.options}
        unknown = [option_id for option_id in self.mix if option_id not in known]
        if unknown:
            raise ValueError(f"the mix names options the plan does not have: {', '.join(unknown)}")
        return self

    def option(self, option_id: str) -> ChannelOption:
        for found in self.options:
            if found.id == option_id:
                return found
        raise KeyError(option_id)

    def chosen(self) -> list[ChannelOption]:
        """The options of the mix, in the mix's order (main channel first)."""
        return [self.option(option_id) for option_id in self.mix]
