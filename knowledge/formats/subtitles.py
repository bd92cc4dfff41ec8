"""Subtitle transcripts: WebVTT (Microsoft Teams, Zoom) and SubRip (.srt).

Teams names the speaker in a voice tag, ``<v Jan de Vries>text</v>``; Zoom and many .srt files
write ``Jan de Vries: text`` in the cue text. A cue without a speaker continues the previous one, and
consecutive cues of the same speaker are merged into one turn. A line number is the line of the cue
text in the file; a turn's cue is the start time of its first cue.

Malformed files are read with a warning per line rather than misread: a timing line that cannot be
parsed (``00:00:05,000 -> 00:00:08``) opens a cue without a time instead of becoming words of the
previous speaker; a ``Name:`` that opens a cue is that cue's speaker even when the name occurs once
(a full name of two words or more: so it is registered and pseudonymised, never left in the text); a ``.vtt`` without its ``WEBVTT``
line is said.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.formats.base import Line, ParsedFile, RawTurn, Skipped
from knowledge.formats.labels import LabelRules, find_labels, looks_like_name, match_label

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*(?P<start>{_TIME})\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>\n]*>")
_LOOSE_TIMING = re.compile(r"^\s*\d{1,2}[:.,]\d{1,2}\S*\s*-+>|-->")  # looks like a timing line, is not one


@dataclass
class _CueLine:
    line: Line
    cue: str | None
    voice: str | None
    opens_cue: bool = False


def parse_subtitles(  # noqa: C901 - one pass over the cues
    text: str, source: str, rules: LabelRules, language: str = FALLBACK, *, vtt: bool = False
) -> ParsedFile:
    """Turns of a .vtt or .srt file whose text has already been decoded."""
    lines = text.split("\n")
    warnings: list[Skipped] = []
    cue_lines = _read_cues(lines, warnings, language)
    if not cue_lines:
        raise InputError(
            message(language, "subtitles_no_cues"),
            path=source,
            hint=message(language, "subtitles_no_cues_hint"),
        )
    labels = find_labels([c.line.text for c in cue_lines], rules)
    for index, item in enumerate(cue_lines):  # "Jan Jansen: …" opening a cue names its speaker
        found = match_label(item.line.text) if item.opens_cue and item.voice is None else None
        full_name = found is not None and len(found.label.split()) >= 2 and looks_like_name(found.label)
        if index not in labels and found is not None and full_name:
            labels[index] = found
    if vtt and not text.lstrip("\ufeff").startswith("WEBVTT"):
        warnings.insert(
            0, Skipped(1, message(language, "vtt_no_header"), message(language, "vtt_no_header_hint"))
        )
    turns: list[RawTurn] = []
    speaker: str | None = None
    for index, item in enumerate(cue_lines):
        text_now = item.line.text
        if item.voice is not None:
            speaker_now: str | None = item.voice
            prefix = f"{item.voice}:"
            if text_now.startswith(prefix):  # "<v Jan Jansen>Jan Jansen: …": the name once, as speaker
                text_now = text_now[len(prefix) :].strip()
        elif index in labels:
            speaker_now, text_now = labels[index].label, labels[index].text
        else:
            speaker_now = speaker  # a cue without a speaker continues the previous one
        line = Line(item.line.start, item.line.end, text_now)
        if turns and speaker_now == speaker:
            turns[-1].lines.append(line)
        else:
            turns.append(RawTurn(speaker_now, [line], cue=item.cue))
        speaker = speaker_now
    turns = [t for t in turns if not t.is_empty()]
    labelled = any(t.speaker is not None for t in turns)
    return ParsedFile(turns=[t.trimmed() for t in turns], labelled=labelled, warnings=warnings)


def _timing(line: str, number: int, warnings: list[Skipped], language: str) -> tuple[bool, str | None]:
    """Whether ``line`` opens a cue, and its start time (None for a timing that cannot be read)."""
    timing = _TIMING.match(line)
    if timing is not None:
        return True, timing.group("start")
    if _LOOSE_TIMING.search(line):
        said = message(language, "subtitle_bad_timing", text=line.strip()[:60])
        warnings.append(Skipped(number, said, message(language, "subtitle_bad_timing_hint")))
        return True, None
    return False, None


def _read_cues(lines: Sequence[str], warnings: list[Skipped], language: str) -> list[_CueLine]:
    """Every text line of every cue, with its line number, cue start and voice."""
    found: list[_CueLine] = []
    index = 0
    while index < len(lines):
        opens, start = _timing(lines[index], index + 1, warnings, language)
        if not opens:
            index += 1  # WEBVTT header, cue ids, NOTE and STYLE blocks, SRT numbers
            continue
        block: list[_CueLine] = []
        voice: str | None = None
        index += 1
        while index < len(lines) and lines[index].strip() and not _is_timing(lines[index]):
            raw = lines[index]
            tag = _VOICE.search(raw)
            if tag is not None:
                voice = " ".join(tag.group("name").split())
            clean = " ".join(html.unescape(_TAG.sub("", raw)).split())
            if clean:
                block.append(_CueLine(Line(index + 1, index + 1, clean), start, voice, opens_cue=not block))
            index += 1
        if index < len(lines) and _is_timing(lines[index]) and block and block[-1].line.text.isdigit():
            block.pop()  # an SRT cue number right before the next timing line, no blank line between
        found.extend(block)
    return found


def _is_timing(line: str) -> bool:
    return _TIMING.match(line) is not None or _LOOSE_TIMING.search(line) is not None
