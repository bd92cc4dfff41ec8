"""The sidecar ``interviews/participants.csv``: metadata per interview file and per speaker.

Columns: ``file`` (the interview file, relative to the interviews folder, or just its name),
``speaker`` (optional: for files with several interviewees), and any others (``role``, ``segment``,
``age_band``…), which become metadata. The delimiter may be ``;`` or ``,``; a byte order mark is fine.
A row that cannot be used is reported with its line and the rest is read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from artefacts.notes import ReadProblem
from knowledge.encodings import decode_bytes
from knowledge.safe_files import MAX_TEXT_BYTES, read_checked

SIDECAR_NAME = "participants.csv"
FILE_COLUMNS = ("file", "bestand", "filename", "bestandsnaam")
SPEAKER_COLUMNS = ("speaker", "spreker", "name", "naam", "participant", "deelnemer")


@dataclass(frozen=True)
class ParticipantRow:
    file: str
    speaker: str | None
    metadata: dict[str, str]
    line: int


@dataclass
class Sidecar:
    """The rows of participants.csv and the problems met while reading it."""

    rows: list[ParticipantRow] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)

    def rows_for(self, name: str) -> list[ParticipantRow]:
        """Rows that describe the file ``name`` (relative to the interviews folder, posix)."""
        return [row for row in self.rows if _matches(row.file, name)]

    def speakers(self, name: str) -> list[str]:
        return [row.speaker for row in self.rows_for(name) if row.speaker]

    def metadata(self, name: str, speaker: str | None = None) -> dict[str, str]:
        """Metadata of the file, overlaid by the row of ``speaker`` when there is one."""
        merged: dict[str, str] = {}
        rows = self.rows_for(name)
        for row in rows:
            if row.speaker is None or len(rows) == 1:
                merged.update(row.metadata)
        for row in rows:
            if speaker is not None and row.speaker and _same_person(row.speaker, speaker):
                merged.update(row.metadata)
        return merged

    def unmatched(self, names: list[str], source: str, language: str = FALLBACK) -> list[ReadProblem]:
        """A problem for each row that names no interview file that was found."""
        return [
            ReadProblem(
                source=source,
                line=row.line,
                message=message(language, "sidecar_unknown_file", file=repr(row.file)),
                hint=message(language, "sidecar_unknown_file_hint"),
            )
            for row in self.rows
            if not any(_matches(row.file, name) for name in names)
        ]


def read_sidecar(path: Path, source: str, language: str = FALLBACK) -> Sidecar:
    """Read participants.csv at ``path``; a missing file is an empty sidecar, a link out of the
    project folder or a special file one with a problem."""
    if not path.is_symlink() and not path.exists():
        return Sidecar()
    try:
        data = read_checked(path, source, (path.parent.parent,), limit=MAX_TEXT_BYTES, language=language)
        decoded = decode_bytes(data, source, language)
    except InputError as exc:
        problem = ReadProblem(source=source, line=exc.line, message=exc.message, hint=exc.hint or "")
        return Sidecar(problems=[problem])
    sidecar = parse_sidecar(decoded.text, source, language)
    if decoded.guessed_line is not None:
        said = message(language, "encoding_read_as", encoding="Windows-1252")
        hint = message(language, "encoding_save_utf8_hint")
        sidecar.problems.append(
            ReadProblem(source=source, line=decoded.guessed_line, message=said, hint=hint)
        )
    if decoded.controls_line is not None:
        said, hint = message(language, "controls_removed"), message(language, "controls_removed_hint")
        sidecar.problems.append(
            ReadProblem(source=source, line=decoded.controls_line, message=said, hint=hint)
        )
    return sidecar


def parse_sidecar(text: str, source: str, language: str = FALLBACK) -> Sidecar:
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    sidecar = Sidecar()
    header = [h.strip().lower().replace(" ", "_") for h in next(reader, [])]
    file_col = next((i for i, h in enumerate(header) if h in FILE_COLUMNS), None)
    if file_col is None:
        sidecar.problems.append(
            ReadProblem(
                source=source,
                line=1,
                message=message(language, "sidecar_no_file_column"),
                hint=message(language, "sidecar_hint"),
            )
        )
        return sidecar
    speaker_col = next((i for i, h in enumerate(header) if h in SPEAKER_COLUMNS), None)
    line = reader.line_num
    for values in reader:
        row_line, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        problem = _check(values, header, file_col, source, row_line, language)
        if problem is not None:
            sidecar.problems.append(problem)
            continue
        cells = [v.strip() for v in values] + [""] * (len(header) - len(values))
        metadata = {
            header[i]: cells[i]
            for i in range(len(header))
            if i not in (file_col, speaker_col) and header[i] and cells[i]
        }
        speaker = cells[speaker_col] if speaker_col is not None and cells[speaker_col] else None
        sidecar.rows.append(ParticipantRow(_normal(cells[file_col]), speaker, metadata, row_line))
    return sidecar


def _check(
    values: list[str], header: list[str], file_col: int, source: str, line: int, language: str
) -> ReadProblem | None:
    if len(values) > len(header):
        return ReadProblem(
            source=source,
            line=line,
            message=message(language, "sidecar_too_many_values", values=len(values), columns=len(header)),
            hint=message(language, "sidecar_too_many_values_hint"),
        )
    if file_col >= len(values) or not values[file_col].strip():
        return ReadProblem(
            source=source,
            line=line,
            message=message(language, "sidecar_no_file"),
            hint=message(language, "sidecar_hint"),
        )
    return None


def _same_person(row_speaker: str, name: str) -> bool:
    """ "Fatima" in participants.csv is "Fatima El Amrani" of the front matter."""
    row, parts = row_speaker.casefold().split(), name.casefold().split()
    return row == parts or (len(row) == 1 and bool(parts) and row[0] in (parts[0], parts[-1]))


def _normal(name: str) -> str:
    posix = name.replace("\\", "/").strip()
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def _matches(row_file: str, name: str) -> bool:
    """A row matches by path inside the interviews folder, by file name, or by name without extension."""
    path = PurePosixPath(name)
    row, full = row_file.casefold(), name.casefold()
    if row in {full, path.name.casefold(), path.stem.casefold()}:
        return True
    return full.endswith("/" + row) or row.endswith("/" + full)  # "sub/a.txt" or "interviews/a.txt"
