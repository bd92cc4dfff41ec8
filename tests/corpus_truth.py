"""The truth of a test corpus (``truth.yaml``, ``planted.yaml``) and how Samen's reading measures up.

Shared by ``tests/test_corpora_done.py`` and ``benchmarks/interviewee_counts.py``. A corpus folder holds
``interviews/``, the ``samen.yaml`` that ``samen init`` writes, ``truth.yaml`` (who was interviewed and
who asked, per file) and ``planted.yaml`` (every piece of personal data written into the interviews).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from artefacts.notes import Corpus
from knowledge.formats.base import ParsedFile
from knowledge.formats.labels import LabelRules
from knowledge.pseudonymise import Pseudonymiser
from knowledge.transcripts import read_transcript

CORPORA = Path(__file__).parent / "fixtures" / "corpora"


@dataclass(frozen=True)
class Planted:
    kind: str
    text: str
    file: str

    def pattern(self) -> re.Pattern[str]:
        """Where the item would stand in a text: a name as a word (case kept), a file name's people
        with any separator, and anything else as written, whatever its case."""
        if self.kind == "file_name":
            words = [re.escape(w) for w in self.text.split()]
            return re.compile(r"(?<![^\W_])" + r"[\s_.-]+".join(words) + r"(?![^\W_])", re.IGNORECASE)
        if self.kind == "name":
            return re.compile(rf"(?<!\w){re.escape(self.text)}(?!\w)")
        return re.compile(re.escape(self.text), re.IGNORECASE)


@dataclass
class Truth:
    """``truth.yaml`` and ``planted.yaml`` of one corpus."""

    root: Path
    interviewees: dict[str, list[str]]  # file -> names or labels
    interviewers: dict[str, list[str]]
    count: int
    expected_warnings: list[dict[str, str]]
    planted: list[Planted]

    language: str = "nl"
    interviewers_known: bool = True

    @classmethod
    def load(cls, root: Path) -> Truth:
        """From ``truth.yaml`` (and ``planted.yaml`` when there is one), else from the speakers of
        ``interviews/participants.csv`` (then who asked is unknown)."""
        if not (root / "truth.yaml").exists():
            return cls.from_participants(root)
        truth = yaml.safe_load((root / "truth.yaml").read_text(encoding="utf-8"))
        planted_file = root / "planted.yaml"
        planted = yaml.safe_load(planted_file.read_text(encoding="utf-8")) if planted_file.exists() else {}
        files = truth["files"]
        return cls(
            root,
            {f: list(v["interviewees"]) for f, v in files.items()},
            {f: list(v["interviewers"]) for f, v in files.items()},
            int(truth["interviewee_count"]),
            list(truth.get("expected_warnings", [])),
            [Planted(**item) for item in planted.get("items", [])],
            str(truth.get("language", "nl")),
        )

    @classmethod
    def from_participants(cls, root: Path) -> Truth:
        with (root / "interviews" / "participants.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        interviewees: dict[str, list[str]] = {}
        for row in rows:
            interviewees.setdefault(row["file"], []).append(row["speaker"])
        count = len({row["speaker"] for row in rows})
        return cls(root, interviewees, {}, count, [], [], interviewers_known=False)

    def people(self) -> set[str]:
        """Every real name of a person in the truth (labels such as "Spreker 2" are no names)."""
        named = [*self.interviewees.values(), *self.interviewers.values()]
        return {n for names in named for n in names if not _is_label(n)}


def _is_label(name: str) -> bool:
    return bool(re.fullmatch(r"(?i)(spreker|speaker|respondent|deelnemer)\s*\d*", name))


def leaks(texts: Iterable[tuple[str, str]], truth: Truth) -> list[tuple[str, str, str]]:
    """(where, kind, text) of every planted item or real name found in (where, text) pairs."""
    people = [Planted("name", name, "") for name in sorted(truth.people())]
    checks = [*truth.planted, *people]
    patterns = [(p, p.pattern()) for p in checks]
    found: list[tuple[str, str, str]] = []
    for where, text in texts:
        for planted, pattern in patterns:
            if pattern.search(text):
                found.append((where, planted.kind, planted.text))
    return found


def label_matches(label: str, name: str) -> bool:
    """A speaker label stands for a truth name: the same, or its first word ("TOM" for Tom Rutherford)."""
    label, name = label.casefold().strip(), name.casefold().strip()
    return label == name or label == name.split()[0]


@dataclass
class Measured:
    """How the reading of one corpus compares with its truth."""

    files: int = 0
    interviewees_true: int = 0
    interviewees_found: int = 0
    wrong_interviewees: list[str] = field(default_factory=list)  # "file: found x, true y"
    interviewers_true: int = 0
    interviewers_found: int = 0
    wrong_interviewers: list[str] = field(default_factory=list)
    interviewer_pseudonyms: int = 0  # of named interviewers: one per person when no one is split
    interviewer_notes: list[str] = field(default_factory=list)  # "file:line text"
    leaked: Counter[str] = field(default_factory=Counter)


def measure(root: Path, corpus: Corpus, pseudonymiser: Pseudonymiser, truth: Truth) -> Measured:
    """Compare ``corpus`` (read from the project at ``root``) with the truth."""
    result = Measured(files=len(corpus.interviews), interviewees_true=truth.count)
    people: set[str] = set()
    asking: set[str] = set()
    for interview in corpus.interviews:
        real = pseudonymiser.real_source(interview.source)
        name = real.removeprefix("interviews/")
        labels = _labels(root / real, real)
        found = {_real(pseudonymiser, p) for p in interview.participants}
        people |= {f"{name}#{p}" if _is_label(p) else p for p in found}
        if not _same(found, truth.interviewees.get(name, [])):
            result.wrong_interviewees.append(
                f"{name}: found {sorted(found)}, true {truth.interviewees.get(name)}"
            )
        said = {
            _asker(pseudonymiser, t.speaker, labels.get(t.provenance.line_start, ""), truth)
            for t in interview.turns
            if t.role == "interviewer"
        }
        named = _real(pseudonymiser, interview.interviewer) if interview.interviewer else None
        found_askers = {s for s in said if s} | ({named} if named and not said else set())
        true_askers = truth.interviewers.get(name, [])
        if truth.interviewers_known and not all(
            any(label_matches(f, t) for t in true_askers) for f in found_askers
        ):
            result.wrong_interviewers.append(f"{name}: found {sorted(found_askers)}, true {true_askers}")
        asking |= {_canonical(f, truth) for f in found_askers}
        for note in corpus.notes:
            if note.interview_id != interview.id:
                continue
            if is_asked(root, real, note.provenance.line_start, truth):
                result.interviewer_notes.append(f"{name}:{note.provenance.line_start} {note.text[:60]}")
    result.interviewees_found = len(people)
    codes = {t.speaker for i in corpus.interviews for t in i.turns if t.role == "interviewer"}
    codes |= {i.interviewer for i in corpus.interviews if i.interviewer}
    result.interviewer_pseudonyms = len(
        {c for c in codes if not _real(pseudonymiser, c).startswith("Interviewer")}
    )
    result.interviewers_true = len(
        {n for names in truth.interviewers.values() for n in names if not _is_label(n)}
    )
    result.interviewers_found = len({a for a in asking if not _is_label(a)})
    texts = [("corpus", corpus.model_dump_json())]
    result.leaked = Counter(kind for _, kind, _ in leaks(texts, truth))
    return result


def _asker(pseudonymiser: Pseudonymiser, pseudonym: str, label: str, truth: Truth) -> str:
    """Who asked: the person behind the pseudonym ("Q" in notes by Priya Shah is Priya Shah), or the
    file's label when the pseudonym stands for no one known ("Interviewer 1" for "Spreker 1")."""
    real = _real(pseudonymiser, pseudonym)
    return real if any(label_matches(real, name) for name in truth.people()) else label


