"""``surveys/mapping.yaml``: the proposed column mapping, for the user to read and correct.

One line per question column: ``"<column>": <item id | block | ignore>``, with a comment saying why and
how sure. A proposal Samen is unsure of ends in ``?``; remove the ``?`` once checked, or write another
item (Q04), block (background) or ``ignore``. Samen follows every line of the file and never rewrites a
line that is there: it only adds lines for columns it has not seen before. Delete a line to get a fresh
proposal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from artefacts.catalogue import PerLanguage
from artefacts.errors import InputError
from artefacts.files import write_atomic
from artefacts.survey import ColumnMapping
from knowledge.safe_files import read_settings_text
from knowledge.survey_mapping import proposal_value

MAPPING_FILE = "mapping.yaml"
FILE_TEXT: PerLanguage[Mapping[str, str]] = PerLanguage("survey_mapping.file")


def read_corrections(path: Path, language: str) -> dict[str, str]:
    """Column → what the file says (an item id, a block, ``ignore``; ``?`` at the end when unchecked)."""
    if not path.is_file():
        return {}
    words = FILE_TEXT.get(language, FILE_TEXT["en"])
    try:
        data = yaml.safe_load(read_settings_text(path, path.name, (path.parent.parent,), language)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            words["unreadable"].format(error=getattr(error, "problem", error)),
            path=path.name,
            line=mark.line + 1 if mark is not None else None,
            hint=words["unreadable_hint"],
        ) from error
    columns = data.get("columns", data) if isinstance(data, dict) else {}
    if not isinstance(columns, dict):
        return {}
    return {str(column): str(value) for column, value in columns.items() if value is not None}


def update_mapping_file(path: Path, mapping: Sequence[ColumnMapping], language: str) -> list[str]:
    """Add a line for each column the file does not have yet; existing lines stay as the user left them.

    Returns the columns added.
    """
    words = FILE_TEXT.get(language, FILE_TEXT["en"])
    present = read_corrections(path, language) if path.is_file() else {}
    new = [m for m in mapping if m.column not in present]
    if not new and path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n") if path.is_file() else []
    if not lines:
        lines = [f"# {line}" for line in words["header"].strip().split("\n")] + ["columns:"]
    for found in new:
        key = json.dumps(found.column, ensure_ascii=False)
        comment = words["line"].format(confidence=found.confidence, reason=found.reason.replace("\n", " "))
        lines.append(f"  {key}: {json.dumps(proposal_value(found))}  # {comment}")
    write_atomic(path, "\n".join(lines) + "\n")  # the user's lines are never left half-rewritten
    return [m.column for m in new]


def set_correction(path: Path, column: str, value: str, language: str, *, comment: str) -> None:
    """Write a person's correction for one column: that column's line is replaced (or added), every other
    line stays as it was. ``comment`` says who set it and when."""
    words = FILE_TEXT.get(language, FILE_TEXT["en"])
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n") if path.is_file() else []
    if not lines or lines == [""]:
        lines = [f"# {line}" for line in words["header"].strip().split("\n")] + ["columns:"]
    written = (
        f"  {json.dumps(column, ensure_ascii=False)}: {json.dumps(value)}  # {comment.replace(chr(10), ' ')}"
    )
    for number, line in enumerate(lines):
        if line.startswith((" ", "\t")) and _column_of(line) == column:
            lines[number] = written
            break
    else:
        lines.append(written)
    write_atomic(path, "\n".join(lines) + "\n")


def _column_of(line: str) -> str | None:
    try:
        parsed = yaml.safe_load(line.strip())
    except yaml.YAMLError:
        return None
    if isinstance(parsed, dict) and len(parsed) == 1:
        return str(next(iter(parsed)))
    return None
