"""How much two concept alternatives overlap: the needs they rest on and the words they use.

Both are Jaccard indices (shared / together, 0–1). The words are those of the name, purpose, hypothesis
and themes, lower case, without stop words, without the words of the sentence templates every offline
concept is written in (``concepts.words`` of the catalogue) and without the organisation's name: what is
left is what the concept is about.
"""

from __future__ import annotations

import re
from itertools import combinations

from agents.concept.concept_texts import WORDS
from agents.shared.keywords import stop_words
from artefacts.concept import ConceptHypotheses, ConceptHypothesis

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def concept_words(concept: ConceptHypothesis, language: str, organisation: str = "") -> set[str]:
    """What ``concept`` is about, as a set of words."""
    templates = WORDS.get(language, WORDS["en"])
    boilerplate = stop_words(language) | _words(" ".join(templates.values())) | _words(organisation)
    text = " ".join([concept.name, concept.purpose, concept.hypothesis, *(t.title for t in concept.themes)])
    return _words(text) - boilerplate


def pairwise_overlap(
    concepts: ConceptHypotheses, organisation: str = ""
) -> list[tuple[str, str, float, float]]:
    """(first id, second id, need overlap, word overlap) for every pair of alternatives."""
    language = concepts.meta.language
    words = {c.id: concept_words(c, language, organisation) for c in concepts.concepts}
    return [
        (
            a.id,
            b.id,
            round(jaccard(set(a.need_ids), set(b.need_ids)), 3),
            round(jaccard(words[a.id], words[b.id]), 3),
        )
        for a, b in combinations(concepts.concepts, 2)
    ]
