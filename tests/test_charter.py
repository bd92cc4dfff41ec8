"""The charter draft's rules, in Dutch and English: grounds for every rule, ids for rituals and roles, means
from samen.yaml or said to be assumed, no need ids in text meant for people."""

from __future__ import annotations

import re

import pytest

from agents.core_group.charter import draft_charter
from agents.core_group.core_group import draft_core_group
from agents.shared.phase_inputs import PhaseInputs
from artefacts.core_group import CharterDraft, Ritual
from artefacts.initiative import NeedsMap
from artefacts.render_markdown import render_markdown
from tests.core_group_builders import MEANS, inputs

LANGUAGES = ("nl", "en")
NEED_ID = re.compile(r"\bN\d{2,4}\b")


def _charter(language: str, root=None, **settings) -> tuple[CharterDraft, PhaseInputs]:  # noqa: ANN001
    phase = inputs(language, root, **settings)
    phase = phase.with_drafted(draft_core_group(phase))
    return draft_charter(phase), phase


def _prose(charter: CharterDraft) -> list[str]:
    items = charter.house_rules + charter.conduct + charter.topics + charter.means
    return (
        [charter.purpose]
        + [t for i in items for t in (i.text, i.why)]
        + [t for r in charter.rituals for t in (r.name, r.description)]
        + [t for r in charter.roles for t in (r.name, r.does)]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_house_rule_and_norm_has_grounds_or_is_marked_assumed(language, tmp_path):
    charter, _ = _charter(language, tmp_path)
    for item in charter.house_rules + charter.conduct:
        assert item.grounds.assumed != (not item.grounds.empty), item.id
        assert item.why, item.id
    assumed = [i.id for i in charter.house_rules if i.grounds.assumed]
    assert assumed == ["rule-no-sales", "rule-reply"]  # nobody spoke of sales; no hours in samen.yaml
    assert any(str(len(assumed)) in note for note in charter.meta.notes)


@pytest.mark.parametrize("language", LANGUAGES)
def test_confidentiality_rests_on_what_interviewees_said_when_they_said_it(language):
    charter, phase = _charter(language)
    rule = next(i for i in charter.house_rules if i.id == "rule-confidential")
    assert rule.grounds.note_ids == ["n1"] and rule.grounds.need_ids == ["N01"]
    nm = phase.get(NeedsMap)
    quiet = nm.model_copy(update={"notes": [n for n in nm.notes if n.id != "n1"], "needs": nm.needs[1:]})
    charter = draft_charter(phase.with_drafted(quiet))
    rule = next(i for i in charter.house_rules if i.id == "rule-confidential")
    assert rule.grounds.guidance and not rule.grounds.note_ids  # still there: the method asks for it
    assert "norm-people" not in [i.id for i in charter.conduct]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_offline_charter_has_no_need_ids_in_prose(language, tmp_path):
    charter, _ = _charter(
        language, tmp_path, means=MEANS, community_manager="Jip", channels=["WhatsApp-groep"]
    )
    for text in _prose(charter):
        assert not NEED_ID.search(text), text


@pytest.mark.parametrize("language", LANGUAGES)
def test_rituals_and_roles_have_stable_ids_and_roles_name_the_core_group_candidates(language, tmp_path):
    charter, phase = _charter(language, tmp_path)
    assert [r.id for r in charter.rituals] == [
        "welcome", "weekly-question", "practice-share", "meetup", "feedback-digest",
    ]  # fmt: skip
    assert [r.id for r in charter.roles] == ["host", "moderator", "welcomer", "content", "meetup-organiser"]
    roles = {r.id: r.candidates for r in charter.roles}
    assert roles["meetup-organiser"] == ["P01", "R002"] and roles["welcomer"] == ["R002", "R004"]
    assert all(r.hours_per_week for r in charter.roles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_meetup_takes_the_weekday_the_survey_chose_and_the_persona_s_evening(language, tmp_path):
    charter, _ = _charter(language, tmp_path)
    meetup = next(r for r in charter.rituals if r.id == "meetup")
    assert meetup.weekday == 3 and meetup.grounds.survey_items == ["Q08"]  # three of five said Thursday
    assert not meetup.grounds.assumed
    without_survey, _ = _charter(language)
    meetup = next(r for r in without_survey.rituals if r.id == "meetup")
    assert meetup.grounds.assumed  # Thursday by default, said to be an assumption
    question: Ritual = next(r for r in charter.rituals if r.id == "weekly-question")
    assert question.grounds.note_ids == ["n4"]  # "weinig tijd" / "little time": a two-minute question


@pytest.mark.parametrize("language", LANGUAGES)
def test_means_come_from_samen_yaml_or_are_assumed_with_a_warning(language):
    silent, _ = _charter(language)
    assert all(i.grounds.assumed for i in silent.means)
    assert len(silent.meta.warnings) == 1 and "community_manager" in silent.meta.warnings[0]
    set_, _ = _charter(language, means=MEANS, community_manager="Jip de Vries", channels=["WhatsApp-groep"])
    assert set_.meta.warnings == []
    texts = " ".join(i.text for i in set_.means)
    assert "Jip de Vries" in texts and "1,200 EUR" in texts and "no Facebook" in texts and "WhatsApp" in texts
    assert all(i.grounds.settings and not i.grounds.assumed for i in set_.means)
    reply = next(i for i in set_.house_rules if i.id == "rule-reply")
    assert "2" in reply.text and reply.grounds.settings == ["means.hours_per_week"]  # six hours: two days


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_charter_renders_in_the_project_language(language, tmp_path):
    charter, _ = _charter(language, tmp_path)
    text = render_markdown(charter, version=1)
    heading = {"nl": "## Huisregels", "en": "## House rules"}[language]
    assert heading in text and "`meetup-organiser`" in text
    assert {"nl": "[aanname]", "en": "[assumed]"}[language] in text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("nl", "We zoeken sponsors voor de kerstpakketten."),
        ("en", "We look for a sponsor for the new tools."),
    ],
)
def test_a_sponsor_is_no_reason_for_a_no_sales_rule_but_complaints_about_adverts_are(language, said):
    phase = inputs(language)
    nm = phase.get(NeedsMap)
    extra = nm.notes[0].model_copy(update={"id": "n9", "text": said})
    charter = draft_charter(phase.with_drafted(nm.model_copy(update={"notes": [*nm.notes, extra]})))
    assert next(i for i in charter.house_rules if i.id == "rule-no-sales").grounds.assumed
    spam = {"nl": "Er komt steeds reclame in de groep.", "en": "The group fills up with sales pitches."}[
        language
    ]
    extra = extra.model_copy(update={"text": spam})
    charter = draft_charter(phase.with_drafted(nm.model_copy(update={"notes": [*nm.notes, extra]})))
    assert next(i for i in charter.house_rules if i.id == "rule-no-sales").grounds.note_ids == ["n9"]
