"""Build one ``Interview`` and its ``Note``s from a parsed file whose speakers are registered.

Texts are pseudonymised line by line first, so line numbers survive; then the language is detected,
and each interviewee turn is segmented into statements, classified, and given the interviewer's
last question as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from artefacts.messages import message
from artefacts.notes import Interview, Note, NoteKind, Provenance, ReadProblem, Turn
from artefacts.project import Project
from knowledge.formats.base import Line, ParsedFile, RawTurn
from knowledge.language import declared_language, detect_language
from knowledge.note_kinds import classify, is_frame_turn, shares_contact_details
from knowledge.participants import Sidecar
from knowledge.pseudonymise import Pseudonymiser
from knowledge.segmentation import segment
from knowledge.speakers import INTERVIEWER_KEYS, PARTICIPANT_KEYS, Cast, Speaker

CONTEXT_CHARS = 300
NOT_METADATA = {*PARTICIPANT_KEYS, *INTERVIEWER_KEYS, "language", "taal"}


@dataclass
class FileRead:
    """One parsed file, who speaks in each of its turns, and their pseudonyms."""

    source: str  # relative to the project folder; as shown (pseudonymised) once its people are known
    name: str  # relative to the interviews folder
    parsed: ParsedFile
    cast: Cast
    speakers: list[Speaker] = field(default_factory=list)
    pseudonyms: list[str] = field(default_factory=list)
    real_source: str = ""  # ``source`` as read, before a name in it is pseudonymised

    def __post_init__(self) -> None:
        self.real_source = self.real_source or self.source


@dataclass
class _Turn:
    raw: RawTurn
    lines: list[Line]
    speaker: Speaker
    pseudonym: str

    @property
    def text(self) -> str:
        return RawTurn(None, self.lines).text


def build_interview(
    read: FileRead, project: Project, pseudonymiser: Pseudonymiser, sidecar: Sidecar
) -> tuple[Interview, list[Note]] | ReadProblem:
    """The interview and notes of one file, or a problem when it holds no interviewee turns."""
    turns = [
        _Turn(
            raw,
            [Line(x.start, x.end, pseudonymiser.pseudonymise(x.text)) for x in raw.lines],
            speaker,
            pseudonym,
        )
        for raw, speaker, pseudonym in zip(read.parsed.turns, read.speakers, read.pseudonyms, strict=True)
    ]
    spoken = [t for t in turns if t.speaker.role == "interviewee"]
    if not spoken:
        return ReadProblem(
            source=read.source,
            message=message(project.language, "no_interviewee_turns" if turns else "no_turns"),
            hint=message(project.language, "label_turns_hint"),
        )
    default = project.language
    language = declared_language(read.parsed.metadata.get("language")) or detect_language(
        " ".join(t.text for t in spoken), default
    )
    interview_id = make_interview_id(pseudonymiser.source_name(read.name))
    interview = Interview(
        id=interview_id,
        source=read.source,
        language=language,
        participant=_main(spoken),
        participants=list(dict.fromkeys(t.pseudonym for t in spoken)),
        interviewer=next((t.pseudonym for t in turns if t.speaker.role == "interviewer"), None)
        or _named_interviewer(read, pseudonymiser),
        metadata=_metadata(read, sidecar, None, pseudonymiser),
        turns=[_turn(t, read.source) for t in turns],
    )
    return interview, _notes(turns, read, interview_id, language, sidecar, pseudonymiser)


def _named_interviewer(read: FileRead, pseudonymiser: Pseudonymiser) -> str | None:
    """The interviewer the header or front matter names, for notes in which they never speak."""
    named = read.cast.interviewers
    return pseudonymiser.speaker(named[0], "interviewer") if named else None


def make_interview_id(name: str) -> str:
    """A stable id from the path inside the interviews folder: ``nl/jan.txt`` -> ``nl-jan-txt``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "interview"


def _notes(
    turns: list[_Turn],
    read: FileRead,
    interview_id: str,
    language: str,
    sidecar: Sidecar,
    pseudonymiser: Pseudonymiser,
) -> list[Note]:
    notes: list[Note] = []
    context = ""
    metadata: dict[str, dict[str, str]] = {}
    framed = frame_turns(turns)
    in_frame = False
    for index, turn in enumerate(turns):
        if turn.speaker.role == "interviewer":
            context = trim_context(turn.text)
            in_frame = index in framed
            continue
        if turn.pseudonym not in metadata:
            metadata[turn.pseudonym] = _metadata(read, sidecar, turn.speaker, pseudonymiser)
        for statement in segment(turn.lines, language):
            provenance = Provenance(
                source=read.source,
                line_start=statement.line_start,
                line_end=statement.line_end,
                cue=turn.raw.cue,
            )
            notes.append(
                Note(
                    id=Note.make_id(read.source, statement.line_start, statement.text),
                    interview_id=interview_id,
                    speaker=turn.pseudonym,
                    text=statement.text,
                    context=context,
                    kind=_kind(statement.text, language, in_frame),
                    language=language,
                    provenance=provenance,
                    metadata=metadata[turn.pseudonym],
                )
            )
    return notes


def frame_turns(turns: list[_Turn]) -> set[int]:
    """Indices of the interviewer turns that open or close the interview (greeting, recording, thanks).

    The opening run ends at the first interviewer turn that asks something of substance; the closing
    run starts after the last one. Turns in between are never frame, however chatty.
    """
    asking = [i for i, t in enumerate(turns) if t.speaker.role == "interviewer"]
    frame = {i for i in asking if is_frame_turn(turns[i].text)}
    substantive = [i for i in asking if i not in frame]
    if not substantive:
        return set()
    return {i for i in frame if i < substantive[0] or i > substantive[-1]}


def _kind(text: str, language: str, in_frame: bool) -> NoteKind:
    kind = classify(text, language)
    if kind != "statement":
        return kind
    if in_frame:
        return "process" if shares_contact_details(text) else "smalltalk"
    return kind


def trim_context(text: str, limit: int = CONTEXT_CHARS) -> str:
    """The end of a question that is too long: the question itself is usually last."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    tail = text[-(limit - 1) :]
    cut = tail.find(" ")
    return "…" + (tail[cut + 1 :] if 0 <= cut < 40 else tail)


def _main(spoken: list[_Turn]) -> str:
    counts: dict[str, int] = {}
    for turn in spoken:
        counts[turn.pseudonym] = counts.get(turn.pseudonym, 0) + len(turn.text.split())
    return max(counts, key=lambda p: counts[p])  # the first one wins a tie: dicts keep order


def _turn(turn: _Turn, source: str) -> Turn:
    raw = turn.raw
    provenance = Provenance(source=source, line_start=raw.line_start, line_end=raw.line_end, cue=raw.cue)
    return Turn(speaker=turn.pseudonym, role=turn.speaker.role, text=turn.text, provenance=provenance)


def _metadata(
    read: FileRead, sidecar: Sidecar, speaker: Speaker | None, pseudonymiser: Pseudonymiser
) -> dict[str, str]:
    """participants.csv (the file's row, then the speaker's), overlaid by the front matter."""
    name = speaker.name if speaker is not None and speaker.is_name else None
    merged = sidecar.metadata(read.name, name)
    for key, value in read.parsed.metadata.items():
        text = _as_text(value)
        if key.lower() not in NOT_METADATA and text:
            merged[key] = text
    return {key: pseudonymiser.pseudonymise(value) for key, value in merged.items()}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(v) for v in value if _as_text(v))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())
