"""``calendar-constraints``: the content calendar keeps the method's rules, checked from outside the agent.

- ``range``: every item falls inside the trial, and the trial lasts ``trial_weeks`` from samen.yaml;
- ``holidays``: on a public holiday of the project's country (the holidays library, asked here, not the
  calendar's own list) at most one item, and it is marked as the holiday; on a closing day nothing;
- ``owners``: no core-group member has more than two items a week, nor two on one day;
- ``channels``: every item is on a channel of the channel plan's mix;
- ``every-day``: no day of the trial is left without a row, except the days kept free.

``value`` may name the rules to check (a list); all by default.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import holidays

from artefacts.core_group import CoreGroup
from artefacts.plan import ContentCalendar
from artefacts.strategy import ChannelPlan
from evaluations.cases import Assertion
from evaluations.subject import Outcome, Subject, outcome

MAX_PER_WEEK = 2  # the guide: "an hour or two a week is as much as most of them can give"


def _range(calendar: ContentCalendar, s: Subject) -> list[str]:
    problems = [f"{i.id} on {i.date} is outside {calendar.start}..{calendar.end}"
                for i in calendar.items if not calendar.start <= i.date <= calendar.end]  # fmt: skip
    weeks = ((calendar.end - calendar.start).days + 1) / 7
    if round(weeks) != s.project.trial_weeks:
        problems.append(f"the trial lasts {weeks:.1f} weeks, samen.yaml says {s.project.trial_weeks}")
    return problems


def _holidays(calendar: ContentCalendar, s: Subject) -> list[str]:
    years = range(calendar.start.year, calendar.end.year + 1)
    public = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision, years=years)
    closed = set(s.project.holidays.closed)
    per_day = Counter(i.date for i in calendar.items)
    problems = []
    for item in calendar.items:
        if item.date in closed:
            problems.append(f"{item.id} on closing day {item.date}")
        elif item.date in public and (not item.holiday or per_day[item.date] > 1):
            problems.append(f"{item.id} on {public.get(item.date)} ({item.date}) is not the one marked item")
    return problems


def _owners(calendar: ContentCalendar, s: Subject) -> list[str]:
    core = s.drafted.artefacts().get("core-group")
    members = {c.person for c in core.candidates} if isinstance(core, CoreGroup) else set()
    week = Counter(
        (i.owner, (i.date - calendar.start).days // 7 + 1) for i in calendar.items if i.owner in members
    )
    day = Counter((i.owner, i.date) for i in calendar.items if i.owner in members)
    problems = [f"{owner} has {n} items in week {w}" for (owner, w), n in week.items() if n > MAX_PER_WEEK]
    problems += [f"{owner} has {n} items on {d}" for (owner, d), n in day.items() if n > 1]
    return problems


def _channels(calendar: ContentCalendar, s: Subject) -> list[str]:
    plan = s.drafted.artefacts().get("channel-plan")
    if not isinstance(plan, ChannelPlan):
        return ["no channel plan drafted"]
    mix = set(plan.mix)
    return sorted(
        {f"{i.channel} is not in the channel plan's mix" for i in calendar.items if i.channel not in mix}
    )


def _every_day(calendar: ContentCalendar, s: Subject) -> list[str]:
    days = {calendar.start + dt.timedelta(days=n) for n in range((calendar.end - calendar.start).days + 1)}
    free = {h.date for h in calendar.holidays} | set(s.project.holidays.closed)
    empty = sorted(days - free - {i.date for i in calendar.items})
    return [f"{len(empty)} day(s) without a row, first {empty[0]}"] if empty else []


RULES: dict[str, Callable[[ContentCalendar, Subject], list[str]]] = {
    "range": _range,
    "holidays": _holidays,
    "owners": _owners,
    "channels": _channels,
    "every-day": _every_day,
}


def calendar_constraints(s: Subject, a: Assertion) -> Outcome:
    calendar = (
        s.artefact
        if isinstance(s.artefact, ContentCalendar)
        else s.drafted.artefacts().get("content-calendar")
    )
    if not isinstance(calendar, ContentCalendar):
        return outcome(a, False, detail="no content calendar drafted")
    chosen = a.value if isinstance(a.value, list) else list(RULES) if a.value is None else [str(a.value)]
    unknown = [name for name in chosen if name not in RULES]
    if unknown:
        return outcome(a, False, detail=f"unknown rule(s) {', '.join(unknown)}; known: {', '.join(RULES)}")
    broken = {name: RULES[name](calendar, s) for name in chosen}
    held = sum(1 for problems in broken.values() if not problems)
    detail = "; ".join(f"{name}: {problems[0]}" + (f" (+{len(problems) - 1})" if len(problems) > 1 else "")
                       for name, problems in broken.items() if problems)  # fmt: skip
    return outcome(a, held == len(chosen), held / len(chosen), detail or f"{', '.join(chosen)} hold")
