"""Subtitle transcripts: WebVTT (Microsoft Teams, Zoom) and SubRip (.srt).

Teams names the speaker in a voice tag, ``<v Jan de Vries>text</v>``; Zoom and many .srt files
write ``Jan de Vries: text`` in the cue text. A cue without a speaker continues the previous one, and
consecutive cues of the same speaker are merged into one turn. A line number is the line of the cue
text in the file; a turn's cue is the start time of its first cue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.formats.base import Line, ParsedFile, RawTurn
from knowledge.formats.labels import LabelRules, find_labels

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*(?P<start>{_TIME})\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>\n]*>")


@dataclass
class _CueLine:
    line: Line
    cue: str
    voice: str | None


def parse_subtitles(text: str, source: str, rules: LabelRules, language: str = FALLBACK) -> ParsedFile:
    """Turns of a .vtt or .srt file whose text has already been decoded."""
    lines = text.split("\n")
    cue_lines = _read_cues(lines)
    if not cue_lines:
        raise InputError(
            message(language, "subtitles_no_cues"),
            path=source,
            hint=message(language, "subtitles_no_cues_hint"),
        )
    labels = find_labels([c.line.text for c in cue_lines], rules)
    turns: list[RawTurn] = []
    speaker: str | None = None
    for index, item in enumerate(cue_lines):
        text_now = item.line.text
        if item.voice is not None:
            speaker_now: str | None = item.voice
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
    return ParsedFile(turns=[t.trimmed() for t in turns], labelled=labelled)


def _read_cues(lines: Sequence[str]) -> list[_CueLine]:
    """Every text line of every cue, with its line number, cue start and voice."""
    found: list[_CueLine] = []
    index = 0
    while index < len(lines):
        timing = _TIMING.match(lines[index])
        if timing is None:
            index += 1  # WEBVTT header, cue ids, NOTE and STYLE blocks, SRT numbers
            continue
        start = timing.group("start")
        block: list[_CueLine] = []
        voice: str | None = None
        index += 1
        while index < len(lines) and lines[index].strip() and not _TIMING.match(lines[index]):
            raw = lines[index]
            tag = _VOICE.search(raw)
            if tag is not None:
                voice = " ".join(tag.group("name").split())
            clean = " ".join(html.unescape(_TAG.sub("", raw)).split())
            if clean:
                block.append(_CueLine(Line(index + 1, index + 1, clean), start, voice))
            index += 1
        if index < len(lines) and _TIMING.match(lines[index]) and block and block[-1].line.text.isdigit():
            block.pop()  # an SRT cue number right before the next timing line, no blank line between
        found.extend(block)
    return found
