"""Phase 3 artefacts, support and core group: the core group, a first charter, the stakeholder brief."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from artefacts.base import Artefact, Quote, Strict
from artefacts.grounds import Grounds

CandidateSource = Literal["champion", "survey"]
GapKind = Literal["segment", "skill", "size", "role", "staff"]


class Candidate(Strict):
    """A candidate ambassador for the core group, with the reason and the evidence."""

    person: str = Field(description="Pseudonym of the interviewee, or the survey respondent's id (R012).")
    source: CandidateSource
    segment: str = ""
    roles: list[str] = Field(
        default_factory=list,
        description="Roles in the core group this person fits (ids of CharterDraft roles).",
    )
    skills: list[str] = Field(default_factory=list, description="What they bring, in the project's language.")
    reason: str = Field(min_length=1, description="Why this person, in the project's language.")
    evidence: list[Quote] = Field(default_factory=list)
    grounds: Grounds = Field(default_factory=Grounds)
    staff: bool = Field(
        default=False, description="Organises because it is their job (a colleague, not a volunteer member)."
    )
    contact_known: bool = Field(
        default=False, description="A survey respondent left contact details (never copied into artefacts)."
    )


class CoverageGap(Strict):
    """What the candidates do not cover: a segment, a skill, a role, or too few people."""

    kind: GapKind
    what: str = Field(min_length=1)
    suggestion: str = Field(min_length=1, description="What to do about it.")


class CoreGroup(Artefact):
    artefact_name: ClassVar[str] = "core-group"
    phase: ClassVar[str] = "core-group"

    concept_id: str
    candidates: list[Candidate]
    target_size: int = Field(ge=1, description="How many people the core group should have.")
    segments_covered: dict[str, int] = Field(default_factory=dict, description="Segment → candidates.")
    gaps: list[CoverageGap] = Field(default_factory=list)
    size_rule: str = Field(default="", description="Why this target size, in the project's language.")
    size_grounds: Grounds = Field(default_factory=Grounds)
    proposed: list[str] = Field(
        default_factory=list,
        description="A first selection (persons) of about target_size candidates: spread over the segments, "
        "every role covered, volunteers before staff.",
    )
    proposal_rule: str = Field(
        default="", description="How the selection was made, in the project's language."
    )

    @model_validator(mode="after")
    def _one_entry_per_person(self) -> CoreGroup:
        people = [c.person for c in self.candidates]
        if len(people) != len(set(people)):
            raise ValueError(f"a person is listed twice among the candidates: {people}")
        unknown = sorted(set(self.proposed) - set(people))
        if unknown:
            raise ValueError(f"the proposed selection names people who are no candidates: {unknown}")
        return self


class CharterItem(Strict):
    """One line of the charter (a house rule, a norm, a topic, a means), with why it is there."""

    id: str = Field(default="", description="Stable id within the charter, e.g. 'rule-confidential'.")
    text: str = Field(min_length=1)
    why: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class Ritual(Strict):
    """A recurring moment of the community (a weekly question, a monthly meetup)."""

    id: str
    name: str = Field(min_length=1)
    cadence: Literal["daily", "weekly", "fortnightly", "monthly", "quarterly", "once"]
    weekday: int | None = Field(default=None, ge=0, le=6, description="0 = Monday, when it has a day.")
    description: str = ""
    grounds: Grounds = Field(default_factory=Grounds)


class Role(Strict):
    """A role in the community (host, moderator, welcomer…) and who in the core group could take it."""

    id: str
    name: str = Field(min_length=1)
    does: str = ""
    hours_per_week: float | None = Field(default=None, ge=0)
    candidates: list[str] = Field(default_factory=list, description="Core-group candidates (person).")
    grounds: Grounds = Field(default_factory=Grounds)


class CharterDraft(Artefact):
    artefact_name: ClassVar[str] = "charter-draft"
    phase: ClassVar[str] = "core-group"

    concept_id: str
    purpose: str = Field(min_length=1, description="Why the community exists, for whom (concept, persona).")
    purpose_grounds: Grounds = Field(default_factory=Grounds)
    house_rules: list[CharterItem] = Field(default_factory=list)
    conduct: list[CharterItem] = Field(
        default_factory=list, description="Norms of how members treat each other."
    )
    topics: list[CharterItem] = Field(default_factory=list, description="What people talk about.")
    rituals: list[Ritual] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    means: list[CharterItem] = Field(default_factory=list, description="What the organisation provides.")

    @model_validator(mode="after")
    def _stable_ids(self) -> CharterDraft:
        for kind, ids in (("ritual", [r.id for r in self.rituals]), ("role", [r.id for r in self.roles])):
            if len(ids) != len(set(ids)) or not all(ids):
                raise ValueError(f"every {kind} needs its own id: {ids}")
        return self


class QuestionAnswer(Strict):
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    grounds: Grounds = Field(default_factory=Grounds)


class RouteStep(Strict):
    """One step of the route by which a question, feedback or an idea reaches the organisation and back."""

    step: str = Field(min_length=1)
    who: str = ""
    within_days: int | None = Field(default=None, ge=0)


class StakeholderSection(Strict):
    """One group of colleagues: what the community brings their work, how to present it, what they ask."""

    group: str = Field(min_length=1)
    gains: list[CharterItem] = Field(default_factory=list)
    outline: list[str] = Field(default_factory=list, description="The presentation, slide by slide.")
    questions: list[QuestionAnswer] = Field(default_factory=list)
    assumed: bool = Field(default=False, description="True when samen.yaml named no such group.")


class StakeholderBrief(Artefact):
    artefact_name: ClassVar[str] = "stakeholder-brief"
    phase: ClassVar[str] = "core-group"

    concept_id: str
    sections: list[StakeholderSection]
    route: list[RouteStep] = Field(default_factory=list)
    assumptions: list[str] = Field(
        default_factory=list, description="What was assumed where samen.yaml is silent."
    )
