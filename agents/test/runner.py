"""Phase 2b as one runner: the questionnaire, the analysis of the answers, and the go/no-go advice.

The Prefect flow (``flows/survey.py``) wraps each step in a task, waits for the questionnaire's approval
and for the answers, and holds the gate; the evaluations call :func:`run_test` whole. Both draft the same
way. The decision at the gate is never the runner's: it is a person's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agents.shared.chat_access import ChatAccess, services
from agents.test import questionnaire as questionnaire_agent
from agents.test.go_no_go import advise
from agents.test.survey_analysis import analyse
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.initiative import NeedsMap, TargetGroups
from artefacts.project import Project
from artefacts.survey import GoNoGoAdvice, Questionnaire, SurveyResults
from knowledge.embeddings import Embedder
from knowledge.survey_prototypes import project_prototypes
from knowledge.surveys import SurveyTable


@dataclass(frozen=True)
class TestInputs:
    """What phase 2b is drafted from: the approved concept hypotheses, the chosen concept and its persona."""

    __test__ = False  # not a pytest class, whatever its name

    concepts: ConceptHypotheses
    concept_id: str
    persona: Persona
    needs_map: NeedsMap
    target_groups: TargetGroups
    project: Project
    model: ChatAccess | None = None


@dataclass(frozen=True)
class TestResult:
    __test__ = False

    questionnaire: Questionnaire
    results: SurveyResults | None  # None until there are answers
    advice: GoNoGoAdvice | None


def draft_questionnaire(inputs: TestInputs) -> Questionnaire:
    return questionnaire_agent.draft(
        inputs.concepts,
        inputs.concept_id,
        inputs.persona,
        inputs.needs_map,
        inputs.target_groups,
        inputs.project,
        **services(inputs.model),
    )


def analyse_answers(
    table: SurveyTable,
    questionnaire: Questionnaire,
    version: int,
    project: Project,
    charts_dir: Path,
    embedder: Embedder,
    corrections: dict[str, str] | None = None,
    needs_map: NeedsMap | None = None,
    concept: ConceptHypothesis | None = None,
) -> SurveyResults:
    """The answers analysed against questionnaire ``version``; charts as PNG in ``charts_dir``.

    ``corrections``: surveys/mapping.yaml as read (column → item id, block or ``ignore``). ``needs_map``
    and ``concept`` (the approved needs and the chosen concept), when given, let a column of the
    organisation's own survey be recognised as a question about one need or theme.
    """
    prototypes = project_prototypes(needs_map, concept)
    return analyse(table, questionnaire, version, project, charts_dir, embedder, corrections, prototypes)


def advice_on(results: SurveyResults, questionnaire: Questionnaire, project: Project) -> GoNoGoAdvice:
    """The evidence against the thresholds in samen.yaml: advice for the person who decides."""
    return advise(results, questionnaire, project)


def run_test(
    inputs: TestInputs, table: SurveyTable | None, charts_dir: Path, embedder: Embedder
) -> TestResult:
    """Every step of phase 2b in process; without answers (``table`` None) only the questionnaire."""
    questionnaire = draft_questionnaire(inputs)
    if table is None:
        return TestResult(questionnaire=questionnaire, results=None, advice=None)
    concept = next((c for c in inputs.concepts.concepts if c.id == inputs.concept_id), None)
    results = analyse_answers(
        table, questionnaire, 1, inputs.project, charts_dir, embedder, None, inputs.needs_map, concept
    )
    return TestResult(
        questionnaire=questionnaire, results=results, advice=advice_on(results, questionnaire, inputs.project)
    )
