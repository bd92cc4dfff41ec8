"""Split an interviewee's turn into statements that each carry one idea.

A turn is split into sentences (minding "...", "?", "!" and abbreviations such as "bijv.", "o.a.",
"e.g."), and consecutive sentences are grouped into statements of about one to three sentences and at
most about 60 words. A statement also ends at a paragraph break and before a sentence that opens a
new point ("Daarnaast…", "Also…"). Very short sentences ("Ja.", "Precies.") stay with a neighbour
instead of standing alone. Every sentence knows the file lines it came from, so each statement does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.formats.base import Line
from knowledge.wordlists import lexicon, phrases, words

SHORT_WORDS = 5
MAX_SENTENCES = 3
MAX_WORDS = 60

_BOUNDARY = re.compile(r"(?:\.\.\.|…|[.!?])+[\"'”’)\]]*(?=\s+(?P<next>\S))")


@dataclass(frozen=True)
class Sentence:
    text: str
    line_start: int
    line_end: int
    paragraph: int

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def short(self) -> bool:
        return self.words < SHORT_WORDS


@dataclass(frozen=True)
class Statement:
    text: str
    line_start: int
    line_end: int


def split_sentences(lines: Sequence[Line]) -> list[Sentence]:
    """The sentences of a turn, each with the first and last file line it touches."""
    found: list[Sentence] = []
    for number, paragraph in enumerate(_paragraphs(lines)):
        joined, spans = _join(paragraph)
        start = 0
        for end in [*_ends(joined), len(joined)]:
            piece = joined[start:end]
            text = piece.strip()
            if text:
                first = start + (len(piece) - len(piece.lstrip()))
                last = start + len(piece.rstrip()) - 1
                found.append(Sentence(text, _line_at(spans, first).start, _line_at(spans, last).end, number))
            start = end
    return found


def group_statements(sentences: Sequence[Sentence], language: str | None = None) -> list[Statement]:
    """Consecutive sentences grouped into statements of one idea each."""
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    for sentence in sentences:
        if current and _starts_new(current, sentence, language):
            groups.append(current)
            current = []
        current.append(sentence)
    if current:
        groups.append(current)
    return [
        Statement(
            " ".join(s.text for s in group), min(s.line_start for s in group), max(s.line_end for s in group)
        )
        for group in groups
    ]


def segment(lines: Sequence[Line], language: str | None = None) -> list[Statement]:
    """Statements of one turn: ``split_sentences`` then ``group_statements``."""
    return group_statements(split_sentences(lines), language)


def opens_new_point(text: str, language: str | None = None) -> bool:
    """True when a sentence opens with a marker of a new point ("Daarnaast", "Another thing")."""
    lowered = text.lstrip("-–—\"'“‘( ").lower()
    return any(
        re.match(rf"{re.escape(marker)}(?!\w)", lowered)
        for marker in phrases("segmentation", "markers", language)
    )


def _starts_new(current: list[Sentence], sentence: Sentence, language: str | None) -> bool:
    substantial = [s for s in current if not s.short]
    if not substantial or sentence.short:
        return False  # short sentences attach to their neighbour
    if sentence.paragraph != current[-1].paragraph or opens_new_point(sentence.text, language):
        return True
    total = sum(s.words for s in current) + sentence.words
    return len(substantial) >= MAX_SENTENCES or total > MAX_WORDS


def _ends(text: str) -> list[int]:
    """Offsets just after each sentence end in ``text``."""
    abbreviations = words("segmentation", "abbreviations")
    finals = {str(a) for a in lexicon("segmentation")["final_abbreviations"]}
    ends: list[int] = []
    for match in _BOUNDARY.finditer(text):
        following = match.group("next")
        if following[0].islower():
            continue  # "en dan... ja", "bijv. een", "Weet je? dat"
        if match.group(0).startswith(".") and not match.group(0).startswith("..."):
            token = _word_before(text, match.start())
            abbreviated = token in abbreviations or (len(token) == 1 and token.isalpha())
            if abbreviated and token not in finals:
                continue  # "o.a. Amsterdam", "J. de Vries"; but "etc." before a capital ends a sentence
        ends.append(match.end())
    return ends


def _word_before(text: str, dot: int) -> str:
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'“‘":
        start -= 1
    return text[start:dot].lower()


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _join(paragraph: Sequence[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """The paragraph as one string, and the offset where each line starts in it."""
    parts: list[str] = []
    spans: list[tuple[int, Line]] = []
    offset = 0
    for line in paragraph:
        text = " ".join(line.text.split())
        spans.append((offset, line))
        parts.append(text)
        offset += len(text) + 1
    return " ".join(parts), spans


def _line_at(spans: Sequence[tuple[int, Line]], offset: int) -> Line:
    current = spans[0][1]
    for start, line in spans:
        if start > offset:
            break
        current = line
    return current
