"""What a statement is about, as vectors a clusterer can use: meaning, context and need cues.

Spoken statements lean on the question before them and carry few content words, so embedding the
statement alone recovers needs barely better than chance (``benchmarks/RESULTS.md``). A statement is
therefore described by three blocks, each L2-normalised and weighted:

- **meaning**: its embedding, centred on the corpus mean (e5 puts every text in one narrow cone; the
  common direction says "spoken Dutch", not what was meant);
- **context**: the embedding of the interviewer's question, mixed into the meaning block, when an
  embedder is at hand;
- **need cues**: how strongly the statement, its question and its neighbours in the same answer
  speak the words of each typical community need (``knowledge/lexicons/need_cues.yaml``). A cue is a
  word stem or short phrase; it counts by how rare it is in the corpus (inverse document frequency),
  so words every answer uses weigh little. Short stems and cues marked ``=`` match whole words only;
  a phrase lets one word in between its own (spoken fillers: "er was gewoon niemand");
- **the interview guide**, when given: each statement's cue profile also takes the mean profile of all
  answers to the same guide question (:mod:`agents.initiative.interview_guide`).

The statement's own cues, without its context, are kept apart as the **seed profile**: the library needs
a corpus is seeded with come from what people said in their own words, which is precise; the context
then helps place the statements that say little themselves (``agents.initiative.need_seeds``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from agents.initiative.interview_guide import guide_membership, pooled
from artefacts.notes import Note
from artefacts.project import CodebookEntry
from knowledge.lexicons import load

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class FeatureSettings:
    """Which blocks describe a statement and how much each weighs (each idea can be switched off)."""

    centre: bool = True
    context_mix: float = 0.4  # share of the question's vector in the meaning block (needs an embedder)
    cues: bool = True
    cue_weight: float = 1.0
    question_cues: float = 1.0  # cues in the interviewer's question, relative to the statement's own
    neighbour_cues: float = 0.3  # cues of the other statements of the same answer
    guide_pool: float = 0.5  # mean cue profile of the answers to the same guide question (needs a guide)
    own_seeds: bool = True  # seed the clusters from the statements' own cues only (not their context)


@dataclass
class StatementFeatures:
    """One row per statement: the combined vectors, and the cue profile over the library's needs."""

    vectors: np.ndarray
    cue_profile: np.ndarray  # (n, len(need_ids)); zeros when cues are off
    need_ids: list[str]
    seed_profile: np.ndarray | None = None  # the statements' own cues, for seeding; None: use cue_profile


def unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def describe(
    statements: Sequence[Note],
    vectors: np.ndarray,
    language: str,
    *,
    embed: Embed | None = None,
    settings: FeatureSettings | None = None,
    guide: Sequence[str] = (),
    codebook: Sequence[CodebookEntry] = (),
) -> StatementFeatures:
    """The features of ``statements``; ``vectors`` are their embeddings, one row each, in order.

    ``guide`` holds the interview guide's questions (:func:`agents.initiative.interview_guide.guide_questions`);
    ``codebook`` the project's own needs and cues (``samen.yaml`` → ``codebook``).
    """
    settings = settings or FeatureSettings()
    meaning = np.asarray(vectors, dtype=np.float32)
    if settings.centre and len(meaning) > 1:
        meaning = unit(meaning - meaning.mean(axis=0))
    if embed is not None and settings.context_mix > 0 and len(statements):
        questions = context_vectors(statements, embed)
        if settings.centre and len(questions) > 1:
            questions = unit(questions - questions.mean(axis=0))
        meaning = unit((1 - settings.context_mix) * meaning + settings.context_mix * questions)
    table = cue_table(language, codebook)
    need_ids = [need for need, *_ in table]
    if not settings.cues or not need_ids:
        return StatementFeatures(unit(meaning), np.zeros((len(statements), len(need_ids))), need_ids)
    own, profile = cue_profiles(statements, table, settings)
    if guide and settings.guide_pool > 0:
        membership = guide_membership(statements, guide, embed)
        profile = unit(profile) + settings.guide_pool * pooled(profile, membership)
    blocks = np.hstack([unit(meaning), settings.cue_weight * unit(profile)])
    return StatementFeatures(
        blocks.astype(np.float32), profile, need_ids, own if settings.own_seeds else None
    )


def context_vectors(statements: Sequence[Note], embed: Embed) -> np.ndarray:
    """The embedding of each statement's question (each distinct question embedded once)."""
    texts = [note.context.strip() or "-" for note in statements]
    distinct = list(dict.fromkeys(texts))
    rows = embed(distinct)
    index = {text: i for i, text in enumerate(distinct)}
    return np.asarray(rows, dtype=np.float32)[[index[t] for t in texts]]


