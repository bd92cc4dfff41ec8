"""The contracts of the concept and persona prompts (``prompts/concepts/``, ``prompts/persona/``): what
each is given, what it returns, and the grounding check its answer must pass.

Every id the model writes must be one it was given (needs, notes, target groups, community types), and
every quote must occur verbatim in the note it cites (:mod:`agents.shared.grounding`).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from agents.shared.grounding import missing_quotes, unknown_ids
from artefacts.base import Strict
from artefacts.concept import CommunityType

# --- given ------------------------------------------------------------------------------------------


class PromptNote(Strict):
    id: str = Field(description="Note id, e.g. n-1a2b3c4d5e.")
    text: str = Field(description="What an interviewee said, pseudonymised.")


class PromptNeed(Strict):
    id: str = Field(description="Need id from the needs map, e.g. N03.")
    title: str
    statement: str
    keywords: list[str] = Field(default_factory=list)
    intensity: str = Field(description="low, medium or high, with the score.")
    voices: int = Field(description="Interviewees who voiced it.")
    notes: list[PromptNote] = Field(
        default_factory=list, description="Notes of this need (its best quotes first)."
    )


class PromptGroup(Strict):
    name: str = Field(description="Name of the target group (a segment).")
    size: int
    fit: str = Field(description="Fit with the organisation's plans: low, medium or high.")
    top_needs: list[str] = Field(
        default_factory=list, description="e.g. 'N03 (75%)': share of the group voicing it."
    )


class PromptType(Strict):
    id: str = Field(
        description="Community type id: practice, interest, support, action, place, product, learning."
    )
    name: str
    description: str
    driving_needs: list[str] = Field(default_factory=list, description="Typical needs that drive this type.")


class ConceptsInput(Strict):
    """The variables of ``prompts/concepts/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch (Nederlands)'.")
    organisation: str
    intentions: list[str] = Field(default_factory=list)
    interviewees: int
    needs: list[PromptNeed]
    groups: list[PromptGroup]
    types: list[PromptType]
    thresholds: str = Field(description="The go/no-go thresholds of the survey, in words.")
    suggestions: list[str] = Field(
        default_factory=list, description="The rule-based draft, one line per concept."
    )
    revision_note: str = Field(default="", description="The reviewer's note after 'revise', or empty.")


# --- answered ---------------------------------------------------------------------------------------


class CitedQuote(Strict):
    note_id: str = Field(description="Id of the note the quote comes from; one of the note ids given.")
    text: str = Field(min_length=1, max_length=400, description="Words copied exactly from that note.")


class ThemeAnswer(Strict):
    title: str = Field(min_length=1, max_length=90, description="A theme members would exchange about.")
    topics: list[str] = Field(description="2-5 concrete conversation topics, in the interviewees' own words.")
    need_ids: list[str] = Field(description="Ids of the needs behind the theme.")


class ConceptAnswer(Strict):
    name: str = Field(min_length=1, max_length=90, description="A short working name for the community.")
    community_type: CommunityType = Field(description="One of the community type ids given.")
    purpose: str = Field(
        min_length=1, max_length=600, description="What the community is for, for its members."
    )
    hypothesis: str = Field(
        min_length=1,
        max_length=800,
        description="Falsifiable: 'If we …, then … because needs N03 and N05 …': names its needs by id and "
        "what a survey would measure.",
    )
    need_ids: list[str] = Field(description="Ids of the needs it rests on (at least one).")
    target_groups: list[str] = Field(description="Names of the target groups it is for (names given).")
    themes: list[ThemeAnswer] = Field(description="3-6 themes.")
    fails_if: list[str] = Field(
        description="1-5 measurable observations that would show the hypothesis is wrong."
    )
    rationale: str = Field(max_length=800, description="Why this concept, and which needs it does not serve.")
    evidence: list[CitedQuote] = Field(description="1-5 quotes that support it.")


class ConceptsAnswer(Strict):
    concepts: list[ConceptAnswer] = Field(description="Two or three alternatives that differ in type.")
    cannot_answer: str | None = Field(
        default=None,
        description="Only when the needs give no basis for any concept: say why, and leave concepts empty.",
    )


