"""The channel plan's rules (phase 4), on two organisations that are not the examples, in nl and en."""

from __future__ import annotations

import pytest

from agents.strategy.channel_plan import draft_channel_plan
from agents.strategy.options import channel_options, option
from artefacts.render_markdown import render_markdown
from artefacts.survey import SurveyResults
from knowledge.guidance import methodology_passages
from tests.phase45_builders import allotments_gb, library_nl

BUILDERS = {"nl": library_nl, "en": allotments_gb}


def _means(language: str, **means: object) -> dict[str, object]:
    base = {"nl": library_nl, "en": allotments_gb}[language]().project.means.model_dump()
    return {"means": {**base, **means}}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("budget", [0, 150, 400, 1500, 10000])
def test_the_mix_costs_no_more_than_the_budget(language, budget):
    plan = draft_channel_plan(BUILDERS[language](**_means(language, budget_per_year=budget)))
    assert plan.mix, "a mix even on no budget: free channels exist"
    assert plan.cost_of_mix is not None and plan.cost_of_mix <= budget
    assert sum(plan.option(i).cost_per_year or 0 for i in plan.mix) == plan.cost_of_mix
    assert option(plan.mix[0]).role == "main"
    for o in plan.options:  # an option dearer than the whole budget is ruled out, and says by what
        if (o.cost_per_year or 0) > budget:
            assert o.excluded_by and not o.chosen


def test_a_bigger_budget_buys_a_richer_mix():
    tight = draft_channel_plan(library_nl(**_means("nl", budget_per_year=0)))
    roomy = draft_channel_plan(library_nl(**_means("nl", budget_per_year=5000)))
    assert not any(option(i).kind == "physical" for i in tight.mix)  # every physical format costs money
    assert any(option(i).kind == "physical" for i in roomy.mix)
    assert len(roomy.mix) > len(tight.mix)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_constraint_rules_out_what_it_names_and_says_so(language):
    inputs = BUILDERS[language]()
    plan = draft_channel_plan(inputs)
    by_id = {o.id: o for o in plan.options}
    if language == "nl":  # "geen Facebook", "gegevens binnen de EU (AVG)"
        assert by_id["facebook-group"].excluded_by == "geen Facebook"
        us_hosted = [
            spec.id for spec in channel_options() if spec.data == "us" and spec.id != "facebook-group"
        ]
        assert all(by_id[i].excluded_by == "gegevens binnen de EU (AVG)" for i in us_hosted)
        assert "EU" in by_id["chat-group"].reason  # the reason quotes the constraint
    else:  # "no Discord", "no WhatsApp"
        assert by_id["discord"].excluded_by == "no Discord"
        assert by_id["chat-group"].excluded_by == "no WhatsApp"
        assert by_id["facebook-group"].excluded_by == ""  # nothing rules Facebook out here
    assert not any(by_id[i].excluded_by for i in plan.mix)
    # every constraint was understood; what is left to check is the preferred channel that was ruled out
    assert plan.meta.warnings and all(
        any(o.name in w for o in plan.options if o.excluded_by) for w in plan.meta.warnings
    )
    assert any(by_id["chat-group"].name in w for w in plan.meta.warnings)  # most chosen in the survey


def test_a_constraint_samen_cannot_read_is_a_warning_not_silence():
    plan = draft_channel_plan(allotments_gb(**_means("en", constraints=["only tools our volunteers trust"])))
    assert any("only tools our volunteers trust" in w for w in plan.meta.warnings)


def test_a_constraint_about_days_rules_out_no_channel():
    plan = draft_channel_plan(library_nl(**_means("nl", constraints=["geen bijeenkomsten op vrijdag"])))
    assert not any(o.excluded_by for o in plan.options if (o.cost_per_year or 0) <= 1500)
    assert plan.meta.warnings == []


def test_the_survey_lifts_the_channel_respondents_chose():
    inputs = library_nl(**_means("nl", constraints=[]))
    base = draft_channel_plan(inputs)
    survey = inputs.get(SurveyResults)
    survey.items[1].distribution = {"Discord": 50, "E-mail of nieuwsbrief": 10}
    lifted = draft_channel_plan(inputs)
    assert lifted.option("discord").scores["survey"] == 1.0
    assert lifted.option("discord").total > base.option("discord").total
    assert "Q09" in lifted.option("discord").grounds.survey_items
    assert "83%" in lifted.option("discord").reason  # 50 of the 60 respondents


def test_the_persona_names_the_channel_it_uses_and_the_grounds_cite_the_trait():
    plan = draft_channel_plan(library_nl())
    meetup = plan.option("meetup")  # "komt graag naar een bijeenkomst op de vestiging"
    assert meetup.scores["habits"] == 1.0
    assert "n-002" in meetup.grounds.note_ids and "N02" in meetup.grounds.need_ids
    assert plan.option("teams-community").scores["habits"] == 0.8  # uses_already: Microsoft Teams


def test_criteria_weigh_one_in_all_and_cite_the_guide():
    plan = draft_channel_plan(allotments_gb())
    assert sum(c.weight for c in plan.criteria) == pytest.approx(1.0, abs=0.01)
    ids = {p.id for p in methodology_passages()}
    for o in plan.options:
        assert o.grounds.guidance and set(o.grounds.guidance) <= ids
        assert set(o.scores) == {c.id for c in plan.criteria}
        assert 0 <= o.total <= 1


def test_what_samen_yaml_does_not_say_is_an_assumption_and_a_warning():
    inputs = allotments_gb(means={"constraints": []})
    inputs.artefacts.pop("survey-results")  # type: ignore[attr-defined]
    plan = draft_channel_plan(inputs)
    text = " ".join(plan.assumptions)
    assert "means.budget_per_year" in text and "means.hours_per_week" in text and "survey" in text
    assert next(c for c in plan.criteria if c.id == "survey").weight == 0
    assert any("means.budget_per_year" in w for w in plan.meta.warnings)
    assert plan.budget_per_year is None and "samen.yaml sets no budget" in plan.explanation


@pytest.mark.parametrize(
    ("language", "heading", "chosen"),
    [("nl", "## Scorematrix", "gekozen"), ("en", "## Scoring matrix", "chosen")],
)
def test_the_matrix_and_chart_are_rendered_in_the_projects_language(language, heading, chosen):
    plan = draft_channel_plan(BUILDERS[language]())
    text = render_markdown(plan, version=1)
    assert heading in text and "```" in text
    matrix = text.split(heading)[1].split("##")[0]
    assert all(o.name in matrix for o in plan.options)
    assert matrix.count(f"| {chosen} |") == len(plan.mix)
    assert all(f"{criterion.label}" in text for criterion in plan.criteria)
    assert "█" in text  # the bar chart of the totals
