"""Phase 5 offline: the content calendar, one or more items for every day of the trial run.

The fixed moments come first (:mod:`agents.plan.moments`); every other day gets the weekly rhythm on the
main channel — Monday a question of the week, Tuesday a tip, Wednesday a story from practice, Thursday a
poll, Friday a look back, and a light scheduled post on Saturday and Sunday — drawn from the week's theme,
its topics and the needs' statements and quotes (:mod:`agents.plan.calendar_material`). The day after a
meeting its write-up takes the rhythm's place. A public holiday gets only a light greeting, marked with the
holiday's name; a closing day gets nothing. Owners come from the core group (:mod:`agents.plan.owners`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from agents.plan.calendar_material import Theme, lower_first, quote_of, themes_of, words
from agents.plan.moments import Moment, Moments, avoided_weekdays, plan_moments
from agents.plan.owners import Owners, owners_from
from agents.plan.trial_days import TrialDays, trial_days
from agents.shared.phase_inputs import PhaseInputs, trial_start
from agents.strategy.channel_plan import chosen_concept
from agents.strategy.method import COMBINING, MILESTONES, PITFALLS_TRIAL, SCHEDULE, TIPS, cite
from agents.strategy.options import option
from artefacts.base import ArtefactMeta
from artefacts.catalogue import text
from artefacts.concept import Persona
from artefacts.core_group import CharterDraft, CoreGroup
from artefacts.errors import GateError
from artefacts.grounds import Grounds
from artefacts.initiative import NeedsMap
from artefacts.plan import CalendarItem, ContentCalendar, SkippedDay
from artefacts.strategy import ChannelPlan

RHYTHM = {  # weekday → (format key, kind, minutes, kind of work for the owner)
    0: ("question", "conversation", 30, "moderate"),
    1: ("tip", "content", 20, ""),
    2: ("story", "content", 45, ""),
    3: ("poll", "conversation", 15, "moderate"),
    4: ("look_back", "member-activity", 30, "moderate"),
    5: ("weekend_best", "content", 10, ""),
    6: ("look_ahead", "content", 10, ""),
}
MOMENT_KIND = {
    "welcome": "member-activity", "introduction": "member-activity", "house_rules": "conversation",
    "check_week4": "conversation", "check_mid": "conversation", "check_final": "conversation",
    "meeting": "member-activity", "ritual": "conversation", "newsletter": "content", "write_up": "content",
}  # fmt: skip
MOMENT_WORK = {"meeting": "host", "ritual": "host", "house_rules": "moderate", "write_up": "host"}
BY_MANAGER = {"welcome", "check_week4", "check_mid", "check_final", "newsletter"}
MEETING_CADENCE = {"monthly": "meeting_monthly", "fortnightly": "meeting_fortnightly", "once": "meeting_once"}
POST_TIME, WEEKEND_TIME = dt.time(9, 0), dt.time(10, 0)


def draft_content_calendar(inputs: PhaseInputs) -> ContentCalendar:
    project, language = inputs.project, inputs.language
    w = words(language)
    plan = inputs.get(ChannelPlan)
    if not plan.mix:
        raise GateError(
            text(language, "content_calendar.errors.no_mix"),
            hint=text(language, "content_calendar.errors.no_mix_hint"),
        )
    concept = chosen_concept(inputs)
    themes, no_themes = themes_of(concept, inputs.get(NeedsMap), language)
    start = trial_start(inputs)
    days = trial_days(
        start,
        project.trial_weeks,
        project.country,
        project.holidays.subdivision,
        project.holidays.closed,
        language,
        w["closed"],
    )
    core, charter = inputs.find(CoreGroup), inputs.find(CharterDraft)
    manager = project.community_manager or w["manager"]
    owners = owners_from(core, charter, manager)
    moments = plan_moments(
        days,
        project.trial_weeks,
        plan.mix,
        owners.people,
        charter,
        avoided_weekdays(project.means.constraints),
    )
    persona = inputs.find(Persona)
    builder = _Builder(
        w, language, plan, themes, persona.name if persona else w["members"], concept.purpose, owners, charter
    )
    items: list[CalendarItem] = []
    builder.end = days.end
    for day in days.days:
        items += builder.day(day, days, moments)
    _unique_ids(items)
    calendar = ContentCalendar(
        meta=ArtefactMeta(language=language),
        concept_id=concept.id,
        start=days.start,
        end=days.end,
        country=project.country,
        subdivision=project.holidays.subdivision,
        items=items,
        holidays=[SkippedDay(date=d, name=n, kind="public") for d, n in days.public.items()]
        + [SkippedDay(date=d, name=n, kind="closed") for d, n in days.closed.items()],
        cadence=_cadence(plan, w),
        channel_names={option_id: plan.option(option_id).name for option_id in plan.mix},
    )
    calendar.meta.warnings = _warnings(inputs, owners, moments, core, no_themes, start, w)
    return calendar


class _Builder:
    """Makes the items of one day from the week's theme, the moments and the rhythm."""

    def __init__(
        self, w: Mapping[str, Any], language: str, plan: ChannelPlan, themes: list[Theme], persona: str,
        purpose: str, owners: Owners, charter: CharterDraft | None,
    ) -> None:  # fmt: skip
        self.w, self.language, self.plan, self.themes = w, language, plan, themes
        self.persona, self.purpose, self.owners, self.charter = persona, purpose, owners, charter
        self.main = plan.mix[0]
        self.end = dt.date.max
        self.turn = 0
        self.intros = 0
        self.last_meeting: Moment | None = None

    def theme(self, week: int, ahead: int = 0) -> Theme:
        return self.themes[(week - 1 + ahead) % len(self.themes)]

    def day(self, day: dt.date, days: TrialDays, moments: Moments) -> list[CalendarItem]:
        week = days.week(day)
        if day in days.closed:
            return []
        if day in days.public:
            if day - dt.timedelta(days=1) in days.public:
                return []  # the second day of Easter or Christmas: the greeting of the first one holds
            return [self._holiday(day, week, days.public[day])]
        today = moments.on(day)
        items = [self._moment(m, week) for m in today]
        if not any(m.replaces_rhythm for m in today):
            follows = self.last_meeting is not None and self.last_meeting.day == day - dt.timedelta(days=1)
            items.append(
                self._write_up(day, week) if follows and day.weekday() < 5 else self._rhythm(day, week)
            )
        self.last_meeting = next((m for m in today if m.key == "meeting"), self.last_meeting)
        return items

    # -- the kinds of item -----------------------------------------------------------------------------
    def _rhythm(self, day: dt.date, week: int) -> CalendarItem:
        key, kind, minutes, work = RHYTHM[day.weekday()]
        if key == "look_ahead" and day + dt.timedelta(days=1) > self.end:  # no next week to look ahead to
            key, kind, minutes, work = RHYTHM[5]
        start = WEEKEND_TIME if day.weekday() >= 5 else POST_TIME
        owner = self.owners.assign(day, week, start, minutes, work)
        return self._item(key, key, kind, day, week, self.main, owner, start, minutes, guidance=(SCHEDULE,))

    def _moment(self, moment: Moment, week: int) -> CalendarItem:
        key = moment.key
        if moment.person is not None:
            owner = self.owners.take(moment.day, week, moment.start, moment.minutes, moment.person)
        elif key in BY_MANAGER:
            owner = self.owners.take(moment.day, week, moment.start, moment.minutes)
        else:
            owner = self.owners.assign(
                moment.day, week, moment.start, moment.minutes, MOMENT_WORK.get(key, "")
            )
        format_key = "check" if key.startswith("check") else key
        guidance = {"meeting": (SCHEDULE, COMBINING), "introduction": (TIPS,), "welcome": (TIPS,)}.get(
            key, (MILESTONES, PITFALLS_TRIAL) if key.startswith("check") else (SCHEDULE,)
        )
        return self._item(
            key, format_key, MOMENT_KIND[key], moment.day, week, moment.channel, owner, moment.start,
            moment.minutes, ritual=moment.ritual, guidance=guidance,
        )  # fmt: skip

    def _write_up(self, day: dt.date, week: int) -> CalendarItem:
        owner = self.owners.assign(day, week, POST_TIME, 30, "host")
        return self._item(
            "write_up",
            "write_up",
            "content",
            day,
            week,
            self.main,
            owner,
            POST_TIME,
            30,
            guidance=(COMBINING,),
        )

    def _holiday(self, day: dt.date, week: int, name: str) -> CalendarItem:
        owner = self.owners.take(day, week, WEEKEND_TIME, 5)
        item = self._item(
            "holiday",
            "holiday",
            "content",
            day,
            week,
            self.main,
            owner,
            WEEKEND_TIME,
            5,
            holiday=name,
            guidance=(SCHEDULE,),
        )
        item.grounds.settings += ["country", "holidays.subdivision"]
        return item

    def _item(
        self, key: str, format_key: str, kind: str, day: dt.date, week: int, channel: str, owner: str,
        start: dt.time, minutes: int, *, ritual: Any = None, holiday: str | None = None,
        guidance: tuple[tuple[str, int], ...] = (),
    ) -> CalendarItem:  # fmt: skip
        theme = self.theme(week)
        round_ = (week - 1) // len(self.themes)  # how often this theme came round before
        need = theme.need(self.turn)
        if key == "introduction":  # each introduction asks about another need of the concept
            needs = [n for t in self.themes for n in t.needs]
            need = needs[self.intros % len(needs)]
            self.intros += 1
        quote, note_id = quote_of(need, round_)
        values = self._values(
            theme, need, quote, owner, channel, ritual, holiday, week, round_ + day.weekday()
        )
        template = self.w["descriptions"][key]
        if isinstance(template, list):  # the rhythm's formats have a wording per round of the theme
            template = template[round_ % len(template)]
        self.turn += 1
        w = self.w
        return CalendarItem(
            id=f"d{day:%Y%m%d}-{key.replace('_', '-')}",
            date=day,
            start=start,
            minutes=minutes,
            channel=channel,
            format=w["formats"][format_key],
            theme=theme.title,
            kind=kind,  # type: ignore[arg-type]
            title=w["titles"][key].format(**values),
            description=" ".join(template.format(**values).split()),
            owner=owner,
            goal=w["goals"][format_key],
            ritual_id=ritual.id if ritual is not None else None,
            holiday=holiday,
            grounds=Grounds(
                need_ids=[need.id], note_ids=[note_id] if note_id else [],
                artefacts=["channel-plan", "concept-hypotheses", "needs-map", "core-group"]
                + (["charter-draft"] if ritual is not None or key == "house_rules" else [])
                + (["persona"] if "{persona}" in template else []),
                settings=["trial_weeks", "trial_start", "community_manager"], guidance=cite(self.language, *guidance),
            ),
        )  # fmt: skip

    def _values(
        self,
        theme: Theme,
        need: Any,
        quote: str,
        owner: str,
        channel: str,
        ritual: Any,
        holiday: str | None,
        week: int,
        slot: int,
    ) -> dict[str, str]:
        meeting_id = next((i for i in self.plan.mix[1:] if option(i).role == "meeting"), self.main)
        meeting = self.plan.option(meeting_id)
        nxt = self.theme(week, ahead=1)
        rules = [item.text for item in self.charter.house_rules[:3]] if self.charter else []
        cadence = self.w["cadence_words"][ritual.cadence] if ritual is not None else ""
        ritual_text = (
            f": {lower_first(ritual.description).rstrip('. ')}"
            if ritual is not None and ritual.description
            else ""
        )
        if ritual is not None and ritual.weekday is None:
            ritual_text += self.w["ritual_default_day"]
        return {
            "owner": owner, "persona": self.persona, "theme": theme.title, "topic": theme.topic(slot),
            "topics": ", ".join(theme.topics[:4]), "need": need.title, "need_lower": lower_first(need.title),
            "statement": need.statement, "quote": quote, "channel": self.plan.option(channel).name,
            "main": self.plan.option(self.main).name, "purpose": lower_first(self.purpose.rstrip(".")),
            "rules": "; ".join(rules), "meeting": meeting.name, "meeting_lower": lower_first(meeting.name),
            "meeting_purpose": meeting.purpose, "next_theme": nxt.title, "next_topic": nxt.topic(slot),
            "ritual": ritual.name if ritual is not None else "", "cadence": cadence, "ritual_text": ritual_text,
            "holiday": holiday or "",
        }  # fmt: skip


