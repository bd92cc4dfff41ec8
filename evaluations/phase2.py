"""Phases 1, 2a and 2b drafted in-process (no Prefect), for evaluation cases and benchmarks.

Runs the same runners the flows' tasks wrap (:mod:`agents.initiative.runner`,
:mod:`agents.concept.runner`, :mod:`agents.test.runner`), on a temporary copy of the project so an
example folder is never written to. There is no reviewer: the needs map is taken as drafted, the
concept given as ``choice`` is the one tested, and the survey answers in the project's ``surveys/``
are analysed against the drafted questionnaire. The decision at the gate stays a person's: the result
carries the advice, never a decision.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from agents.concept.runner import ConceptInputs, ConceptResult, run_concept
from agents.shared.chat_access import ChatAccess
from agents.shared.retrieval import Retriever
from agents.test.runner import TestInputs, TestResult, run_test
from artefacts.concept import ConceptHypotheses, Persona
from evaluations.phase1 import Phase1, run_phase1
from knowledge.embeddings import make_embedder
from knowledge.surveys import read_surveys


@dataclass
class Phase2:
    phase1: Phase1
    concepts: ConceptHypotheses
    persona: Persona
    test: TestResult


def draft_concept(
    first: Phase1, choice: str, model: ChatAccess | None = None, knowledge: Retriever | None = None
) -> ConceptResult:
    """Phase 2a from phase 1's drafts, as if the needs map were approved and ``choice`` chosen."""
    inputs = ConceptInputs(
        needs_map=first.needs_map,
        target_groups=first.target_groups.with_titles_from(first.needs_map),
        project=first.project,
        model=model,
        knowledge=knowledge,
    )
    return run_concept(inputs, first.champions, choice=choice)


def draft_test(
    first: Phase1,
    concept: ConceptResult,
    choice: str,
    root: Path,
    *,
    surveys: bool = True,
    cache_dir: Path | None = None,
    model: ChatAccess | None = None,
) -> TestResult:
    """Phase 2b: the questionnaire, and with answers in ``root/surveys`` their analysis and the advice."""
    assert concept.persona is not None  # a choice was given
    test_inputs = TestInputs(
        concepts=concept.concepts,
        concept_id=choice.upper(),
        persona=concept.persona,
        needs_map=first.needs_map,
        target_groups=first.target_groups.with_titles_from(first.needs_map),
        project=first.project,
        model=model,
    )
    folder = root / "surveys"
    answers = surveys and folder.is_dir() and any(p.suffix in (".csv", ".xlsx") for p in folder.iterdir())
    table = read_surveys(folder, root) if answers else None
    embedder = make_embedder(first.project.embeddings, cache_dir)
    return run_test(test_inputs, table, root / "charts", embedder)


def run_phase2(
    project_dir: Path,
    *,
    choice: str = "C1",
    embedder: str | None = None,
    cache_dir: Path | None = None,
    llm: BaseChatModel | None = None,
) -> Phase2:
    first = run_phase1(project_dir, embedder=embedder, cache_dir=cache_dir, llm=llm)
    model = ChatAccess(llm) if llm is not None else None
    concept = draft_concept(first, choice, model)
    assert concept.persona is not None  # a choice was given
    with tempfile.TemporaryDirectory(prefix="samen-eval-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(project_dir, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
        test = draft_test(first, concept, choice, root, cache_dir=cache_dir, model=model)
    return Phase2(phase1=first, concepts=concept.concepts, persona=concept.persona, test=test)
