"""Survey answers as people export them, read into one table.

Formats: Google Forms CSV (``Tijdstempel``/``Timestamp`` first, one column per question), Microsoft
Forms exports (``ID``, ``Begintijd``/``Start time``, ``Tijd van voltooien``/``Completion time``,
``E-mail``, ``Naam``… first) as XLSX or as the CSV Dutch Excel saves (semicolons, a byte order mark or
Windows-1252, quoted fields with line breaks, sometimes a ``sep=;`` first line), and plain CSV with
commas or semicolons. The delimiter is the one that splits the first records into a constant number of
fields. Columns with names or e-mail addresses are dropped on reading, and their values are masked
wherever a respondent repeated them in another answer: they never reach an artefact.

The same people exported from two tools (a Google Forms and a Microsoft Forms copy of one survey) are
counted once: a row of a later file with the same e-mail address, or the same answers to at least
:data:`SAME_ANSWERS_MIN` shared questions, as a row of an earlier file is dropped and counted in
``duplicates_dropped``.

A file that cannot be read (a link out of the project, a FIFO, empty, only a header, bytes that are
not UTF-8 among UTF-8 ones) becomes a ``ReadProblem`` in ``problems`` and in ``unread``: the survey
flow then refuses to analyse, so the previous results stay the gate's basis. A row whose number of
fields does not match the header (its answers would land under the wrong questions) is a
``ReadProblem`` with the file and line, and the rest is read.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from artefacts.errors import InputError
from artefacts.messages import message, project_language
from artefacts.notes import ReadProblem
from knowledge.encodings import decode_bytes, strip_controls
from knowledge.safe_files import MAX_SURVEY_BYTES, check_file, is_listed, read_checked
from knowledge.survey_answers import answer_key, likert_score
from knowledge.survey_columns import (
    PERSONAL_COLUMNS,
    header_key,
    is_metadata,
    is_personal,
    map_columns,
    normalise_text,
)

__all__ = ["SurveyTable", "map_columns", "read_surveys", "survey_files"]

SURVEY_SUFFIXES = (".csv", ".xlsx")
MASK = "[…]"
_DELIMITERS = (",", ";", "\t")
SAME_ANSWERS_MIN = 4
_CONTACT_HEADER = re.compile(r"mail|telefoon|phone|mobiel|mobile|contact", re.IGNORECASE)
EMAIL_SHARE = 0.5  # a column whose answers are mostly e-mail addresses is personal, whatever its header
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class SurveyTable(BaseModel):
    """Every answer row of every export in the surveys folder, one column per distinct header."""

    model_config = ConfigDict(extra="forbid")

    sources: list[str] = Field(
        default_factory=list, description="Files read, relative to the project folder."
    )
    columns: list[str] = Field(
        default_factory=list, description="Headers in first-seen order (personal ones dropped)."
    )
    rows: list[dict[str, str]] = Field(default_factory=list, description="Column → answer; blank is ''.")
    problems: list[ReadProblem] = Field(default_factory=list)
    unread: list[ReadProblem] = Field(
        default_factory=list, description="The files that could not be read at all, and why."
    )
    duplicates_dropped: int = Field(
        default=0, ge=0, description="Rows left out: the same person in an earlier file."
    )
    contact_columns: list[str] = Field(
        default_factory=list,
        description="Dropped columns that ask for contact details (not the form's own e-mail or name "
        "field): their values are never kept, only whether a row left any (contact_left).",
    )
    contact_left: list[bool] = Field(
        default_factory=list, description="Per row: whether the respondent left contact details."
    )
    origins: list[str] = Field(
        default_factory=list,
        description="Per row: where it was read, 'file:line' (the line of the export, or of the sheet's row), "
        "so that a message about an answer can name it.",
    )


@dataclass
class _Sheet:
    header: list[str]
    header_line: int = 1
    records: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)


def read_surveys(folder: Path, project_dir: Path, language: str | None = None) -> SurveyTable:
    """Read every .csv and .xlsx file in ``folder`` (sorted by name); problems are collected, not raised.

    Problems are written in ``language``; by default the one in ``project_dir``'s samen.yaml.
    """
    language = language or project_language(project_dir)
    table = SurveyTable()
    if not folder.is_dir():
        table.problems.append(
            ReadProblem(
                source=_relative(folder, project_dir),
                message=message(language, "surveys_folder_missing"),
                hint=message(language, "surveys_folder_missing_hint"),
            )
        )
        return table
    files = survey_files(folder)
    if not files:
        table.problems.append(
            ReadProblem(
                source=_relative(folder, project_dir),
                message=message(language, "surveys_none"),
                hint=message(language, "surveys_none_hint"),
            )
        )
    keys: dict[str, str] = {}  # normalised header → the column name used in the table
    seen: dict[tuple[str, ...], str] = {}  # a person's signature → the file it was first seen in
    for path in files:
        source = _relative(path, project_dir)
        try:
            check_file(path, source, (project_dir, folder), limit=MAX_SURVEY_BYTES, language=language)
            sheet = (
                _read_xlsx(path, source, language)
                if path.suffix.lower() == ".xlsx"
                else _read_csv(path, source, table, language)
            )
            if not sheet.records:
                raise InputError(
                    message(language, "survey_header_only"),
                    path=source,
                    line=sheet.header_line,
                    hint=message(language, "survey_header_only_hint"),
                )
        except InputError as error:
            problem = ReadProblem(
                source=source, line=error.line, message=error.message, hint=error.hint or ""
            )
            table.problems.append(problem)
            table.unread.append(problem)
            continue
        table.sources.append(source)
        _merge(sheet, table, keys, seen, source)
    return table


def survey_files(folder: Path) -> list[Path]:
    """The .csv and .xlsx entries of ``folder`` that are not folders (reading checks each), by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if is_listed(p) and p.suffix.lower() in SURVEY_SUFFIXES and not p.name.startswith(("~$", "."))
    )  # fmt: skip


