"""The domain assertion types: gold agreement, grounding, references, language, personal data, the calendar.

Each reads what a case drafted (:class:`~evaluations.subject.Subject`) and checks it against something the
draft did not make itself: the gold file, the notes as read, the project's language, the personal data in
the raw transcripts, the public holidays of the country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from artefacts.base import Quote
from evaluations.cases import Assertion
from evaluations.gold import normalise
from evaluations.personal_data import masked, personal_data
from evaluations.subject import Outcome, Subject, at_least, at_most, outcome
from knowledge.language import detect_language

NO_GOLD = "no gold file for this project ({path})"
MIN_WORDS = 6  # a string of fewer words says too little to tell its language


def _needs(s: Subject, a: Assertion) -> Outcome | None:
    if s.needs_score is None:
        return outcome(a, False, detail=NO_GOLD.format(path=s.case.vars.gold))
    return None


def cluster_ari(s: Subject, a: Assertion) -> Outcome:
    return _needs(s, a) or at_least(a, s.needs_score.ari)  # type: ignore[union-attr]


def cluster_nmi(s: Subject, a: Assertion) -> Outcome:
    return _needs(s, a) or at_least(a, s.needs_score.nmi)  # type: ignore[union-attr]


def need_coverage(s: Subject, a: Assertion) -> Outcome:
    """Share of the gold needs with a matching drafted need (F1 of their statements ≥ 0.4)."""
    if missing := _needs(s, a):
        return missing
    score = s.needs_score
    assert score is not None
    share = score.matched / score.gold_needs if score.gold_needs else 1.0
    return at_least(a, share, 1.0, f"{score.matched}/{score.gold_needs} gold needs matched")


def needs_matched(s: Subject, a: Assertion) -> Outcome:
    if missing := _needs(s, a):
        return missing
    score = s.needs_score
    assert score is not None
    return at_least(a, score.matched, detail=f"{score.matched}/{score.gold_needs} gold needs")


def unclustered_share(s: Subject, a: Assertion) -> Outcome:
    return _needs(s, a) or at_most(a, s.needs_score.unclustered_share)  # type: ignore[union-attr]


def smalltalk_kept_out(s: Subject, a: Assertion) -> Outcome:
    return _needs(s, a) or at_least(a, s.needs_score.smalltalk_kept_out)  # type: ignore[union-attr]


def champions_recall(s: Subject, a: Assertion) -> Outcome:
    """Share of the gold champions ranked within the top ``value`` (5 by default)."""
    if s.champions_score is None:
        return outcome(a, False, detail=NO_GOLD.format(path=s.case.vars.gold))
    top = int(a.value or 5)
    ranks = s.champions_score.champion_ranks
    inside = sum(1 for rank in ranks.values() if 0 < rank <= top)
    share = inside / len(ranks) if ranks else 1.0
    return at_least(a, share, 1.0, f"ranks {sorted(ranks.values())} (top {top})")


def decoys_below_champions(s: Subject, a: Assertion) -> Outcome:
    if s.champions_score is None:
        return outcome(a, False, detail=NO_GOLD.format(path=s.case.vars.gold))
    score = s.champions_score
    return outcome(
        a, score.decoys_below_champions, detail=f"decoy ranks {sorted(score.decoy_ranks.values())}"
    )


def quotes(value: Any) -> Iterator[Quote]:
    """Every quote in an artefact, however deep."""
    if isinstance(value, Quote):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from quotes(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from quotes(getattr(value, name))


def quotes_grounded(s: Subject, a: Assertion) -> Outcome:
    """Every quote occurs verbatim in the note it cites, and the note is at the file and lines cited."""
    if s.needs_map is None:
        return outcome(a, False, detail="no needs map drafted: nothing to check quotes against")
    notes = {note.id: note for note in s.needs_map.notes}
    found = list(quotes(s.artefact))
    bad = []
    for quote in found:
        note = notes.get(quote.note_id)
        if note is None:
            bad.append(f"{quote.note_id}: no such note")
        elif normalise(quote.text) not in normalise(note.text):
            bad.append(f"{quote.note_id}: not verbatim: {quote.text[:40]!r}")
        elif quote.source != note.source or not (
            note.line_start <= quote.line_start <= quote.line_end <= note.line_end
        ):
            bad.append(f"{quote.note_id}: cited at {quote.where()}, said at {note.source}:{note.line_start}")
    if not found:
        return outcome(a, True, None, "no quotes in this artefact")
    share = 1 - len(bad) / len(found)
    threshold = a.threshold if a.threshold is not None else 1.0
    return outcome(
        a, share >= threshold, share, "; ".join(bad[:3]) or f"all {len(found)} verbatim, where cited"
    )


def references_valid(s: Subject, a: Assertion) -> Outcome:
    """Every note, need, concept, survey item and artefact an artefact refers to exists."""
    if s.needs_map is None:
        return outcome(a, False, detail="no needs map drafted: nothing to check references against")
    drafted = s.drafted.artefacts()
    known: dict[str, set[str]] = {
        "note": {note.id for note in s.needs_map.notes},
        "need": {need.id for need in s.needs_map.needs},
        "artefact": _artefact_names(),
    }
    concepts = drafted.get("concept-hypotheses")
    if concepts is not None:
        known["concept"] = {c.id for c in getattr(concepts, "concepts", [])}
    questionnaire, results = drafted.get("questionnaire"), drafted.get("survey-results")
    if questionnaire is not None:
        known["survey item"] = {item.id for item in getattr(questionnaire, "items", [])}
        known["survey item"] |= {item.item_id for item in getattr(results, "items", [])}
    refs = list(_references(s.artefact.model_dump(mode="json", exclude={"meta"})))
    bad = [
        f"{kind} {ref!r} ({where})" for kind, ref, where in refs if kind in known and ref not in known[kind]
    ]
    checked = sum(1 for kind, _, _ in refs if kind in known)
    share = 1 - len(bad) / checked if checked else 1.0
    return outcome(a, not bad, share, "; ".join(bad[:3]) or f"all {checked} references exist")


_REFERENCE_KEYS = {
    "note_id": "note",
    "note_ids": "note",
    "unclustered": "note",
    "need_id": "need",
    "need_ids": "need",
    "related": "need",
    "concept_id": "concept",
    "survey_items": "survey item",
    "artefacts": "artefact",
}


def _references(value: Any, where: str = "") -> Iterator[tuple[str, str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            kind = _REFERENCE_KEYS.get(key)
            if kind and isinstance(item, str):
                yield kind, item, f"{where}.{key}".lstrip(".")
            elif kind and isinstance(item, list) and all(isinstance(i, str) for i in item):
                yield from ((kind, i, f"{where}.{key}".lstrip(".")) for i in item)
            else:
                yield from _references(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _references(item, f"{where}.{index}")


def _artefact_names() -> set[str]:
    from artefacts.phases import PHASE_TABLE

    return {item.name for row in PHASE_TABLE for item in row.artefacts}


def prose(value: Any) -> Iterator[str]:
    """The sentences of an artefact meant for people: strings of several words, outside its metadata."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("meta", "id", "source", "note_id", "speaker"):
                yield from prose(item)
    elif isinstance(value, list):
        for item in value:
            yield from prose(item)
    elif isinstance(value, str) and len(value.split()) >= MIN_WORDS:
        yield value


