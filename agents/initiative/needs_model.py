"""The model path of the needs map: a chat model names and phrases each need and picks quotes.

The deterministic needs map goes in; every cluster is shown to the model by its keywords and
representative notes; names, statements and quotes come back as a typed answer that must cite known
notes verbatim. What fails twice keeps its deterministic wording, and the artefact says so.
"""

from __future__ import annotations

from functools import partial

from langchain_core.language_models import BaseChatModel

from agents.initiative.need_profile import quote_of
from agents.initiative.needs_naming import (
    ClusterToName,
    NamingNote,
    NeedsNamingAnswer,
    NeedsNamingInput,
    check_answer,
)
from agents.shared.call_records import CallCache, CallLog
from agents.shared.prompting import language_name, load_prompt
from agents.shared.structured import ask_structured
from artefacts.base import Quote
from artefacts.initiative import NeedsMap

NOTES_PER_CLUSTER = 6
CLUSTERS_PER_CALL = 6
FALLBACK = {
    "nl": "Het taalmodel gaf voor {n} behoefte(n) geen bruikbaar antwoord ({errors}); daar staat de "
    "formulering zonder taalmodel.",
    "en": "The language model gave no usable answer for {n} need(s) ({errors}); those keep the wording "
    "made without a model.",
}


def naming_input(needs_map: NeedsMap, need_ids: list[str]) -> NeedsNamingInput:
    clusters = []
    for need in (needs_map.need(need_id) for need_id in need_ids):
        chosen = [q.note_id for q in need.evidence]
        chosen += [n for n in need.note_ids if n not in chosen][: max(0, NOTES_PER_CLUSTER - len(chosen))]
        notes = [NamingNote(id=note_id, text=needs_map.note(note_id).text) for note_id in chosen]
        clusters.append(ClusterToName(id=need.id, keywords=need.keywords, notes=notes))
    return NeedsNamingInput(language=language_name(needs_map.meta.language), clusters=clusters)


def name_needs(
    needs_map: NeedsMap, llm: BaseChatModel, *, cache: CallCache | None = None, log: CallLog | None = None
) -> NeedsMap:
    """Return a copy of ``needs_map`` with model-written names, statements and quotes where they hold."""
    result = needs_map.model_copy(deep=True)
    prompt = load_prompt("needs_naming")
    ids = [need.id for need in result.needs]
    failed: list[str] = []
    errors: list[str] = []
    model_desc: dict[str, str] | None = None
    for start in range(0, len(ids), CLUSTERS_PER_CALL):
        batch = ids[start : start + CLUSTERS_PER_CALL]
        inputs = naming_input(result, batch)
        answer = ask_structured(
            llm,
            prompt,
            inputs.model_dump(),
            NeedsNamingAnswer,
            check=partial(_check, inputs=inputs),
            cache=cache,
            log=log,
        )
        model_desc = {k: str(v) for k, v in (answer.model or {}).items()} if answer.model else model_desc
        if answer.value is None or answer.status == "fallback" or answer.value.cannot_answer:
            failed += batch
            errors += answer.errors or [str(answer.value.cannot_answer if answer.value else "no answer")]
            continue
        _apply(result, answer.value)
    if len(failed) < len(ids):
        result.meta.drafted_by = "model"
    result.meta.model = model_desc or result.meta.model
    result.meta.prompts = [
        *result.meta.prompts,
        prompt.prompt_ref(),
    ]
    if failed:
        template = FALLBACK.get(result.meta.language, FALLBACK["en"])
        result.meta.fallback = template.format(n=len(failed), errors="; ".join(errors)[:300])
    return result


def _check(value: NeedsNamingAnswer, inputs: NeedsNamingInput) -> list[str]:
    return check_answer(value, inputs)


def _apply(needs_map: NeedsMap, answer: NeedsNamingAnswer) -> None:
    for named in answer.needs:
        need = needs_map.need(named.cluster_id)
        if need.origin == "reviewer":
            continue  # the reviewer's words win over the model's
        need.title = named.name[:90]
        need.statement = named.statement[:500]
        quotes: list[Quote] = []
        for cited in named.quotes:
            note = needs_map.note(cited.note_id)
            quote = quote_of(note)
            quotes.append(quote.model_copy(update={"text": cited.text}))
        seen = {q.note_id for q in quotes}
        quotes += [q for q in need.evidence if q.note_id not in seen]
        need.evidence = quotes[:5]
