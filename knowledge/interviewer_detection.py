"""Who asked the questions: the interviewers of files whose labels do not say so.

With no configuration, Teams and Zoom label every turn with a real name ("Marloes Jansen"), and
Otter.ai or Rev with "Speaker 1". In a file where nobody is known as the interviewer yet, the
speaker who asks (most turns are questions, clearly more than anyone else's, and they are shorter
than the others') is the interviewer:

- sure, when a named speaker asks in two or more files, or is named as interviewer by the header or
  front matter of another file; then that person is the interviewer in every file;
- sure, for a numbered generic label ("Spreker 1") that asks clearly (it names nobody elsewhere);
- sure, when a one-word label ("TOM", "Sanne") asks in one file and is the first or last name of
  exactly one interviewer who is sure by the rules above: that is the same person (``aliases``);
- likely, when a named speaker asks in one file only: taken as the interviewer, and said so;
- unknown, when nobody stands out: nothing changes, and that is said too.

A second person on the interviewer's side (a colleague, a note taker: "Lotte, heb jij nog iets?") who
only greets, thanks and asks, and says far less than the interviewee, is an interviewer too, by the
same rules (sure when seen asking in another file, else likely and said so).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from knowledge.formats.base import RawTurn
from knowledge.formats.labels import normalise_label
from knowledge.note_kinds import is_frame_turn
from knowledge.pseudonymise import name_key
from knowledge.wordlists import words

MIN_QUESTION_SHARE = 0.5  # of the asker's turns
MIN_MARGIN = 0.3  # over the next speaker's share
SURE_GENERIC_SHARE = 0.6
MIN_TURNS = 2


@dataclass(frozen=True)
class Asking:
    """How a speaker of one file talks: turns, questions among them, words."""

    label: str
    turns: int
    questions: int
    words: int
    first_line: int

    @property
    def share(self) -> float:
        return self.questions / self.turns if self.turns else 0.0

    @property
    def mean_words(self) -> float:
        return self.words / self.turns if self.turns else 0.0


@dataclass(frozen=True)
class Doubt:
    """A file where the interviewer was taken on weak evidence (``likely``) or not found (``unknown``)."""

    source: str
    kind: Literal["likely", "unknown"]
    labels: tuple[str, ...]  # the speaker taken (likely) or the speakers in doubt (unknown)
    lines: tuple[int, ...]
    questions: int = 0
    turns: int = 0


@dataclass
class Detection:
    """Named people to take as interviewers everywhere; generic labels per file; the doubts."""

    names: set[str] = field(default_factory=set)  # name keys
    labels: dict[str, set[str]] = field(default_factory=dict)  # source -> folded labels
    doubts: list[Doubt] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # name key of a one-word label -> full name

    def full_name(self, label: str) -> str:
        """The interviewer's full name for a one-word label that stands for them, else the label."""
        return self.aliases.get(name_key(label), label)

    def is_interviewer(self, source: str, label: str) -> bool:
        return name_key(label) in self.names or _fold(label) in self.labels.get(source, set())


@dataclass(frozen=True)
class FileTurns:
    """What detection needs of one file: its labelled turns, and whether its interviewer is known."""

    source: str
    turns: Sequence[RawTurn]
    settled: bool
    named_interviewers: Sequence[str] = ()


def detect_interviewers(files: Sequence[FileTurns]) -> Detection:
    """Interviewers of the files in which none is known, from how every speaker asks."""
    detection = Detection()
    named = {name_key(n) for f in files for n in f.named_interviewers}
    askers: dict[str, list[tuple[FileTurns, Asking]]] = defaultdict(list)
    undecided: list[tuple[FileTurns, list[Asking]]] = []
    for file in files:
        if file.settled:
            continue
        stats = asking_per_speaker(file.turns)
        if len(stats) < 2:
            continue
        top = clear_asker(stats)
        if top is None:
            undecided.append((file, stats))
        elif _is_generic(top.label):
            detection.labels.setdefault(file.source, set()).add(_fold(top.label))
            if top.share < SURE_GENERIC_SHARE:
                detection.doubts.append(_likely(file, top))
        else:
            askers[name_key(top.label)].append((file, top))
        for helper in helpers(file.turns, stats, top) if top is not None else ():
            if _is_generic(helper.label):
                detection.labels.setdefault(file.source, set()).add(_fold(helper.label))
            else:
                askers[name_key(helper.label)].append((file, helper))
    _settle_askers(detection, askers, named, files)
    for file, stats in undecided:
        if not any(name_key(s.label) in detection.names | named for s in stats):
            detection.doubts.append(
                Doubt(
                    file.source, "unknown", tuple(s.label for s in stats), tuple(s.first_line for s in stats)
                )
            )
    detection.names |= named
    return detection


