"""The content calendar through a real iCalendar parser: every day covered, no event on a public holiday
of the project's country unless marked, no owner in two items at once — NL, GB and US projects."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import holidays
import pytest
from icalendar import Calendar

from agents.plan.content_calendar import draft_content_calendar
from agents.strategy.channel_plan import draft_channel_plan
from artefacts.calendar_export import to_ics
from artefacts.plan import ContentCalendar
from tests.phase45_builders import allotments_gb, library_nl


def _calendar(inputs) -> ContentCalendar:  # noqa: ANN001
    return draft_content_calendar(inputs.with_drafted(draft_channel_plan(inputs)))


PROJECTS = {
    "nl": lambda: library_nl(),
    "gb": lambda: allotments_gb(),
    # a US makerspace-like setting: the same growers, Independence Day and Memorial Day inside the trial
    "us": lambda: allotments_gb(
        country="US", holidays={"subdivision": "NY"}, trial_start=dt.date(2026, 5, 18)
    ),
}


def _events(calendar: ContentCalendar):  # noqa: ANN202
    parsed = Calendar.from_ical(to_ics(calendar))
    return [component for component in parsed.walk() if component.name == "VEVENT"]


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.mark.parametrize("project", PROJECTS)
def test_every_day_of_the_trial_is_covered_or_kept_free(project):
    calendar = _calendar(PROJECTS[project]())
    inputs = PROJECTS[project]()
    weeks = inputs.project.trial_weeks
    days = {calendar.start + dt.timedelta(days=i) for i in range(weeks * 7)}
    assert calendar.end - calendar.start == dt.timedelta(days=weeks * 7 - 1)
    covered = {_day_of(event.decoded("dtstart")) for event in _events(calendar)}
    kept_free = {h.date for h in calendar.holidays}
    assert days - covered <= kept_free, sorted(days - covered - kept_free)
    assert covered <= days


@pytest.mark.parametrize("project", PROJECTS)
def test_no_event_falls_on_a_public_holiday_unless_marked(project):
    inputs = PROJECTS[project]()
    calendar = _calendar(inputs)
    country = inputs.project
    public = holidays.country_holidays(
        country.country, subdiv=country.holidays.subdivision, years=[calendar.start.year, calendar.end.year]
    )
    closed = set(country.holidays.closed)
    in_trial = [d for d in public if calendar.start <= d <= calendar.end]
    assert in_trial, "the test needs a trial with public holidays in it"
    marked = 0
    for event in _events(calendar):
        day = _day_of(event.decoded("dtstart"))
        assert day not in closed
        if day in public:
            assert "X-SAMEN-HOLIDAY" in event, (day, str(event["summary"]))
            assert "conversation" not in [str(c) for c in event["categories"].cats]
            marked += 1
    assert marked >= 1
    assert {h.date for h in calendar.holidays if h.kind == "public"} == set(in_trial)


@pytest.mark.parametrize("project", PROJECTS)
def test_no_owner_has_two_items_in_one_slot(project):
    calendar = _calendar(PROJECTS[project]())
    slots: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
    for event in _events(calendar):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        if not isinstance(start, dt.datetime):  # an all-day item takes the whole day
            start, end = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
        slots[str(event["x-samen-owner"])].append((start, end))
    assert len(slots) >= 3
    for owner, spans in slots.items():
        spans.sort()
        for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
            assert end <= next_start, owner


@pytest.mark.parametrize("project", PROJECTS)
def test_every_event_has_what_calendar_programs_need(project):
    calendar = _calendar(PROJECTS[project]())
    events = _events(calendar)
    assert len(events) == len(calendar.items)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        for key in ("uid", "dtstamp", "dtstart", "dtend", "summary", "description", "categories"):
            assert key in event, key
        assert "organizer" not in event and "attendee" not in event  # owners are names, not addresses
        assert str(event["x-samen-owner"]) in str(event["description"])
        assert event.decoded("dtend") > event.decoded("dtstart")


def test_holiday_names_are_in_the_projects_language():
    nl = _calendar(library_nl())
    assert "Koningsdag" in {h.name for h in nl.holidays}
    assert any(item.holiday == "Koningsdag" and "Koningsdag" in item.title for item in nl.items)
    gb = _calendar(allotments_gb())
    assert {"May Day", "Spring Bank Holiday"} <= {h.name for h in gb.holidays}
