"""The model path of the needs map: a chat model codes each statement into a short need phrase.

The approach of IDAS and ClusterLLM: instead of clustering what people literally said, a model reads
each statement with the question that prompted it and writes the need behind it in a few words
("vervanging bij uitval", not "die mensen komen met de bus"). The model then groups its phrases into
needs and names each group (:mod:`agents.initiative.needs_merging`); when that grouping does not hold, identical
phrases merge and phrases whose embeddings lie close merge, and each need is named after its most
frequent phrase.
Every code must cite a known statement and quote it verbatim; a batch that fails twice keeps no
codes, and when no batch holds, the deterministic needs map is returned with a note saying so.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from pydantic import BaseModel, Field
from sklearn.cluster import AgglomerativeClustering

from agents.initiative.needs_map import Layout, NeedsMapInputs, assemble, draft, note_entry
from agents.initiative.needs_merging import NeedsMergingStep, merge_phrases
from agents.initiative.statement_features import unit
from agents.shared.call_records import CallCache, CallLog
from agents.shared.grounding import missing_quotes, unknown_ids
from agents.shared.model_step import ModelStep
from agents.shared.prompting import language_name
from agents.shared.providers import describe_model
from artefacts.base import Strict
from artefacts.catalogue import PerLanguage
from artefacts.initiative import NeedsMap
from artefacts.notes import Note

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

STATEMENTS_PER_CALL = 25
# At most this many statements are coded by the model; in a larger project a sample spread over every
# interview is, and each other statement takes the code of the coded statement nearest to it in meaning.
# So the calls grow with the project up to 24 batches, then stay (the needs are found by then: a need that
# no 600 statements of a project show is not one its interviews carry). The map says so when it happens.
CODED_AT_MOST = 600
CONCURRENT_CALLS = 4  # batches asked at once: the calls are independent, the answers come back in order
MERGE_SIMILARITY = 0.9  # phrases at least this similar (cosine) name one need
UNCODED: PerLanguage[str] = PerLanguage("needs_coding.uncoded")
SAMPLED: PerLanguage[str] = PerLanguage("needs_coding.sampled")
MERGED_BY_EMBEDDING: PerLanguage[str] = PerLanguage("needs_coding.merged_by_embedding")
FALLBACK: PerLanguage[str] = PerLanguage("needs_coding.fallback")


class StatementToCode(Strict):
    id: str = Field(description="Note id of the statement.")
    question: str = Field(description="The interviewer's question that prompted it ('' when unknown).")
    text: str = Field(description="What the interviewee said, pseudonymised.")


class NeedsCodingInputV1(Strict):
    """The variables of ``prompts/needs_coding/v1.md``."""

    language: str = Field(description="Language to write the need phrases in.")
    statements: list[StatementToCode]


class NeedsCodingInput(NeedsCodingInputV1):
    """The variables of ``prompts/needs_coding/v2.md``: v1's and the needs the project expects."""

    expected: list[str] = Field(
        default_factory=list, description="Titles of the needs the project expects (its codebook)."
    )


class StatementCode(Strict):
    note_id: str = Field(description="Id of the statement coded; one of the ids given.")
    need: str | None = Field(
        default=None,
        max_length=80,
        description="The need behind the statement in 2-6 words, in the project language; null when the "
        "statement voices no need (small talk, a bare yes or no, an anecdote without a need).",
    )
    quote: str | None = Field(
        default=None,
        max_length=300,
        description="The words of the statement that show the need, copied exactly; null when need is null.",
    )


class NeedsCodingAnswer(Strict):
    codes: list[StatementCode] = Field(description="One code per statement given, in any order.")
    cannot_answer: str | None = Field(
        default=None,
        description="Only when the input gives no basis to code anything: say why, and leave codes empty.",
    )


def check_codes(answer: NeedsCodingAnswer, inputs: NeedsCodingInput) -> list[str]:
    """Grounding: known ids, every statement coded once, quotes verbatim in the statement they cite."""
    texts = {s.id: s.text for s in inputs.statements}
    errors = unknown_ids((code.note_id for code in answer.codes), texts, what="note")
    coded = Counter(code.note_id for code in answer.codes)
    errors += [f"note {nid!r} has no code; code every statement once" for nid in texts if nid not in coded]
    errors += [f"note {nid!r} is coded {n} times; code it once" for nid, n in coded.items() if n > 1]
    errors += [f"note {c.note_id!r} has a need but no quote" for c in answer.codes if c.need and not c.quote]
    errors += missing_quotes(((c.note_id, c.quote) for c in answer.codes if c.need and c.quote), texts)
    return errors


