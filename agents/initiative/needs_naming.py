"""The contract of the needs-naming prompt (``prompts/needs_naming/``): what it is given, what it
returns, and the grounding check its answer must pass.

The deterministic backbone clusters notes and names each cluster by its keywords; a chat model, when
configured, names the need behind each cluster and quotes the notes that show it.
"""

from __future__ import annotations

from pydantic import Field

from agents.shared.grounding import missing_quotes, unknown_ids
from artefacts.base import Strict


class NamingNote(Strict):
    id: str = Field(description="Note id, e.g. n-1a2b3c4d5e.")
    text: str = Field(description="What the interviewee said, pseudonymised.")


class ClusterToName(Strict):
    id: str = Field(description="Cluster id.")
    keywords: list[str] = Field(default_factory=list, description="Characteristic words of the cluster.")
    notes: list[NamingNote] = Field(default_factory=list, description="Representative notes of the cluster.")


class NeedsNamingInput(Strict):
    """The variables of ``prompts/needs_naming/v1.md``."""

    language: str = Field(description="Language to write in, e.g. 'Dutch' or 'English'.")
    clusters: list[ClusterToName]


class EvidenceQuote(Strict):
    note_id: str = Field(description="Id of the note the quote comes from; one of the ids given.")
    text: str = Field(
        min_length=1,
        max_length=400,
        description="Words copied exactly from that note: verbatim, no paraphrase.",
    )


class NamedNeed(Strict):
    cluster_id: str = Field(description="Id of the cluster this need names; one of the ids given.")
    name: str = Field(min_length=2, max_length=80, description="Short name of the need, 2-6 words.")
    statement: str = Field(
        min_length=5, max_length=400, description="The need in one sentence, from the members' point of view."
    )
    quotes: list[EvidenceQuote] = Field(
        min_length=1,
        max_length=5,
        description="1-3 quotes that show this need, each from a note of this cluster.",
    )


class NeedsNamingAnswer(Strict):
    needs: list[NamedNeed] = Field(description="One named need per cluster given.")
    cannot_answer: str | None = Field(
        default=None,
        description="Only when the notes give no basis to name any need: say why, and leave needs empty.",
    )


def check_answer(answer: NeedsNamingAnswer, inputs: NeedsNamingInput) -> list[str]:
    """Grounding: known clusters, every cluster named, quotes verbatim in the notes they cite."""
    notes = {note.id: note.text for cluster in inputs.clusters for note in cluster.notes}
    cluster_ids = [cluster.id for cluster in inputs.clusters]
    errors = unknown_ids((need.cluster_id for need in answer.needs), cluster_ids, what="cluster")
    named = {need.cluster_id for need in answer.needs}
    errors += [
        f"cluster {cid!r} has no need; name one need per cluster" for cid in cluster_ids if cid not in named
    ]
    errors += missing_quotes(((q.note_id, q.text) for need in answer.needs for q in need.quotes), notes)
    return errors
