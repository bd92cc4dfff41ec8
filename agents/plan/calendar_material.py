"""What calendar items are made of: the theme of each week, its topics, the needs behind it with their
statements and quotes, the persona's name, and the catalogue's words for each format.

A week's items draw on the same theme (the concept's themes rotate week by week) and pick its topics and
needs in turn, so no two days say the same thing and every item names the need and the quote it rests on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from artefacts.catalogue import PerLanguage, text
from artefacts.concept import ConceptHypothesis
from artefacts.errors import GateError
from artefacts.initiative import Need, NeedsMap

WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("content_calendar")
QUOTE_CHARS = 180


@dataclass(frozen=True)
class Theme:
    title: str
    topics: tuple[str, ...]
    needs: tuple[Need, ...]

    def topic(self, turn: int) -> str:
        return self.topics[turn % len(self.topics)]

    def need(self, turn: int) -> Need:
        return self.needs[turn % len(self.needs)]


def themes_of(concept: ConceptHypothesis, needs_map: NeedsMap, language: str) -> tuple[list[Theme], bool]:
    """The concept's themes with their needs; the concept's needs as themes when it has none (and True)."""
    known = {need.id: need for need in needs_map.needs}
    themes = []
    for theme in concept.themes:
        needs = tuple(known[i] for i in theme.need_ids if i in known) or tuple(
            known[i] for i in concept.need_ids if i in known
        )
        if needs:
            topics = tuple(theme.topics) or tuple(n.title for n in needs)
            themes.append(Theme(title=theme.title, topics=topics, needs=needs))
    if themes:
        return themes, False
    fallback = [known[i] for i in concept.need_ids if i in known] or list(needs_map.needs)
    if not fallback:
        raise GateError(
            text(language, "content_calendar.errors.no_needs"),
            hint=text(language, "content_calendar.errors.no_needs_hint"),
        )
    return [Theme(title=n.title, topics=(n.title, *n.keywords[:2]), needs=(n,)) for n in fallback], True


def lower_first(text: str) -> str:
    """'Alleen staan' → 'alleen staan'; 'DigiD-vragen' stays as it is."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def quote_of(need: Need, turn: int = 0) -> tuple[str, str | None]:
    """The need's quote of this ``turn`` (its quotes in turn), cut at a word within ``QUOTE_CHARS``, and
    its note id."""
    if not need.evidence:
        return need.statement, None
    evidence = need.evidence[turn % len(need.evidence)]
    quote = " ".join(evidence.text.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return quote, evidence.note_id


def words(language: str) -> Mapping[str, Any]:
    return WORDS.get(language, WORDS["en"])
