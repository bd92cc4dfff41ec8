"""The fixed moments of the trial, dated before the daily rhythm fills the rest.

- week 1: the welcome on the first free weekday, then an introduction by each core-group member on the
  weekdays after it (three at most), and the house rules at the end of the week;
- the week-4 check (from a trial of five weeks), the mid-trial review and the closing review;
- meetings at the chosen format's cadence: monthly from week 4 (the guide: "the first in-person meeting in
  weeks 4 to 6"), fortnightly from week 2, or once halfway; a webinar beside them in the weeks between;
- the charter's rituals at their cadence and weekday; the newsletter every other Friday.

A moment that falls on a public holiday or a closing day moves to the next free weekday (meetings also
skip the weekdays a constraint rules out).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from agents.plan.trial_days import TrialDays
from agents.strategy.options import option
from artefacts.core_group import CharterDraft, Ritual

MEETING_TIMES = {  # option id → (start, minutes, weekday)
    "meetup": (dt.time(19, 30), 120, 3),
    "workshop": (dt.time(19, 30), 150, 3),
    "walk-in": (dt.time(10, 0), 60, 1),
    "webinar": (dt.time(20, 0), 60, 2),
}
WEEKDAY_WORDS = {
    0: ("maandag", "monday"), 1: ("dinsdag", "tuesday"), 2: ("woensdag", "wednesday"),
    3: ("donderdag", "thursday"), 4: ("vrijdag", "friday"), 5: ("zaterdag", "saturday"), 6: ("zondag", "sunday"),
}  # fmt: skip


@dataclass(frozen=True)
class Moment:
    key: str  # welcome, introduction, house_rules, check_week4, check_mid, check_final, meeting, ritual, newsletter
    day: dt.date
    channel: str
    start: dt.time
    minutes: int
    person: str | None = None  # who does it when fixed (an introduction)
    ritual: Ritual | None = None
    replaces_rhythm: bool = False  # the day's rhythm item gives way to it


@dataclass
class Moments:
    items: list[Moment] = field(default_factory=list)
    daily_rituals: list[str] = field(default_factory=list)
    meeting_rituals: list[str] = field(default_factory=list)  # rituals planned as the meetings

    def on(self, day: dt.date) -> list[Moment]:
        return [m for m in self.items if m.day == day]


def avoided_weekdays(constraints: list[str]) -> frozenset[int]:
    """Weekdays a constraint names ("geen bijeenkomsten op vrijdag", "no Friday evenings")."""
    found = set()
    for constraint in constraints:
        lowered = constraint.lower()
        for weekday, names in WEEKDAY_WORDS.items():
            if any(name in lowered for name in names):
                found.add(weekday)
    return frozenset(found)


def plan_moments(
    days: TrialDays,
    weeks: int,
    mix: list[str],
    people: list[str],
    charter: CharterDraft | None,
    avoid: frozenset[int],
) -> Moments:
    moments = Moments()
    main = mix[0]
    _first_week(moments, days, main, people, charter)
    _checks(moments, days, weeks, main)
    meetings = [i for i in mix[1:] if option(i).role == "meeting"]
    rituals = list(charter.rituals) if charter else []
    for index, meeting in enumerate(meetings):
        # a ritual of the charter that is this meeting ("Bijeenkomst", monthly on Thursday) sets its day
        # and cadence, and is not planned a second time as a ritual
        same = next((r for r in rituals if option(meeting).named_in(r.name)), None)
        if same is not None:
            rituals.remove(same)
            moments.meeting_rituals.append(same.name)
        _meetings(moments, days, weeks, meeting, avoid, offset=2 * index, ritual=same)
    if any(option(i).role == "broadcast" for i in mix):
        broadcast = next(i for i in mix if option(i).role == "broadcast")
        for week in range(2, weeks + 1, 2):
            day = days.free_from(_weekday_in(days, week, 4))
            moments.items.append(Moment("newsletter", day, broadcast, dt.time(16, 0), 30))
    for ritual in rituals:
        _ritual(moments, days, weeks, main, ritual)
    return moments


def _weekday_in(days: TrialDays, week: int, weekday: int) -> dt.date:
    monday = days.start + dt.timedelta(days=7 * (week - 1) - days.start.weekday())
    day = monday + dt.timedelta(days=weekday)
    return max(day, days.start + dt.timedelta(days=7 * (week - 1)))


def _first_week(
    moments: Moments, days: TrialDays, main: str, people: list[str], charter: CharterDraft | None
) -> None:
    welcome = days.free_from(days.start)
    moments.items.append(Moment("welcome", welcome, main, dt.time(9, 0), 30, replaces_rhythm=True))
    day = welcome
    for person in people[:3]:
        day = days.free_from(day + dt.timedelta(days=1))
        if days.week(day) > 1:
            break
        moments.items.append(
            Moment("introduction", day, main, dt.time(9, 0), 20, person=person, replaces_rhythm=True)
        )
    if charter is not None and charter.house_rules:
        friday = days.free_from(_weekday_in(days, 1, 4))
        if days.week(friday) == 1 and friday not in {m.day for m in moments.items}:
            moments.items.append(Moment("house_rules", friday, main, dt.time(9, 0), 30, replaces_rhythm=True))


def _checks(moments: Moments, days: TrialDays, weeks: int, main: str) -> None:
    plan = [("check_final", weeks, 3)]
    if weeks >= 5:
        plan.insert(0, ("check_week4", 4, 1))
    if weeks >= 3:
        plan.insert(
            -1,
            ("check_mid", math.ceil(weeks / 2) + (1 if weeks >= 5 and math.ceil(weeks / 2) == 4 else 0), 2),
        )
    for key, week, weekday in plan:
        moments.items.append(
            Moment(key, days.free_from(_weekday_in(days, week, weekday)), main, dt.time(16, 30), 60)
        )


def _meetings(
    moments: Moments,
    days: TrialDays,
    weeks: int,
    meeting: str,
    avoid: frozenset[int],
    offset: int,
    ritual: Ritual | None = None,
) -> None:
    start, minutes, weekday = MEETING_TIMES.get(meeting, (dt.time(19, 30), 120, 3))
    if ritual is not None and ritual.weekday is not None and ritual.weekday < 5:
        weekday = ritual.weekday
    while weekday in avoid and len(avoid) < 5:
        weekday = (weekday + 1) % 5
    cadence = option(meeting).meets or "monthly"
    if ritual is not None and ritual.cadence in ("fortnightly", "monthly", "once"):
        cadence = ritual.cadence
    if cadence == "fortnightly":
        weeks_of = list(range(2 + offset, weeks + 1, 2))
    elif cadence == "once":
        weeks_of = [min(weeks, math.ceil(weeks / 2) + 1 + offset)]
    else:
        weeks_of = list(range(min(4, weeks) + offset, weeks + 1, 4))
    for week in weeks_of:
        day = days.free_from(_weekday_in(days, week, weekday), avoid=avoid)
        moments.items.append(Moment("meeting", day, meeting, start, minutes, ritual=ritual))


def _ritual(moments: Moments, days: TrialDays, weeks: int, main: str, ritual: Ritual) -> None:
    weekday = ritual.weekday if ritual.weekday is not None else 2
    if ritual.cadence == "daily":
        moments.daily_rituals.append(ritual.name)
    step = {"daily": 1, "weekly": 1, "fortnightly": 2, "monthly": 4}.get(ritual.cadence)
    weeks_of = list(range(2, weeks + 1, step)) if step else [math.ceil(weeks / 2)]
    if ritual.cadence == "monthly":
        weeks_of = list(range(min(3, weeks), weeks + 1, 4))
    for week in weeks_of:
        wanted = _weekday_in(days, week, weekday)
        day = wanted if not days.blocked(wanted) else days.free_from(wanted, weekdays_only=weekday < 5)
        if days.week(day) != week:
            continue  # no free day left in that week: skipped rather than doubled up next week
        moments.items.append(
            Moment("ritual", day, main, dt.time(9, 0), 30, ritual=ritual, replaces_rhythm=True)
        )
