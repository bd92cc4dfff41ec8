"""An organisation's own survey (its own wording, scales and role words): mapped by meaning, roles on the
ladder, the same people in two exports counted once, the mapping file, and advice that never judges on
missing evidence. Fixtures: tests/fixtures/surveys-own (see make_fixtures.py for what they hold)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agents.test.go_no_go import advise
from agents.test.survey_analysis import analyse
from artefacts.project import Organisation, Project
from artefacts.render_markdown import render_markdown
from knowledge.embeddings import HashingEmbedder
from knowledge.survey_columns import map_columns
from knowledge.survey_mapping_file import read_corrections, update_mapping_file
from knowledge.survey_roles import place_answers
from knowledge.surveys import read_surveys
from tests.test_surveys import ROLES, questionnaire

OWN = Path(__file__).parent / "fixtures" / "surveys-own"
DUTCH = ("bibliotheek-google-forms.csv", "bibliotheek-microsoft-forms.csv")
ENGLISH = ("tenants-typeform.csv",)
ROLE_NL = "Welke rol zie je voor jezelf in een vrijwilligersnetwerk?"
ESTATE = "Which estate do you live on?"
ROLE_EN = "If a residents' group started, how would you like to be involved?"


@pytest.fixture(scope="module")
def embedder() -> HashingEmbedder:
    return HashingEmbedder(dim=256)


def project_in(tmp: Path, names: tuple[str, ...], language: str) -> tuple[Path, Project]:
    (tmp / "surveys").mkdir()
    for name in names:
        shutil.copy(OWN / name, tmp / "surveys" / name)
    return tmp, Project(organisation=Organisation(name="Bibliotheeknetwerk"), language=language)


def run(tmp: Path, names: tuple[str, ...], language: str, embedder, corrections=None):
    root, project = project_in(tmp, names, language)
    table = read_surveys(root / "surveys", root, language=language)
    q = questionnaire(language)
    results = analyse(table, q, 1, project, root / "charts", embedder, corrections)
    return table, results, advise(results, q, project)


def test_the_same_people_in_two_exports_count_once(tmp_path: Path) -> None:
    root, _ = project_in(tmp_path, DUTCH, "nl")
    table = read_surveys(root / "surveys", root, language="nl")
    assert (len(table.rows), table.duplicates_dropped) == (82, 8)


def test_wording_alone_maps_nothing_meaning_maps_every_question(tmp_path: Path, embedder) -> None:
    table, results, _ = run(tmp_path, DUTCH, "nl", embedder)
    assert sum(1 for m in map_columns(table.columns, questionnaire()) if m.item_id) == 0
    by_column = {m.column: m for m in results.mapping}
    assert len(by_column) == 14 and all(m.block for m in results.mapping)
    assert by_column[ROLE_NL].item_id == "Q04"
    assert by_column["Leeftijdscategorie"].item_id == "Q07"
    assert by_column["Ik zou daar graag een deel van mijn vrije tijd in steken"].block == "motivation"
    assert by_column["Opmerkingen"].block == "open"


def test_role_share_and_organisers_come_out_as_the_answers_say(tmp_path: Path, embedder) -> None:
    _, results, advice = run(tmp_path, DUTCH, "nl", embedder)
    assert results.respondents == 82
    assert results.role_willingness == {ROLES[0]: 20, ROLES[1]: 17, ROLES[2]: 25, ROLES[3]: 8, ROLES[4]: 12}
    assert results.willing_to_pull == 12 and not results.unplaced_roles
    role = {c.name: c for c in advice.criteria}
    assert role["role_willingness"].observed == pytest.approx(20 / 82, abs=1e-4)
    assert role["min_pullers"].observed == 12 and role["min_pullers"].verdict == "met"
    assert role["role_willingness"].columns == [ROLE_NL]


def test_age_bands_are_counted_as_the_columns_own_options(tmp_path: Path, embedder) -> None:
    _, results, _ = run(tmp_path, DUTCH, "nl", embedder)
    age = next(s for s in results.items if s.item_id == "Q07")
    assert "65 - 74 jaar" in age.distribution and sum(age.distribution.values()) == 82
    assert "Anders" not in age.distribution


def test_typeform_estate_is_background_and_lead_roles_are_placed(tmp_path: Path, embedder) -> None:
    _, results, advice = run(tmp_path, ENGLISH, "en", embedder)
    by_column = {m.column: m for m in results.mapping}
    assert by_column[ESTATE].block == "background" and by_column[ROLE_EN].item_id == "Q04"
    assert results.willing_to_pull == 7
    assert sum(results.role_willingness[o] for o in ROLES[3:]) == 16
    assert results.meta.warnings  # unsure columns are said, at the top of the artefact


def test_role_words_in_both_languages_place_on_the_ladder() -> None:
    ladder = ["No role", "Read along", "Join now and then", "Contribute actively", "Help organise or lead"]
    placed = place_answers(
        ["Organiser – I'd help plan and run it", "Participant", "Kartrekker / organisator", "Trainer",
         "Liever geen organisator", "Blauwe maandag"], ladder)  # fmt: skip
    assert placed == {"Organiser – I'd help plan and run it": 4, "Participant": 2, "Kartrekker / organisator": 4,
                      "Trainer": 3, "Liever geen organisator": 0, "Blauwe maandag": None}  # fmt: skip


def test_unplaced_role_answers_are_reported_not_counted(tmp_path: Path, embedder) -> None:
    _, results, _ = run(
        tmp_path, DUTCH, "nl", embedder, corrections={"Welk soort vrijwilligerswerk doe je?": "Q04"}
    )
    assert results.unplaced_roles and results.role_willingness[ROLES[4]] == 0
    assert any("rolladder" in w for w in results.meta.warnings)


def test_missing_evidence_is_said_and_does_not_make_the_advice_revise(tmp_path: Path, embedder) -> None:
    corrections = {ROLE_NL: "ignore"}
    _, results, advice = run(tmp_path, DUTCH, "nl", embedder, corrections)
    by_name = {c.name: c for c in advice.criteria}
    assert by_name["role_willingness"].verdict == "missing" and by_name["role_willingness"].observed is None
    assert "geen kolom" in by_name["min_pullers"].explanation
    assert advice.recommendation in ("incomplete", "revise")
    if advice.recommendation == "revise":  # only when a judged criterion fails
        assert any(c.verdict == "not-met" for c in advice.criteria)
    assert any("bewijs ontbreekt" in w for w in advice.meta.warnings)
    assert "bewijs ontbreekt" in render_markdown(advice)


def test_mapping_file_keeps_corrections_and_adds_new_columns(tmp_path: Path, embedder) -> None:
    _, results, _ = run(tmp_path, DUTCH, "nl", embedder)
    path = tmp_path / "surveys" / "mapping.yaml"
    update_mapping_file(path, results.mapping, "nl")
    first = read_corrections(path, "nl")
    assert first[ROLE_NL] == "Q04" and len(first) == 14
    path.write_text(path.read_text().replace(f'"{ROLE_NL}": "Q04"', f'"{ROLE_NL}": "ignore"'))
    extra = results.mapping[0].model_copy(update={"column": "Nieuwe vraag"})
    assert update_mapping_file(path, [*results.mapping, extra], "nl") == ["Nieuwe vraag"]
    again = read_corrections(path, "nl")
    assert again[ROLE_NL] == "ignore" and "Nieuwe vraag" in again
    assert "# " in path.read_text().split("\n")[-2]  # each line says why and how sure


def test_a_rerun_with_the_untouched_file_maps_the_same(tmp_path: Path, embedder) -> None:
    _, first, _ = run(tmp_path, DUTCH, "nl", embedder)
    path = tmp_path / "surveys" / "mapping.yaml"
    update_mapping_file(path, first.mapping, "nl")
    table = read_surveys(tmp_path / "surveys", tmp_path, language="nl")
    project = Project(organisation=Organisation(name="Bibliotheeknetwerk"), language="nl")
    again = analyse(
        table, questionnaire(), 1, project, tmp_path / "c2", embedder, read_corrections(path, "nl")
    )
    assert again.mapping == first.mapping  # the same evidence: a recorded decision stays valid
