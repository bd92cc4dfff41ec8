"""What the project itself is about, as prototypes a survey column can be recognised by.

An organisation's own survey asks about its own subjects: "Hoe belangrijk vindt u hulp bij de digitale
overheid?" is a question about one need of the approved needs map, not only a Likert statement. Each need
(its title, and its title with its statement) and each theme of the chosen concept (its title with its
topics) is a prototype. A column whose header is clearly nearest to one prototype is *about* it: that
makes it a recognition or relevance question (the blocks that test needs), and within its block it takes
the item that tests the same need or theme.

Cosines of the bundled e5 embedder lie close together (0.75–0.92 for any two sentences of one
language), so a column is about a prototype only when the best cosine is high and clearly above the
next prototype's (:data:`TOPIC_MIN`, :data:`TOPIC_MARGIN`; see benchmarks/survey_mapping_benchmark.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from artefacts.concept import ConceptHypothesis
from artefacts.initiative import NeedsMap
from artefacts.survey import QuestionItem
from knowledge.embeddings import Embedder

TOPIC_MIN = 0.86
TOPIC_MARGIN = 0.015


@dataclass(frozen=True)
class Prototype:
    """A need or a concept theme, as texts a header may resemble."""

    label: str  # what a person reads in the mapping's reason: the need's or the theme's title (no ids)
    texts: tuple[str, ...]
    need_ids: frozenset[str] = frozenset()
    theme: str | None = None

    def fits(self, item: QuestionItem) -> bool:
        """The item tests this need or theme."""
        return bool(self.need_ids & set(item.need_ids)) or (
            self.theme is not None and item.theme == self.theme
        )


@dataclass(frozen=True)
class Topic:
    """The prototype a column is about, and how clearly (0..1)."""

    prototype: Prototype
    strength: float


def project_prototypes(
    needs_map: NeedsMap | None = None, concept: ConceptHypothesis | None = None
) -> list[Prototype]:
    """The needs of the approved needs map and the themes of the chosen concept; [] when neither is known."""
    found: list[Prototype] = []
    for need in needs_map.needs if needs_map else []:
        texts = (need.title, f"{need.title}: {need.statement}")
        found.append(Prototype(label=need.title, texts=texts, need_ids=frozenset({need.id})))
    for theme in concept.themes if concept else []:
        texts = (theme.title, f"{theme.title}: {', '.join(theme.topics)}" if theme.topics else theme.title)
        found.append(
            Prototype(label=theme.title, texts=texts, need_ids=frozenset(theme.need_ids), theme=theme.title)
        )
    return found


def column_topics(
    columns: Sequence[str], prototypes: Sequence[Prototype], embedder: Embedder | None
) -> dict[str, Topic]:
    """Column → the prototype it is clearly about; columns about none are left out."""
    if embedder is None or not prototypes or not columns:
        return {}
    texts = [(k, text) for k, prototype in enumerate(prototypes) for text in prototype.texts]
    vectors = np.asarray(embedder.embed_documents([text for _, text in texts]))
    headers = np.asarray(embedder.embed_documents(list(columns)))
    cosine = headers @ vectors.T
    owner = np.array([k for k, _ in texts])
    found: dict[str, Topic] = {}
    for column, row in zip(columns, cosine, strict=True):
        best = np.array([row[owner == k].max() for k in range(len(prototypes))])
        order = np.argsort(best)[::-1]
        top = float(best[order[0]])
        second = float(best[order[1]]) if len(order) > 1 else 0.0
        if top >= TOPIC_MIN and top - second >= TOPIC_MARGIN:
            strength = min(1.0, (top - TOPIC_MIN) / 0.04 + 0.5)
            found[column] = Topic(prototypes[int(order[0])], round(strength, 2))
    return found
