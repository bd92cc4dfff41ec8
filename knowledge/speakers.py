"""Who is who in one interview: the interviewer and the interviewees behind the speaker labels.

A speaker is the interviewer when its label is one of ``interviews.interviewer_labels`` (also with a
number: "Interviewer 1"), or its name is in ``interviews.interviewers`` or the front matter's
``interviewer``. Everyone else is an interviewee. A label that is a first name ("Jan") of a person
named in the front matter or participants.csv ("Jan de Vries") is that person. A generic label
("Respondent", "Interviewer") stands for the one person the metadata names, or else for a stand-in
that is never taken for a name in texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from artefacts.project import InterviewSettings
from knowledge.formats.labels import normalise_label, split_names
from knowledge.pseudonymise import name_key
from knowledge.wordlists import words

SpeakerRole = Literal["interviewer", "interviewee"]
PARTICIPANT_KEYS = ("participant", "participants", "interviewee", "interviewees")
INTERVIEWER_KEYS = ("interviewer", "interviewers")


@dataclass(frozen=True)
class Speaker:
    """A speaker of one file: ``name`` is the person's name or a stand-in key (``is_name`` False)."""

    name: str
    role: SpeakerRole
    is_name: bool = True


@dataclass(frozen=True)
class Cast:
    """The people an interview's metadata names."""

    source: str
    settings: InterviewSettings
    participants: tuple[str, ...]
    interviewers: tuple[str, ...]

    @classmethod
    def of(
        cls, source: str, settings: InterviewSettings, metadata: dict[str, Any], sidecar: Iterable[str]
    ) -> Cast:
        participants = [*names_under(metadata, PARTICIPANT_KEYS), *sidecar]
        return cls(
            source, settings, _fullest(participants), _fullest(names_under(metadata, INTERVIEWER_KEYS))
        )

    def is_interviewer_label(self, label: str) -> bool:
        labels = {name_key(x) for x in self.settings.interviewer_labels}
        return name_key(label) in labels or normalise_label(label) in labels

    def resolve(self, label: str | None) -> Speaker:
        """The speaker behind a label; None (unlabelled text) is the interviewee."""
        if label is None:
            return self.interviewee()
        everyone = [*self.interviewers, *self.settings.interviewers]
        if self.is_interviewer_label(label) or _find(label, everyone) is not None:
            return self.interviewer(label)
        found = _find(label, self.participants)
        if found is not None:
            return Speaker(found, "interviewee")
        if normalise_label(label) in words("names", "generic_interviewee_labels"):
            return self.interviewee(label)
        return Speaker(" ".join(label.split()), "interviewee")

    def interviewer(self, label: str = "Interviewer") -> Speaker:
        found = _find(label, [*self.interviewers, *self.settings.interviewers])
        if found is not None:
            return Speaker(found, "interviewer")
        named = self.interviewers or tuple(self.settings.interviewers)
        if len(named) == 1:
            return Speaker(named[0], "interviewer")
        number = label.split()[-1] if len(label.split()) > 1 and label.split()[-1].isdigit() else ""
        return Speaker(f"Interviewer {number}".strip(), "interviewer", is_name=False)

    def interviewee(self, label: str = "interviewee") -> Speaker:
        if len(self.participants) == 1:
            return Speaker(self.participants[0], "interviewee")
        return Speaker(f"{self.source}#{' '.join(label.split())}", "interviewee", is_name=False)


def names_under(metadata: dict[str, Any], keys: Sequence[str]) -> list[str]:
    """Names given under any of ``keys`` in front matter, as a list or a string that may hold several
    ("Samira el Idrissi; Karim el Idrissi", "Jan en Piet", "Ann & Bob")."""
    found: list[str] = []
    for key in keys:
        value = metadata.get(key)
        items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for item in items:
            found.extend(split_names(str(item)))
    return found


def _find(label: str, names: Sequence[str]) -> str | None:
    """The one name the label stands for: the full name, or a first or last name of only one person."""
    key = name_key(label)
    for name in names:
        if name_key(name) == key:
            return name
    partial = {name for name in names if key in (name_key(name).split()[0], name_key(name).split()[-1])}
    return partial.pop() if len(partial) == 1 else None


def _fullest(names: Iterable[str]) -> tuple[str, ...]:
    """Names without repeats, where "Fatima" (participants.csv) is dropped for "Fatima El Amrani"
    (front matter): a one-word name that is the first or last word of a longer one is that person."""
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name_key(name), name)
    longer = [key.split() for key in unique if " " in key]
    return tuple(
        name
        for key, name in unique.items()
        if " " in key or not any(key in (parts[0], parts[-1]) for parts in longer)
    )
