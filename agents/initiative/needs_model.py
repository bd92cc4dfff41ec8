"""The model path of the needs map: a chat model names and phrases each need and picks quotes.

The deterministic needs map goes in; every cluster is shown to the model by its keywords and
representative notes; names, statements and quotes come back as a typed answer that must cite known
notes verbatim. What fails twice keeps its deterministic wording, and the artefact says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel

from agents.initiative.need_profile import quote_of
from agents.initiative.needs_naming import (
    ClusterToName,
    NamingNote,
    NeedsNamingAnswer,
    NeedsNamingInput,
    check_answer,
)
from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, run_model_step
from agents.shared.prompting import language_name
from artefacts.catalogue import PerLanguage
from artefacts.initiative import NeedsMap

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

NOTES_PER_CLUSTER = 6
CLUSTERS_PER_CALL = 6
FALLBACK: PerLanguage[str] = PerLanguage("needs_map.model_fallback")


def naming_input(needs_map: NeedsMap, need_ids: list[str]) -> NeedsNamingInput:
    clusters = []
    for need in (needs_map.need(need_id) for need_id in need_ids):
        chosen = [q.note_id for q in need.evidence]
        chosen += [n for n in need.note_ids if n not in chosen][: max(0, NOTES_PER_CLUSTER - len(chosen))]
        notes = [NamingNote(id=note_id, text=needs_map.note(note_id).text) for note_id in chosen]
        clusters.append(ClusterToName(id=need.id, keywords=need.keywords, notes=notes))
    return NeedsNamingInput(language=language_name(needs_map.meta.language), clusters=clusters)


@dataclass(frozen=True)
class NeedsNamingStep(ArtefactStep[NeedsNamingInput, NeedsNamingAnswer, NeedsMap]):
    """Names, statements and quotes for a batch of clusters; a reviewer's need keeps its words."""

    prompt: ClassVar[str] = "needs_naming"
    input_model: ClassVar[type[BaseModel]] = NeedsNamingInput
    output_model: ClassVar[type[BaseModel]] = NeedsNamingAnswer
    fallback: ClassVar[Mapping[str, str]] = FALLBACK
    error_chars: ClassVar[int] = 300

    def check(self, answer: NeedsNamingAnswer, inputs: NeedsNamingInput) -> list[str]:
        return check_answer(answer, inputs)

    def size(self, inputs: NeedsNamingInput) -> int:
        return len(inputs.clusters)

    def apply(self, answer: NeedsNamingAnswer, draft: NeedsMap) -> NeedsMap:
        for named in answer.needs:
            need = draft.need(named.cluster_id)
            if need.origin == "reviewer":
                continue  # the reviewer's words win over the model's
            need.title = named.name[:90]
            need.statement = named.statement[:500]
            quotes = [
                quote_of(draft.note(q.note_id)).model_copy(update={"text": q.text}) for q in named.quotes
            ]
            seen = {q.note_id for q in quotes}
            quotes += [q for q in need.evidence if q.note_id not in seen]
            need.evidence = quotes[:5]
        return draft


def name_needs(
    needs_map: NeedsMap, llm: BaseChatModel, *, cache: CallCache | None = None, log: CallLog | None = None
) -> NeedsMap:
    """Return a copy of ``needs_map`` with model-written names, statements and quotes where they hold."""
    ids = [need.id for need in needs_map.needs]
    batches = [
        naming_input(needs_map, ids[i : i + CLUSTERS_PER_CALL]) for i in range(0, len(ids), CLUSTERS_PER_CALL)
    ]
    return run_model_step(NeedsNamingStep(), needs_map, batches, llm, cache=cache, log=log)
