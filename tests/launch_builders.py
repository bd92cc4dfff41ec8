"""Hand-built inputs of phase 6 for two organisations that are not the bundled examples: a Dutch public
library's reading volunteers and an English repair café network. Phases 3–5 are built elsewhere, so
their artefacts are written here by hand, as a reviewer would have approved them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import Artefact, ArtefactMeta
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme, Persona, Trait
from artefacts.core_group import (
    Candidate,
    CharterDraft,
    CharterItem,
    CoreGroup,
    Ritual,
    Role,
    RouteStep,
    StakeholderBrief,
    StakeholderSection,
)
from artefacts.plan import ContentCalendar, Milestone, PlanOfApproach, RhythmItem
from artefacts.project import Means, Organisation, Project
from artefacts.strategy import ChannelOption, ChannelPlan, ScoringCriterion
from artefacts.survey import Criterion, GateDecision, GoNoGoAdvice, SurveyResults

TEXTS: dict[str, dict[str, Any]] = {
    "nl": {
        "org": "Bibliotheek Oosterhout",
        "name": "Voorleesnetwerk Oost",
        "purpose": "Voorlezers wisselen ervaringen uit en helpen elkaar met boeken en groepen",
        "groups": ["voorleesvrijwilligers"],
        "gets": [
            "Tips van andere voorlezers voor onrustige groepen",
            "Een vast aanspreekpunt in de bibliotheek",
        ],
        "ritual": "Boek van de week",
        "rules": ["We delen geen namen van kinderen", "Vragen krijgen binnen een dag een reactie"],
        "topic": "Voorlezen aan peuters",
        "roles": [("welkom", "Welkomstheer/-vrouw"), ("host", "Gastvrouw van de leesavond")],
        "channels": [
            ("whatsapp", "WhatsApp-groep", "digital"),
            ("leesavond", "Leesavond in de bieb", "physical"),
        ],
        "route_who": "Teamleider jeugd",
        "manager": "Fatima el Idrissi",
        "people": ["P03", "P07", "R012", "R031"],
    },
    "en": {
        "org": "Riverside Repair Network",
        "name": "Fixers' Circle",
        "purpose": "Volunteer fixers share repair know-how and keep each other going",
        "groups": ["volunteer fixers"],
        "gets": ["Help with repairs nobody at one café can do", "Fewer evenings alone with a broken toaster"],
        "ritual": "Fix of the week",
        "rules": ["Safety first: no mains work without a second fixer", "Credit whoever found the fix"],
        "topic": "Repairing small appliances",
        "roles": [("greeter", "Greeter"), ("host", "Repair night host")],
        "channels": [
            ("forum", "Discourse forum", "digital"),
            ("repair-night", "Monthly repair night", "physical"),
        ],
        "route_who": "Network coordinator",
        "manager": "",
        "people": ["P01", "P02", "P05"],
    },
}


def meta(language: str) -> ArtefactMeta:
    return ArtefactMeta(language=language)


def project(language: str, **changes: Any) -> Project:
    t = TEXTS[language]
    means = Means(hours_per_week=changes.pop("hours", 10.0))
    return Project(
        organisation=Organisation(name=t["org"], intentions=["More volunteers who stay"]),
        language=language,  # type: ignore[arg-type]
        country="NL" if language == "nl" else "GB",
        community_manager=t["manager"],
        means=means,
        **changes,
    )


def artefacts(language: str, *, end: dt.date = dt.date(2027, 4, 23)) -> dict[str, Artefact]:
    t, m = TEXTS[language], meta(language)
    concept = ConceptHypothesis(
        id="C1", name=t["name"], community_type="practice", purpose=t["purpose"] + ".",
        hypothesis="If … then … because N01.", need_ids=["N01", "N02"], target_groups=t["groups"],
        themes=[ConceptTheme(title=t["topic"], need_ids=["N01"])], fails_if=["Nobody shares."],
    )  # fmt: skip
    trait = Trait(text=t["groups"][0], need_ids=["N01"])
    persona = Persona(
        meta=m, concept_id="C1", name="Noor", who=trait, situation=trait, needs=[trait],
        gets=[Trait(text=g, need_ids=["N02"]) for g in t["gets"]],
    )  # fmt: skip
    core = CoreGroup(
        meta=m, concept_id="C1", target_size=6,
        candidates=[Candidate(person=p, source="champion", reason="drive") for p in t["people"]],
    )  # fmt: skip
    charter = CharterDraft(
        meta=m, concept_id="C1", purpose=t["purpose"],
        house_rules=[CharterItem(text=r) for r in t["rules"]],
        topics=[CharterItem(text=t["topic"])],
        rituals=[Ritual(id="r1", name=t["ritual"], cadence="weekly", weekday=1)],
        roles=[Role(id=i, name=n, candidates=[t["people"][k]]) for k, (i, n) in enumerate(t["roles"])],
    )  # fmt: skip
    brief = StakeholderBrief(
        meta=m, concept_id="C1", sections=[StakeholderSection(group="Team")],
        route=[RouteStep(step="Bundle", who=t["manager"] or "manager", within_days=7),
               RouteStep(step="Answer", who=t["route_who"], within_days=14)],
    )  # fmt: skip
    options = [
        ChannelOption(id=i, name=n, kind=k, total=0.8 - 0.1 * x, chosen=True, scores={"persona": 0.8})
        for x, (i, n, k) in enumerate(t["channels"])
    ]
    channels = ChannelPlan(
        meta=m, concept_id="C1", mix=[o.id for o in options], options=options,
        criteria=[ScoringCriterion(id="persona", label="Persona", weight=1.0)],
    )  # fmt: skip
    start = end - dt.timedelta(weeks=12, days=-1)
    calendar = ContentCalendar(meta=m, concept_id="C1", start=start, end=end, country="NL", items=[])
    plan = PlanOfApproach(
        meta=m, concept_id="C1", start=start, end=end,
        milestones=[Milestone(id="m1", week=0, date=start, what="Kick-off")],
        weekly_rhythm=[RhythmItem(weekday=3, what="Plan next week's posts", who="community manager", minutes=30)],
    )  # fmt: skip
    survey = SurveyResults(
        meta=m, questionnaire_version=1, sources=["surveys/a.csv"], respondents=40, mapping=[], items=[],
        willing_to_pull=14,
    )  # fmt: skip
    advice = GoNoGoAdvice(
        meta=m, concept_id="C1", recommendation="go", reasoning="…",
        criteria=[Criterion(name="motivation", description="", threshold=0.5, observed=0.62, verdict="met",
                            explanation="", columns=["Q04"])],
    )  # fmt: skip
    found = (
        ConceptHypotheses(meta=m, concepts=[concept]), persona, core, charter, brief, channels, calendar,
        plan, survey, advice,
    )  # fmt: skip
    return {type(a).artefact_name: a for a in found}


def inputs(language: str, *, drop: tuple[str, ...] = (), **project_changes: Any) -> PhaseInputs:
    found = {name: a for name, a in artefacts(language).items() if name not in drop}
    go = GateDecision(decision="go", reviewer="Ann", reason="enough support", concept_id="C1")
    return PhaseInputs(project=project(language, **project_changes), go=go, artefacts=found)
