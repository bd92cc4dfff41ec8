"""The two corpora's own surveys, read, mapped and analysed the way the flow does (``agents.test.runner``),
against the truth written beside them (tests/fixtures/corpora/*/surveys/truth.yaml, by make_survey.py)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from agents.test import runner
from artefacts.project import Organisation, Project
from artefacts.survey import GoNoGoAdvice, SurveyResults
from knowledge.embeddings import E5Embedder, HashingEmbedder
from knowledge.survey_mapping import IGNORE, needs_check
from knowledge.survey_mapping_file import read_corrections, update_mapping_file
from knowledge.surveys import SurveyTable, read_surveys
from tests.survey_questionnaires import questionnaire_for

CORPORA = Path(__file__).parent / "fixtures" / "corpora"
LANGUAGES = {"bieb-vrijwilligers": "nl", "huurders": "en"}


def truth_of(corpus: str) -> dict:
    return yaml.safe_load((CORPORA / corpus / "surveys" / "truth.yaml").read_text(encoding="utf-8"))


def copied(tmp: Path, corpus: str) -> Path:
    shutil.copytree(CORPORA / corpus / "surveys", tmp / "surveys")
    return tmp


def analysed(
    tmp: Path, corpus: str, embedder, corrections=None
) -> tuple[SurveyTable, SurveyResults, GoNoGoAdvice]:  # noqa: ANN001
    root = copied(tmp, corpus)
    language = LANGUAGES[corpus]
    project = Project(organisation=Organisation(name=corpus), language=language)
    questionnaire = questionnaire_for(language)
    table = read_surveys(root / "surveys", root, language=language)
    results = runner.analyse_answers(table, questionnaire, 1, project, root / "charts", embedder, corrections)
    return table, results, runner.advice_on(results, questionnaire, project)


@pytest.fixture(scope="module")
def embedder() -> HashingEmbedder:
    return HashingEmbedder(dim=256)


@pytest.mark.parametrize("corpus", sorted(LANGUAGES))
def test_role_share_and_organisers_equal_the_truth(tmp_path: Path, corpus: str, embedder) -> None:
    truth = truth_of(corpus)
    table, results, advice = analysed(tmp_path, corpus, embedder)
    assert table.problems == [] and results.respondents == truth["respondents"]
    criteria = {c.name: c for c in advice.criteria}
    assert criteria["role_willingness"].observed == pytest.approx(truth["role_share"], abs=1e-4)
    assert criteria["min_pullers"].observed == truth["organisers"] == results.willing_to_pull
    assert sum(results.role_willingness.values()) == truth["role_answers"] and not results.unplaced_roles
    assert criteria["role_willingness"].columns == [truth["role_column"]]


@pytest.mark.parametrize("corpus", sorted(LANGUAGES))
def test_age_bands_are_background_and_no_criterion_rests_on_an_unmapped_column(
    tmp_path: Path, corpus: str, embedder
) -> None:
    truth = truth_of(corpus)
    _, results, advice = analysed(tmp_path, corpus, embedder)
    by_column = {m.column: m for m in results.mapping}
    assert by_column[truth["age_column"]].block == "background"
    assert set(by_column) == set(truth["columns"])  # e-mail, name, timestamps and ids are not questions
    for criterion in advice.criteria:
        for column in criterion.columns:
            found = by_column[column]
            assert found.block not in (None, IGNORE) and column not in results.unmapped_columns
            if criterion.name in ("recognition", "relevance", "motivation"):
                assert found.block == criterion.name


def test_the_estate_column_is_not_the_role_question(tmp_path: Path, embedder) -> None:
    truth = truth_of("huurders")
    _, results, _ = analysed(tmp_path, "huurders", embedder)
    estate = next(m for m in results.mapping if m.column == truth["distractor_column"])
    assert estate.block == "background" and estate.item_id != "Q04"
    assert next(m for m in results.mapping if m.item_id == "Q04").column == truth["role_column"]


def test_an_ignored_role_column_leaves_the_role_criteria_unjudged(tmp_path: Path, embedder) -> None:
    truth = truth_of("huurders")
    _, _, advice = analysed(tmp_path, "huurders", embedder, corrections={truth["role_column"]: "ignore"})
    criteria = {c.name: c for c in advice.criteria}
    for name in ("role_willingness", "min_pullers"):
        assert criteria[name].verdict == "missing" and criteria[name].observed is None
        assert criteria[name].columns == []


def test_unsure_columns_are_flagged_in_the_file_and_the_warnings(tmp_path: Path, embedder) -> None:
    _, results, _ = analysed(tmp_path, "bieb-vrijwilligers", embedder)
    unsure = [m for m in results.mapping if needs_check(m)]
    assert unsure  # the hashing embedder leaves some columns unsure on this survey
    path = tmp_path / "surveys" / "mapping.yaml"
    update_mapping_file(path, results.mapping, "nl")
    written = read_corrections(path, "nl")
    warning = " ".join(results.meta.warnings)
    for found in results.mapping:
        assert written[found.column].endswith("?") == (found in unsure)
    assert all(f"“{m.column}”" in warning for m in unsure[:8])


def test_the_microsoft_forms_workbook_is_read_without_personal_columns(tmp_path: Path) -> None:
    root = tmp_path
    (root / "surveys").mkdir()
    shutil.copy(CORPORA / "bieb-vrijwilligers" / "surveys" / "vrijwilligers-ms-forms.xlsx", root / "surveys")
    table = read_surveys(root / "surveys", root, language="nl")
    assert table.problems == [] and len(table.rows) == 35
    assert table.columns[:3] == ["ID", "Begintijd", "Tijd van voltooien"]
    assert "E-mail" not in table.columns and "Naam" not in table.columns
    assert table.rows[0]["Begintijd"].startswith("2026-10-08 13:00")
    assert not any("@" in value for row in table.rows for value in row.values())


def test_a_cut_off_workbook_is_a_problem_naming_the_file_and_the_rest_is_read(tmp_path: Path) -> None:
    root = copied(tmp_path, "bieb-vrijwilligers")
    workbook = root / "surveys" / "vrijwilligers-ms-forms.xlsx"
    workbook.write_bytes(workbook.read_bytes()[:3000])  # a download that stopped half way
    assert not zipfile.is_zipfile(workbook)
    table = read_surveys(root / "surveys", root, language="nl")
    assert [p.source for p in table.problems] == ["surveys/vrijwilligers-ms-forms.xlsx"]
    assert "Excel" in table.problems[0].message and table.problems[0].hint
    assert table.sources == ["surveys/vrijwilligers-google-forms.csv"] and len(table.rows) == 50


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(LANGUAGES))
def test_with_the_bundled_embedder_every_column_feeds_its_criterion(tmp_path: Path, corpus: str) -> None:
    truth = truth_of(corpus)
    _, results, advice = analysed(tmp_path, corpus, E5Embedder())
    assert {m.column: m.block for m in results.mapping} == truth["columns"]
    criteria = {c.name: c for c in advice.criteria}
    assert criteria["role_willingness"].observed == pytest.approx(truth["role_share"], abs=1e-4)