def _unique_ids(items: list[CalendarItem]) -> None:
    """Two items of one kind on one day (two meeting formats) get ``-2``, ``-3`` after the first's id."""
    seen: dict[str, int] = {}
    for item in items:
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        if count > 1:
            item.id = f"{item.id}-{count}"


def _cadence(plan: ChannelPlan, w: Mapping[str, Any]) -> dict[str, str]:
    cadence = {plan.mix[0]: w["cadence"]["main"]}
    for option_id in plan.mix[1:]:
        spec = option(option_id)
        if spec.role == "meeting":
            cadence[option_id] = w["cadence"][MEETING_CADENCE.get(spec.meets, "meeting_monthly")]
        elif spec.role == "broadcast":
            cadence[option_id] = w["cadence"]["broadcast"]
    return cadence


def _warnings(
    inputs: PhaseInputs, owners: Owners, moments: Moments, core: CoreGroup | None, no_themes: bool,
    start: dt.date, w: Mapping[str, Any],
) -> list[str]:  # fmt: skip
    project, texts = inputs.project, w["warnings"]
    found = []
    if project.trial_start is None:
        found.append(texts["no_start"].format(start=f"{start:%Y-%m-%d}"))
    if not project.community_manager:
        found.append(texts["no_manager"].format(manager=owners.manager))
    if core is None or not owners.people:
        found.append(texts["no_core_group"].format(manager=owners.manager))
    if no_themes:
        found.append(texts["no_themes"])
    found += [texts["daily_ritual"].format(ritual=name) for name in moments.daily_rituals]
    hours = project.means.hours_per_week
    if hours is not None:
        over = {
            week: minutes for week, minutes in sorted(owners.manager_minutes.items()) if minutes > hours * 60
        }
        if over:  # one warning for all the weeks: the reviewer acts once
            weeks = ", ".join(str(week) for week in over)
            most = max(over.values())
            found.append(
                texts["manager_overloaded"].format(
                    minutes=most, manager=owners.manager, week=weeks, hours=f"{hours:g}"
                )
            )
    return found
