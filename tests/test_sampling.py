"""The sampling plan: Cochran's formula with finite population correction, and the plan's wording."""

from __future__ import annotations

import pytest

from agents.test.sampling import required_sample, sampling_plan
from tests.test_questionnaire import inputs


@pytest.mark.parametrize(
    ("margin", "confidence", "population", "expected"),
    [
        (0.05, 0.95, None, 385),  # the textbook value: 1.96² · 0.25 / 0.05² = 384.1
        (0.1, 0.9, None, 68),  # 1.645² · 0.25 / 0.1² = 67.6
        (0.1, 0.95, None, 97),
        (0.03, 0.95, None, 1068),
        (0.05, 0.99, None, 664),
        (0.1, 0.9, 200, 51),  # 67.6 / (1 + 66.6 / 200) = 50.7
        (0.05, 0.95, 1000, 278),
        (0.05, 0.95, 100, 80),
        (0.1, 0.9, 10, 9),
    ],
)
def test_cochran_known_values(
    margin: float, confidence: float, population: int | None, expected: int
) -> None:
    assert required_sample(margin, confidence, population) == expected


def test_defaults_are_ten_percent_at_ninety_percent() -> None:
    assert required_sample() == 68


def test_finite_population_needs_fewer_and_never_more_than_everyone() -> None:
    assert required_sample(population=200) < required_sample()
    assert required_sample(population=1) == 1
    assert required_sample(0.01, 0.99, population=50) <= 50
    assert required_sample(population=10**9) == required_sample()


def test_a_skewed_expected_share_needs_fewer() -> None:
    assert required_sample(p=0.2) < required_sample(p=0.5)
    assert required_sample(p=0.2) == required_sample(p=0.8)


@pytest.mark.parametrize(
    "kwargs",
    [{"margin": 0}, {"margin": 1.2}, {"confidence": 1}, {"confidence": 0}, {"population": 0}, {"p": 0}],
)
def test_impossible_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        required_sample(**kwargs)


def test_plan_sends_to_the_concepts_target_groups_with_a_dutch_rationale() -> None:
    concepts, _, persona, _, groups, project = inputs("nl")
    plan = sampling_plan(persona, groups, concepts.concepts[0], project)

    assert plan.segments == ["Jeugdtrainers"]
    assert plan.required_responses == 68 and plan.population is None
    assert plan.margin_of_error == 0.1 and plan.confidence == 0.9
    assert "68" in plan.rationale and "±10 procentpunt" in plan.rationale and "90%" in plan.rationale
    assert "Marieke" in plan.rationale and "Jeugdtrainers" in plan.rationale
    assert "onbekend" in plan.rationale and "per segment" not in plan.rationale  # one segment: no comparison


def test_plan_in_english_with_a_known_population() -> None:
    concepts, _, persona, _, groups, project = inputs("en")
    plan = sampling_plan(persona, groups, concepts.concepts[0], project, population=200, margin=0.05)

    assert plan.required_responses == required_sample(0.05, 0.9, 200)
    assert plan.population == 200
    assert "±5 percentage points" in plan.rationale and "target group of 200 people" in plan.rationale


def test_plan_falls_back_to_every_group_when_the_concept_names_none() -> None:
    concepts, _, persona, _, groups, project = inputs("nl")
    concept = concepts.concepts[0].model_copy(update={"target_groups": []})
    plan = sampling_plan(persona, groups, concept, project)
    assert plan.segments == ["Jeugdtrainers", "Seniorentrainers"]
    assert "minstens 30 antwoorden per segment (60 in totaal)" in plan.rationale
