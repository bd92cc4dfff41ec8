"""What goes into the knowledge store and what comes back out of it: typed, so agents never read a dict."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

GuidancePhase = Literal["initiative", "concept", "test", "core-group", "strategy", "plan", "launch"]
GUIDANCE_PHASES: tuple[GuidancePhase, ...] = (
    "initiative",
    "concept",
    "test",
    "core-group",
    "strategy",
    "plan",
    "launch",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Passage(_Strict):
    """One piece of methodology guidance, retrievable by meaning."""

    id: str
    text: str = Field(min_length=1)
    phase: str = Field(description="initiative, concept, test, core-group, strategy, plan or launch.")
    language: str = "nl"
    kind: str = Field(default="guidance", description="guidance, example, checklist, need…")
    source: str = ""


class NoteHit(_Strict):
    """An interview note (pseudonymised) that the store found, with where it was said."""

    id: str = Field(description="The note's id, as in the corpus and the artefacts' evidence.")
    text: str
    source: str = Field(description="The transcript, relative to the project folder.")
    line: int = Field(ge=0, description="The first line of the note in its source.")
    line_end: int = Field(ge=0)
    speaker: str = Field(description="The pseudonym of who said it.")
    interview_id: str
    similarity: float = Field(description="Cosine similarity to what was asked, -1 to 1.")


class GuidanceHit(_Strict):
    """A methodology passage for a phase, most relevant first (or in the guide's order without a query)."""

    id: str
    text: str
    phase: str
    language: str
    kind: str
    source: str
    similarity: float | None = Field(default=None, description="None when no query ranked it.")


class SyncReport(_Strict):
    """What one indexing run changed in a collection. All zero but ``unchanged`` on a rerun."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def wrote(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class IndexReport(_Strict):
    """What indexing a project did to its notes and its methodology passages."""

    project_id: str
    notes: SyncReport
    passages: SyncReport
