"""One project's settings and services, built once per command: workspace, embedder, knowledge store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from artefacts.project import Project
from artefacts.store import Workspace
from flows.scaffold import load_project

if TYPE_CHECKING:
    from knowledge.store import KnowledgeStore

Progress = Callable[[int, int], None]


@dataclass
class ProjectContext:
    root: Path
    project: Project
    progress: Progress | None = field(default=None, repr=False)

    @classmethod
    def open(cls, root: Path, progress: Progress | None = None) -> ProjectContext:
        root = Path(root).resolve()
        return cls(root=root, project=load_project(root), progress=progress)

    @cached_property
    def workspace(self) -> Workspace:
        return Workspace(self.root)

    @property
    def state_dir(self) -> Path:
        return self.root / ".samen"

    @cached_property
    def embedder(self):  # noqa: ANN201 - an Embedder
        from knowledge.embeddings import make_embedder

        return make_embedder(
            self.project.embeddings,
            self.state_dir / "embeddings",
            progress=self.progress,
            language=self.project.language,
        )

    @cached_property
    def knowledge(self) -> KnowledgeStore:
        """The project's knowledge store, for reads: ``evidence_for``, ``notes_like``, ``guidance``."""
        from knowledge.project_knowledge import open_knowledge

        return open_knowledge(self.root, self.project, self.embedder)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embedder.embed_documents(texts)
