"""Speaker labels at the start of a line: ``Name: text``, ``**Name:** text``, ``Name (00:01:02): text``
(Rev), ``[00:01:02] Name: text`` (Descript), ``Name  0:01`` alone on a line with the text below it
(Otter.ai, Teams .docx), ``10:01:22 From Name to Everyone: text`` (Zoom chat).

A line that opens with a short phrase and a colon is only a speaker label when the phrase is short
(at most 4 words and 40 characters) and either names a known speaker (front matter, participants.csv,
the interviewer settings), or carries a time stamp, or recurs as a label in the same file. So
"Wat ik wil zeggen: ..." stays part of the text. A name and a time alone on a line ("Om 10:30") must
recur or be known, as the Otter.ai heading of every turn does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from knowledge.wordlists import words

MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_NAME = r"[^:*_\[\]()<>\"“”,;?!]{1,40}?"
_TIMED_FIRST = re.compile(
    rf"^\s*[\[(](?P<time>{_TIME})[\])]\s*(?P<label>{_NAME})\s*:(?:\s+(?P<text>.*)|\s*$)"
)
_BOLD = re.compile(
    rf"^\s*(?:\*\*|__)(?P<label>{_NAME})\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(?P<text>.*)$"
)
_TIMED_AFTER = re.compile(
    rf"^\s*(?P<label>{_NAME})\s*[\[(](?P<time>{_TIME})[\])]\s*:?(?:\s+(?P<text>.*)|\s*$)"
)
_TIMED_ALONE = re.compile(rf"^\s*(?P<label>{_NAME})\s+(?P<time>{_TIME})\s*$")
_ZOOM_CHAT = re.compile(
    r"^\s*(?P<time>\d{1,2}:\d{2}:\d{2})\s+(?:From|Van)\s+(?P<label>[^:]{1,60}?)"
    r"(?:\s+(?:to|aan|naar)\s+[^:]{1,40}?)?\s*:(?:\s+(?P<text>.*)|\s*$)",
    re.IGNORECASE,
)
_PLAIN = re.compile(rf"^\s*(?P<label>{_NAME})\s*:(?:\s+(?P<text>.*)|\s*$)")
_TRAILING_NUMBER = re.compile(r"\s*\d+$")


_NAME_SEPARATOR = re.compile(r"\s*[;,&/+]\s*|\s+(?:en|and)\s+")


def split_names(value: str) -> list[str]:
    """The names in one metadata value: "Samira el Idrissi; Karim el Idrissi", "Jan en Piet", "Ann & Bob"."""
    return [part for part in _NAME_SEPARATOR.split(value.strip()) if part]


def normalise_label(label: str) -> str:
    """Lower case, single spaces, and without a trailing number ("Interviewer 1" -> "interviewer")."""
    folded = " ".join(label.casefold().split())
    stripped = _TRAILING_NUMBER.sub("", folded)
    return stripped or folded


@dataclass(frozen=True)
class LabelRules:
    """The labels known before a file is read, lower case."""

    known: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str]) -> LabelRules:
        known: set[str] = set()
        for name in names:
            folded = " ".join(name.casefold().split())
            if not folded:
                continue
            known.update({folded, normalise_label(folded)})
            parts = folded.split()
            if len(parts) > 1:
                known.add(parts[0])  # a first name as label
        return cls(frozenset(known))

    def with_names(self, names: Iterable[str]) -> LabelRules:
        return LabelRules(self.known | LabelRules.of(names).known)

    def is_known(self, label: str) -> bool:
        folded = " ".join(label.casefold().split())
        return folded in self.known or normalise_label(folded) in self.known


@dataclass(frozen=True)
class LabelMatch:
    """A line that opens with a speaker label."""

    label: str
    text: str
    time: str | None = None
    alone: bool = False  # a heading line with only the name and a time; the text follows below


def _shape_ok(label: str) -> bool:
    parts = label.split()
    if not parts or len(parts) > MAX_LABEL_WORDS or len(label) > MAX_LABEL_CHARS:
        return False
    return label[0].isalpha() and label.casefold() not in words("names", "not_labels")


def looks_like_name(label: str) -> bool:
    """Every word of ``label`` capitalised, a number or a name particle (``van``, ``de``)."""
    particles = words("names", "particles")
    return all(p[0].isupper() or p.isdigit() or p.casefold() in particles for p in label.split())


def match_label(line: str) -> LabelMatch | None:
    """The label a line opens with, judged by shape only (see ``find_labels`` for the full rule)."""
    for pattern in (_TIMED_ALONE, _ZOOM_CHAT, _TIMED_FIRST, _BOLD, _TIMED_AFTER, _PLAIN):
        found = pattern.match(line)
        if found is None:
            continue
        label = " ".join(found.group("label").split())
        if not _shape_ok(label):
            return None
        time = found.groupdict().get("time")
        text = (found.groupdict().get("text") or "").strip()
        return LabelMatch(label, text, time, alone=pattern is _TIMED_ALONE)
    return None


def split_timed_heading(paragraph: str) -> str:
    """A Word paragraph "Name  0:03" + line break + text as one labelled line "Name (0:03): text"."""
    head, _, rest = paragraph.partition("\n")
    found = _TIMED_ALONE.match(head)
    if found is None or not rest.strip():
        return paragraph.replace("\n", " ")
    label = " ".join(found.group("label").split())
    return f"{label} ({found.group('time')}): {' '.join(rest.split())}"


def find_labels(lines: Sequence[str], rules: LabelRules) -> dict[int, LabelMatch]:
    """Index of each line that opens a speaker turn, with its label."""
    candidates = {i: m for i, line in enumerate(lines) if (m := match_label(line)) is not None}
    counts = Counter(normalise_label(m.label) for m in candidates.values())
    accepted: dict[int, LabelMatch] = {}
    for index, found in candidates.items():
        known = rules.is_known(found.label)
        recurring = counts[normalise_label(found.label)] >= 2 and looks_like_name(found.label)
        timed = found.time is not None and not found.alone and looks_like_name(found.label)
        if known or recurring or timed:
            accepted[index] = found
    return accepted