def cue_profiles(
    statements: Sequence[Note], table: CueTable, settings: FeatureSettings
) -> tuple[np.ndarray, np.ndarray]:
    """IDF-weighted cue hits per need: the statement's own, and its own with its question's and its
    neighbours' added."""
    cues = _cues(table)
    own = _hits([note.text for note in statements], cues)
    asked = _hits([note.context for note in statements], cues)
    seen = ((own + asked) > 0).mean(axis=0) if len(statements) else np.zeros(len(cues))
    idf = np.log(1.0 / np.maximum(seen, 1.0 / max(1, len(statements))))
    owner = _cue_owner(table)
    mine, theirs = (own * idf) @ owner, (asked * idf) @ owner
    around = np.zeros_like(mine)
    for i, note in enumerate(statements):
        for j in (i - 1, i + 1):
            if 0 <= j < len(statements) and _same_answer(note, statements[j]):
                around[i] += mine[j]
    return mine, mine + settings.question_cues * theirs + settings.neighbour_cues * around


# (need id, the library's cues, the codebook's cues), in the library's order, then the codebook's.
CueTable = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
CODEBOOK_WEIGHT = 2.0  # a cue of the project's own codebook counts twice a generic library cue


def cue_table(language: str, codebook: Sequence[CodebookEntry] = ()) -> CueTable:
    """The cues of every need in ``language``: the library's, with the project's codebook added.

    A codebook entry (``samen.yaml`` → ``codebook``) with a library id adds its cues to that need; a new
    id adds a need after the library's. The project's cues weigh more than the library's
    (``CODEBOOK_WEIGHT``): they are what the people who know the domain expect to hear.
    """
    library: dict[str, list[str]] = {}
    for need, by_language in _table().items():
        cues = by_language.get(language) or by_language.get("en") or []
        library[need] = [str(cue).strip().lower() for cue in cues if str(cue).strip()]
    own: dict[str, list[str]] = {}
    for entry in codebook:
        library.setdefault(entry.id, [])
        cues = own.setdefault(entry.id, [])
        cues.extend(c for c in (cue.strip().lower() for cue in entry.cues) if c and c not in cues)
    return tuple(
        (need, tuple(cues), tuple(own.get(need, ())))
        for need, cues in library.items()
        if cues or own.get(need)
    )


def cue_need_ids(language: str, codebook: Sequence[CodebookEntry] = ()) -> list[str]:
    return [need for need, *_ in cue_table(language, codebook)]


def _same_answer(a: Note, b: Note) -> bool:
    return a.interview_id == b.interview_id and a.speaker == b.speaker and a.context == b.context


def _hits(texts: Sequence[str], cues: list[re.Pattern[str]]) -> np.ndarray:
    """1 where a cue occurs in a text. Each distinct text is searched once: many statements share their
    question, and the questions are searched for every statement."""
    rows: dict[str, int] = {}
    where = np.array([rows.setdefault(text, len(rows)) for text in texts], dtype=np.intp)
    distinct = np.zeros((len(rows), len(cues)))
    for row, text in enumerate(rows):
        lowered = text.lower()
        for column, pattern in enumerate(cues):
            if pattern.search(lowered):
                distinct[row, column] = 1.0
    return distinct[where] if len(texts) else np.zeros((0, len(cues)))


def _table() -> dict[str, dict[str, list[str]]]:
    return load("need_cues")["needs"]


@cache
def _cue_list(table: CueTable) -> tuple[tuple[int, str, float], ...]:
    """Every cue with the index of its need and its weight."""
    return tuple(
        (k, cue, weight)
        for k, (_, library, own) in enumerate(table)
        for cues, weight in ((library, 1.0), (own, CODEBOOK_WEIGHT))
        for cue in cues
    )


WHOLE_WORD = "="  # a cue ending in "=" matches the whole word only ("werk=" finds "werk", not "werkt")
SHORT_STEM = 3  # stems this short match whole words only ("wet" must not find "weten")
PHRASE_GAP = 1  # words a phrase cue lets in between its own ("er was niemand" finds "er was gewoon niemand")


@cache
def _cues(table: CueTable) -> list[re.Pattern[str]]:
    """Cue patterns: a cue matches at the start of a word and may run on ("vervang" finds "vervanger"),
    unless it is marked whole-word or is a short stem; a phrase lets a filler word in between."""
    return [_cue_pattern(cue) for _, cue, _ in _cue_list(table)]


def _cue_pattern(cue: str, gap: int | None = None) -> re.Pattern[str]:
    gap = PHRASE_GAP if gap is None else gap
    whole = cue.endswith(WHOLE_WORD)
    parts = cue.rstrip(WHOLE_WORD).split()
    between = r"\s+" if gap <= 0 else r"\s+(?:[\w'’-]+\s+){0," + str(gap) + "}"
    body = between.join(map(re.escape, parts))
    if whole or (len(parts) == 1 and len(parts[0]) <= SHORT_STEM):
        body += r"(?!\w)"
    return re.compile(r"(?<!\w)" + body)


@cache
def _cue_owner(table: CueTable) -> np.ndarray:
    pairs = _cue_list(table)
    owner = np.zeros((len(pairs), len(table)))
    for row, (k, _, weight) in enumerate(pairs):
        owner[row, k] = weight
    return owner