def _relative(path: Path, project_dir: Path) -> str:
    try:
        return path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        return path.name


def _read_csv(path: Path, source: str, table: SurveyTable, language: str) -> _Sheet:
    hint = message(language, "survey_csv_hint")
    data = read_checked(path, source, (path.parent.parent,), limit=MAX_SURVEY_BYTES, language=language)
    try:
        decoded = decode_bytes(data, source, language)
    except InputError as error:
        raise InputError(error.message, path=source, line=error.line, hint=error.hint or hint) from error
    text = decoded.text
    if decoded.guessed_line is not None:
        table.problems.append(
            ReadProblem(
                source=source,
                line=decoded.guessed_line,
                message=message(language, "encoding_read_as", encoding="Windows-1252"),
                hint=message(language, "encoding_save_utf8_hint"),
            )
        )
    if decoded.controls_line is not None:
        table.problems.append(
            ReadProblem(
                source=source,
                line=decoded.controls_line,
                message=message(language, "controls_removed"),
                hint=message(language, "controls_removed_hint"),
            )
        )
    first_line = 0
    delimiter = None
    if text.lower().startswith("sep="):  # Excel's hint line
        delimiter = text[4:5] or ";"
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line = 1
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    sheet: _Sheet | None = None
    previous_end = 0
    try:
        for cells in reader:
            line = first_line + previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if sheet is None:
                sheet = _Sheet(header=_unique_header(cells), header_line=line)
            elif len(cells) != len(sheet.header):
                table.problems.append(_shape_problem(source, line, len(cells), len(sheet.header), language))
            else:
                sheet.records.append((line, cells))
    except csv.Error as error:
        raise InputError(
            message(language, "csv_malformed", error=error),
            path=source,
            line=first_line + reader.line_num,
            hint=message(language, "csv_malformed_hint"),
        ) from error
    if sheet is None:
        raise InputError(message(language, "csv_no_header"), path=source, hint=hint)
    if text.count('"') % 2 and sheet.records:  # a quote never closed swallowed the rest of the file
        line, _cells = sheet.records.pop()
        table.problems.append(
            ReadProblem(
                source=source,
                line=line,
                message=message(language, "csv_quote_unclosed"),
                hint=message(language, "csv_malformed_hint"),
            )
        )
    return sheet


