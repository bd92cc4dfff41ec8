"""The interview guide as a prior: which guide question each statement answers.

A semi-structured interview follows its guide (``samen.yaml`` → ``guide``): the interviewer asks the
guide's questions in their own words and follows up. Answers to the same guide question, across
interviews, often speak to the same need, and a follow-up ("Hoe ging dat verder?") stays on the guide
question before it. So each statement is placed under a guide question:

1. the interviewer's question before it (the last question sentence of the turn) is compared with
   each guide question, by embedding when an embedder is at hand, else by shared content words;
2. a question matches the guide question it is clearly closest to: its lead over the runner-up is
   large compared with the typical lead of all questions in the corpus (scale-free, so it does not
   depend on the embedder's range of similarities);
3. a question that matches none (a follow-up) keeps the guide question of the turn before, within the
   same interview; before the first match an interview's statements are under none.

The membership is a soft feature: :func:`agents.initiative.statement_features.describe` adds to each statement's
cue profile the mean cue profile of everything said under the same guide question, so a statement
without cue words of its own leans to what its neighbours in the guide said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from artefacts.notes import Note
from knowledge.wordlists import lexicon

Embed = Callable[[list[str]], np.ndarray]

LEAD_FACTOR = 1.0  # a match leads the runner-up by more than the median lead of all questions in the corpus
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guide_questions(guide: Sequence[Any] | None) -> list[str]:
    """The guide's questions, in order; a topic without questions stands for itself.

    Accepts the project's ``GuideItem`` objects, mappings with ``topic``/``questions``, or plain strings.
    """
    found: list[str] = []
    for item in guide or ():
        if isinstance(item, str):
            topic, questions = item, []
        elif isinstance(item, dict):
            topic, questions = str(item.get("topic", "")), list(item.get("questions") or [])
        else:
            topic, questions = str(getattr(item, "topic", "")), list(getattr(item, "questions", []) or [])
        found.extend(q.strip() for q in questions if str(q).strip())
        if not questions and topic.strip():
            found.append(topic.strip())
    return found


def asked(context: str) -> str:
    """The question an interviewer turn ends on (its last question sentence, else its last sentence)."""
    sentences = [s.strip() for s in _SENTENCE.findall(context or "") if s.strip()]
    questions = [s for s in sentences if s.endswith("?")]
    return (questions or sentences or [""])[-1]


def guide_membership(
    statements: Sequence[Note], questions: Sequence[str], embed: Embed | None = None
) -> np.ndarray:
    """One row per statement, one column per guide question: 1 where the statement answers it."""
    membership = np.zeros((len(statements), len(questions)), dtype=np.float32)
    if not statements or len(questions) < 2:
        return membership
    asked_texts = [asked(note.context) for note in statements]
    distinct = list(dict.fromkeys(t for t in asked_texts if t))
    if not distinct:
        return membership
    similarity = _similarity(distinct, list(questions), embed)
    ranked = np.sort(similarity, axis=1)
    lead = ranked[:, -1] - ranked[:, -2]
    typical = float(np.median(lead))
    matched = {
        text: int(similarity[row].argmax())
        for row, text in enumerate(distinct)
        if lead[row] > 0 and lead[row] >= LEAD_FACTOR * typical and ranked[row, -1] > 0
    }
    current: int | None = None
    for i, note in enumerate(statements):
        if i == 0 or statements[i - 1].interview_id != note.interview_id:
            current = None
        current = matched.get(asked_texts[i], current)
        if current is not None:
            membership[i, current] = 1.0
    return membership


def pooled(profile: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Each statement's share of the mean (unit) profile of all statements under its guide question."""
    if profile.size == 0 or membership.size == 0 or not membership.any():
        return np.zeros_like(profile)
    norms = np.linalg.norm(profile, axis=1, keepdims=True)
    unit_profile = profile / np.where(norms == 0, 1.0, norms)
    mass = membership.sum(axis=0)
    per_question = (membership.T @ unit_profile) / np.where(mass == 0, 1.0, mass)[:, None]
    return membership @ per_question


def _similarity(asked_texts: list[str], questions: list[str], embed: Embed | None) -> np.ndarray:
    if embed is not None:
        a = _unit(np.asarray(embed(asked_texts), dtype=np.float32))
        b = _unit(np.asarray(embed(questions), dtype=np.float32))
        return a @ b.T
    stop = _stopwords()
    bags = [_content(t, stop) for t in asked_texts]
    guide = [_content(q, stop) for q in questions]
    return np.array(
        [[len(x & y) / len(x | y) if x | y else 0.0 for y in guide] for x in bags], dtype=np.float32
    )


def _content(text: str, stop: frozenset[str]) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in stop}


def _stopwords() -> frozenset[str]:
    data = lexicon("stopwords")
    return frozenset(w for value in data.values() if isinstance(value, str) for w in value.split())


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
