"""Checks that a model's answer rests on the evidence: quotes occur verbatim, ids exist.

Each function returns readable error strings (empty when all is well). They are written for the model
as much as for people: ``ask_structured`` sends them back once in the re-ask, so they name the quote
and the note it cites.

A quote matches when it occurs in its source after normalising whitespace (runs of spaces, tabs and
newlines become one space) and typographic quotes and apostrophes (‘’‚‛ → ', “”„‟«» → "). Nothing else is
forgiven: case, accents, punctuation and word order must be as said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_MAX_SHOWN = 120


def normalise(text: str) -> str:
    """Whitespace collapsed and typographic quote marks made plain; everything else untouched."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def occurs(quote: str, source: str) -> bool:
    """True when ``quote`` occurs verbatim in ``source`` (up to whitespace and quote marks)."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(source)


def missing_quotes(quotes: Iterable[tuple[str, str]], sources: Mapping[str, str]) -> list[str]:
    """Errors for each ``(source_id, quote)`` whose quote is not in the source it cites.

    An unknown source id is an error too (the quote cannot be checked).
    """
    errors = []
    for source_id, quote in quotes:
        if source_id not in sources:
            errors.append(f"quote {_show(quote)} cites {source_id!r}, which is not one of the notes given")
        elif not normalise(quote):
            errors.append(f"an empty quote cites {source_id!r}")
        elif not occurs(quote, sources[source_id]):
            errors.append(
                f"quote {_show(quote)} does not occur verbatim in note {source_id}; "
                "copy the words exactly as they stand in that note"
            )
    return errors


def quotes_anywhere(quotes: Iterable[str], sources: Mapping[str, str]) -> list[str]:
    """Errors for quotes that occur in none of the sources (when the answer does not cite a note)."""
    texts = [normalise(text) for text in sources.values()]
    errors = []
    for quote in quotes:
        needle = normalise(quote)
        if not needle or not any(needle in text for text in texts):
            errors.append(f"quote {_show(quote)} does not occur verbatim in any of the notes given")
    return errors


def unknown_ids(ids: Iterable[str], known: Iterable[str], *, what: str = "note") -> list[str]:
    """Errors for ids that are not among the known ones (each reported once, in order)."""
    known_set = set(known)
    seen: set[str] = set()
    errors = []
    for item in ids:
        if item not in known_set and item not in seen:
            seen.add(item)
            errors.append(f"{what} id {item!r} does not exist; use only the {what} ids given")
    return errors


def _show(quote: str) -> str:
    text = normalise(quote)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1] + "…"
    return repr(text)
