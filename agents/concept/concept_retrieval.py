"""What the v2 concept and persona prompts get from the knowledge store, and how the check sees it.

Per need, up to ``FURTHER_PER_NEED`` further notes that the store finds for the need's statement and that
the prompt does not already show (its quotes, other needs' quotes, the drive notes): pseudonymised and
masked like every note in a prompt, with their ids and the need each sits in, so the model can cite them
and the grounding check holds them to the same rule (a quote occurs verbatim in the note it cites, every
id is one it was given). And the methodology guide's passages for the phase, as a short "how this phase
is done" block. Both go inside the prompt's ``<data>`` block: retrieved text is data, never instructions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import Field

from agents.concept.concept_prompts import ConceptsInput, PersonaInput, PromptNeed
from agents.shared.retrieval import Retriever, further_evidence, guidance_text, need_of_notes, phase_guidance
from artefacts.base import Quote, Strict
from artefacts.initiative import NeedsMap
from knowledge.hits import NoteHit
from knowledge.pii import mask

FURTHER_PER_NEED = 3
GUIDANCE_PASSAGES = 3


class FurtherNote(Strict):
    id: str = Field(description="Note id, e.g. n-1a2b3c4d5e; may be cited like any note given.")
    text: str = Field(description="What an interviewee said, pseudonymised.")
    need: str = Field(default="", description="Id of the need it sits in in the needs map; empty if none.")


class PromptNeedWithFurther(PromptNeed):
    further: list[FurtherNote] = Field(
        default_factory=list,
        description="Other notes close in meaning to the statement, found in all interviews: they may "
        "support the need, or show where it ends.",
    )


class ConceptsInputV2(ConceptsInput):
    """The variables of ``prompts/concepts/v2.md``: v1's, with further notes per need and the method."""

    needs: list[PromptNeedWithFurther]  # type: ignore[assignment]  # v1's needs, each with its further notes
    method: list[str] = Field(
        default_factory=list, description="How this phase is done: the guide's passages."
    )


class PersonaInputV2(PersonaInput):
    """The variables of ``prompts/persona/v2.md``: v1's, with further notes per need and the method."""

    needs: list[PromptNeedWithFurther]  # type: ignore[assignment]  # v1's needs, each with its further notes
    method: list[str] = Field(
        default_factory=list, description="How this phase is done: the guide's passages."
    )


def with_further_notes(
    needs: Sequence[PromptNeed],
    needs_map: NeedsMap,
    knowledge: Retriever,
    language: str,
    *,
    also_shown: Iterable[str] = (),
    k: int = FURTHER_PER_NEED,
) -> tuple[list[PromptNeedWithFurther], dict[str, NoteHit]]:
    """``needs`` each with the further notes the store finds for its statement, and every hit by id."""
    shown = [note.id for need in needs for note in need.notes] + list(also_shown)
    statements = {n.id: n.statement for n in needs_map.needs}
    found = further_evidence(
        knowledge, ((n.id, statements.get(n.id, n.statement)) for n in needs), shown, k=k
    )
    sits_in = need_of_notes(needs_map)
    hits: dict[str, NoteHit] = {}
    result = []
    for need in needs:
        further = []
        for hit in found.get(need.id, []):
            hits.setdefault(hit.id, hit)
            further.append(
                FurtherNote(id=hit.id, text=mask(hit.text, language), need=sits_in.get(hit.id, ""))
            )
        result.append(PromptNeedWithFurther(**need.model_dump(), further=further))
    return result, hits


def method_passages(
    knowledge: Retriever, phase: str, language: str, *, query: str | None = None, k: int = GUIDANCE_PASSAGES
) -> list[str]:
    """The guide's passages for ``phase``, each cut short: nearest ``query``, or in the guide's order."""
    return [guidance_text(hit) for hit in phase_guidance(knowledge, phase, language, k=k, query=query)]


def further_known(hits: Mapping[str, NoteHit], language: str) -> dict[str, str]:
    """The retrieved notes as the prompt shows them (masked): what a quote may also cite."""
    return {note_id: mask(hit.text, language) for note_id, hit in hits.items()}


def quote_from(note_id: str, text: str, needs_map: NeedsMap, hits: Mapping[str, NoteHit]) -> Quote:
    """A quote traced to its file and line: through the needs map, or the store's hit for a note the
    needs map does not hold (one read after the map was drafted)."""
    try:
        note = needs_map.note(note_id)
    except KeyError:
        hit = hits[note_id]
        return Quote(
            note_id=hit.id,
            text=text,
            source=hit.source,
            line_start=hit.line,
            line_end=hit.line_end,
            speaker=hit.speaker,
        )
    return Quote(
        note_id=note.id,
        text=text,
        source=note.source,
        line_start=note.line_start,
        line_end=note.line_end,
        speaker=note.speaker,
    )
