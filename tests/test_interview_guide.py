"""The interview guide as a prior, and the matching rules of the cue lexicon."""

from __future__ import annotations

import numpy as np

from agents.initiative.interview_guide import asked, guide_membership, guide_questions, pooled
from agents.initiative.needs_map import NeedsMapInputs, draft
from agents.initiative.statement_features import FeatureSettings, _cue_pattern, describe
from artefacts.project import GuideItem
from tests.builders import note

GUIDE = [
    GuideItem(
        topic="Knelpunten",
        questions=["Wat gebeurt er als je een keer niet kunt?", "Hoe is de sfeer op zaterdag?"],
    ),
    GuideItem(topic="Waardering"),
]


def _said(rows: list[tuple[str, str, str]]):
    return [
        note(text, line=i + 1, interview=interview, speaker=f"P-{interview}").model_copy(
            update={"context": q}
        )
        for i, (interview, q, text) in enumerate(rows)
    ]


def test_guide_questions_take_topics_without_questions_and_plain_mappings():
    assert guide_questions(GUIDE) == [
        "Wat gebeurt er als je een keer niet kunt?",
        "Hoe is de sfeer op zaterdag?",
        "Waardering",
    ]
    assert guide_questions([{"topic": "T", "questions": ["Q1?"]}, "Los onderwerp"]) == [
        "Q1?",
        "Los onderwerp",
    ]
    assert guide_questions(None) == []


def test_the_question_asked_is_the_last_question_of_the_turn():
    assert (
        asked("Dank je. Zullen we beginnen? Hoe is de sfeer op zaterdag?") == "Hoe is de sfeer op zaterdag?"
    )
    assert asked("Vertel eens over je rol.") == "Vertel eens over je rol."
    assert asked("") == ""


def test_follow_ups_stay_under_the_guide_question_before_them_within_one_interview():
    notes = _said(
        [
            ("a", "Hoe is de sfeer op zaterdag, bij jullie?", "Soms schreeuwt er iemand."),
            ("a", "Hoe ging dat verder?", "Niemand deed iets."),
            ("a", "Wat gebeurt er als je een keer niet kunt?", "Dan valt het uit."),
            ("b", "En hoe ging dat verder?", "Geen idee."),
            ("b", "Wat gebeurt er als jij een keer niet kunt?", "Dan bel ik rond."),
        ]
    )
    membership = guide_membership(notes, guide_questions(GUIDE))  # no embedder: shared words
    assert membership.argmax(axis=1).tolist()[:3] == [1, 1, 0]
    assert not membership[3].any()  # a new interview starts under no guide question
    assert membership[4].argmax() == 0


def test_pooling_gives_a_statement_without_cues_the_profile_of_its_guide_question():
    profile = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    membership = np.array([[1, 0], [1, 0], [1, 0], [0, 1]], dtype=float)
    shared = pooled(profile, membership)
    assert shared[2, 0] > 0 and shared[2, 1] == 0
    assert np.allclose(shared[3], [0.0, 1.0])
    assert not pooled(profile, np.zeros((4, 2))).any()


def test_the_guide_changes_the_features_only_when_given_and_switched_on():
    notes = _said(
        [
            ("a", "Hoe is de sfeer op zaterdag?", "Soms schreeuwt er iemand."),
            ("a", "Hoe ging dat verder?", "Niemand deed iets."),
            ("b", "Hoe is de sfeer op zaterdag?", "Er wordt veel geklaagd."),
        ]
    )
    vectors = np.random.default_rng(0).normal(size=(3, 8))
    plain = describe(notes, vectors, "nl")
    guided = describe(notes, vectors, "nl", guide=guide_questions(GUIDE))
    off = describe(
        notes, vectors, "nl", guide=guide_questions(GUIDE), settings=FeatureSettings(guide_pool=0.0)
    )
    assert not plain.cue_profile[1].any()  # "Niemand deed iets." speaks no need's words
    assert guided.cue_profile[1].any()  # but it answers the same guide question as the others
    assert np.allclose(off.cue_profile, plain.cue_profile)


def test_the_needs_map_accepts_the_project_guide():
    notes = _said(
        [
            ("a", "Wat gebeurt er als je een keer niet kunt?", f"Dan is er niemand die invalt, keer {i}.")
            for i in range(4)
        ]
    )
    vectors = np.random.default_rng(1).normal(size=(4, 8))
    needs_map = draft(NeedsMapInputs(notes=notes, vectors=vectors, language="nl", guide=GUIDE))
    assert len(needs_map.needs) + len(needs_map.unclustered) >= 1


def test_cue_matching_short_stems_whole_words_and_fillers_inside_phrases():
    assert not _cue_pattern("wet").search("we weten het niet")
    assert _cue_pattern("wet").search("volgens de wet")
    assert not _cue_pattern("werk=").search("dat werkt goed")
    assert _cue_pattern("werk=").search("naast mijn werk")
    assert _cue_pattern("vervang").search("een vervanger zoeken")
    assert _cue_pattern("er was niemand").search("er was gewoon niemand")
    assert not _cue_pattern("er was niemand", gap=0).search("er was gewoon niemand")
