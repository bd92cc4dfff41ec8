"""The knowledge store of one project, for flows and agents: open it, index a corpus, read it back.

No CLI, no Prefect: ``index_project`` is what phase 1's ``index-knowledge`` task runs, and
``open_knowledge`` gives any later step the read API (``evidence_for``, ``notes_like``, ``guidance``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from artefacts.notes import Note
from artefacts.project import Project
from knowledge.chroma import CHROMA_URL, drop_legacy_collections
from knowledge.embedding_cache import shared_embedder
from knowledge.embeddings import Embedder
from knowledge.guidance import methodology_passages
from knowledge.hits import IndexReport, Passage
from knowledge.project_id import project_id
from knowledge.store import KnowledgeStore

CHROMA_FOLDER = Path(".samen") / "chroma"


def open_knowledge(
    root: Path, project: Project, embedder: Embedder, *, shared_cache: Path | None = None
) -> KnowledgeStore:
    """The store of the project in ``root``, its notes embedded by ``embedder`` (the project's, cached
    per project), its methodology through the per-user cache (or ``shared_cache``)."""
    root = Path(root)
    store = KnowledgeStore(
        root / CHROMA_FOLDER,
        embedder,
        project_id=project_id(root, project.organisation.name, project.language),
        passage_embedder=shared_embedder(embedder, shared_cache),
    )
    if not os.environ.get(CHROMA_URL):  # the project's own folder: the old shared collections can go
        drop_legacy_collections(store.client)
    return store


def index_project(
    root: Path,
    project: Project,
    embedder: Embedder,
    notes: Sequence[Note],
    *,
    passages: Sequence[Passage] | None = None,
    shared_cache: Path | None = None,
) -> IndexReport:
    """Make the project's store hold exactly ``notes`` and the methodology corpus (or ``passages``)."""
    store = open_knowledge(root, project, embedder, shared_cache=shared_cache)
    return IndexReport(
        project_id=store.project_id,
        notes=store.sync_notes(notes),
        passages=store.sync_passages(methodology_passages() if passages is None else passages),
    )
