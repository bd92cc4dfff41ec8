"""Phase 2a artefacts: concept hypotheses and the persona of the chosen concept."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from artefacts.base import Artefact, Quote, Strict

CommunityType = Literal["practice", "interest", "support", "action", "place", "product", "learning"]


class ConceptTheme(Strict):
    title: str = Field(min_length=1, max_length=90, description="A theme members would exchange about.")
    topics: list[str] = Field(default_factory=list, max_length=8, description="Concrete conversation topics.")
    need_ids: list[str] = Field(default_factory=list, description="Needs (ids from the needs map) behind it.")


class ConceptHypothesis(Strict):
    id: str = Field(pattern=r"^C\d{1,2}$", description="C1, C2 or C3.")
    name: str = Field(min_length=1, max_length=90, description="A short working name for the community.")
    community_type: CommunityType = Field(
        description="practice, interest, support, action, place, product or learning."
    )
    purpose: str = Field(
        min_length=1, max_length=600, description="What the community is for, for its members."
    )
    hypothesis: str = Field(
        min_length=1,
        max_length=800,
        description="Falsifiable: 'If we …, then … because needs N03 and N05 …' — names the needs by id.",
    )
    need_ids: list[str] = Field(
        min_length=1, description="Ids of the needs (from the needs map) it rests on."
    )
    target_groups: list[str] = Field(
        default_factory=list, description="Names of the target groups it is for."
    )
    themes: list[ConceptTheme] = Field(default_factory=list, max_length=6)
    fails_if: list[str] = Field(
        min_length=1, max_length=5, description="Observations that would show the hypothesis is wrong."
    )
    rationale: str = Field(default="", max_length=800, description="Why this concept: the rule or reasoning.")
    evidence: list[Quote] = Field(default_factory=list, max_length=5)


class ConceptHypotheses(Artefact):
    """Two or three alternative concepts for the community, each a testable hypothesis."""

    artefact_name: ClassVar[str] = "concept-hypotheses"
    phase: ClassVar[str] = "concept"

    concepts: list[ConceptHypothesis] = Field(min_length=1, max_length=3)
    revision_note: str = Field(
        default="", description="The reviewer's note this version answers (after 'revise')."
    )


class Trait(Strict):
    text: str = Field(min_length=1, max_length=400)
    need_ids: list[str] = Field(default_factory=list, description="Needs this trait is grounded in.")
    note_ids: list[str] = Field(default_factory=list, description="Notes this trait is grounded in.")
    invented: bool = Field(
        default=False,
        description="True when nothing in the needs or notes supports it: marked for the reviewer.",
    )


class Persona(Artefact):
    """The ideal member of the chosen concept; every trait tied to needs or notes, or marked invented."""

    artefact_name: ClassVar[str] = "persona"
    phase: ClassVar[str] = "concept"

    concept_id: str
    group: str = Field(
        default="", description="The target group the persona is one of (the concept's lead group)."
    )
    participants: list[str] = Field(
        default_factory=list, description="The interviewees every trait and quote is drawn from."
    )
    name: str = Field(min_length=1, max_length=60, description="A fictional first name.")
    who: Trait
    situation: Trait
    needs: list[Trait] = Field(min_length=1)
    motivations: list[Trait] = Field(default_factory=list)
    gives: list[Trait] = Field(default_factory=list, description="What they would bring to the community.")
    gets: list[Trait] = Field(default_factory=list, description="What they would get from it.")
    participation: list[Trait] = Field(default_factory=list, description="How they would take part.")
    quotes: list[Quote] = Field(default_factory=list, max_length=6)
