"""The content calendar's rules (phase 5): owners, rhythm, moments, specific items, exports, model ideas."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections import Counter

import pytest

from agents.plan.calendar_ideas import idea_batches
from agents.plan.content_calendar import draft_content_calendar
from agents.plan.owners import MAX_PER_WEEK
from agents.plan.runner import DRAFTERS
from agents.shared.chat_access import ChatAccess
from agents.strategy.channel_plan import draft_channel_plan
from artefacts.calendar_export import safe_cell, to_csv
from artefacts.concept import ConceptHypotheses
from artefacts.core_group import Ritual
from artefacts.errors import ConfigError
from artefacts.plan import ContentCalendar
from artefacts.render_markdown import render_markdown
from tests.fakes.chat import ScriptedChatModel
from tests.phase45_builders import allotments_gb, library_nl

BUILDERS = {"nl": library_nl, "en": allotments_gb}


def _with_plan(inputs):  # noqa: ANN001, ANN202
    return inputs.with_drafted(draft_channel_plan(inputs))


def _calendar(inputs) -> ContentCalendar:  # noqa: ANN001
    return draft_content_calendar(_with_plan(inputs))


def _week(calendar: ContentCalendar, day: dt.date) -> int:
    return (day - calendar.start).days // 7 + 1


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_core_group_member_is_overloaded_and_the_work_is_spread(language):
    inputs = BUILDERS[language]()
    calendar = _calendar(inputs)
    manager = inputs.project.community_manager
    per_week = Counter((i.owner, _week(calendar, i.date)) for i in calendar.items if i.owner != manager)
    assert per_week and max(per_week.values()) <= MAX_PER_WEEK
    per_day = Counter((i.owner, i.date) for i in calendar.items if i.owner != manager)
    assert max(per_day.values()) == 1
    totals = Counter(i.owner for i in calendar.items if i.owner != manager)
    assert max(totals.values()) - min(totals.values()) <= 4  # spread evenly over the core group
    assert set(totals) == {c.person for c in inputs.artefacts["core-group"].candidates}


def test_the_manager_fills_the_gaps_of_a_small_core_group_and_says_when_it_is_too_much():
    inputs = allotments_gb(means={"hours_per_week": 0.5, "budget_per_year": 400})
    calendar = _calendar(inputs)
    assert any(i.owner == "Dev (secretary)" for i in calendar.items)
    assert any("means.hours_per_week" in w and "Dev (secretary)" in w for w in calendar.meta.warnings)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_week_one_starts_with_people_and_the_trial_has_its_moments(language):
    inputs = BUILDERS[language]()
    calendar = _calendar(inputs)
    ids = [i.id.split("-", 1)[1] for i in calendar.items]
    first_week = [i for i in calendar.items if _week(calendar, i.date) == 1]
    assert first_week[0].id.endswith("welcome") and first_week[0].date == calendar.start
    intros = [i for i in first_week if i.id.endswith("introduction")]
    assert len(intros) == 3 and len({i.owner for i in intros}) == 3
    assert all(i.kind == "member-activity" for i in intros)
    for moment in ("check-week4", "check-mid", "check-final"):
        assert ids.count(moment) == 1
    final = next(i for i in calendar.items if i.id.endswith("check-final"))
    assert _week(calendar, final.date) == inputs.project.trial_weeks
    meetings = [i for i in calendar.items if i.id.endswith("meeting")]
    assert meetings and _week(calendar, meetings[0].date) in (2, 4, 5)
    kinds = Counter(i.kind for i in calendar.items)
    assert all(kinds[k] >= len(calendar.items) * 0.15 for k in ("content", "conversation", "member-activity"))


def test_the_charters_rituals_keep_their_weekday_and_cadence():
    calendar = _calendar(library_nl())
    weekly = [i for i in calendar.items if i.ritual_id == "r1"]  # weekly, on Monday
    assert len(weekly) == 11  # weeks 2 to 12
    moved = [i for i in weekly if i.date.weekday() != 0]
    assert all(i.date - dt.timedelta(days=1) in {h.date for h in calendar.holidays} for i in moved)
    monthly = [i for i in calendar.items if i.ritual_id == "r2"]  # monthly, on Thursday
    assert [_week(calendar, i.date) for i in monthly] == [3, 7, 11]
    assert all("charter-draft" in i.grounds.artefacts for i in weekly + monthly)


def test_weekends_are_lighter_than_weekdays():
    calendar = _calendar(allotments_gb())
    weekend = [i.minutes for i in calendar.items if i.date.weekday() >= 5 and not i.ritual_id]
    weekday = [i.minutes for i in calendar.items if i.date.weekday() < 5 and not i.holiday]
    assert max(weekend) < sum(weekday) / len(weekday)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_items_are_specific_not_filler(language):
    inputs = BUILDERS[language]()
    calendar = _calendar(inputs)
    needs_map = inputs.artefacts["needs-map"]
    statements = [n.statement for n in needs_map.needs] + [
        q.text for n in needs_map.needs for q in n.evidence
    ]
    rhythm = [i for i in calendar.items if i.id.split("-", 1)[1] in ("question", "tip", "story")]
    assert len({i.description for i in rhythm}) == len(rhythm)  # no two the same
    assert all(any(s[:40] in i.description for s in statements) for i in rhythm)
    for item in calendar.items:
        assert item.owner in item.description or item.holiday
        assert item.grounds.need_ids and item.grounds.guidance and item.goal
        assert (
            ".." not in item.description.replace("...", "") and " ." not in item.description
        )  # read as prose


def test_a_closing_day_gets_nothing_and_the_second_day_of_a_holiday_only_its_listing():
    calendar = _calendar(library_nl())
    assert not [i for i in calendar.items if i.date == dt.date(2026, 6, 1)]  # holidays.closed
    assert {"Eerste pinksterdag", "Tweede pinksterdag"} <= {h.name for h in calendar.holidays}
    assert [i.holiday for i in calendar.items if i.date in (dt.date(2026, 5, 24), dt.date(2026, 5, 25))] == [
        "Eerste pinksterdag"
    ]


def test_meetings_avoid_a_weekday_a_constraint_rules_out():
    means = library_nl().project.means.model_dump()
    inputs = library_nl(
        means={**means, "constraints": [*means["constraints"], "geen bijeenkomsten op donderdag"]}
    )
    calendar = _calendar(inputs)
    meetings = [i for i in calendar.items if i.id.endswith("meeting")]
    assert meetings and all(i.date.weekday() != 3 for i in meetings)


def test_an_unknown_country_is_a_clear_error_naming_samen_yaml():
    with pytest.raises(ConfigError, match=r"samen\.yaml.*'XX'.*country:"):
        _calendar(library_nl(country="XX"))


def test_csv_cells_that_look_like_formulas_are_defused():
    inputs = library_nl()
    concepts = inputs.artefacts["concept-hypotheses"]
    assert isinstance(concepts, ConceptHypotheses)
    concepts.concepts[0].themes[0].title = '=HYPERLINK("http://x")'
    text = to_csv(_calendar(inputs))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["theme"].startswith("'=HYPERLINK") for r in rows)
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r.values())
    assert [safe_cell(v) for v in ("-1", "@a", "+b", "ok", 3)] == ["'-1", "'@a", "'+b", "ok", "3"]


@pytest.mark.parametrize(("language", "heading"), [("nl", "## Dag voor dag"), ("en", "## Day by day")])
def test_the_calendar_renders_a_week_view_and_every_day(language, heading):
    calendar = _calendar(BUILDERS[language]())
    text = render_markdown(calendar, version=1)
    assert heading in text
    assert text.count("\n### ") >= len({i.date for i in calendar.items})
    assert all(item.title in text for item in calendar.items)


def test_with_a_chat_model_every_item_gets_a_checked_idea():
    inputs = _with_plan(allotments_gb())
    calendar = draft_content_calendar(inputs)
    batches = idea_batches(calendar, inputs)
    answers = [
        {"ideas": [{"item_id": i.id, "idea": f"Ask: what worked for you with {i.theme}?"} for i in b.items]}
        for b in batches
    ]
    bad = {"ideas": [{"item_id": "d19990101-nope", "idea": "x"}]}
    llm = ScriptedChatModel(script=[bad, bad, *answers[1:]])  # the first batch fails twice
    drafted = DRAFTERS["content-calendar"](dataclasses.replace(inputs, model=ChatAccess(llm=llm)))
    first = {i.id for i in batches[0].items}
    assert all(i.idea == "" for i in drafted.items if i.id in first)
    assert all(i.idea.startswith("Ask:") for i in drafted.items if i.id not in first and not i.holiday)
    assert (
        drafted.meta.drafted_by == "model"
        and drafted.meta.fallback
        and "d19990101-nope" in drafted.meta.fallback
    )
    assert drafted.meta.prompts[0].name == "calendar_ideas"
    sent = llm.sent_text()
    assert batches[1].items[0].id in sent and "Maureen" in sent
    assert "Start with people, not content" in sent  # the guide's tips for the trial, in the prompt
    assert llm.pending == 0


def test_without_a_trial_start_the_trial_starts_the_monday_after_the_go_and_says_so():
    calendar = _calendar(library_nl(trial_start=None))  # the go was on Wednesday 8 April 2026
    assert calendar.start == dt.date(2026, 4, 13) and calendar.start.weekday() == 0
    assert any("trial_start" in w and "2026-04-13" in w for w in calendar.meta.warnings)
    assert calendar.items[-1].date == calendar.end and "look-ahead" not in calendar.items[-1].id


def test_a_ritual_that_is_the_meeting_sets_its_day_and_is_not_planned_twice():
    inputs = library_nl()
    charter = inputs.artefacts["charter-draft"]
    charter.rituals.append(Ritual(id="r3", name="Bijeenkomst", cadence="monthly", weekday=1))  # type: ignore[attr-defined]
    calendar = _calendar(inputs)
    meetings = [i for i in calendar.items if i.channel == "meetup"]
    assert meetings and all(i.ritual_id == "r3" for i in meetings)
    assert all(
        i.date.weekday() == 1 or i.date - dt.timedelta(days=1) in {h.date for h in calendar.holidays}
        for i in meetings
    )
    assert not [i for i in calendar.items if i.ritual_id == "r3" and i.channel != "meetup"]


def test_an_overloaded_manager_is_one_warning_naming_the_weeks():
    calendar = _calendar(allotments_gb(means={"hours_per_week": 0.5, "budget_per_year": 400}))
    overloaded = [w for w in calendar.meta.warnings if "means.hours_per_week" in w]
    assert len(overloaded) == 1
    named = overloaded[0].split("(weeks ")[1].split(")")[0].split(", ")
    assert len(named) >= 2 and all(1 <= int(week) <= 12 for week in named)
