"""The roles of the core group, with stable ids later phases plan with, and who fits which.

Every community needs a ``host`` (opens conversations, asks the recurring question), a ``moderator``
(keeps the house rules) and a ``welcomer`` (greets and introduces new members): the method's core group
carries these from day one. ``content`` (shares knowledge and material) comes with a concept that has
themes to share about; ``meetup-organiser`` when samen.yaml offers a meeting in person or the persona
takes part by meeting; ``buddy`` (a fixed contact for a newcomer) with a support or learning community.

Who fits: a champion who has already taken initiative hosts, moderates and organises meetups; an offer
of help fits hosting and content; energy fits welcoming. A survey respondent on the highest step of the
role ladder fits hosting, moderating and meetups; one who offered to contribute fits content, welcoming
and buddying. Hours per week are Samen's starting estimate, to be agreed with the core group.
"""

from __future__ import annotations

from dataclasses import dataclass

from agents.core_group.guidance_ids import guidance
from agents.shared.phase_inputs import PhaseInputs
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.grounds import Grounds

BASE_ROLES = ("host", "moderator", "welcomer")
HOURS = {
    "host": 2.0,
    "moderator": 1.0,
    "welcomer": 0.5,
    "content": 1.0,
    "meetup-organiser": 1.5,
    "buddy": 0.5,
}
MEETING_WORDS = (
    "avond", "bijeenkomst", "meetup", "fysiek", "live", "event", "borrel", "café", "cafe", "workshop",
    "ontmoeting", "evening", "meeting", "in person", "gathering", "get-together", "face to face",
)  # fmt: skip
SIGNAL_ROLES = {
    "initiative": ("host", "moderator", "meetup-organiser"),
    "offer": ("host", "content", "buddy"),
    "energy": ("welcomer", "content"),
}
PULLER_ROLES = ("host", "moderator", "meetup-organiser")
CONTRIBUTOR_ROLES = ("content", "welcomer", "buddy")


@dataclass(frozen=True)
class PlannedRole:
    id: str
    grounds: Grounds


def chosen_concept(inputs: PhaseInputs) -> ConceptHypothesis:
    concepts = inputs.get(ConceptHypotheses)
    for concept in concepts.concepts:
        if concept.id == inputs.concept_id:
            return concept
    raise KeyError(inputs.concept_id)


def meeting_in_person(inputs: PhaseInputs) -> tuple[bool, Grounds]:
    """Whether samen.yaml offers, or the persona takes part by, meeting in person; and why."""
    channels = [c for c in inputs.project.channels if _meets(c)]
    persona = inputs.find(Persona)
    traits = [t for t in (persona.participation if persona else []) if _meets(t.text)]
    grounds = Grounds(
        settings=["channels"] if channels else [],
        artefacts=["persona"] if traits else [],
        need_ids=sorted({n for t in traits for n in t.need_ids}),
        note_ids=sorted({n for t in traits for n in t.note_ids}),
    )
    return bool(channels or traits), grounds


def planned_roles(inputs: PhaseInputs) -> list[PlannedRole]:
    """The roles of the charter, in a fixed order, each with what it follows from."""
    language = inputs.language
    concept = chosen_concept(inputs)
    method = Grounds(guidance=guidance(language, "core", "charter"), artefacts=["concept-hypotheses"])
    roles = [PlannedRole(role, method) for role in BASE_ROLES]
    if concept.themes:
        need_ids = sorted({n for theme in concept.themes for n in theme.need_ids})
        roles.append(PlannedRole("content", Grounds(need_ids=need_ids, artefacts=["concept-hypotheses"])))
    meets, grounds = meeting_in_person(inputs)
    if meets:
        roles.append(PlannedRole("meetup-organiser", grounds))
    if concept.community_type in ("support", "learning"):
        roles.append(
            PlannedRole("buddy", Grounds(artefacts=["concept-hypotheses"], need_ids=concept.need_ids))
        )
    return roles


def roles_of_champion(signal_kinds: set[str], planned: list[str]) -> list[str]:
    fits = {role for kind in signal_kinds for role in SIGNAL_ROLES.get(kind, ())}
    return [role for role in planned if role in fits]


def roles_of_volunteer(pulls: bool, planned: list[str]) -> list[str]:
    fits = set(PULLER_ROLES if pulls else ()) | set(CONTRIBUTOR_ROLES)
    return [role for role in planned if role in fits]


def _meets(text: str) -> bool:
    lowered = text.casefold()
    return any(word in lowered for word in MEETING_WORDS)
