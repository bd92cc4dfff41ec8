"""JSON transcripts: a list of turns, or an object holding one under ``turns`` (or ``segments``,
``utterances``).

A turn is an object with ``speaker`` (or ``name``) and ``text`` (or ``content``), optionally a time
under ``start``, ``time`` or ``timestamp``. Its line is the line where the object starts in the file.
"""

from __future__ import annotations

import json
from typing import Any

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.formats.base import Line, ParsedFile, RawTurn, Skipped

LIST_KEYS = ("turns", "segments", "utterances", "transcript")
SPEAKER_KEYS = ("speaker", "name", "speaker_name", "spreker")
TEXT_KEYS = ("text", "content", "tekst", "utterance")
TIME_KEYS = ("start", "time", "timestamp", "start_time")
_JSON_PROBLEMS = {  # what the json module says → key in artefacts.messages
    "Expecting value": "json_expecting_value",
    "Expecting property name enclosed in double quotes": "json_expecting_name",
    "Expecting ',' delimiter": "json_expecting_comma",
    "Expecting ':' delimiter": "json_expecting_colon",
    "Unterminated string starting at": "json_unterminated_string",
    "Extra data": "json_extra_data",
}

_decoder = json.JSONDecoder()


def parse_json(text: str, source: str, language: str = FALLBACK) -> ParsedFile:
    """Turns of a .json transcript whose text has already been decoded."""
    try:
        data = json.loads(text)
    except RecursionError as exc:  # "[[[[…" nested deeper than Python's stack: no transcript is
        raise InputError(
            message(language, "json_too_deep"), path=source, line=1, hint=message(language, "json_shape_hint")
        ) from exc
    except json.JSONDecodeError as exc:
        problem = message(language, _JSON_PROBLEMS[exc.msg]) if exc.msg in _JSON_PROBLEMS else exc.msg
        raise InputError(
            message(language, "json_invalid", error=problem, column=exc.colno),
            path=source,
            line=exc.lineno,
            hint=message(language, "json_invalid_hint"),
        ) from exc
    items, start = _turn_list(data, text, source, language)
    parsed = ParsedFile(turns=[])
    for item, offset, end in _objects(text, start):
        line, last = _line_of(text, offset), _line_of(text, end - 1)
        turn = _turn(item, line, last)
        if turn is None:
            parsed.warnings.append(
                Skipped(
                    line,
                    message(language, "json_turn_without_text"),
                    message(language, "json_turn_without_text_hint"),
                )
            )
        else:
            parsed.turns.append(turn)
    if len(items) != len(parsed.turns) + len(parsed.warnings):
        raise InputError(
            message(language, "json_not_objects"), path=source, hint=message(language, "json_shape_hint")
        )
    parsed.labelled = any(t.speaker is not None for t in parsed.turns)
    return parsed


def _turn_list(data: Any, text: str, source: str, language: str) -> tuple[list[Any], int]:
    """The list of turns and the offset of its ``[`` in the text."""
    if isinstance(data, list):
        return data, _skip_space(text, 0)
    if isinstance(data, dict):
        offset = _skip_space(text, 0) + 1  # past "{"
        while True:
            offset = _skip_space(text, offset)
            if text[offset] == "}":
                break
            key, offset = _decoder.raw_decode(text, offset)
            offset = _skip_space(text, _skip_space(text, offset) + 1)  # past ":"
            if key in LIST_KEYS and isinstance(data[key], list):
                return data[key], offset
            _, offset = _decoder.raw_decode(text, offset)
            offset = _skip_space(text, offset)
            if text[offset] == ",":
                offset += 1
    raise InputError(
        message(language, "json_no_turns"), path=source, line=1, hint=message(language, "json_shape_hint")
    )


def _objects(text: str, offset: int) -> list[tuple[Any, int, int]]:
    """Each dict element of the JSON list opening at ``offset``, with its start and end offsets."""
    found: list[tuple[Any, int, int]] = []
    offset = _skip_space(text, offset + 1)  # past "["
    while text[offset] != "]":
        value, end = _decoder.raw_decode(text, offset)
        if isinstance(value, dict):
            found.append((value, offset, end))
        offset = _skip_space(text, end)
        if text[offset] == ",":
            offset = _skip_space(text, offset + 1)
    return found


def _turn(item: dict[str, Any], line: int, last: int) -> RawTurn | None:
    text = _first(item, TEXT_KEYS)
    if not text or not text.strip():
        return None
    speaker = _first(item, SPEAKER_KEYS)
    cue = _first(item, TIME_KEYS)
    clean = " ".join(text.split())
    return RawTurn(speaker.strip() if speaker else None, [Line(line, last, clean)], cue=cue)


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    return None


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t\n\r":
        offset += 1
    return offset


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
