"""One project's settings and services, opened once: workspace, embedder, knowledge store.

``ProjectContext.open(root)`` parses ``samen.yaml`` once per process while the file is unchanged (its
size and modification time key the cache), so the flow and each of its tasks share one frozen context and
its services (one embedder, one workspace) instead of re-reading the project file at every step. Tasks
still take the project folder as a string: that is what keys their persisted results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from artefacts.project import Project
from artefacts.store import Workspace
from flows.scaffold import load_project

if TYPE_CHECKING:
    from knowledge.store import KnowledgeStore

Progress = Callable[[int, int], None]


class ProgressSlot:
    """Where the embedder reports progress: the step that embeds plugs its reporter in for a while."""

    def __init__(self) -> None:
        self.target: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.target is not None:
            self.target(done, total)


@dataclass(frozen=True)
class ProjectContext:
    root: Path
    project: Project
    _progress: ProgressSlot = field(default_factory=ProgressSlot, repr=False, compare=False)

    @classmethod
    def open(cls, root: Path | str) -> ProjectContext:
        """The project at ``root``, parsed once per process while its samen.yaml is unchanged."""
        resolved = Path(root).resolve()
        try:
            stat = (resolved / "samen.yaml").stat()
            key = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (0, 0)  # load_project says what is missing
        return _open(resolved, key)

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
            progress=self._progress,
            language=self.project.language,
        )

    @cached_property
    def knowledge(self) -> KnowledgeStore:
        """The project's knowledge store, for reads: ``evidence_for``, ``notes_like``, ``guidance``."""
        from knowledge.project_knowledge import open_knowledge

        return open_knowledge(self.root, self.project, self.embedder)

    def embed(self, texts: list[str], progress: Progress | None = None) -> np.ndarray:
        with self.reporting(progress):
            return self.embedder.embed_documents(texts)

    @contextmanager
    def reporting(self, progress: Progress | None) -> Iterator[None]:
        """Let the embedder report to ``progress`` within the block."""
        before, self._progress.target = self._progress.target, progress
        try:
            yield
        finally:
            self._progress.target = before


@lru_cache(maxsize=16)
def _open(root: Path, _fingerprint: tuple[int, int]) -> ProjectContext:
    return ProjectContext(root=root, project=load_project(root))
