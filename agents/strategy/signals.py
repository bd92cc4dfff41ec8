"""What the channel plan is scored on, read from the approved artefacts and ``samen.yaml``.

- habits: the persona's traits that name a channel, what the organisation ``uses_already`` and the
  ``channels`` on offer;
- survey: the answers to the items of the questionnaire's ``channels`` block (share of respondents per
  channel);
- goals: what the concept's community type and the organisation's intentions ask of a channel (quick
  questions, deep discussion, events, findable knowledge);
- ages: which age groups the members are in (the survey's age question, else the persona);
- means: the hours per week, the budget, and the constraints that make privacy weigh more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.strategy.options import ChannelSpec, channel_options
from artefacts.concept import ConceptHypothesis, Persona, Trait
from artefacts.project import Project
from artefacts.survey import ItemStats, Questionnaire, SurveyResults

GOAL_PROFILES: dict[str, dict[str, float]] = {  # community type → what a channel must serve, summing to 1
    "practice": {"quick": 0.25, "deep": 0.35, "events": 0.1, "knowledge": 0.3},
    "interest": {"quick": 0.3, "deep": 0.3, "events": 0.2, "knowledge": 0.2},
    "support": {"quick": 0.4, "deep": 0.3, "events": 0.2, "knowledge": 0.1},
    "action": {"quick": 0.3, "deep": 0.1, "events": 0.5, "knowledge": 0.1},
    "place": {"quick": 0.3, "deep": 0.1, "events": 0.5, "knowledge": 0.1},
    "product": {"quick": 0.4, "deep": 0.2, "events": 0.1, "knowledge": 0.3},
    "learning": {"quick": 0.1, "deep": 0.4, "events": 0.2, "knowledge": 0.3},
}
GOAL_WORDS = {  # words in the organisation's intentions that make a goal weigh more
    "knowledge": ("kennis", "knowledge", "leren", "learn", "delen", "share", "vindbaar", "findable"),
    "events": ("ontmoet", "meet", "evenement", "event", "bijeenkomst", "samenkomen"),
    "quick": ("vraag", "question", "snel", "quick", "hulp", "help", "support", "steun"),
    "deep": ("verdiep", "depth", "deep", "uitwissel", "exchange", "discussie", "discussion"),
}
PRIVACY_WORDS = ("privacy", "avg", "gdpr", "vertrouwelijk", "confidential", "gevoelig", "sensitive")
EU_WORDS = ("eu", "europa", "europe", "european", "europese", "avg", "gdpr")
AGE_WORDS = {
    "young": ("student", "jong", "young", "twintiger", "starter"),
    "older": ("gepensioneerd", "retired", "senior", "oudere", "older", "pensioen", "grootouder"),
}
DEFAULT_HOURS = 4.0


@dataclass
class Signals:
    persona: dict[str, list[Trait]] = field(default_factory=dict)  # option id → traits that name it
    uses_already: dict[str, str] = field(default_factory=dict)  # option id → the setting's entry
    on_offer: dict[str, str] = field(default_factory=dict)
    survey_share: dict[str, float] = field(default_factory=dict)  # option id → share of respondents
    survey_items: list[str] = field(default_factory=list)
    respondents: int = 0
    ages: dict[str, float] = field(default_factory=dict)  # young/middle/older → weight
    ages_from: str = "assumed"  # survey, persona or assumed
    profile: dict[str, float] = field(default_factory=dict)
    goal_words: list[str] = field(default_factory=list)  # intentions that shifted the profile
    hours: float = DEFAULT_HOURS
    hours_assumed: bool = True
    budget: float | None = None
    privacy_constraints: list[str] = field(default_factory=list)


def read_signals(
    project: Project,
    concept: ConceptHypothesis,
    persona: Persona | None,
    survey: SurveyResults | None,
    questionnaire: Questionnaire | None,
) -> Signals:
    signals = Signals(budget=project.means.budget_per_year)
    options = channel_options()
    traits = _traits(persona)
    for spec in options:
        signals.persona[spec.id] = [t for t in traits if spec.named_in(t.text)]
        for entry in project.means.uses_already:
            if spec.named_in(entry):
                signals.uses_already[spec.id] = entry
        for entry in project.channels:
            if spec.named_in(entry):
                signals.on_offer[spec.id] = entry
    _read_survey(signals, survey, questionnaire, options)
    _read_ages(signals, survey, questionnaire, persona)
    _read_goals(signals, project, concept)
    if project.means.hours_per_week is not None:
        signals.hours, signals.hours_assumed = project.means.hours_per_week, False
    signals.privacy_constraints = [
        c for c in project.means.constraints if any(_has_word(c, w) for w in PRIVACY_WORDS + EU_WORDS)
    ]
    return signals


def _traits(persona: Persona | None) -> list[Trait]:
    if persona is None:
        return []
    return [persona.who, persona.situation, *persona.participation, *persona.motivations, *persona.gives]


def channel_items(survey: SurveyResults | None, questionnaire: Questionnaire | None) -> list[ItemStats]:
    """The survey's answers to the questionnaire's ``channels`` block (by item, or by mapped column)."""
    if survey is None:
        return []
    ids = {m.stats_id or m.item_id for m in survey.mapping if m.block == "channels"}
    if questionnaire is not None:
        ids |= {item.id for item in questionnaire.items if item.block == "channels"}
    return [item for item in survey.items if item.item_id in ids and item.distribution]


def _read_survey(
    signals: Signals,
    survey: SurveyResults | None,
    questionnaire: Questionnaire | None,
    options: tuple[ChannelSpec, ...],
) -> None:
    for item in channel_items(survey, questionnaire):
        answered = item.n or sum(item.distribution.values())
        if not answered:
            continue
        signals.survey_items.append(item.item_id)
        signals.respondents = max(signals.respondents, answered)
        counts: dict[str, float] = {}
        for label, n in item.distribution.items():
            named = [spec.id for spec in options if spec.named_in(label)]
            for (
                option_id
            ) in named:  # an answer naming two channels ("Email or newsletter") counts half for each
                counts[option_id] = counts.get(option_id, 0.0) + n / len(named)
        for option_id, count in counts.items():
            share = min(1.0, count / answered)
            signals.survey_share[option_id] = max(signals.survey_share.get(option_id, 0.0), share)


def _read_ages(
    signals: Signals,
    survey: SurveyResults | None,
    questionnaire: Questionnaire | None,
    persona: Persona | None,
) -> None:
    if survey is not None:
        for item in survey.items:
            bands: dict[str, int] = {
                label: n for label, n in item.distribution.items() if _age_band(label) is not None
            }
            total = sum(bands.values(), 0)
            if len(bands) >= 3 and total > 0:
                ages = {"young": 0.0, "middle": 0.0, "older": 0.0}
                for label, n in bands.items():
                    ages[_age_band(label) or "middle"] += n / total
                signals.ages, signals.ages_from = ages, "survey"
                signals.survey_items.append(item.item_id)
                return
    text = " ".join(t.text.lower() for t in _traits(persona)[:2])
    for group, words in AGE_WORDS.items():
        if any(word in text for word in words):
            signals.ages = {"young": 0.2, "middle": 0.3, "older": 0.2, group: 0.5}
            signals.ages_from = "persona"
            return
    signals.ages = {"young": 1 / 3, "middle": 1 / 3, "older": 1 / 3}


def _age_band(label: str) -> str | None:
    """young, middle or older for an answer option like '25–34', 'Under 25' or '65 of ouder'."""
    numbers = [int(n) for n in re.findall(r"\d{2}", label)]
    if not numbers:
        return None
    low = numbers[0] if len(numbers) > 1 or not re.search(r"under|onder|jonger", label.lower()) else 0
    return "young" if low < 35 else "middle" if low < 55 else "older"


def _read_goals(signals: Signals, project: Project, concept: ConceptHypothesis) -> None:
    profile = dict(GOAL_PROFILES[concept.community_type])
    for intention in project.organisation.intentions:
        for goal, words in GOAL_WORDS.items():
            if any(word in intention.lower() for word in words):
                profile[goal] += 0.1
                if intention not in signals.goal_words:
                    signals.goal_words.append(intention)
    total = sum(profile.values())
    signals.profile = {goal: weight / total for goal, weight in profile.items()}


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text.lower()) is not None
