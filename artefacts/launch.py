"""Phase 6 artefact, launch and community management: going public and keeping the community healthy."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from artefacts.base import Artefact, Strict
from artefacts.core_group import RouteStep
from artefacts.grounds import Grounds
from artefacts.plan import RhythmItem

MetricId = str  # active_ratio, response_time, retention, new_contributors, or one of the project


class Message(Strict):
    """An announcement or an invitation: the text, where it goes, when."""

    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    channels: list[str] = Field(default_factory=list)
    date: dt.date | None = None
    audience: str = ""
    sender: str = Field(default="", description="Who sends it: core-group members, the community manager.")
    grounds: Grounds = Field(default_factory=Grounds)


class OnboardingStep(Strict):
    day: int = Field(ge=0, description="Days after joining.")
    what: str = Field(min_length=1)
    who: str = ""
    channel: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class HealthMetric(Strict):
    id: MetricId
    label: str = Field(min_length=1)
    target: float
    unit: str = Field(description="share, hours, members…")
    how_measured: str = ""
    review_every: Literal["week", "month", "quarter"] = "month"
    reason: str = Field(default="", description="Why this target, in the project's language.")
    grounds: Grounds = Field(default_factory=Grounds)


class Moment(Strict):
    """A monthly or quarterly moment of the community manager, beside the weekly rhythm."""

    every: Literal["month", "quarter"]
    what: str = Field(min_length=1)
    who: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class LaunchPlan(Artefact):
    artefact_name: ClassVar[str] = "launch-plan"
    phase: ClassVar[str] = "launch"

    concept_id: str
    launch_date: dt.date
    announcement: Message
    invitation: Message
    onboarding: list[OnboardingStep]
    manager_rhythm: list[RhythmItem] = Field(default_factory=list)
    metrics: list[HealthMetric]
    bridge: list[RouteStep] = Field(default_factory=list, description="Community ↔ organisation.")
    launch_date_reason: str = Field(default="", description="Why this date, in the project's language.")
    manager: str = Field(default="", description="Who manages the community (samen.yaml community_manager).")
    hours_per_week: float | None = Field(
        default=None, ge=0, description="The manager's hours for the community."
    )
    rhythm_minutes: int = Field(default=0, ge=0, description="What the weekly rhythm takes, in minutes.")
    moments: list[Moment] = Field(default_factory=list, description="Monthly and quarterly moments.")
    assumptions: list[str] = Field(
        default_factory=list, description="What was assumed where the inputs are silent."
    )
