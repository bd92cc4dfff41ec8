"""Phase 1 artefacts: the needs map, the champions and the target groups."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from artefacts.base import Artefact, Quote, Strict

IntensityLabel = Literal["low", "medium", "high"]


class NoteEntry(Strict):
    """A note as the needs map lists it: enough to find it back and read it."""

    id: str
    text: str
    source: str
    line_start: int
    line_end: int
    speaker: str
    context: str = ""
    kind: Literal["statement", "smalltalk", "process", "instruction"] = "statement"
    segment: str = ""


class Intensity(Strict):
    score: float = Field(ge=0, le=1, description="0–1: how widely and strongly the need is felt.")
    label: IntensityLabel
    reach: float = Field(ge=0, le=1, description="Share of interviewees who voiced it.")
    depth: float = Field(ge=0, description="Notes per interviewee who voiced it.")
    emphasis: float = Field(ge=0, le=1, description="Share of its notes with emphatic or emotional wording.")


class Need(Strict):
    id: str = Field(pattern=r"^N\d{2,4}$", description="Stable id, e.g. N03.")
    title: str = Field(
        min_length=1, max_length=90, description="A short name for the need, in the project language."
    )
    statement: str = Field(
        min_length=1,
        max_length=500,
        description="The need in one or two sentences from the members' point of view.",
    )
    keywords: list[str] = Field(default_factory=list, max_length=12)
    theme: str | None = Field(default=None, description="Id of the broad theme this need belongs to.")
    note_ids: list[str] = Field(description="Every note that belongs to this need.")
    voiced_by: list[str] = Field(description="Pseudonyms of the interviewees who voiced it.")
    intensity: Intensity
    evidence: list[Quote] = Field(description="3–5 verbatim quotes, with file and line.")
    related: list[str] = Field(default_factory=list, description="Ids of related needs.")
    cohesion: float = Field(default=0.0, description="Mean similarity of its notes to its centre (0–1).")
    origin: Literal["clustered", "reviewer", "seeded"] = "clustered"

    @property
    def voices(self) -> int:
        return len(self.voiced_by)


class Theme(Strict):
    id: str = Field(pattern=r"^T\d{1,3}$")
    title: str = Field(min_length=1, max_length=90)
    need_ids: list[str]


class NeedsMap(Artefact):
    """Needs clustered from what interviewees said."""

    artefact_name: ClassVar[str] = "needs-map"
    phase: ClassVar[str] = "initiative"

    needs: list[Need]
    themes: list[Theme] = Field(default_factory=list)
    unclustered: list[str] = Field(
        default_factory=list, description="Ids of statements that fit no need, listed for the reviewer."
    )
    notes: list[NoteEntry] = Field(description="Every note read, clustered or not, small talk included.")
    interviews: int = Field(ge=0)
    interviewees: list[str] = Field(default_factory=list)

    def note(self, note_id: str) -> NoteEntry:
        for entry in self.notes:
            if entry.id == note_id:
                return entry
        raise KeyError(note_id)

    def need(self, need_id: str) -> Need:
        for need in self.needs:
            if need.id == need_id:
                return need
        raise KeyError(need_id)


class Signal(Strict):
    kind: Literal["offer", "initiative", "energy", "refusal", "hedge", "deflection"]
    phrase: str = Field(description="The phrase that was recognised.")
    note_id: str
    weight: float


class Champion(Strict):
    rank: int = Field(ge=1)
    participant: str = Field(description="Pseudonym of the interviewee.")
    source: str = Field(description="Interview file.")
    segment: str = ""
    score: float
    candidate: bool = Field(
        description="True when the signals of drive clearly outweigh refusals and hedges."
    )
    signals: list[Signal] = Field(default_factory=list)
    evidence: list[Quote] = Field(
        default_factory=list, description="Quotes that show drive (or its absence)."
    )
    reason: str = Field(default="", description="Why this rank, in the project language.")
    needs: list[str] = Field(default_factory=list, description="Needs this person voiced.")


class Champions(Artefact):
    """Interviewees ranked by signs of intrinsic drive to take a role (kartrekkers)."""

    artefact_name: ClassVar[str] = "champions"
    phase: ClassVar[str] = "initiative"

    champions: list[Champion]


class SegmentNeed(Strict):
    need_id: str
    title: str
    voices: int = Field(description="Interviewees in this segment who voiced the need.")
    share: float = Field(ge=0, le=1, description="Share of the segment's interviewees who voiced it.")


class TargetGroup(Strict):
    id: str = Field(pattern=r"^G\d{1,3}$")
    name: str = Field(description="The group as people would name it ('Jeugdtrainers'), never an id.")
    basis: Literal["metadata", "self_description", "needs"] = Field(
        description="Who the people are by their metadata, by what they said about themselves, or (last "
        "resort) by the need they voice most."
    )
    source_field: str = Field(default="", description="The metadata field the group comes from.")
    source_value: str = Field(
        default="", description="The metadata value or self-description the name comes from."
    )
    described_as: list[str] = Field(
        default_factory=list, description="What its people said about themselves ('vrijwilliger')."
    )
    description_notes: list[str] = Field(
        default_factory=list, description="Notes in which its people described themselves."
    )
    size: int = Field(ge=0, description="Interviewees in this group.")
    participants: list[str]
    notes: int = Field(ge=0)
    top_needs: list[SegmentNeed]
    fit: float = Field(ge=0, le=1, description="How well the group fits the organisation's intentions.")
    fit_label: Literal["low", "medium", "high"]
    fit_reasons: list[str] = Field(default_factory=list)
    in_target_segments: bool = False
    champions: list[str] = Field(default_factory=list, description="Champion candidates in this group.")


class TargetGroups(Artefact):
    """The segments in which the needs live, and how well each fits the organisation's plans."""

    artefact_name: ClassVar[str] = "target-groups"
    phase: ClassVar[str] = "initiative"

    groups: list[TargetGroup]

    def with_titles_from(self, needs_map: NeedsMap) -> TargetGroups:
        """The groups with each need's title as ``needs_map`` has it now (a reviewer may have renamed or
        merged needs since the groups were mapped); needs no longer in the map are left out."""
        titles = {need.id: need.title for need in needs_map.needs}
        groups = [
            group.model_copy(
                update={
                    "top_needs": [
                        need.model_copy(update={"title": titles[need.need_id]})
                        for need in group.top_needs
                        if need.need_id in titles
                    ]
                }
            )
            for group in self.groups
        ]
        return self.model_copy(update={"groups": groups})