def _shape_problem(source: str, line: int, found: int, expected: int, language: str) -> ReadProblem:
    return ReadProblem(
        source=source,
        line=line,
        message=message(language, "csv_row_shape", found=found, expected=expected),
        hint=message(language, "csv_row_shape_hint"),
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most fields, consistently (quotes read as
    Excel writes them, ``""`` inside a quoted field: ``csv.Sniffer`` may guess otherwise and cut fields)."""
    sample = text[:20000]
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            records = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if r][:20]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(1 for r in records[1:-1] if len(r) == width)  # the last may be cut off
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(path: Path, source: str, language: str) -> _Sheet:
    from openpyxl import load_workbook

    hint = message(language, "survey_xlsx_hint")
    _check_unpacked(path, source, language, hint)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise InputError(
            message(language, "xlsx_unreadable", kind=type(error).__name__), path=source, hint=hint
        ) from error
    try:
        sheet: _Sheet | None = None
        for line, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if sheet is None:
                sheet = _Sheet(header=_unique_header(cells), header_line=line)
            else:
                width = len(sheet.header)
                sheet.records.append((line, (cells + [""] * width)[:width]))
    finally:
        workbook.close()
    if sheet is None:
        raise InputError(message(language, "xlsx_empty"), path=source, hint=hint)
    return sheet


MB = 1024 * 1024
MAX_XLSX_UNPACKED = 200 * MB  # the sizes an .xlsx declares for its parts, added up; 85 answers take 50 KB


def _check_unpacked(path: Path, source: str, language: str, hint: str) -> None:
    """Refuse a workbook whose parts declare more than :data:`MAX_XLSX_UNPACKED` bytes (a zip bomb) before
    openpyxl unpacks anything; a file that is no zip is left for openpyxl to name."""
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    if unpacked > MAX_XLSX_UNPACKED:
        size, limit = f"{unpacked / MB:.0f}", f"{MAX_XLSX_UNPACKED / MB:.0f}"
        raise InputError(
            message(language, "xlsx_too_large_inside", size=size, limit=limit), path=source, hint=hint
        )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return strip_controls(str(value))[0]  # openpyxl turns _x001B_ back into an escape character


def _unique_header(cells: list[str]) -> list[str]:
    header: list[str] = []
    for position, cell in enumerate(cells, start=1):
        name = " ".join(cell.split()) or f"({position})"
        base, n = name, 2
        while name in header:
            name, n = f"{base} ({n})", n + 1
        header.append(name)
    return header


def _signatures(header: list[str], cells: list[str], personal: list[int]) -> list[tuple[str, ...]]:
    """What makes a row the same person's: an e-mail address; the answers to the questions by header;
    and the answers in question order (another tool may word or number its headers otherwise). A
    Likert answer counts by its position, so "Eens" in one export is "4" in another."""
    found: list[tuple[str, ...]] = []
    for i in personal:
        if "@" in cells[i]:
            found.append(("e-mail", cells[i].strip().casefold()))
    questions = [i for i, name in enumerate(header) if i not in personal and not is_metadata(name)]
    answers = {i: _same_answer(cells[i]) for i in questions}
    answered = sorted(
        (normalise_text(header[i]) or header_key(header[i]), answers[i]) for i in questions if answers[i]
    )
    if len(answered) >= SAME_ANSWERS_MIN:
        found.append(tuple(f"{k}={v}" for k, v in answered))
        found.append(("in order", *(answers[i] for i in questions)))
    return found


def _same_answer(cell: str) -> str:
    score = likert_score(cell, [])
    return f"likert {score}" if score is not None else answer_key(cell)


def _merge(
    sheet: _Sheet, table: SurveyTable, keys: dict[str, str], seen: dict[tuple[str, ...], str], source: str
) -> None:
    """Add the sheet's rows; headers equal after normalising share one column across files.

    A row whose signature an earlier file holds is the same person: dropped and counted.
    """
    personal = [i for i, name in enumerate(sheet.header) if is_personal(name) or _addresses(sheet, i)]
    kept = [i for i in range(len(sheet.header)) if i not in personal]
    # a question asking for contact details (consent to be contacted), not the form's own e-mail or
    # name field: "May we mail you? Leave your address", "Your email (optional)"
    contact = [
        i
        for i in personal
        if header_key(sheet.header[i]) not in PERSONAL_COLUMNS
        and (_addresses(sheet, i) or _CONTACT_HEADER.search(sheet.header[i]))
    ]
    for i in contact:
        if sheet.header[i] not in table.contact_columns:
            table.contact_columns.append(sheet.header[i])
    names = []
    for i in kept:
        key = normalise_text(sheet.header[i]) or header_key(sheet.header[i])
        if key not in keys:
            keys[key] = sheet.header[i]
            table.columns.append(sheet.header[i])
        names.append(keys[key])
    for line, cells in sheet.records:
        signatures = _signatures(sheet.header, cells, personal)
        if any(seen.get(signature, source) != source for signature in signatures):
            table.duplicates_dropped += 1
            continue
        for signature in signatures:
            seen.setdefault(signature, source)
        secrets = _personal_words([cells[i] for i in personal])
        table.contact_left.append(any(cells[i].strip() for i in contact))
        row = {column: "" for column in table.columns}
        for i, name in zip(kept, names, strict=True):
            row[name] = _mask(_clean(cells[i]), secrets)
        table.rows.append(row)
        table.origins.append(f"{source}:{line}")
    for row in table.rows:  # earlier rows gain the columns later files added
        for column in table.columns:
            row.setdefault(column, "")


def _addresses(sheet: _Sheet, column: int) -> bool:
    """Most answers in the column are e-mail addresses, whatever its header says ("Contact", "Wie ben je?")."""
    given = [cells[column].strip() for _, cells in sheet.records if cells[column].strip()]
    return bool(given) and sum(1 for v in given if _EMAIL.fullmatch(v)) / len(given) >= EMAIL_SHARE


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\u00a0", " ").strip()


def _personal_words(values: list[str]) -> list[str]:
    """A respondent's name and e-mail address, and the parts of them that identify on their own."""
    words: set[str] = set()
    for value in (v.strip() for v in values):
        if len(value) < 3:
            continue
        words.add(value)
        if "@" in value:
            words.add(value.split("@", 1)[0])
        else:
            words.update(part for part in value.split() if len(part) >= 3 and part[0].isupper())
    return sorted(words, key=len, reverse=True)


def _mask(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret.casefold() in text.casefold():
            text = re.sub(rf"(?<!\w){re.escape(secret)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    return text
