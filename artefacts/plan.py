"""Phase 5 artefacts, plan of approach: the day-by-day content calendar of the trial run and the plan."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from artefacts.base import Artefact, Strict
from artefacts.grounds import Grounds

ActivityKind = Literal["content", "conversation", "member-activity"]


class CalendarItem(Strict):
    """One thing that happens on one day: what, for whom, why, and who does it."""

    id: str
    date: dt.date
    start: dt.time | None = None
    minutes: int = Field(default=30, ge=5, le=600)
    channel: str = Field(description="Id of a ChannelPlan option.")
    format: str = Field(min_length=1, description="Post, poll, introduction round, meetup…")
    theme: str = ""
    kind: ActivityKind
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, description="What happens, for whom and why.")
    owner: str = Field(min_length=1, description="Core-group candidate (person) or role who does it.")
    goal: str = ""
    ritual_id: str | None = None
    holiday: str | None = Field(default=None, description="The public holiday it falls on, when marked.")
    idea: str = Field(default="", description="A concrete post idea (with a chat model).")
    grounds: Grounds = Field(default_factory=Grounds)


class SkippedDay(Strict):
    """A day of the trial kept free: a public holiday (at most a marked greeting) or a closing day."""

    date: dt.date
    name: str
    kind: Literal["public", "closed"] = "public"


class ContentCalendar(Artefact):
    artefact_name: ClassVar[str] = "content-calendar"
    phase: ClassVar[str] = "plan"

    concept_id: str
    start: dt.date
    end: dt.date
    country: str
    subdivision: str | None = None
    items: list[CalendarItem]
    holidays: list[SkippedDay] = Field(default_factory=list, description="Public holidays in the trial.")
    cadence: dict[str, str] = Field(default_factory=dict, description="Channel id → cadence, in words.")
    channel_names: dict[str, str] = Field(
        default_factory=dict,
        description="Channel id → its name in the project's language (from the channel plan).",
    )

    def channel_name(self, channel_id: str) -> str:
        return self.channel_names.get(channel_id, channel_id)


class Milestone(Strict):
    id: str
    week: int = Field(ge=0)
    date: dt.date
    what: str = Field(min_length=1)
    owner: str = ""
    done_when: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class PlanRole(Strict):
    name: str = Field(min_length=1)
    who: list[str] = Field(default_factory=list)
    hours_per_week: float | None = Field(default=None, ge=0)
    tasks: list[str] = Field(default_factory=list)


class RhythmItem(Strict):
    """A recurring task in a week: which day, what, who."""

    weekday: int = Field(ge=0, le=6, description="0 = Monday.")
    what: str = Field(min_length=1)
    who: str = ""
    minutes: int | None = Field(default=None, ge=0)


class SuccessCriterion(Strict):
    """What the trial must show to go public, measurably."""

    id: str
    metric: str = Field(min_length=1)
    target: str = Field(min_length=1)
    how_measured: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class PlanOfApproach(Artefact):
    artefact_name: ClassVar[str] = "plan-of-approach"
    phase: ClassVar[str] = "plan"

    concept_id: str
    start: dt.date
    end: dt.date
    milestones: list[Milestone]
    roles: list[PlanRole] = Field(default_factory=list)
    weekly_rhythm: list[RhythmItem] = Field(default_factory=list)
    success_criteria: list[SuccessCriterion] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
