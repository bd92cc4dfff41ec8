"""Questionnaires Samen could have drafted, in Dutch and English, to analyse organisations' own surveys against.

The Dutch one is the one the survey tests use (:func:`tests.test_surveys.questionnaire`); the English one
has the same blocks, kinds and themes in English words. Used by the survey tests and by
benchmarks/survey_mapping_benchmark.py.
"""

from __future__ import annotations

from artefacts.base import ArtefactMeta
from artefacts.survey import QuestionItem, Questionnaire, SamplingPlan
from tests.test_surveys import questionnaire as dutch_questionnaire

EN_LABELS = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
EN_ROLES = ["I'd just read along", "I'd join in now and then", "I'd share what I know",
            "I'd help organise meetings", "I'd like to lead it"]  # fmt: skip
EN_SEGMENTS = ["Primary teacher", "Secondary teacher", "Support staff"]


def english_questionnaire() -> Questionnaire:
    def item(item_id: str, block: str, kind: str, text: str, options: list[str], theme: str | None = None):
        return QuestionItem(id=item_id, block=block, kind=kind, text=text, options=options, theme=theme)

    return Questionnaire(
        meta=ArtefactMeta(language="en"),
        concept_id="C1",
        title="A community for people like you",
        intro="Thank you for taking part.",
        likert_labels=EN_LABELS,
        items=[
            item(
                "Q01",
                "recognition",
                "likert",
                "I recognise myself in someone who has nobody to talk things through with.",
                EN_LABELS,
            ),
            item(
                "Q02",
                "relevance",
                "likert",
                "A community about sharing what works would make my life easier.",
                EN_LABELS,
            ),
            item("Q03", "motivation", "likert", "I would give my own time to such a community.", EN_LABELS),
            item(
                "Q04",
                "role",
                "single",
                "Which role would you like to take in the community?",
                EN_ROLES,
                "role-ladder",
            ),
            item(
                "Q05",
                "channels",
                "multiple",
                "How would you like to take part?",
                ["Online group", "Meetings in person", "Newsletter", "WhatsApp group"],
            ),
            item("Q06", "background", "single", "Which group do you belong to?", EN_SEGMENTS, "segment"),
            item("Q07", "background", "single", "How old are you?", ["under 30", "30-45", "over 45"], "age"),
            item("Q08", "open", "open", "What would you want to get from or bring to this community?", []),
        ],  # fmt: skip
        sampling=SamplingPlan(segments=EN_SEGMENTS, required_responses=68),
    )


def questionnaire_for(language: str) -> Questionnaire:
    return english_questionnaire() if language == "en" else dutch_questionnaire(language)
