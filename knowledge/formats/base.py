"""What every format parser returns: raw turns that know the file lines they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Line:
    """A piece of turn text and the file lines it spans (1-based, inclusive).

    For text files and subtitles ``start == end``; a JSON object or a Word paragraph may span more.
    An empty ``text`` marks a paragraph break inside a turn.
    """

    start: int
    end: int
    text: str


@dataclass
class RawTurn:
    """One speaker turn before pseudonymisation: the label as written (or None when unlabelled)."""

    speaker: str | None
    lines: list[Line] = field(default_factory=list)
    cue: str | None = None

    @property
    def text(self) -> str:
        paragraphs: list[str] = []
        current: list[str] = []
        for line in self.lines:
            if line.text.strip():
                current.append(line.text.strip())
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)

    @property
    def line_start(self) -> int:
        return min(line.start for line in self.lines if line.text.strip())

    @property
    def line_end(self) -> int:
        return max(line.end for line in self.lines if line.text.strip())

    def is_empty(self) -> bool:
        return not any(line.text.strip() for line in self.lines)

    def trimmed(self) -> RawTurn:
        """The turn without leading and trailing blank lines."""
        lines = list(self.lines)
        while lines and not lines[0].text.strip():
            lines.pop(0)
        while lines and not lines[-1].text.strip():
            lines.pop()
        return RawTurn(self.speaker, lines, self.cue)


@dataclass(frozen=True)
class Skipped:
    """A part of a file that was skipped while the rest was read."""

    line: int | None
    message: str
    hint: str = ""


@dataclass
class ParsedFile:
    """Everything a parser found in one file."""

    turns: list[RawTurn]
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    labelled: bool = True
    warnings: list[Skipped] = field(default_factory=list)
