"""Phase 1 drafted in-process (no Prefect), for evaluation cases and benchmarks.

Runs on a temporary copy of the project, so an example folder is never written to.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from langchain_core.language_models import BaseChatModel

from agents.initiative import champions as champions_agent
from agents.initiative import needs_map as needs_map_agent
from agents.initiative.needs_model import name_needs
from agents.initiative.statement_features import FeatureSettings
from artefacts.initiative import Champions, NeedsMap
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
        corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
        statements = corpus.statements()
        embed = make_embedder(project.embeddings, cache_dir).embed_documents
        vectors = embed([n.text for n in statements])
        inputs = needs_map_agent.NeedsMapInputs(
            notes=corpus.notes,
            vectors=vectors,
            language=project.language,
            guide=project.guide,
            codebook=project.codebook,
            embed=embed,
            method=method,
            features=features or FeatureSettings(),
        )
        needs_map = needs_map_agent.draft(inputs)
        if llm is not None:
            needs_map = name_needs(needs_map, llm)
        champions = champions_agent.draft(corpus.interviews, corpus.notes, needs_map, project.language)
        return Phase1(project=project, corpus=corpus, needs_map=needs_map, champions=champions)
