"""What people said, after reading and pseudonymising: interviews, turns and notes.

A note is one statement of an interviewee, small enough to carry one idea, with its provenance: the
file, the line range, the speaker's pseudonym and the question that prompted it.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import Field

from artefacts.base import Strict

NoteKind = Literal["statement", "smalltalk", "process", "instruction"]


class Provenance(Strict):
    source: str = Field(description="Interview file, relative to the project folder (posix separators).")
    line_start: int = Field(ge=1, description="First line in the file (1-based).")
    line_end: int = Field(ge=1, description="Last line in the file (1-based, inclusive).")
    cue: str | None = Field(default=None, description="Subtitle cue id or time code, for .vtt/.srt files.")

    def label(self) -> str:
        if self.line_start == self.line_end:
            return f"{self.source}:{self.line_start}"
        return f"{self.source}:{self.line_start}-{self.line_end}"


class Turn(Strict):
    """One speaker turn as read from a file, before segmentation. Text is pseudonymised."""

    speaker: str = Field(description="Pseudonym of the speaker.")
    role: Literal["interviewer", "interviewee"]
    text: str
    provenance: Provenance


class Interview(Strict):
    id: str = Field(description="Stable id derived from the file path.")
    source: str
    language: str = Field(description="Detected language code (nl, en, …).")
    participant: str = Field(description="Pseudonym of the (main) interviewee.")
    participants: list[str] = Field(default_factory=list, description="All interviewee pseudonyms.")
    interviewer: str | None = None
    metadata: dict[str, str] = Field(
        default_factory=dict, description="role, segment, age band… of the interviewee."
    )
    turns: list[Turn] = Field(default_factory=list)


class Note(Strict):
    id: str = Field(description="Stable id: a hash of source, lines and text.")
    interview_id: str
    speaker: str = Field(description="Pseudonym of the interviewee who said it.")
    text: str = Field(description="The statement, pseudonymised, verbatim otherwise.")
    context: str = Field(
        default="", description="The interviewer's question or preceding turn that prompted it."
    )
    kind: NoteKind = "statement"
    language: str = "nl"
    provenance: Provenance
    metadata: dict[str, str] = Field(default_factory=dict)

    @staticmethod
    def make_id(source: str, line_start: int, text: str) -> str:
        digest = hashlib.sha256(f"{source}\x00{line_start}\x00{text}".encode()).hexdigest()
        return f"n-{digest[:10]}"


class ReadProblem(Strict):
    """A file (or part of one) that could not be read; the run goes on without it."""

    source: str
    line: int | None = None
    message: str
    hint: str = ""


class Corpus(Strict):
    """Everything read from the interviews folder in one run."""

    schema_version: int = 1
    interviews: list[Interview] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    problems: list[ReadProblem] = Field(default_factory=list)
    warnings: list[str] = Field(
        default_factory=list,
        description="What the reading was unsure of (who interviewed, the interviews' language), "
        "each with what to do; carried into the needs map's meta.warnings.",
    )

    def statements(self) -> list[Note]:
        return [n for n in self.notes if n.kind == "statement"]