def language(s: Subject, a: Assertion) -> Outcome:
    """The artefact is written in the project's language (or ``value``): its metadata says so and the share
    of its sentences that read as that language is at least ``threshold`` (0.9 by default)."""
    expected = str(a.value or s.project.language)
    texts = list(prose(s.artefact.model_dump(mode="json")))[:300]
    if not texts:
        return outcome(a, s.artefact.meta.language == expected, None, "no sentences to read")
    found = [detect_language(text, default="?") for text in texts]
    told = [f for f in found if f != "?"]  # lingua unsure of a short sentence: it counts neither way
    share = told.count(expected) / len(told) if told else 1.0
    threshold = a.threshold if a.threshold is not None else 0.9
    others = sorted({f for f in told if f != expected})
    wrong_meta = s.artefact.meta.language != expected
    detail = f"{share:.0%} of {len(told)} sentences in {expected}" + (
        f"; also {', '.join(others)}" if others else ""
    )
    if len(told) < len(found):
        detail += f"; {len(found) - len(told)} too short to tell"
    if wrong_meta:
        detail += f"; meta.language is {s.artefact.meta.language}"
    return outcome(a, share >= threshold and not wrong_meta, share, detail)


def no_pii(s: Subject, a: Assertion) -> Outcome:
    """None of the project's personal data (``vars.planted``, else the names, e-mail addresses and phone
    numbers in its raw transcripts) is in the artefact, its Markdown, or what was sent to a model."""
    items = personal_data(s.drafted.setup, s.case.vars.planted)
    places = {
        "artefact": s.artefact.model_dump_json(),
        "markdown": s.markdown,
        "sent to the model": s.sent_text(),
    }
    leaks = []
    for where, text in places.items():
        for item in items:
            if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", text):
                leaks.append(f"{masked(item)} in {where}")
    detail = "; ".join(leaks[:4]) or f"none of {len(items)} items found"
    return outcome(a, not leaks, 1 - len(leaks) / max(1, len(items) * len(places)), detail)


def schema_version(s: Subject, a: Assertion) -> Outcome:
    """The artefact carries the schema version its model stores today (or ``value``)."""
    current = type(s.artefact).model_fields["schema_version"].default
    expected = int(a.value) if a.value is not None else current
    return outcome(
        a, s.artefact.schema_version == expected, detail=f"v{s.artefact.schema_version}, expected v{expected}"
    )
