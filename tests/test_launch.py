"""The launch plan (phase 6): its rules on hand-built inputs of two other organisations, in Dutch and
English, and the model path with a scripted chat model (an accepted and a rejected answer)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from agents.launch.launch_plan import compose, draft
from agents.shared.chat_access import ChatAccess
from agents.shared.phase_inputs import PhaseInputs
from artefacts.launch import LaunchPlan
from artefacts.project import HolidaySettings
from artefacts.render_markdown import render_markdown
from knowledge.guidance import methodology_passages
from tests.fakes.chat import ScriptedChatModel
from tests.launch_builders import TEXTS, artefacts, inputs

METRICS = ["active_ratio", "response_time", "retention", "new_contributors", "goal_practice"]


def with_plan_end(source: PhaseInputs, end: dt.date) -> PhaseInputs:
    found = dict(source.artefacts)
    found["plan-of-approach"] = artefacts(source.language, end=end)["plan-of-approach"]
    return PhaseInputs(project=source.project, go=source.go, artefacts=found)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_offline_plan_is_built_from_the_approved_inputs(language: str) -> None:
    t = TEXTS[language]
    plan = compose(inputs(language))
    end = dt.date(2027, 4, 23)
    country = "NL" if language == "nl" else "GB"
    assert plan.meta.drafted_by == "deterministic" and plan.meta.language == language
    assert plan.launch_date > end and plan.launch_date.weekday() in (1, 2, 3)
    assert plan.launch_date not in holidays.country_holidays(country, years=[2027])
    for message in (plan.announcement, plan.invitation):
        assert t["name"] in message.text and plan.launch_date.isoformat() in message.text
        assert t["channels"][0][1] in message.text and message.date == plan.launch_date
        assert t["ritual"] in message.text
    assert t["purpose"] in plan.announcement.text
    assert all(gain[1:].lower() in plan.announcement.text.lower() for gain in t["gets"])
    assert plan.announcement.channels == [name for _, name, _ in t["channels"]]
    assert [step.day for step in plan.onboarding] == [0, 1, 3, 7, 14, 30, 60]
    assert t["rules"][0] in plan.onboarding[1].what and t["topic"] in plan.onboarding[2].what
    assert t["channels"][1][1] == plan.onboarding[5].channel  # the first physical format of the mix
    assert [m.id for m in plan.metrics] == METRICS
    assert all(
        m.reason and m.how_measured and (m.grounds.assumed or not m.grounds.empty) for m in plan.metrics
    )


def test_targets_follow_the_survey_the_advice_and_the_core_group() -> None:
    plan = compose(inputs("nl"))
    target = {m.id: m.target for m in plan.metrics}
    assert target["active_ratio"] == 0.35  # 14 of 40 willing to take a role
    assert target["retention"] == 0.6  # 62 % motivated, to 5 %
    assert target["new_contributors"] == 2  # four candidates, one newcomer per two
    assert target["response_time"] == 24  # 10 hours, four in the core group
    assert target["goal_practice"] == 4
    active = plan.metrics[0]
    assert active.grounds.artefacts == ["survey-results"] and "14" in active.reason and "40" in active.reason
    assert plan.metrics[2].grounds.survey_items == ["Q04"]
    few = compose(inputs("nl", hours=6.0))
    assert {m.id: m.target for m in few.metrics}["response_time"] == 48
    assert any("6" in w and "8" in w for w in few.meta.warnings)


def test_the_targets_say_they_are_assumed_without_survey_evidence() -> None:
    plan = compose(inputs("en", drop=("survey-results", "go-no-go-advice")))
    by_id = {m.id: m for m in plan.metrics}
    assert by_id["active_ratio"].grounds.assumed and by_id["active_ratio"].target == 0.3
    assert by_id["retention"].grounds.assumed and by_id["retention"].target == 0.4
    assert sum("assumption" in w for w in plan.meta.warnings) == 2


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_element_cites_the_phase_6_passages_of_its_language(language: str) -> None:
    plan = compose(inputs(language))
    ids = {p.id for p in methodology_passages() if p.phase == "launch" and p.language == language}
    cited = set(plan.announcement.grounds.guidance) | {g for m in plan.metrics for g in m.grounds.guidance}
    cited |= {g for step in plan.onboarding for g in step.grounds.guidance}
    assert cited and cited <= ids and len(cited) >= 3


def test_the_launch_skips_a_public_holiday_and_a_closing_day() -> None:
    # 2027-04-19 + 8 days is Tuesday 27 April, King's Day; Wednesday 28 is the organisation's closing day
    source = inputs("nl", holidays=HolidaySettings(closed=[dt.date(2027, 4, 28)]))
    plan = compose(with_plan_end(source, dt.date(2027, 4, 19)))
    assert plan.launch_date == dt.date(2027, 4, 29)
    assert "2027-04-27 (Koningsdag)" in plan.launch_date_reason and "2027-04-28" in plan.launch_date_reason


def test_the_manager_week_fits_the_hours_or_says_it_does_not() -> None:
    plan = compose(inputs("nl"))
    assert plan.manager == "Fatima el Idrissi" and plan.hours_per_week == 10
    assert plan.rhythm_minutes == sum(i.minutes or 0 for i in plan.manager_rhythm) <= 600
    weekdays = {i.weekday for i in plan.manager_rhythm}
    assert weekdays == {0, 1, 2, 3, 4}
    assert any("Boek van de week" in i.what and i.weekday == 1 for i in plan.manager_rhythm)
    assert any(i.what == "Plan next week's posts" for i in plan.manager_rhythm)  # the plan's, the manager's
    assert {m.every for m in plan.moments} == {"month", "quarter"}
    assert any("Teamleider jeugd" in m.what for m in plan.moments)  # who receives the signals (the route)
    assert not plan.meta.warnings
    tight = compose(inputs("nl", hours=2.0))
    assert any("4.0" in w and "2" in w for w in tight.meta.warnings)
    unset = compose(inputs("en", hours=None))
    assert unset.hours_per_week == 8 and any("hours_per_week" in w for w in unset.meta.warnings)
    assert unset.manager == "the community manager" and any(
        "community_manager" in w for w in unset.meta.warnings
    )


def test_the_bridge_follows_the_agreed_route_or_is_marked_as_assumed() -> None:
    plan = compose(inputs("en"))
    assert [s.step for s in plan.bridge][:2] == ["Bundle", "Answer"] and len(plan.bridge) == 3
    assert plan.bridge[1].who == "Network coordinator" and plan.bridge[1].within_days == 14
    bare = inputs("en")
    found = dict(bare.artefacts)
    found["stakeholder-brief"] = found["stakeholder-brief"].model_copy(update={"route": []})
    assumed = compose(PhaseInputs(project=bare.project, go=bare.go, artefacts=found))
    assert len(assumed.bridge) == 4 and [s.within_days for s in assumed.bridge[:3]] == [7, 14, 30]
    assert any("route" in w for w in assumed.meta.warnings)


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "## Gezondheidsmaten"), ("en", "## Health metrics")]
)
def test_the_plan_renders_in_its_language(language: str, heading: str) -> None:
    text = render_markdown(compose(inputs(language)), version=1)
    assert text.startswith("# Lanceringsplan" if language == "nl" else "# Launch plan")
    assert heading in text and TEXTS[language]["name"] in text and "```json" not in text
    assert LaunchPlan.model_validate_json(compose(inputs(language)).model_dump_json())


def _answer(date: str, channel: str, name: str) -> dict[str, str]:
    return {
        "title": f"{name} is open",
        "announcement": f"From {date} {name} welcomes every fixer in the {channel}. Come and share a fix.",
        "invitation": f"Hi [name], join me in the {channel} from {date}?",
    }


def test_the_model_phrases_the_messages_and_each_is_checked() -> None:
    source = inputs("en")
    rules = compose(source)
    date, channel, name = rules.launch_date.isoformat(), "Discourse forum", "Fixers' Circle"
    llm = ScriptedChatModel(script=[_answer(date, channel, name)])
    plan = draft(
        PhaseInputs(project=source.project, go=source.go, artefacts=source.artefacts, model=ChatAccess(llm))
    )
    assert plan.meta.drafted_by == "model" and plan.meta.fallback is None
    assert plan.announcement.text.startswith(f"From {date}") and plan.invitation.text.startswith("Hi [name]")
    assert plan.metrics == rules.metrics and plan.onboarding == rules.onboarding  # only the texts change
    assert [p.name for p in plan.meta.prompts] == ["launch_announcement"]
    sent = llm.sent_text()
    assert (
        "Fix of the week" in sent
        and date in sent
        and "<data>" in sent
        and "fewer evenings alone" in sent.lower()
    )


def test_a_rejected_answer_is_asked_again_then_the_rules_texts_stay() -> None:
    source = inputs("nl")
    rules = compose(source)
    wrong = _answer("2027-01-01", "WhatsApp-groep", "Voorleesnetwerk Oost")  # a date that is not the launch
    wrong["announcement"] += " <script>alert(1)</script>"
    llm = ScriptedChatModel(script=[wrong, wrong])
    plan = draft(
        PhaseInputs(project=source.project, go=source.go, artefacts=source.artefacts, model=ChatAccess(llm))
    )
    assert llm.pending == 0 and len(llm.history) == 2
    assert "2027-01-01" in str(llm.history[1][-1].content) or "2027-01-01" in llm.sent_text()
    assert plan.announcement.text == rules.announcement.text and plan.meta.drafted_by == "deterministic"
    assert plan.meta.fallback and "aankondiging" in plan.meta.fallback


def test_retention_cites_survey_item_ids_not_the_column_headers_it_was_judged_on() -> None:
    """Found by the evaluation's references-valid: the advice's criteria name the survey's columns (their
    headers); a metric's grounds must name the items those columns answer."""
    from artefacts.survey import ColumnMapping

    base = inputs("nl")
    header = "Ik zou meedoen omdat ik het leuk vind om van anderen te leren."
    survey = base.artefacts["survey-results"].model_copy(
        update={
            "mapping": [
                ColumnMapping(column=header, item_id="Q04", score=0.9, block="motivation", stats_id="Q04")
            ]
        }
    )
    advice = base.artefacts["go-no-go-advice"]
    criteria = [c.model_copy(update={"columns": [header]}) for c in advice.criteria]
    found = {
        **base.artefacts,
        "survey-results": survey,
        "go-no-go-advice": advice.model_copy(update={"criteria": criteria}),
    }
    plan = compose(PhaseInputs(project=base.project, go=base.go, artefacts=found))
    retention = next(m for m in plan.metrics if m.id == "retention")
    assert retention.grounds.survey_items == ["Q04"]
