"""The core group's rules, in Dutch and English, on a food bank and a repair café network written for the purpose."""

from __future__ import annotations

import re

import pytest

from agents.core_group.core_group import MAX_SIZE, MIN_SIZE, PER_SEGMENT, draft_core_group
from agents.core_group.roles import planned_roles
from artefacts.concept import ConceptHypotheses
from artefacts.initiative import Champions, TargetGroups
from tests.core_group_builders import EMAILS, LADDER, PEOPLE, TEXTS, inputs

LANGUAGES = ("nl", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_candidates_are_the_flagged_champions_and_the_respondents_who_offered_an_active_role(
    language, tmp_path
):
    group = draft_core_group(inputs(language, tmp_path))
    people = [(c.person, c.source) for c in group.candidates]
    assert people == [("P01", "champion"), ("P02", "champion"), ("R002", "survey"), ("R004", "survey")]
    assert all(c.reason.strip() for c in group.candidates)
    r002 = group.candidates[2]
    assert r002.contact_known and not group.candidates[3].contact_known
    assert r002.segment == TEXTS[language]["segments"][1]
    assert r002.grounds.survey_items == ["Q05"]
    assert group.candidates[0].evidence[0].note_id == "n2"  # a champion's quote is the evidence
    assert group.candidates[0].grounds.note_ids == ["n2"] and group.candidates[0].grounds.need_ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_personal_data_of_respondents_reaches_the_core_group(language, tmp_path):
    dumped = draft_core_group(inputs(language, tmp_path)).model_dump_json()
    for secret in PEOPLE + EMAILS + [e.split("@")[0] for e in EMAILS]:
        assert secret.casefold() not in dumped.casefold(), secret
    assert not re.search(r"[\w.]+@[\w-]+\.\w+", dumped)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_core_group_covers_the_segments_or_names_the_gap(language, tmp_path):
    group = draft_core_group(inputs(language, tmp_path))
    uitgifte, chauffeurs, coordinators = TEXTS[language]["segments"]
    assert group.segments_covered == {uitgifte: 1, chauffeurs: 3, coordinators: 0}
    segment_gaps = [g.what for g in group.gaps if g.kind == "segment"]
    assert len(segment_gaps) == 1 and coordinators in segment_gaps[0]
    assert any("gap" in w or "gat" in w for w in group.meta.warnings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_target_size_follows_the_method_and_too_few_people_is_a_gap(language, tmp_path):
    group = draft_core_group(inputs(language, tmp_path))
    assert group.target_size == 6  # two for each of three segments, within five to twelve
    assert str(group.target_size) in group.size_rule
    size = [g for g in group.gaps if g.kind == "size"]
    assert len(size) == 1 and "4" in size[0].what and "6" in size[0].what


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_are_noted_and_a_group_of_mostly_staff_is_a_gap(language):
    group = draft_core_group(inputs(language))  # no survey: the two champions, one of whom is staff
    assert [c.staff for c in group.candidates] == [False, True]
    assert any(g.kind == "staff" for g in group.gaps)
    assert group.candidates[1].reason.endswith(group.candidates[1].reason.split(". ")[-1])
    assert len(group.candidates[1].reason) > len(group.candidates[0].reason)  # the staff note is added


@pytest.mark.parametrize("language", LANGUAGES)
def test_candidates_fit_roles_of_the_charter_and_roles_nobody_fits_are_gaps(language, tmp_path):
    phase = inputs(language, tmp_path)
    roles = [r.id for r in planned_roles(phase)]
    assert roles == ["host", "moderator", "welcomer", "content", "meetup-organiser"]
    group = draft_core_group(phase)
    assert all(set(c.roles) <= set(roles) and c.roles for c in group.candidates)
    assert "meetup-organiser" in group.candidates[0].roles  # P01 already organised something
    assert not any(g.kind == "role" for g in group.gaps)
    alone = draft_core_group(inputs(language))
    assert not any("welcomer" in c.roles for c in alone.candidates)
    assert any(g.kind == "role" for g in alone.gaps)


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_champions_or_survey_the_draft_says_it_has_nobody(language):
    phase = inputs(language)
    empty = Champions(meta=phase.get(Champions).meta, champions=[])
    group = draft_core_group(phase.with_drafted(empty))
    assert group.candidates == []
    kinds = {g.kind for g in group.gaps}
    assert {"size", "segment", "role"} <= kinds


def test_survey_files_that_changed_since_the_go_are_warned_about(tmp_path):
    phase = inputs("en", tmp_path)
    (tmp_path / "surveys" / "later.csv").write_text(
        "Timestamp,Which role would you like to take?\n1,Help organise\n"
    )
    group = draft_core_group(phase)
    assert any("surveys/" in w for w in group.meta.warnings)
    assert "R006" in [
        c.person for c in group.candidates
    ]  # the later file's row, numbered after the first file


@pytest.mark.parametrize(("segments", "target"), [(0, MIN_SIZE), (1, MIN_SIZE), (4, 8), (9, MAX_SIZE)])
def test_the_target_size_is_two_per_segment_within_five_and_twelve(segments, target):
    phase = inputs("en")
    concepts = phase.get(ConceptHypotheses)
    concept = concepts.concepts[0].model_copy(update={"target_groups": [f"s{i}" for i in range(segments)]})
    if segments == 0:
        phase = phase.with_drafted(phase.get(TargetGroups).model_copy(update={"groups": []}))
    phase = phase.with_drafted(concepts.model_copy(update={"concepts": [concept]}))
    assert (
        draft_core_group(phase).target_size == target == min(MAX_SIZE, max(MIN_SIZE, PER_SEGMENT * segments))
    )


def _many_respondents(root, language: str, n: int = 20) -> None:  # noqa: ANN001
    """``n`` respondents who would lead, all in the first segment, and no contact column."""
    t, ladder = TEXTS[language], LADDER[language]
    lines = [f"Tijdstempel;{t['role_q']};{t['segment_q']}"]
    lines += [f"2026-11-01;{ladder[4]};{t['segments'][0]}" for _ in range(n)]
    (root / "surveys" / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_more_candidates_than_the_group_holds_a_first_selection_spreads_over_segments(
    language, tmp_path
):
    phase = inputs(language, tmp_path)
    _many_respondents(tmp_path, language)
    group = draft_core_group(phase)
    assert len(group.candidates) == 22 and group.proposal_rule
    assert group.target_size <= len(group.proposed) <= MAX_SIZE
    assert group.proposed[:2] == ["P01", "P02"]  # the champions' segments come first in turn
    roles = [r.id for r in planned_roles(phase)]
    chosen = [c for c in group.candidates if c.person in group.proposed]
    assert all(any(r in c.roles for c in chosen) for r in roles)
    assert any("22" in note for note in group.meta.notes)  # more than a core group holds: said so


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_contact_column_the_draft_says_it_cannot_see_contact_details(language, tmp_path):
    phase = inputs(language, tmp_path)
    _many_respondents(tmp_path, language, n=2)
    group = draft_core_group(phase)
    survey = [c for c in group.candidates if c.source == "survey"]
    assert survey and not any(c.contact_known for c in survey)
    unseen = {"nl": "ziet niet of er contactgegevens", "en": "cannot see whether they left contact details"}
    assert all(unseen[language] in c.reason for c in survey)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_own_segment_answer_is_not_copied_only_the_questionnaire_s_options_are(language, tmp_path):
    phase = inputs(language, tmp_path)
    t, ladder = TEXTS[language], LADDER[language]
    lines = [
        f"Tijdstempel;{t['role_q']};{t['segment_q']}",
        f"2026-11-01;{ladder[4]};Anders: bij Jan Pietersen thuis",
    ]
    (tmp_path / "surveys" / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    group = draft_core_group(phase)
    volunteer = next(c for c in group.candidates if c.source == "survey")
    assert volunteer.person == "R001" and volunteer.segment == ""
    assert "Pietersen" not in group.model_dump_json()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_person_interviewed_twice_is_one_candidate_at_the_better_rank(language, tmp_path):
    """A follow-up interview makes the same pseudonym a champion twice (measured at 10× the example:
    the core group refused to be drafted); the person is a candidate once."""
    given = inputs(language, tmp_path)
    champions = given.find(Champions)
    assert champions is not None
    first = next(c for c in champions.champions if c.participant == "P01")
    again = first.model_copy(update={"rank": len(champions.champions) + 1, "source": "follow-up.txt"})
    champions.champions.append(again)
    group = draft_core_group(given)
    people = [c.person for c in group.candidates]
    assert people.count("P01") == 1 and people[0] == "P01"
    assert people == ["P01", "P02", "R002", "R004"]
