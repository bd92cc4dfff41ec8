"""What every stored artefact carries: who or what made it, from which inputs, with which prompt."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

DraftedBy = Literal["deterministic", "model", "reviewer"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PromptRef(Strict):
    name: str
    version: str
    sha256: str = ""


class ArtefactMeta(Strict):
    """Provenance of one artefact version."""

    language: str = Field(description="Language of the artefact's text (the project language).")
    drafted_by: DraftedBy = "deterministic"
    model: dict[str, str] | None = Field(
        default=None, description="Provider, model and settings; no secrets."
    )
    prompts: list[PromptRef] = Field(default_factory=list)
    fallback: str | None = Field(
        default=None, description="Why the deterministic draft was kept although a model was configured."
    )
    based_on: dict[str, int] = Field(
        default_factory=dict, description="Artefact name → version this one was made from."
    )
    inputs_digest: str = Field(
        default="", description="Hash of the inputs (interviews, settings) it was made from."
    )
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    notes: list[str] = Field(
        default_factory=list, description="Remarks for the reviewer (problems, caveats)."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="What a reviewer must see before approving: where Samen was unsure (who interviewed, "
        "which survey column answers which question, a file it could not read) and what to do about it. "
        "Shown at the top of the artefact, in the run's output and in `samen status`.",
    )


class Artefact(Strict):
    """Base of every stored artefact. Subclasses set ``artefact_name`` and ``phase``."""

    artefact_name: ClassVar[str] = ""
    phase: ClassVar[str] = ""

    schema_version: int = 1
    meta: ArtefactMeta

    def content_equals(self, other: Artefact) -> bool:
        """Same content made from the same versions, ignoring when and by which run it was made.

        A draft that reads the same but rests on another version of its inputs (``meta.based_on``) is a
        new version: what was decided on the old inputs must not silently carry over to the new ones.
        """
        skip = {"meta"}
        return (
            self.model_dump(exclude=skip) == other.model_dump(exclude=skip)
            and self.meta.based_on == other.meta.based_on
        )


class Quote(Strict):
    """A verbatim piece of what someone said, traced to the file and lines it came from."""

    note_id: str
    text: str = Field(description="Verbatim text of the note (pseudonymised).")
    source: str
    line_start: int
    line_end: int
    speaker: str

    def where(self) -> str:
        lines = (
            f"{self.line_start}" if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"
        )
        return f"{self.source}:{lines}"
