"""Who the interviewees are, by their metadata: participants.csv, front matter, note headers.

Each interviewee's metadata is their interview's (a file with one interviewee) overlaid by what their own
notes carry (the row of participants.csv for that speaker). The field that groups them is the first,
in the order of ``knowledge/lexicons/people.yaml`` (the project's ``segment_field`` before all), that
describes people and really groups them: at least half of them have a value, and some value is shared
by two or more. A field in which everyone differs ("Jeugdtrainer hockey (MO12)") does not group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from artefacts.notes import Interview, Note
from knowledge.lexicons import load


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def person_metadata(interviews: Iterable[Interview], notes: Sequence[Note] = ()) -> dict[str, dict[str, str]]:
    """Per interviewee pseudonym: metadata keys (lower case, underscores) → value."""
    people: dict[str, dict[str, str]] = {}
    for interview in interviews:
        for person in interview.participants or [interview.participant]:
            shared = {_key(k): v for k, v in interview.metadata.items() if v.strip()}
            people.setdefault(person, {}).update(shared)
    seen: set[str] = set()
    for note in notes:
        if note.speaker in seen or not note.metadata:
            continue
        seen.add(note.speaker)
        own = {_key(k): v for k, v in note.metadata.items() if v.strip()}
        people.setdefault(note.speaker, {}).update(own)
    return people


def people_fields(segment_field: str) -> list[str]:
    """The metadata fields that describe people, in order of preference."""
    fields = [_key(segment_field)] + [_key(f) for f in load("people")["fields"]]
    return list(dict.fromkeys(fields))


def grouping_field(
    metadata: dict[str, dict[str, str]], people: Iterable[str], segment_field: str
) -> str | None:
    """The first people field that groups ``people``; None when no field does."""
    people = list(people)
    for field in people_fields(segment_field):
        values = [metadata.get(p, {}).get(field, "").strip().casefold() for p in people]
        given = [v for v in values if v]
        if not given or len(given) * 2 < len(people):
            continue
        if Counter(given).most_common(1)[0][1] >= 2:
            return field
    return None
