"""What an agent may read from a project's knowledge store, as a small protocol.

Agents depend on :class:`Retriever`, not on chromadb or the flows: the flows pass the project's
:class:`~knowledge.store.KnowledgeStore` (which has exactly these reads), tests pass an in-memory fake
that records what it was asked. Three reads, typed with :mod:`knowledge.hits`:

- ``evidence_for(claim, k, exclude_ids)``: notes that say what a claim says (the concept and persona
  prompts get these per need, beside the need's own quotes);
- ``notes_like(note_id, k)``: notes close to a note (``samen notes like`` for a reviewer);
- ``guidance(phase, k, query, language)``: methodology passages of a phase (the "how this phase is done"
  block of a prompt; the phase 3–6 agents will read theirs the same way).

The helpers below turn hits into what prompts and checks need, so every agent retrieves the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from artefacts.initiative import NeedsMap
from knowledge.hits import GuidanceHit, NoteHit

GUIDANCE_CHARS = 1200
"""How much of one methodology passage a prompt quotes: the heading and the first paragraphs."""


class Retriever(Protocol):
    """The reads of a project's knowledge store that agents use."""

    def evidence_for(self, claim_text: str, k: int = 5, exclude_ids: Sequence[str] = ()) -> list[NoteHit]:
        """The ``k`` notes most similar to ``claim_text``, best first, leaving out ``exclude_ids``."""
        ...

    def notes_like(self, note_id: str, k: int = 5) -> list[NoteHit]:
        """The ``k`` notes most similar to the stored note ``note_id`` (not itself), best first."""
        ...

    def guidance(
        self, phase: str, k: int = 5, query: str | None = None, language: str | None = None
    ) -> list[GuidanceHit]:
        """Methodology passages of ``phase``: nearest ``query`` or, without one, in the guide's order."""
        ...


def phase_guidance(
    knowledge: Retriever, phase: str, language: str, *, k: int = 3, query: str | None = None
) -> list[GuidanceHit]:
    """The guidance of ``phase`` in the project's language; in English when the guide has none in it."""
    hits = knowledge.guidance(phase, k, query=query, language=language)
    if not hits and language != "en":
        hits = knowledge.guidance(phase, k, query=query, language="en")
    return hits


def guidance_text(hit: GuidanceHit, limit: int = GUIDANCE_CHARS) -> str:
    """A passage cut at a paragraph (or word) boundary within ``limit`` characters."""
    text = hit.text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind("\n\n")
    if end < limit // 2:
        end = cut.rfind(" ")
    return cut[: max(end, 1)].rstrip() + " …"


def further_evidence(
    knowledge: Retriever, claims: Iterable[tuple[str, str]], exclude_ids: Iterable[str], *, k: int
) -> dict[str, list[NoteHit]]:
    """Per claim id, up to ``k`` notes the store finds for the claim's text that the prompt does not
    already show (``exclude_ids``). ``claims`` are ``(id, text)`` pairs, e.g. a need and its statement."""
    shown = list(dict.fromkeys(exclude_ids))
    return {
        claim_id: knowledge.evidence_for(text, k=k, exclude_ids=shown) if k > 0 else []
        for claim_id, text in claims
    }


def need_of_notes(needs_map: NeedsMap) -> dict[str, str]:
    """Note id → the id of the need it sits in (notes in no need are absent)."""
    return {note_id: need.id for need in needs_map.needs for note_id in need.note_ids}


if TYPE_CHECKING:  # the store the flows pass is a Retriever; mypy checks it here, chromadb stays unloaded
    from knowledge.store import KnowledgeStore

    def _store_is_a_retriever(store: KnowledgeStore) -> Retriever:
        return store