def _same(found: set[str], true: list[str]) -> bool:
    """The same people: a label or first name matches the full name either way round."""
    return len(found) == len(true) and all(
        any(label_matches(f, t) or label_matches(t, f) for t in true) for f in found
    )


def _canonical(label: str, truth: Truth) -> str:
    for name in sorted(truth.people()):
        if label_matches(label, name):
            return name
    return label


def _real(pseudonymiser: Pseudonymiser, pseudonym: str) -> str:
    """The real name behind a pseudonym; for a generic label its label ("…#Spreker 2" -> "Spreker 2")."""
    try:
        name = pseudonymiser.reveal(pseudonym)
    except Exception:  # a stand-in that was never registered
        return pseudonym
    return name.rsplit("#", 1)[-1]


_PARSED: dict[Path, ParsedFile] = {}


def _parsed(path: Path, source: str) -> ParsedFile:
    if path not in _PARSED:
        _PARSED[path] = read_transcript(path, source, LabelRules.of([]), "nl")
    return _PARSED[path]


def _labels(path: Path, source: str) -> dict[int, str]:
    """The speaker label of each raw turn of the file, by its first line."""
    return {t.line_start: t.speaker or "" for t in _parsed(path, source).turns}


def is_asked(root: Path, source: str, line: int, truth: Truth) -> bool:
    """True when ``line`` of the file ``source`` (its real name) lies in a turn of an interviewer."""
    label = _labels(root / source, source).get(_turn_start(root / source, source, line), "")
    askers = truth.interviewers.get(source.removeprefix("interviews/"), [])
    return bool(label) and any(label_matches(label, name) for name in askers)


def expected_interviewees(truth: Truth) -> set[str]:
    """The interviewees as ``people_found`` gives them: a name, or ``file#label`` for a label."""
    return {f"{f}#{n}" if _is_label(n) else n for f, names in truth.interviewees.items() for n in names}


def same_people(found: set[str], expected: set[str]) -> bool:
    """One found person per true one, a label matching its name ("KWAME" is Kwame Mensah)."""
    unmatched = set(expected)
    for person in found:
        match = next((e for e in sorted(unmatched) if label_matches(person, e)), None)
        if match is None:
            return False
        unmatched.discard(match)
    return not unmatched


def people_found(pseudonymiser: Pseudonymiser, pseudonyms: Iterable[str]) -> set[str]:
    """The real people behind interviewee pseudonyms; a label stand-in as ``file#label``."""
    found = set()
    for pseudonym in pseudonyms:
        name = pseudonymiser.reveal(pseudonym)
        source, _, label = name.rpartition("#")
        found.add(
            f"{pseudonymiser.real_source(source).removeprefix('interviews/')}#{label}" if source else name
        )
    return found


def _turn_start(path: Path, source: str, line: int) -> int:
    """The first line of the raw turn that holds ``line``."""
    for turn in _parsed(path, source).turns:
        if turn.line_start <= line <= turn.line_end:
            return turn.line_start
    return -1
