"""Plain text, Markdown and Word transcripts: optional YAML front matter, then speaker turns.

A turn opens at a line with a speaker label (see ``labels``) and runs until the next label; blank
lines inside a turn are paragraph breaks. A file without labels yields one unlabelled turn per
paragraph. In a Word file each paragraph counts as one line. The header of typed notes
("Gesprek met …", "Interviewer: …", see ``header``) is metadata, and the lines an export adds that
nobody said ("Transcribed by https://otter.ai", "… started transcription") are left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import yaml

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.formats.base import Line, ParsedFile, RawTurn
from knowledge.formats.header import read_note_header
from knowledge.formats.labels import LabelRules, find_labels, split_names, split_timed_heading
from knowledge.lexicons import load

NAME_KEYS = ("participant", "participants", "interviewee", "interviewees", "interviewer", "interviewers")
_FENCE = "---"


def parse_text(
    text: str, source: str, rules: LabelRules, *, markdown: bool = False, language: str = FALLBACK
) -> ParsedFile:
    """Turns of a .txt or .md transcript whose text has already been decoded."""
    return parse_lines(text.split("\n"), source, rules, markdown=markdown, language=language)


def parse_docx(data: bytes, source: str, rules: LabelRules, language: str = FALLBACK) -> ParsedFile:
    """Turns of a .docx transcript; line numbers are paragraph numbers."""
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise InputError(
            message(language, "docx_unreadable", kind=type(exc).__name__),
            path=source,
            hint=message(language, "docx_unreadable_hint"),
        ) from exc
    paragraphs = [split_timed_heading(p.text.replace("\t", " ")) for p in document.paragraphs]
    if not any(p.strip() for p in paragraphs) and document.tables:
        raise InputError(
            message(language, "docx_table"), path=source, hint=message(language, "docx_table_hint")
        )
    return parse_lines(paragraphs, source, rules, markdown=False, language=language)


def parse_lines(
    lines: Sequence[str], source: str, rules: LabelRules, *, markdown: bool, language: str = FALLBACK
) -> ParsedFile:
    """Front matter and turns from the lines of a file (line 1 is ``lines[0]``)."""
    metadata, body_start = read_front_matter(lines, source, language)
    body = [_strip_heading(line) if markdown else line for line in lines[body_start:]]
    body = ["" if _is_export_noise(line) else line for line in body]
    header = read_note_header(body)
    for key, value in header.metadata.items():
        metadata.setdefault(key, value)  # the front matter wins over the header
    body = ["" if index in header.lines else line for index, line in enumerate(body)]
    rules = rules.with_names(_names_in(metadata))
    labels = find_labels(body, rules)
    if labels:
        turns = _labelled_turns(body, labels, first_number=body_start + 1)
    else:
        turns = _paragraphs(body, first_number=body_start + 1)
    return ParsedFile(turns=[t for t in turns if not t.is_empty()], metadata=metadata, labelled=bool(labels))


def read_front_matter(
    lines: Sequence[str], source: str, language: str = FALLBACK
) -> tuple[dict[str, Any], int]:
    """The YAML front matter as a mapping, and the index of the first line after it."""
    if not lines or lines[0].strip() != _FENCE:
        return {}, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in (_FENCE, "..."):
            return _load_yaml("\n".join(lines[1:index]), source, language), index + 1
    raise InputError(
        message(language, "front_matter_unclosed"),
        path=source,
        line=1,
        hint=message(language, "front_matter_hint"),
    )


def _load_yaml(text: str, source: str, language: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # the YAML starts on line 2 of the file
        problem = getattr(exc, "problem", None) or message(language, "front_matter_invalid_yaml")
        raise InputError(
            message(language, "front_matter_yaml", problem=problem),
            path=source,
            line=line,
            hint=message(language, "front_matter_hint"),
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            message(language, "front_matter_not_mapping"),
            path=source,
            line=2,
            hint=message(language, "front_matter_hint"),
        )
    return {str(k): v for k, v in data.items()}


def _names_in(metadata: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for key in NAME_KEYS:
        value = metadata.get(key)
        if isinstance(value, str):
            names.extend(split_names(value))
        elif isinstance(value, list):
            names.extend(str(v) for v in value)
    return names


def _is_export_noise(line: str) -> bool:
    lowered = " ".join(line.casefold().split())
    table = load("transcript_headers")
    return (
        lowered in table["export_noise"]
        or lowered.startswith(tuple(table["export_noise_prefixes"]))
        or lowered.endswith(tuple(table["export_noise_suffixes"]))
    )


def _strip_heading(line: str) -> str:
    return "" if line.lstrip().startswith("#") else line


def _labelled_turns(body: Sequence[str], labels: dict, first_number: int) -> list[RawTurn]:
    turns: list[RawTurn] = []
    current: RawTurn | None = None
    for index, text in enumerate(body):
        number = first_number + index
        found = labels.get(index)
        if found is not None:
            if current is not None:
                turns.append(current.trimmed())
            current = RawTurn(found.label, [Line(number, number, found.text)], cue=found.time)
        elif current is not None:  # text before the first label (a title, a note) is not a turn
            current.lines.append(Line(number, number, text.strip()))
    if current is not None:
        turns.append(current.trimmed())
    return turns


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–+]|\d{1,2}[.)])\s+(?=\S)")


def _paragraphs(body: Sequence[str], first_number: int) -> list[RawTurn]:
    """Unlabelled text as turns: each paragraph, and each item of a list ("- ", "• ", "1. "), is one."""
    turns: list[RawTurn] = []
    current: list[Line] = []
    for index, text in enumerate(body):
        item = _LIST_ITEM.match(text)
        if item is not None and current:
            turns.append(RawTurn(None, current))
            current = []
        if item is not None:
            text = text[item.end() :]
        if text.strip():
            current.append(Line(first_number + index, first_number + index, text.strip()))
        elif current:
            turns.append(RawTurn(None, current))
            current = []
    if current:
        turns.append(RawTurn(None, current))
    return turns
