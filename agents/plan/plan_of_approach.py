"""Phase 5 offline: the plan of approach, from the content calendar drafted before it, the charter, the
core group, the go/no-go advice and the survey.

- milestones: the kick-off with the core group (the last working day at least three days before the
  trial), the start, the first meeting, the week-4 check, the mid-trial review, the closing review and the
  decision to go public (the first working day after the trial), dated as the calendar has them;
- roles: the charter's roles and the community manager, with the hours the charter gives them beside the
  hours the calendar asks of them;
- the weekly rhythm: what the calendar does on each weekday, and who does it most;
- success criteria: measurable targets tied to the go/no-go thresholds and what the survey showed;
- risks: what the drafts of phases 3 to 5 say is thin or assumed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

import holidays

from agents.plan.trial_days import holiday_language
from agents.shared.phase_inputs import PhaseInputs
from agents.strategy.method import MILESTONES, MUST_SHOW, cite
from agents.strategy.options import option
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.core_group import CharterDraft, CoreGroup
from artefacts.grounds import Grounds
from artefacts.plan import (
    CalendarItem,
    ContentCalendar,
    Milestone,
    PlanOfApproach,
    PlanRole,
    RhythmItem,
    SuccessCriterion,
)
from artefacts.strategy import ChannelPlan
from artefacts.survey import GoNoGoAdvice, SurveyResults

WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("plan_of_approach")
DEFAULT_THRESHOLDS = {"motivation": 0.5, "relevance": 0.6, "recognition": 0.6}


def draft_plan_of_approach(inputs: PhaseInputs) -> PlanOfApproach:
    project, language = inputs.project, inputs.language
    w = WORDS[language]
    calendar = inputs.get(ContentCalendar)
    core, charter = inputs.find(CoreGroup), inputs.find(CharterDraft)
    manager = project.community_manager or w["manager"]
    plan = PlanOfApproach(
        meta=ArtefactMeta(language=language),
        concept_id=calendar.concept_id,
        start=calendar.start,
        end=calendar.end,
        milestones=_milestones(calendar, project.country, project.holidays.subdivision, manager, language, w),
        roles=_roles(calendar, charter, manager, project.means.hours_per_week, w),
        weekly_rhythm=_rhythm(calendar, w),
        success_criteria=_criteria(inputs, core, w),
        risks=_risks(inputs, calendar, core, w),
    )
    plan.meta.warnings = [r for r in plan.risks if r.startswith(w["risk_overload_start"])]
    return plan


def _working_day(day: dt.date, step: int, country: str, subdivision: str | None, language: str) -> dt.date:
    free = holidays.country_holidays(
        country.upper(), subdiv=subdivision, years=[day.year - 1, day.year, day.year + 1],
        language=holiday_language(country.upper(), language),
    )  # fmt: skip
    while day.weekday() >= 5 or day in free:
        day += dt.timedelta(days=step)
    return day


def _first(calendar: ContentCalendar, suffix: str) -> CalendarItem | None:
    return next((item for item in calendar.items if item.id.split("-", 1)[1].startswith(suffix)), None)


def _milestones(
    calendar: ContentCalendar,
    country: str,
    subdivision: str | None,
    manager: str,
    language: str,
    w: Mapping[str, Any],
) -> list[Milestone]:
    weeks = (calendar.end - calendar.start).days // 7 + 1
    texts, done = w["milestones"], w["done_when"]
    kickoff = _working_day(calendar.start - dt.timedelta(days=3), -1, country, subdivision, language)
    decision = _working_day(calendar.end + dt.timedelta(days=1), 1, country, subdivision, language)
    found = [
        Milestone(
            id="kickoff",
            week=0,
            date=kickoff,
            what=texts["kickoff"],
            owner=manager,
            done_when=done["kickoff"],
        )
    ]
    welcome = _first(calendar, "welcome")
    found.append(
        Milestone(id="start", week=1, date=welcome.date if welcome else calendar.start, what=texts["start"],
                  owner=welcome.owner if welcome else manager, done_when=done["start"])
    )  # fmt: skip
    meeting = next(
        (i for i in calendar.items if option(i.channel).role == "meeting" and i.id.endswith("meeting")), None
    )
    for key, item in (("first_meeting", meeting), ("check_week4", _first(calendar, "check-week4")),
                      ("check_mid", _first(calendar, "check-mid")), ("check_final", _first(calendar, "check-final"))):  # fmt: skip
        if item is not None:
            week = (item.date - calendar.start).days // 7 + 1
            found.append(
                Milestone(
                    id=key, week=week, date=item.date, what=texts[key], owner=item.owner, done_when=done[key]
                )
            )
    found.append(
        Milestone(
            id="decision",
            week=weeks + 1,
            date=decision,
            what=texts["decision"],
            owner=manager,
            done_when=done["decision"],
        )
    )
    guidance = Grounds(artefacts=["content-calendar"], guidance=cite(language, MILESTONES))
    return sorted((m.model_copy(update={"grounds": guidance}) for m in found), key=lambda m: m.date)


def owner_hours(calendar: ContentCalendar) -> dict[str, float]:
    """Owner → hours a week the calendar asks of them, on average over the trial."""
    weeks = max(1, ((calendar.end - calendar.start).days + 1) / 7)
    minutes: Counter[str] = Counter()
    for item in calendar.items:
        minutes[item.owner] += item.minutes
    return {owner: round(total / 60 / weeks, 1) for owner, total in minutes.items()}


def _tasks(calendar: ContentCalendar, people: list[str], w: Mapping[str, Any]) -> list[str]:
    formats = Counter(item.format for item in calendar.items if item.owner in people)
    return [w["task"].format(format=name, n=n) for name, n in formats.most_common(5)]


def _roles(
    calendar: ContentCalendar,
    charter: CharterDraft | None,
    manager: str,
    hours: float | None,
    w: Mapping[str, Any],
) -> list[PlanRole]:
    asked = owner_hours(calendar)
    roles = [
        PlanRole(name=w["manager_role"], who=[manager], hours_per_week=hours if hours is not None else asked.get(manager),
                 tasks=[w["asked"].format(hours=asked.get(manager, 0.0)), *_tasks(calendar, [manager], w)])
    ]  # fmt: skip
    named = {manager}
    for role in charter.roles if charter else []:
        roles.append(
            PlanRole(name=role.name, who=list(role.candidates), hours_per_week=role.hours_per_week,
                     tasks=[*([role.does] if role.does else []), *_tasks(calendar, role.candidates, w)])
        )  # fmt: skip
        named |= set(role.candidates)
    others = sorted({item.owner for item in calendar.items} - named)
    if others:
        mean = round(sum(asked[o] for o in others) / len(others), 1)
        roles.append(
            PlanRole(
                name=w["member_role"], who=others, hours_per_week=mean, tasks=_tasks(calendar, others, w)
            )
        )
    return roles


def _rhythm(calendar: ContentCalendar, w: Mapping[str, Any]) -> list[RhythmItem]:
    by_day: dict[tuple[int, str], list[CalendarItem]] = defaultdict(list)
    for item in calendar.items:
        if not item.holiday:
            by_day[(item.date.weekday(), item.format)].append(item)
    weeks = max(1, ((calendar.end - calendar.start).days + 1) // 7)
    rhythm = []
    for (weekday, name), items in sorted(by_day.items()):
        if len(items) < max(2, weeks // 3):
            continue  # a one-off, not part of the weekly rhythm
        owners = [o for o, _ in Counter(i.owner for i in items).most_common(3)]
        minutes = round(sum(i.minutes for i in items) / len(items))
        rhythm.append(RhythmItem(weekday=weekday, what=w["rhythm"].format(format=name, n=len(items)),
                                 who=", ".join(owners), minutes=minutes))  # fmt: skip
    return rhythm


def _threshold(advice: GoNoGoAdvice | None, name: str) -> tuple[float, float | None]:
    for criterion in advice.criteria if advice else []:
        if criterion.name == name:
            return criterion.threshold, criterion.observed
    return DEFAULT_THRESHOLDS.get(name, 0.5), None


def _criteria(inputs: PhaseInputs, core: CoreGroup | None, w: Mapping[str, Any]) -> list[SuccessCriterion]:
    advice, survey = inputs.find(GoNoGoAdvice), inputs.find(SurveyResults)
    texts = w["criteria"]
    size = len(core.candidates) if core else 0
    motivation, _ = _threshold(advice, "motivation")
    relevance, observed = _threshold(advice, "relevance")
    guidance = cite(inputs.language, MUST_SHOW)
    from_advice = Grounds(
        artefacts=["go-no-go-advice", "core-group"], settings=["thresholds"], guidance=guidance
    )
    observed_text = (
        texts["observed"].format(share=f"{observed:.0%}") if observed is not None else texts["not_observed"]
    )
    found = [
        SuccessCriterion(
            id="active-core", metric=texts["active_core"],
            target=texts["active_core_target"].format(k=max(1, math.ceil(size * motivation)), n=size or "?", share=f"{motivation:.0%}"),
            how_measured=texts["active_core_how"], grounds=from_advice,
        ),
        SuccessCriterion(
            id="member-started", metric=texts["member_started"], target=texts["member_started_target"],
            how_measured=texts["member_started_how"], grounds=Grounds(guidance=guidance),
        ),
        SuccessCriterion(
            id="response-time", metric=texts["response_time"], target=texts["response_time_target"],
            how_measured=texts["response_time_how"], grounds=Grounds(guidance=guidance),
        ),
        SuccessCriterion(
            id="relevance", metric=texts["relevance"],
            target=texts["relevance_target"].format(share=f"{relevance:.0%}", observed=observed_text),
            how_measured=texts["relevance_how"],
            grounds=Grounds(artefacts=["go-no-go-advice", "survey-results"], settings=["thresholds.relevance"], guidance=guidance),
        ),
    ]  # fmt: skip
    if survey is not None and survey.willing_to_pull:
        joined = max(1, math.ceil(survey.willing_to_pull / 2))
        found.append(
            SuccessCriterion(
                id="pullers-joined", metric=texts["pullers"],
                target=texts["pullers_target"].format(k=joined, n=survey.willing_to_pull),
                how_measured=texts["pullers_how"],
                grounds=Grounds(artefacts=["survey-results"], survey_items=sorted({m.stats_id or m.item_id or '' for m in survey.mapping if m.block == 'role'} - {''}), guidance=guidance),
            )
        )  # fmt: skip
    meetings = inputs.find(ChannelPlan)
    if meetings is not None and any(option(i).role == "meeting" for i in meetings.mix[1:]):
        found.append(
            SuccessCriterion(
                id="meetings", metric=texts["meetings"], target=texts["meetings_target"].format(n=max(5, size)),
                how_measured=texts["meetings_how"], grounds=Grounds(artefacts=["channel-plan", "core-group"], guidance=guidance),
            )
        )  # fmt: skip
    return found


def _risks(
    inputs: PhaseInputs, calendar: ContentCalendar, core: CoreGroup | None, w: Mapping[str, Any]
) -> list[str]:
    texts = w["risks"]
    found = []
    charter = inputs.find(CharterDraft)
    asked = owner_hours(calendar)
    for role in charter.roles if charter else []:
        for person in role.candidates:
            if role.hours_per_week is not None and asked.get(person, 0.0) > role.hours_per_week + 0.05:
                found.append(w["risk_overload_start"] + texts["overload"].format(
                    person=person, asked=asked[person], role=role.name, hours=f"{role.hours_per_week:g}"))  # fmt: skip
    for gap in core.gaps if core else []:
        found.append(texts["gap"].format(what=gap.what, suggestion=gap.suggestion))
    if core is not None and len(core.candidates) < core.target_size:
        found.append(texts["small_core"].format(n=len(core.candidates), target=core.target_size))
    plan = inputs.find(ChannelPlan)
    if plan is not None:
        found += [texts["assumed"].format(assumption=a) for a in plan.assumptions[1:3]]
    advice = inputs.find(GoNoGoAdvice)
    found += [texts["caveat"].format(caveat=c) for c in (advice.caveats if advice else [])[:2]]
    if calendar.holidays:
        names = ", ".join(sorted({h.name for h in calendar.holidays if h.kind == "public"}))
        if names:
            found.append(texts["holidays"].format(names=names))
    found.append(texts["quiet_channel"])
    return found