def asking_per_speaker(turns: Sequence[RawTurn]) -> list[Asking]:
    """Per label (in order of first turn): turns, questions and words."""
    counts: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for turn in turns:
        if turn.speaker is None or turn.is_empty():
            continue
        key = _fold(turn.speaker)
        labels.setdefault(key, turn.speaker)
        row = counts.setdefault(key, [0, 0, 0, turn.line_start])
        row[0] += 1
        row[1] += is_question(turn.text)
        row[2] += len(turn.text.split())
    return [Asking(labels[k], t, q, w, line) for k, (t, q, w, line) in counts.items()]


def clear_asker(stats: Sequence[Asking]) -> Asking | None:
    """The speaker who clearly asks the questions, or None."""
    ranked = sorted(stats, key=lambda s: (-s.share, s.mean_words))
    top, rest = ranked[0], ranked[1:]
    if top.turns < MIN_TURNS or top.share < MIN_QUESTION_SHARE:
        return None
    if top.share - rest[0].share < MIN_MARGIN:
        return None
    others = sum(s.words for s in rest) / max(1, sum(s.turns for s in rest))
    return top if top.mean_words <= others else None


def helpers(turns: Sequence[RawTurn], stats: Sequence[Asking], top: Asking) -> list[Asking]:
    """Speakers besides the interviewer ``top`` who only greet, thank and ask (at least once), and
    say less than the interviewer does."""
    found = []
    for speaker in stats:
        if speaker is top or not speaker.questions or speaker.words >= top.words:
            continue
        said = [t.text for t in turns if t.speaker is not None and _fold(t.speaker) == _fold(speaker.label)]
        if all(is_question(text) or is_frame_turn(text) for text in said):
            found.append(speaker)
    return found


def is_question(text: str) -> bool:
    """A turn that asks: it holds a question mark, or its last sentence opens with a question word."""
    if "?" in text:
        return True
    last = text.replace("!", ".").rstrip(". ").rsplit(".", 1)[-1].split()
    return bool(last) and last[0].casefold().strip(",") in words("questions", "openers")


def _settle_askers(
    detection: Detection,
    askers: dict[str, list[tuple[FileTurns, Asking]]],
    named: set[str],
    files: Sequence[FileTurns],
) -> None:
    """Every named asker is an interviewer: sure when seen in two files, named elsewhere, or the
    first or last name of one who is; else likely, and said so."""
    sure = {key: found[0][1].label for key, found in askers.items() if len(found) > 1 or key in named}
    sure |= {name_key(n): n for f in files for n in f.named_interviewers}
    for key, found in askers.items():
        detection.names.add(key)
        if key in sure:
            continue
        full = _alias_of(key, sure)
        if full is not None:
            detection.aliases[key] = full
        elif len(found) == 1:
            detection.doubts.append(_likely(*found[0]))


def _alias_of(key: str, sure: dict[str, str]) -> str | None:
    """The one sure interviewer whose first or last name is the one-word ``key``, or None."""
    if " " in key:
        return None
    matches = {full for k, full in sure.items() if " " in k and key in (k.split()[0], k.split()[-1])}
    return matches.pop() if len(matches) == 1 else None


def _likely(file: FileTurns, top: Asking) -> Doubt:
    return Doubt(file.source, "likely", (top.label,), (top.first_line,), top.questions, top.turns)


def _is_generic(label: str) -> bool:
    return normalise_label(label) in words("names", "generic_interviewee_labels")


def _fold(label: str) -> str:
    return " ".join(label.casefold().split())
