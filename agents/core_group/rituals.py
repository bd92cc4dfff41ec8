"""The community's recurring moments, with stable ids the content calendar plans with.

- ``welcome`` (weekly, Monday): the welcomer greets who joined and invites them to introduce themselves.
- ``weekly-question`` (weekly, Wednesday): the host asks one question on the concept's themes in turn;
  when the persona or the interviews say time is short, a question that takes two minutes to answer.
- ``practice-share`` (fortnightly, Friday): members show something that worked, with the content role
  (a concept with themes to share about).
- ``meetup`` (monthly): with a meetup organiser; on the weekday most respondents said suits them when
  the survey asked, else Thursday (assumed); in the evening when the persona or the survey says so.
- ``feedback-digest`` (monthly): the community manager bundles questions, feedback and ideas for the
  organisation (the route of the stakeholder brief).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from agents.core_group.charter_cues import cue_hits
from agents.core_group.guidance_ids import guidance
from agents.core_group.texts import RITUALS, words
from agents.shared.phase_inputs import PhaseInputs
from artefacts.concept import ConceptHypothesis, Persona
from artefacts.core_group import Ritual
from artefacts.grounds import Grounds
from artefacts.initiative import NeedsMap
from artefacts.survey import SurveyResults
from knowledge.survey_answers import answer_key

WEEKDAYS = {
    0: ("maandag", "monday", "mon"), 1: ("dinsdag", "tuesday", "tue"),
    2: ("woensdag", "wednesday", "wed"), 3: ("donderdag", "thursday", "thu"),
    4: ("vrijdag", "friday", "fri"), 5: ("zaterdag", "saturday", "sat"),
    6: ("zondag", "sunday", "sun"),
}  # fmt: skip
TIME_HEADER = ("dag", "avond", "tijd", "wanneer", "moment", "day", "evening", "time", "when")
EVENING = ("avond", "evening", "na het werk", "after work")
MEETUP_DEFAULT = 3  # Thursday


def draft_rituals(inputs: PhaseInputs, concept: ConceptHypothesis, roles: list[str]) -> list[Ritual]:
    language = inputs.language
    w = words(RITUALS, language)
    persona = inputs.find(Persona)
    short = _short_of_time(inputs, persona)
    themes = [t.title for t in concept.themes] or [concept.name]
    rituals = [
        _ritual(w, "welcome", "weekly", 0, Grounds(guidance=guidance(language, "aim")), themes=""),
        _ritual(
            w,
            "weekly-question",
            "weekly",
            2,
            Grounds(
                artefacts=["concept-hypotheses"] + (["persona"] if short else []),
                need_ids=sorted({n for t in concept.themes for n in t.need_ids}) or list(concept.need_ids),
                note_ids=short.note_ids if short else [],
            ),
            themes=", ".join(themes),
            extra=w["short_answer"] if short else "",
        ),
    ]
    if "content" in roles and concept.community_type in ("practice", "learning", "interest"):
        rituals.append(
            _ritual(w, "practice-share", "fortnightly", 4, Grounds(artefacts=["concept-hypotheses"]), "")
        )
    if "meetup-organiser" in roles:
        day, day_grounds = survey_weekday(inputs.find(SurveyResults))
        evening = _evening(inputs, persona)
        extra = w["evening"] if evening else ""
        grounds = day_grounds or Grounds(assumed=True)
        rituals.append(
            _ritual(w, "meetup", "monthly", MEETUP_DEFAULT if day is None else day, grounds, "", extra)
        )
    rituals.append(
        _ritual(w, "feedback-digest", "monthly", None, Grounds(guidance=guidance(language, "route")), "")
    )
    return rituals


def _ritual(
    w: Mapping[str, Mapping[str, str]],
    rid: str,
    cadence: str,
    weekday: int | None,
    grounds: Grounds,
    themes: str,
    extra: str = "",
) -> Ritual:
    text = w[rid]
    description = text["description"].format(themes=themes)
    return Ritual(
        id=rid,
        name=text["name"],
        cadence=cadence,  # type: ignore[arg-type]
        weekday=weekday,
        description=f"{description} {extra}".strip(),
        grounds=grounds,
    )


def _short_of_time(inputs: PhaseInputs, persona: Persona | None) -> Grounds | None:
    hits = cue_hits(inputs.find(NeedsMap), "time")
    traits = [t for t in (persona.participation + [persona.situation] if persona else []) if _timeish(t.text)]
    if not hits and not traits:
        return None
    return Grounds(note_ids=hits.note_ids, need_ids=hits.need_ids, artefacts=["persona"] if traits else [])


def _timeish(text: str) -> bool:
    key = answer_key(text)
    return any(word in key for word in ("weinig tijd", "geen tijd", "druk", "little time", "no time", "busy"))


def _evening(inputs: PhaseInputs, persona: Persona | None) -> bool:
    texts = [t.text for t in (persona.participation if persona else [])]
    results = inputs.find(SurveyResults)
    if results is not None:
        texts += [
            label
            for item in results.items
            for label in item.distribution
            if item.item_id in _time_items(results)
        ]
    return any(word in answer_key(text) for text in texts for word in EVENING)


def _time_items(results: SurveyResults) -> set[str]:
    return {
        m.stats_id
        for m in results.mapping
        if m.stats_id
        and m.block not in ("role", "ignore")
        and any(w in answer_key(m.column).split() for w in TIME_HEADER)
    }


def survey_weekday(results: SurveyResults | None) -> tuple[int | None, Grounds | None]:
    """The weekday most respondents chose in a survey item about days or times, if the survey had one."""
    if results is None:
        return None, None
    items = _time_items(results)
    votes: Counter[int] = Counter()
    for item in results.items:
        if item.item_id not in items:
            continue
        for label, count in item.distribution.items():
            for day, names in WEEKDAYS.items():
                if set(answer_key(label).split()) & set(names):
                    votes[day] += count
    if not votes:
        return None, None
    day, _ = votes.most_common(1)[0]
    return day, Grounds(survey_items=sorted(items), artefacts=["survey-results"])
