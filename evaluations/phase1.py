"""Phase 1 drafted in-process (no Prefect), for evaluation cases and benchmarks.

Runs the same runner the flow's tasks wrap (:mod:`agents.initiative.runner`): with a chat model the
statements are coded and the needs named, as ``samen run initiative`` does. :func:`run_phase1` works on a
temporary copy of the project, so an example folder is never written to; :func:`draft_phase1` on a folder
the caller prepared (the evaluation runner's copy). There is no reviewer, so no seed.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from langchain_core.language_models import BaseChatModel

from agents.initiative.runner import ChatAccess, Phase1Inputs
from agents.initiative.runner import run_phase1 as run_phase1_steps
from agents.initiative.statement_features import FeatureSettings
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.notes import Corpus
from artefacts.project import Project
from knowledge.embeddings import make_embedder
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser


@dataclass
class Phase1:
    project: Project
    corpus: Corpus
    needs_map: NeedsMap
    champions: Champions
    target_groups: TargetGroups


def draft_phase1(
    root: Path,
    project: Project,
    *,
    cache_dir: Path | None = None,
    model: ChatAccess | None = None,
    method: str = "library",
    features: FeatureSettings | None = None,
) -> Phase1:
    """Phase 1 on the project in ``root`` (written to: its pseudonym mapping lands in ``.samen/``)."""
    corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
    embed = make_embedder(project.embeddings, cache_dir).embed_documents
    inputs = Phase1Inputs(
        corpus=corpus,
        vectors=embed([n.text for n in corpus.statements()]),
        project=project,
        embed=embed,
        model=model,
        method=method,
        features=features or FeatureSettings(),
    )
    result = run_phase1_steps(inputs)
    return Phase1(
        project=project,
        corpus=corpus,
        needs_map=result.needs_map,
        champions=result.champions,
        target_groups=result.target_groups,
    )


def run_phase1(
    project_dir: Path,
    *,
    embedder: str | None = None,
    cache_dir: Path | None = None,
    llm: BaseChatModel | None = None,
    method: str = "library",
    features: FeatureSettings | None = None,
) -> Phase1:
    with tempfile.TemporaryDirectory(prefix="samen-eval-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(project_dir, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
        project = Project.model_validate(yaml.safe_load((root / "samen.yaml").read_text(encoding="utf-8")))
        if embedder:
            project.embeddings.name = embedder  # type: ignore[assignment]
        return draft_phase1(
            root,
            project,
            cache_dir=cache_dir,
            model=ChatAccess(llm) if llm is not None else None,
            method=method,
            features=features,
        )