class NeedsCodingStep(ModelStep[NeedsCodingInput, NeedsCodingAnswer]):
    """One need phrase (or none) per statement, with its quote; the caller groups the phrases."""

    prompt: ClassVar[str] = "needs_coding"
    version: ClassVar[str | None] = "v2"  # v3 is an experiment: samen eval --prompt-version needs_coding=v3
    input_model: ClassVar[type[BaseModel]] = NeedsCodingInput
    output_model: ClassVar[type[BaseModel]] = NeedsCodingAnswer

    def check(self, answer: NeedsCodingAnswer, inputs: NeedsCodingInput) -> list[str]:
        return check_codes(answer, inputs)


def normalise_phrase(phrase: str) -> str:
    return " ".join(phrase.lower().strip(" .!?;:\"'“”").split())


def code_statements(
    statements: list[Note],
    llm: BaseChatModel,
    language: str,
    *,
    expected: list[str] | None = None,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> tuple[dict[str, str | None], list[str]]:
    """The need phrase of each statement the model coded (None: no need), and the errors of failed batches.

    ``expected`` holds the titles of the needs the project expects, offered to the model to reuse.
    """
    step = NeedsCodingStep()
    prompt = step.load()
    codes: dict[str, str | None] = {}
    errors: list[str] = []

    def ask(batch: list[Note]) -> Any:
        inputs = NeedsCodingInput(
            language=language_name(language),
            statements=[StatementToCode(id=n.id, question=n.context, text=n.text) for n in batch],
            expected=list(expected or []),
        )
        return step.ask(inputs, llm, prompt=prompt, cache=cache, log=log)

    batches = [
        statements[i : i + STATEMENTS_PER_CALL] for i in range(0, len(statements), STATEMENTS_PER_CALL)
    ]
    with ThreadPoolExecutor(
        max(1, min(CONCURRENT_CALLS, len(batches))), thread_name_prefix="samen-code"
    ) as pool:
        answers = list(pool.map(ask, batches))
    for answer in answers:
        if answer.value is None or answer.value.cannot_answer:
            errors += answer.errors or [str(answer.value.cannot_answer if answer.value else "no answer")]
            continue
        codes.update({c.note_id: (normalise_phrase(c.need) if c.need else None) for c in answer.value.codes})
    return codes, errors


def coding_sample(statements: list[Note], at_most: int) -> list[Note]:
    """The statements the model codes: all of them up to ``at_most``, else an even spread over the
    interviews (each interview's share in proportion, its statements spaced evenly)."""
    if len(statements) <= at_most:
        return list(statements)
    by_interview: dict[str, list[Note]] = {}
    for note in statements:
        by_interview.setdefault(note.interview_id, []).append(note)
    share = at_most / len(statements)
    chosen: list[Note] = []
    for notes in by_interview.values():
        take = max(1, round(len(notes) * share))
        step = len(notes) / take
        chosen += [notes[int(i * step)] for i in range(take)]
    return chosen[:at_most]


def spread_codes(
    statements: list[Note], vectors: np.ndarray, codes: dict[str, str | None]
) -> dict[str, str | None]:
    """Every statement's code: its own, else that of the coded statement nearest to it in meaning."""
    coded = [i for i, n in enumerate(statements) if n.id in codes]
    if not coded or len(coded) == len(statements):
        return dict(codes)
    unit_vectors = unit(np.asarray(vectors, dtype=np.float32))
    reference = unit_vectors[coded]
    spread = dict(codes)
    rest = [i for i, n in enumerate(statements) if n.id not in codes]
    for start in range(0, len(rest), 2048):  # a block at a time: 2048 × 600 similarities, not n × 600
        block = rest[start : start + 2048]
        nearest = np.argmax(unit_vectors[block] @ reference.T, axis=1)
        for i, j in zip(block, nearest, strict=True):
            spread[statements[i].id] = codes[statements[coded[int(j)]].id]
    return spread


def draft_coded(
    inputs: NeedsMapInputs,
    llm: BaseChatModel,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> NeedsMap:
    """The needs map from model-coded statements; the deterministic draft when no coding holds."""
    statements = [note for note in inputs.notes if note.kind == "statement"]
    expected = [entry.title.strip() for entry in inputs.codebook if entry.title.strip()]
    sample = coding_sample(statements, CODED_AT_MOST)
    codes, errors = code_statements(sample, llm, inputs.language, expected=expected, cache=cache, log=log)
    notes: list[str] = []
    if codes and len(sample) < len(statements):
        codes = spread_codes(statements, np.asarray(inputs.vectors), codes)
        template = SAMPLED.get(inputs.language, SAMPLED["en"])
        notes.append(template.format(coded=len(sample), total=len(statements)))
    prompts = [NeedsCodingStep.load().prompt_ref()]
    merged = None
    if codes:
        language = language_name(inputs.language)
        phrases = Counter(phrase for phrase in codes.values() if phrase)
        merged = merge_phrases(phrases, llm, language, cache=cache, log=log)
    if merged is not None:
        labels, names = grouped(statements, codes, *merged)
        prompts.append(NeedsMergingStep.load().prompt_ref())
    elif codes and inputs.embed is not None:
        labels, names = cluster_phrases(statements, codes, inputs)
        notes.append(MERGED_BY_EMBEDDING.get(inputs.language, MERGED_BY_EMBEDDING["en"]))
    else:
        result = draft(inputs)
        result.meta.model = model_of(llm)  # which model was asked, although its answers were not used
        template = FALLBACK.get(inputs.language, FALLBACK["en"])
        result.meta.fallback = template.format(
            errors="; ".join(errors or ["no embedder for the phrases"])[:300]
        )
        return result
    order = {label: f"N{rank:02d}" for rank, label in enumerate(_by_size(labels), start=1)}
    assignment = {
        n.id: (order[int(lab)] if lab >= 0 else None) for n, lab in zip(statements, labels, strict=True)
    }
    titles = {order[label]: name[:1].upper() + name[1:] for label, name in names.items() if label in order}
    result = assemble(
        [note_entry(note) for note in inputs.notes],
        inputs.vectors,
        Layout(assignment, titles, {}, {}),
        language=inputs.language,
        min_size=inputs.min_size,
        interviews=len({note.interview_id for note in inputs.notes}),
    )
    result.meta.drafted_by = "model"
    result.meta.model = model_of(llm)
    result.meta.prompts = prompts
    result.meta.notes.extend(notes)
    if errors:
        template = UNCODED.get(inputs.language, UNCODED["en"])
        result.meta.notes.append(template.format(n=len(errors), error=errors[0]))
    return result


def grouped(
    statements: list[Note], codes: dict[str, str | None], group_of: dict[str, int], names: dict[int, str]
) -> tuple[np.ndarray, dict[int, str]]:
    """Labels from the model's grouping of the phrases (-1: no need or uncoded), and the groups' names."""
    labels = np.array([group_of.get(codes.get(n.id) or "", -1) for n in statements], dtype=int)
    return labels, {label: names[label] for label in set(labels.tolist()) if label >= 0}


def cluster_phrases(
    statements: list[Note], codes: dict[str, str | None], inputs: NeedsMapInputs
) -> tuple[np.ndarray, dict[int, str]]:
    """Labels for the coded statements (-1: no need or uncoded) and each cluster's most frequent phrase.

    Identical phrases merge first; then phrases whose embeddings lie within ``MERGE_SIMILARITY`` of
    each other (average linkage) merge into one need.
    """
    assert inputs.embed is not None
    phrases = [codes.get(n.id) for n in statements]
    distinct = list(dict.fromkeys(p for p in phrases if p))
    labels = np.full(len(statements), -1, dtype=int)
    if not distinct:
        return labels, {}
    if len(distinct) == 1:
        groups = np.zeros(1, dtype=int)
    else:
        vectors = unit(np.asarray(inputs.embed(distinct), dtype=np.float64))
        groups = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - MERGE_SIMILARITY
        ).fit_predict(vectors)
    group_of = {phrase: int(g) for phrase, g in zip(distinct, groups, strict=True)}
    for i, phrase in enumerate(phrases):
        if phrase:
            labels[i] = group_of[phrase]
    names = {}
    for label in sorted(set(group_of.values())):
        names[label] = Counter(p for p in phrases if p and group_of[p] == label).most_common(1)[0][0]
    return labels, names


def _by_size(labels: np.ndarray) -> list[int]:
    sizes = Counter(int(x) for x in labels if x >= 0)
    return sorted(sizes, key=lambda label: (-sizes[label], label))


def model_of(llm: BaseChatModel) -> dict[str, str]:
    """Provider, model and settings for the artefact's provenance (no secrets)."""
    return {key: str(value) for key, value in describe_model(llm).items() if value is not None}
