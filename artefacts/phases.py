"""The phase table: each phase, its artefacts, what each needs approved, and the gate it waits behind.

Status (``samen status``), the pipeline (``samen run all``), the prerequisites a phase checks and the
review actions the gatekeeper allows are all derived from this table. Adding a phase means adding a row
(and its artefact models), not code in five places.

Review kinds of an artefact:

- ``approve``: a person approves or rejects it (``samen approve NAME``);
- ``choose``: a person chooses one of its alternatives and approves it (concept hypotheses);
- ``evidence``: read, not reviewed: the survey results the advice rests on;
- ``decide``: a person decides on it at a gate (the go/no-go advice), never approves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from artefacts.base import Artefact
from artefacts.concept import ConceptHypotheses, Persona
from artefacts.core_group import CharterDraft, CoreGroup, StakeholderBrief
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.launch import LaunchPlan
from artefacts.plan import ContentCalendar, PlanOfApproach
from artefacts.strategy import ChannelPlan
from artefacts.survey import GoNoGoAdvice, Questionnaire, SurveyResults

PhaseName = Literal["initiative", "concept", "test", "core-group", "strategy", "plan", "launch"]
ReviewKind = Literal["approve", "choose", "evidence", "decide"]
GateName = Literal["go-no-go"]


@dataclass(frozen=True)
class ArtefactRow:
    """One artefact of a phase and how a person reviews it."""

    model: type[Artefact]
    review: ReviewKind = "approve"

    @property
    def name(self) -> str:
        return self.model.artefact_name

    @property
    def reviewed(self) -> bool:
        """Whether a person approves or rejects it (as opposed to reading it or deciding on it)."""
        return self.review in ("approve", "choose")


@dataclass(frozen=True)
class PhaseRow:
    """One phase: where its artefacts live, what it needs approved first, the gates around it."""

    name: PhaseName
    number: str
    folder: str
    artefacts: tuple[ArtefactRow, ...] = ()
    requires: tuple[str, ...] = ()  # artefact names that must have an approved version before it starts
    after_gate: GateName | None = None  # the gate that must have said "go" before it starts
    ends_with_gate: GateName | None = None  # the gate a person decides at when it is done

    @property
    def built(self) -> bool:
        """Whether this version of Samen drafts anything in this phase yet."""
        return bool(self.artefacts)

    @property
    def artefact_names(self) -> tuple[str, ...]:
        return tuple(row.name for row in self.artefacts)


PHASE_TABLE: tuple[PhaseRow, ...] = (
    PhaseRow(
        name="initiative",
        number="1",
        folder="1-initiative",
        artefacts=(ArtefactRow(NeedsMap), ArtefactRow(Champions), ArtefactRow(TargetGroups)),
    ),
    PhaseRow(
        name="concept",
        number="2a",
        folder="2a-concept",
        artefacts=(ArtefactRow(ConceptHypotheses, "choose"), ArtefactRow(Persona)),
        requires=("needs-map",),
    ),
    PhaseRow(
        name="test",
        number="2b",
        folder="2b-test",
        artefacts=(
            ArtefactRow(Questionnaire),
            ArtefactRow(SurveyResults, "evidence"),
            ArtefactRow(GoNoGoAdvice, "decide"),
        ),
        requires=("needs-map", "concept-hypotheses"),
        ends_with_gate="go-no-go",
    ),
    PhaseRow(
        name="core-group",
        number="3",
        folder="3-core-group",
        artefacts=(ArtefactRow(CoreGroup), ArtefactRow(CharterDraft), ArtefactRow(StakeholderBrief)),
        requires=("needs-map", "champions", "target-groups", "concept-hypotheses", "persona"),
        after_gate="go-no-go",
    ),
    PhaseRow(
        name="strategy",
        number="4",
        folder="4-strategy",
        artefacts=(ArtefactRow(ChannelPlan),),
        requires=("persona", "core-group", "charter-draft"),
        after_gate="go-no-go",
    ),
    PhaseRow(
        name="plan",
        number="5",
        folder="5-plan",
        artefacts=(ArtefactRow(ContentCalendar), ArtefactRow(PlanOfApproach)),
        requires=("core-group", "charter-draft", "channel-plan"),
        after_gate="go-no-go",
    ),
    PhaseRow(
        name="launch",
        number="6",
        folder="6-launch",
        artefacts=(ArtefactRow(LaunchPlan),),
        requires=(
            "charter-draft",
            "stakeholder-brief",
            "channel-plan",
            "content-calendar",
            "plan-of-approach",
        ),
        after_gate="go-no-go",
    ),
)

PHASES: tuple[PhaseName, ...] = tuple(row.name for row in PHASE_TABLE)


def phase_row(name: str) -> PhaseRow:
    for row in PHASE_TABLE:
        if row.name == name:
            return row
    raise KeyError(name)


def artefact_row(name: str) -> ArtefactRow:
    for phase in PHASE_TABLE:
        for row in phase.artefacts:
            if row.name == name:
                return row
    raise KeyError(name)


def phase_of(name: str) -> PhaseRow:
    """The phase that drafts artefact ``name``."""
    for phase in PHASE_TABLE:
        if name in phase.artefact_names:
            return phase
    raise KeyError(name)