def check_concepts(
    answer: ConceptsAnswer, inputs: ConceptsInput, known_notes: Mapping[str, str] | None = None
) -> list[str]:
    """Grounding: 2–3 concepts of distinct known types, known needs, groups and notes, verbatim quotes,
    each resting on known needs (its hypothesis may name them in words). ``known_notes`` (id → text, e.g. every note of the needs map)
    widens the notes a quote may cite beyond those shown in the prompt."""
    errors = []
    if not 2 <= len(answer.concepts) <= 3:
        errors.append(f"write two or three concepts, not {len(answer.concepts)}")
    type_ids = [t.id for t in inputs.types]
    kinds = [c.community_type for c in answer.concepts]
    errors += unknown_ids(kinds, type_ids, what="community type")
    if len(set(kinds)) < len(kinds):
        errors.append("each concept needs a different community type")
    need_ids = [n.id for n in inputs.needs]
    notes = {**(known_notes or {}), **{note.id: note.text for need in inputs.needs for note in need.notes}}
    for number, concept in enumerate(answer.concepts, start=1):
        cited = concept.need_ids + [i for theme in concept.themes for i in theme.need_ids]
        errors += unknown_ids(cited, need_ids, what="need")
        if not concept.need_ids:
            errors.append(f"concept {number} rests on no need; list the ids of its needs")
        if not concept.fails_if:
            errors.append(f"concept {number} says nothing that would make it fail; add fails_if")
        errors += unknown_ids(concept.target_groups, [g.name for g in inputs.groups], what="target group")
        errors += missing_quotes(((q.note_id, q.text) for q in concept.evidence), notes)
    return errors


# --- persona ----------------------------------------------------------------------------------------


class PersonaInput(Strict):
    """The variables of ``prompts/persona/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch (Nederlands)'.")
    organisation: str
    concept: str = Field(description="The chosen concept: name, type, purpose and hypothesis.")
    needs: list[PromptNeed] = Field(description="The needs the concept rests on, with their notes.")
    groups: list[PromptGroup]
    drive: list[PromptNote] = Field(
        default_factory=list, description="Notes in which people offered to help."
    )
    channels: list[str] = Field(default_factory=list, description="Channels and meeting forms on offer.")
    name_hint: str = Field(description="A fictional first name the persona may take.")


class TraitAnswer(Strict):
    text: str = Field(min_length=1, max_length=400)
    need_ids: list[str] = Field(description="Ids of the needs (given) this trait rests on.")
    note_ids: list[str] = Field(description="Ids of the notes (given) this trait rests on.")
    invented: bool = Field(description="True when no need or note given supports it.")


class PersonaAnswer(Strict):
    name: str = Field(min_length=1, max_length=60, description="A fictional first name.")
    who: TraitAnswer
    situation: TraitAnswer
    needs: list[TraitAnswer] = Field(description="One trait per need of the concept.")
    motivations: list[TraitAnswer]
    gives: list[TraitAnswer] = Field(description="What they would bring to the community.")
    gets: list[TraitAnswer] = Field(description="What they would get from it.")
    participation: list[TraitAnswer] = Field(description="How they would take part.")
    quotes: list[CitedQuote] = Field(description="2-6 quotes from the notes given.")
    cannot_answer: str | None = Field(
        default=None, description="Only when the input gives no basis for a persona: say why."
    )

    def traits(self) -> list[TraitAnswer]:
        lists = (self.needs, self.motivations, self.gives, self.gets, self.participation)
        return [self.who, self.situation, *(trait for items in lists for trait in items)]


def check_persona(
    answer: PersonaAnswer, inputs: PersonaInput, known_notes: Mapping[str, str] | None = None
) -> list[str]:
    """Grounding: known needs and notes, verbatim quotes, and every unsupported trait marked invented.
    ``known_notes`` as in :func:`check_concepts`."""
    notes = {**(known_notes or {}), **{note.id: note.text for need in inputs.needs for note in need.notes}}
    notes.update({note.id: note.text for note in inputs.drive})
    traits = answer.traits()
    errors = unknown_ids((i for t in traits for i in t.need_ids), [n.id for n in inputs.needs], what="need")
    errors += unknown_ids((i for t in traits for i in t.note_ids), notes, what="note")
    errors += missing_quotes(((q.note_id, q.text) for q in answer.quotes), notes)
    if not answer.needs:
        errors.append("the persona lists no needs; add one trait per need of the concept")
    errors += [
        f"trait {t.text[:60]!r} cites no need or note; cite one or set invented to true"
        for t in traits
        if not t.need_ids and not t.note_ids and not t.invented
    ]
    return errors
