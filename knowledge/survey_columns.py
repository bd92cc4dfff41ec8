"""Which column of a survey export answers which questionnaire item.

Survey tools put the question text in the header, often a little changed: a trailing ``*`` for a
required question, numbering ("1. "), different spacing or punctuation, a typo fixed after the
questionnaire was approved, or a Google Forms grid header ("Hoe eens bent u het hiermee? [Ik herken …]").
Headers and item texts are normalised, scored by the better of a character ratio (difflib) and the
overlap of their words, and assigned one to one (the assignment with the highest total score, each
item used at most once) above a threshold. Columns the tools add themselves (timestamps, ids) are
metadata and stay out of the mapping; columns with names and e-mail addresses are personal data and
are dropped when the file is read.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

import numpy as np
from scipy.optimize import linear_sum_assignment

from artefacts.survey import ColumnMapping, Questionnaire

MATCH_THRESHOLD = 0.6

METADATA_COLUMNS = frozenset(
    {
        "tijdstempel", "timestamp", "id", "begintijd", "start time", "starttijd", "tijd van voltooien",
        "completion time", "eindtijd", "end time", "laatst gewijzigd", "last modified time",
        "tijdstip van laatste wijziging", "respondent", "response id", "respons id", "submitted at",
        "ingediend op", "score", "total points", "totaal aantal punten", "#", "start date (utc)",
        "submit date (utc)", "network id", "tags", "respondent id", "response type",
    }
)  # fmt: skip
PERSONAL_COLUMNS = frozenset(
    {
        "e-mail", "email", "e-mailadres", "emailadres", "email address", "e-mail address", "naam", "name",
        "volledige naam", "full name", "gebruikersnaam", "username", "telefoon", "telefoonnummer", "phone",
    }
)  # fmt: skip

_NUMBERING = re.compile(r"^\s*(?:q\s?\d{1,3}|\d{1,3}|[ivx]{1,4})\s*[.):\-]\s*|^\s*q\d{1,3}\s+", re.IGNORECASE)
_GRID = re.compile(r"^(?P<question>.*)\[(?P<row>[^\[\]]+)\]\s*\*?\s*$", re.DOTALL)
_ITEM_ID = re.compile(r"^q\d{2}$")
_ASIDE = re.compile(r"\s*\([^()]*\)")  # "(optional)", "(optioneel)"
_POSSESSIVE = re.compile(r"^(?:your|uw|je|jouw)\s+")


def header_key(name: str) -> str:
    """A header reduced to what identifies it: case, spacing and a trailing ``*`` removed."""
    text = unicodedata.normalize("NFKC", name).replace("\u00a0", " ").strip().rstrip("*").strip()
    return " ".join(text.casefold().split())


def is_metadata(name: str) -> bool:
    return header_key(name) in METADATA_COLUMNS


def is_personal(name: str) -> bool:
    """A header asking for a name, an e-mail address or a phone number ("E-mail", "Your email (optional)")."""
    key = header_key(name)
    if key in PERSONAL_COLUMNS:
        return True
    key = _POSSESSIVE.sub("", _ASIDE.sub("", key)).strip(" :?")
    return key in PERSONAL_COLUMNS


def normalise_text(text: str) -> str:
    """Lower case words without numbering, punctuation or accents, separated by single spaces."""
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").strip().rstrip("*"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NUMBERING.sub("", text)
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(text.split())


def similarity(header: str, item_text: str) -> float:
    """How closely a header matches an item text, 0..1 (1 = the same after normalising)."""
    a, b = normalise_text(header), normalise_text(item_text)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    words_a, words_b = set(a.split()), set(b.split())
    overlap = 2 * len(words_a & words_b) / (len(words_a) + len(words_b))
    return max(ratio, overlap)


def column_score(header: str, item_id: str, item_text: str) -> float:
    """The header as a whole, or the row of a grid question in its brackets, against the item."""
    words = header_key(header).replace(".", " ").split()
    if words and _ITEM_ID.match(words[0]) and words[0] == item_id.casefold():
        return 1.0
    score = similarity(header, item_text)
    grid = _GRID.match(header.strip())
    if grid:
        score = max(score, similarity(grid.group("row"), item_text))
    return round(score, 4)


def map_columns(columns: list[str], questionnaire: Questionnaire) -> list[ColumnMapping]:
    """One mapping per question column (metadata and personal columns left out), in column order.

    The assignment maximises the total score over pairs above ``MATCH_THRESHOLD``; a column left
    without an item keeps its best score so a reviewer sees how near it came.
    """
    questions = [c for c in columns if not is_metadata(c) and not is_personal(c)]
    items = questionnaire.items
    if not questions:
        return []
    scores = np.array([[column_score(c, item.id, item.text) for item in items] for c in questions])
    usable = np.where(scores >= MATCH_THRESHOLD, scores, 0.0)
    rows, cols = linear_sum_assignment(usable, maximize=True)
    assigned = {int(r): int(c) for r, c in zip(rows, cols, strict=True) if usable[r, c] > 0}
    mappings = []
    for r, column in enumerate(questions):
        if r in assigned:
            mappings.append(
                ColumnMapping(column=column, item_id=items[assigned[r]].id, score=scores[r, assigned[r]])
            )
        else:
            best = float(scores[r].max()) if scores.shape[1] else 0.0
            mappings.append(ColumnMapping(column=column, item_id=None, score=best))
    return mappings
