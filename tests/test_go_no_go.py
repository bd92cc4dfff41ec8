"""The go/no-go advice: thresholds, Wilson-interval verdicts, caveats and the recommendation."""

from __future__ import annotations

import pytest

from agents.test.go_no_go import DEFAULTS, advise, share_verdict, thresholds, wilson
from artefacts.project import Organisation, Project
from tests.phase2_builders import questionnaire, results


def project(language: str = "nl", **limits: float) -> Project:
    return Project(organisation=Organisation(name="Bond"), language=language, thresholds=limits)  # type: ignore[arg-type]


def by_name(advice):  # noqa: ANN001, ANN201
    return {c.name: c for c in advice.criteria}


def test_defaults_are_documented_and_overridable():
    limits = thresholds(project(recognition=0.7), questionnaire(required=64))
    assert limits["recognition"] == 0.7 and limits["relevance"] == DEFAULTS["relevance"] == 0.6
    assert limits["motivation"] == 0.5 and limits["role_willingness"] == 0.15 and limits["min_pullers"] == 5
    assert limits["min_responses"] == 64


def test_wilson_interval_and_verdicts():
    low, high = wilson(70, 100, 0.9)
    assert 0.61 < low < 0.70 < high < 0.78
    assert share_verdict(0.61, 0.78, 0.6) == "met"  # interval above the threshold
    assert share_verdict(0.40, 0.59, 0.6) == "not-met"  # below
    assert share_verdict(0.55, 0.65, 0.6) == "uncertain"  # straddles
    assert share_verdict(0.60, 0.70, 0.6) == "met"  # at the threshold counts as met


def test_everything_clearly_above_is_go():
    advice = advise(results(), questionnaire(), project())
    criteria = by_name(advice)
    assert all(c.verdict == "met" for c in advice.criteria), [c.explanation for c in advice.criteria]
    assert criteria["recognition"].observed == pytest.approx(0.8)
    assert criteria["role_willingness"].observed == pytest.approx(0.25)  # (15 + 10) / 100
    assert criteria["min_pullers"].observed == 10
    assert advice.recommendation == "go" and advice.caveats == []
    assert advice.reasoning.startswith("Advies: go") and "poort" in advice.reasoning  # project language


def test_below_threshold_on_recognition_and_relevance_is_no_go():
    advice = advise(results(recognition=0.3, relevance=0.35), questionnaire(), project())
    criteria = by_name(advice)
    assert criteria["recognition"].verdict == "not-met" and criteria["relevance"].verdict == "not-met"
    assert advice.recommendation == "no-go"


def test_near_the_threshold_is_uncertain_and_advice_is_revise():
    advice = advise(results(recognition=0.62), questionnaire(), project())
    criteria = by_name(advice)
    assert criteria["recognition"].verdict == "uncertain"
    assert criteria["recognition"].ci_low < 0.6 < criteria["recognition"].ci_high
    assert advice.recommendation == "revise" and "recognition" in advice.reasoning


def test_too_few_pullers_and_responses():
    advice = advise(results(n=40, roles=(10, 10, 10, 7, 3)), questionnaire(required=80), project("en"))
    criteria = by_name(advice)
    assert criteria["min_pullers"].verdict == "not-met" and criteria["min_pullers"].observed == 3
    assert criteria["min_responses"].verdict == "not-met"
    assert any("smaller than needed: 40 of 80" in caveat for caveat in advice.caveats)
    assert advice.recommendation == "revise" and advice.reasoning.startswith("Advice: revise")


def test_caveats_dominant_segment_blanks_and_unmapped_columns():
    skewed = results(segments={"jeugdtrainer": 80, "ouder-trainer": 20}, blanks=30, unmapped=["Opmerking"])
    advice = advise(skewed, questionnaire(), project())
    text = " ".join(advice.caveats)
    assert "Eén segment overheerst: 80%" in text and "jeugdtrainer" in text
    assert "Veel lege antwoorden" in text and "Q01" in text
    assert "“Opmerking”" in text


def test_a_block_without_answers_is_missing_evidence_not_an_error():
    q = questionnaire()
    q.items = [item for item in q.items if item.block != "motivation"]
    advice = advise(results(), q, project())
    assert by_name(advice)["motivation"].verdict == "missing"
    assert advice.recommendation == "incomplete"  # not "revise" on missing evidence alone
