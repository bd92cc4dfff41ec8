"""The stakeholder brief's rules, in Dutch and English: sections follow samen.yaml, concerns come first and
are answered, assumed groups are marked and warned about, and the route says who and within how long."""

from __future__ import annotations

import re

import pytest

from agents.core_group.stakeholders import draft_brief
from artefacts.render_markdown import render_markdown
from tests.core_group_builders import MEANS, STAKEHOLDERS, inputs

LANGUAGES = ("nl", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sections_follow_the_stakeholders_in_samen_yaml(language):
    groups = STAKEHOLDERS[language]
    brief = draft_brief(inputs(language, stakeholders=groups, means=MEANS))
    assert [s.group for s in brief.sections] == [g.name for g in groups]
    assert not any(s.assumed for s in brief.sections)
    assert all(s.gains and len(s.outline) == 6 for s in brief.sections)


@pytest.mark.parametrize("language", LANGUAGES)
def test_their_concerns_come_first_and_a_concern_no_rule_answers_is_warned_about(language):
    groups = STAKEHOLDERS[language]
    brief = draft_brief(inputs(language, stakeholders=groups, means=MEANS))
    first = brief.sections[0]
    asked = [qa.question for qa in first.questions]
    assert asked[:2] == groups[0].concerns
    known, unknown = first.questions[0], first.questions[1]
    assert not known.grounds.assumed and known.grounds.guidance
    assert unknown.grounds.assumed
    assert any(groups[0].concerns[1] in w for w in brief.meta.warnings)
    # the method's usual questions follow, without asking twice what a concern already asked
    assert len(asked) == len(set(asked)) and len(first.questions) == 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_stakeholders_the_groups_are_assumed_from_the_description_and_said_so(language):
    brief = draft_brief(inputs(language))
    assert brief.sections and all(s.assumed for s in brief.sections)
    names = [s.group for s in brief.sections]
    assert len(names) == 3  # management, and the training and advice the description names
    assert brief.assumptions and any("stakeholders" in w for w in brief.meta.warnings)
    assert any(names[1] in a for a in brief.assumptions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_gains_are_tied_to_needs_and_intentions(language):
    intention = {"nl": "Vrijwilligers langer laten blijven", "en": "Keep volunteers for longer"}[language]
    brief = draft_brief(inputs(language, stakeholders=STAKEHOLDERS[language], intentions=[intention]))
    board = brief.sections[1]
    assert any(g.grounds.need_ids for g in board.gains)
    tied = [g for g in board.gains if g.grounds.settings == ["organisation.intentions"]]
    assert tied and intention in tied[0].text
    for gain in board.gains:
        assert not re.search(r"\bN\d{2,4}\b", gain.text + gain.why)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_route_says_who_and_within_how_many_days(language):
    brief = draft_brief(
        inputs(language, stakeholders=STAKEHOLDERS[language], means=MEANS, community_manager="Jip")
    )
    assert len(brief.route) == 5 and all(step.who for step in brief.route)
    assert [s.within_days for s in brief.route] == [None, 2, 30, 10, 2]
    assert brief.route[2].who == "Jip" and STAKEHOLDERS[language][0].name in brief.route[3].who
    text = render_markdown(brief)
    assert {"nl": "10 dagen", "en": "10 days"}[language] in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_offline_draft_of_phase_3_has_need_ids_in_its_prose(language, tmp_path):
    from agents.core_group.runner import DRAFTERS
    from artefacts.core_group import CharterDraft, CoreGroup, StakeholderBrief

    phase = inputs(language, tmp_path, stakeholders=STAKEHOLDERS[language])
    drafted = {}
    for name, drafter in DRAFTERS.items():
        drafted[name] = drafter(phase)
        phase = phase.with_drafted(drafted[name])
    core, charter, brief = drafted["core-group"], drafted["charter-draft"], drafted["stakeholder-brief"]
    assert (
        isinstance(core, CoreGroup)
        and isinstance(charter, CharterDraft)
        and isinstance(brief, StakeholderBrief)
    )
    prose = [core.size_rule, core.proposal_rule] + [c.reason for c in core.candidates]
    prose += [t for c in core.candidates for t in c.skills] + [
        t for g in core.gaps for t in (g.what, g.suggestion)
    ]
    prose += [charter.purpose] + [i.text for i in charter.house_rules + charter.conduct + charter.means]
    prose += [t for s in brief.sections for t in s.outline + [q.question for q in s.questions]]
    prose += [q.answer for s in brief.sections for q in s.questions] + [r.step for r in brief.route]
    prose += brief.assumptions + core.meta.warnings + charter.meta.warnings + brief.meta.warnings
    assert len(prose) > 40
    for text in prose:
        assert not re.search(r"\bN\d{2,4}\b", text), text


@pytest.mark.parametrize(
    ("concern", "kind"),
    [
        ("Komt dit bovenop ons werk, of neemt het ons werk over?", "time"),
        ("Kost het ons extra tijd?", "time"),
        ("Will this cost us extra time?", "time"),
        ("Wie houdt de community bij als het druk wordt?", "moderation"),
        ("Who answers questions in the community?", "moderation"),
        ("Concurreert de community met onze betaalde cursussen?", "contact"),  # not money: competition first
        ("Hoe borgen we de kwaliteit van wat trainers elkaar aanraden?", "quality"),
        ("What if members give each other wrong advice?", "quality"),
        ("Wat kost het en wat levert het op?", "money"),
        ("Hoe horen we wat er speelt bij trainers?", "signals"),
        ("Mogen we de foto's van de kinderen gebruiken voor de website?", None),
    ],
)
def test_a_colleagues_question_is_answered_for_what_it_is_about(concern, kind):
    from agents.core_group.stakeholders import concern_kind

    assert concern_kind(concern) == kind
