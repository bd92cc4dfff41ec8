"""The plan of approach (phase 5): milestones dated as the calendar has them, roles with hours, the weekly
rhythm, success criteria tied to the go's thresholds and the survey, and risks — in nl and en."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from agents.plan.runner import DRAFTERS
from agents.strategy.channel_plan import draft_channel_plan
from artefacts.plan import ContentCalendar, PlanOfApproach
from artefacts.render_markdown import render_markdown
from tests.phase45_builders import allotments_gb, library_nl

BUILDERS = {"nl": library_nl, "en": allotments_gb}


def _drafts(inputs) -> tuple[ContentCalendar, PlanOfApproach]:  # noqa: ANN001
    inputs = inputs.with_drafted(draft_channel_plan(inputs))
    calendar = DRAFTERS["content-calendar"](inputs)
    plan = DRAFTERS["plan-of-approach"](inputs.with_drafted(calendar))
    assert isinstance(calendar, ContentCalendar) and isinstance(plan, PlanOfApproach)
    return calendar, plan


@pytest.mark.parametrize("language", ["nl", "en"])
def test_milestones_carry_the_calendars_dates(language):
    inputs = BUILDERS[language]()
    calendar, plan = _drafts(inputs)
    by_id = {m.id: m for m in plan.milestones}
    assert [m.date for m in plan.milestones] == sorted(m.date for m in plan.milestones)
    items = {i.id.split("-", 1)[1]: i for i in calendar.items}
    for key, item_key in (
        ("check_week4", "check-week4"),
        ("check_mid", "check-mid"),
        ("check_final", "check-final"),
    ):
        assert by_id[key].date == items[item_key].date and by_id[key].owner == items[item_key].owner
    assert by_id["start"].date == calendar.start
    country = inputs.project
    free = holidays.country_holidays(country.country, subdiv=country.holidays.subdivision, years=[2026])
    kickoff, decision = by_id["kickoff"], by_id["decision"]
    assert (
        kickoff.week == 0
        and kickoff.date < calendar.start
        and kickoff.date.weekday() < 5
        and kickoff.date not in free
    )
    assert decision.date > calendar.end and decision.date.weekday() < 5 and decision.date not in free
    assert all(m.done_when and m.grounds.guidance for m in plan.milestones)


def test_roles_carry_the_charters_hours_and_what_the_calendar_asks():
    calendar, plan = _drafts(library_nl())
    manager = plan.roles[0]
    assert manager.who == ["Femke (bibliotheek)"] and manager.hours_per_week == 6  # means.hours_per_week
    host = next(r for r in plan.roles if r.name == "Gastvrouw of -heer")
    assert host.who == ["P01", "R014"] and host.hours_per_week == 2
    assert any(r.who == ["R027"] for r in plan.roles)  # in the core group, in no charter role
    assert {who for r in plan.roles for who in r.who} >= {i.owner for i in calendar.items}


def test_a_role_the_calendar_asks_too_much_of_is_a_risk_and_a_warning():
    inputs = allotments_gb()
    charter = inputs.artefacts["charter-draft"]
    charter.roles[0].hours_per_week = 0.1  # type: ignore[attr-defined]
    _, plan = _drafts(inputs)
    assert any("P01" in r and "Hut host" in r for r in plan.risks)
    assert plan.meta.warnings and "P01" in plan.meta.warnings[0]


def test_the_weekly_rhythm_is_what_the_calendar_repeats():
    calendar, plan = _drafts(allotments_gb())
    assert {r.weekday for r in plan.weekly_rhythm} == set(range(7))
    for rhythm in plan.weekly_rhythm:
        owners = {i.owner for i in calendar.items if i.date.weekday() == rhythm.weekday}
        assert set(rhythm.who.split(", ")) <= owners


@pytest.mark.parametrize("language", ["nl", "en"])
def test_success_criteria_are_measurable_and_tied_to_the_go(language):
    _, plan = _drafts(BUILDERS[language]())
    by_id = {c.id: c for c in plan.success_criteria}
    assert {"active-core", "member-started", "response-time", "relevance", "pullers-joined"} <= set(by_id)
    assert "50%" in by_id["active-core"].target  # the motivation threshold of the advice
    assert "60%" in by_id["relevance"].target and "70%" in by_id["relevance"].target  # threshold, observed
    assert "4" in by_id["pullers-joined"].target and "8" in by_id["pullers-joined"].target  # of 8 willing
    assert "go-no-go-advice" in by_id["relevance"].grounds.artefacts
    assert all(c.how_measured and c.grounds.guidance for c in plan.success_criteria)


@pytest.mark.parametrize(("language", "heading"), [("nl", "## Mijlpalen"), ("en", "## Milestones")])
def test_the_plan_renders_in_the_projects_language(language, heading):
    _, plan = _drafts(BUILDERS[language]())
    text = render_markdown(plan, version=1)
    assert heading in text and all(m.what in text for m in plan.milestones)
    assert all(c.target in text for c in plan.success_criteria)


def test_the_plan_follows_a_trial_of_another_length():
    calendar, plan = _drafts(allotments_gb(trial_weeks=6, trial_start=dt.date(2026, 8, 3)))
    assert (calendar.end - calendar.start).days == 41
    assert next(m for m in plan.milestones if m.id == "decision").week == 7
    assert any(h.name == "Late Summer Bank Holiday" for h in calendar.holidays)
