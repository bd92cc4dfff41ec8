"""Phase 1, Initiative: from interview transcripts to a needs map, champions and target groups.

A Prefect flow of a few coarse tasks; the drafting tasks each wrap a step of the phase-1 runner
(:mod:`agents.initiative.runner`, which the evaluations call whole). Reading and embedding have
persisted, input-keyed results (and embeddings are cached per note by content hash), so a rerun after
adding one interview reads and embeds only what changed; drafting is quick and always runs, seeded with
the reviewer's structure.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import INPUTS, TASK_SOURCE

from agents.initiative import runner as phase1
from artefacts.base import Artefact
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.notes import Corpus
from artefacts.recovery_text import recovery_message
from artefacts.render_markdown import render_markdown
from flows.context import ProjectContext
from flows.messages import message
from flows.model_step import chat_access, name_needs_step
from flows.progress import reporter
from flows.review import reviewed_structure
from flows.run_names import flow_run_name
from flows.task_inputs import as_is
from knowledge.embedding_cache import CachedEmbedder
from knowledge.ingest import read_corpus, require_statements
from knowledge.pseudonymise import Pseudonymiser
from knowledge.safe_files import MAX_DOCX_BYTES, content_digest, is_listed

CACHED = INPUTS + TASK_SOURCE


def interviews_digest(context: ProjectContext) -> str:
    """A hash of every interview file and of the settings that change how they are read."""
    digest = hashlib.sha256()
    folder = context.root / context.project.interviews.folder
    roots = (context.root, folder)
    for path in sorted(p for p in folder.rglob("*") if is_listed(p)) if folder.is_dir() else []:
        digest.update(str(path.relative_to(context.root)).encode())
        digest.update(content_digest(path, roots, limit=MAX_DOCX_BYTES))  # links out, FIFOs: never opened
    settings = {
        "interviews": context.project.interviews.model_dump(),
        "privacy": context.project.privacy.model_dump(),
        "language": context.project.language,
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


@task(name="read-interviews", cache_policy=CACHED)
def read_interviews(root: str, digest: str) -> Corpus:
    """Read, pseudonymise and segment every transcript. ``digest`` keys the cache."""
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_reading_interviews"))
    pseudonymiser = Pseudonymiser.for_project(context.root, context.project)
    return read_corpus(context.root, context.project, pseudonymiser)


@task(name="embed-notes", cache_policy=CACHED)
def embed_notes(root: str, embedder: str, texts: list[str]) -> np.ndarray:
    """Vectors for the statements, in order; each text is embedded once ever (content-hash cache)."""
    context = ProjectContext.open(Path(root))
    language = context.project.language
    label = message(language, "progress_embedding")
    reporter().step(message(language, "step_embedding", count=len(texts), embedder=embedder))
    known = context.embedder.known(texts) if isinstance(context.embedder, CachedEmbedder) else 0
    if known:  # an earlier run (perhaps one that was stopped) embedded these already
        distinct = len(set(texts))
        reporter().step(
            recovery_message(language, "embedding_resumed", known=known, missing=distinct - known)
        )
    return context.embed(texts, progress=lambda done, total: reporter().advance(label, done, total))


@task(name="index-knowledge")
def index_knowledge(root: str, corpus: Corpus) -> int:
    """Put the notes and the methodology corpus into the project's chromadb store (a sync: a rerun
    of unchanged notes writes nothing, removed notes disappear); returns the number of passages."""
    from knowledge.project_knowledge import index_project

    context = ProjectContext.open(Path(root))
    report = index_project(context.root, context.project, context.embedder, corpus.statements())
    return report.passages.added + report.passages.updated + report.passages.unchanged


@task(name="cluster-needs", timeout_seconds=3600)
def cluster_needs(root: str, corpus: Corpus, vectors: np.ndarray) -> NeedsMap:
    """Cluster the statements into needs: seeded by the reviewer's structure when there is one,
    coded statement by statement when a chat model is configured, otherwise the offline method."""
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_clustering"))
    inputs = phase1.Phase1Inputs(
        corpus=corpus,
        vectors=vectors,
        project=context.project,
        embed=context.embed,
        seed=reviewed_structure(context.workspace),
        model=chat_access(context),
    )
    if phase1.needs_path(inputs) == "coded":
        reporter().step(message(context.project.language, "step_coding"))
    return phase1.cluster_needs(inputs)


@task(name="rank-champions")
def rank_champions(root: str, corpus: Corpus, needs_map: NeedsMap) -> Champions:
    context = ProjectContext.open(Path(root))
    return phase1.rank_champions(corpus, needs_map, context.project)


@task(name="map-target-groups")
def map_target_groups(root: str, corpus: Corpus, needs_map: NeedsMap, champions: Champions) -> TargetGroups:
    context = ProjectContext.open(Path(root))
    return phase1.map_target_groups(corpus, needs_map, champions, context.project, context.embed)


@task(name="store-artefacts")
def store_artefacts(root: str, artefacts: list[Artefact], digest: str) -> dict[str, int]:
    """Save each artefact as a new version (unless unchanged) and publish it as a Prefect artifact."""
    context = ProjectContext.open(Path(root))
    versions = {}
    for artefact in artefacts:
        artefact.meta.inputs_digest = digest
        version, created = context.workspace.save(artefact)
        name = type(artefact).artefact_name
        versions[name] = version
        unchanged = message(artefact.meta.language, "unchanged", name=name, version=version)
        create_markdown_artifact(
            key=name,
            markdown=render_markdown(artefact, version=version),
            description=f"{name} v{version}" if created else unchanged,
        )
    return versions


@flow(name="initiative", flow_run_name=flow_run_name, log_prints=False)
def initiative(root: str) -> dict[str, int]:
    """Phase 1: needs map, champions and target groups from the interviews in ``root``."""
    context = ProjectContext.open(Path(root))
    digest = interviews_digest(context)
    corpus = read_interviews(str(context.root), digest)
    require_statements(corpus, context.root, context.project)  # before chromadb sees an empty list
    statements = corpus.statements()
    vectors = embed_notes(str(context.root), context.project.embeddings.name, [n.text for n in statements])
    notes = as_is(corpus)  # not walked by Prefect (flows/task_inputs.py)
    index_knowledge(str(context.root), notes)
    needs_map = cluster_needs(str(context.root), notes, vectors)
    needs_map = name_needs_step(str(context.root), as_is(needs_map))
    needs_map = phase1.note_reading_problems(needs_map, corpus)
    mapped = as_is(needs_map)
    champions = rank_champions(str(context.root), notes, mapped)
    target_groups = map_target_groups(str(context.root), notes, mapped, as_is(champions))
    drafted = [needs_map, champions, target_groups]
    return store_artefacts(str(context.root), as_is(drafted), digest)
