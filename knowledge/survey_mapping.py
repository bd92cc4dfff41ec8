"""Which column answers which question, by meaning: for surveys an organisation wrote itself.

First the wording (:func:`knowledge.survey_columns.map_columns`): a header that is an item's text, a
little changed, answers that item. Every other question column is placed by meaning: the shape of its
answers says which blocks it can serve (agreement scale → recognition, relevance or motivation; role words
→ role; age bands and categories → background; several choices → channels; free text → open), the
header's words and its embedding (against the blocks' descriptions and their items' texts) say which of
those. A header clearly about one of the project's needs or concept themes
(:mod:`knowledge.survey_prototypes`) is a recognition or relevance question, and takes the item that
tests that need or theme. Within a block, columns take the block's free items by similarity; the rest
serve the block as a whole. A user's choice in ``surveys/mapping.yaml`` (``corrections``) always wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from artefacts.catalogue import PerLanguage
from artefacts.survey import ColumnMapping, QuestionItem, Questionnaire
from knowledge.embeddings import Embedder
from knowledge.survey_columns import is_metadata, is_personal, map_columns, similarity
from knowledge.survey_prototypes import Prototype, Topic, column_topics
from knowledge.survey_roles import role_word_share
from knowledge.survey_shapes import BLOCKS, SHAPE_FIT, answer_shape, header_hits

IGNORE = "ignore"
_AGE_WORDS = r"leeftijd|\bage\b|hoe oud|how old"
SURE = 0.6  # below this, a proposal is a warning for the reviewer
SHAPE_ONLY = (
    0.5  # background by the answers' shape alone (no header word, another block closer in meaning): a guess
)
WORDING_CERTAIN = 0.9  # a header this like an item's text is that item, whatever its answers look like
TOPIC_BLOCKS = ("recognition", "relevance")  # the blocks that test needs
TOPIC_WEIGHT = 0.25
TOPIC_ITEM_BONUS = 0.6
REASONS: PerLanguage[Mapping[str, str]] = PerLanguage("survey_mapping.reasons")
BLOCK_DESCRIPTIONS: PerLanguage[Mapping[str, str]] = PerLanguage("survey_mapping.blocks")
SHAPE_REASONS = {
    "likert": "shape_likert",
    "role": "shape_role",
    "age": "shape_age",
    "multiple": "shape_multiple",
    "categories": "shape_categories",
    "open": "shape_open",
    "empty": "shape_empty",
}
KIND_FITS: dict[str, tuple[str, ...]] = {
    "likert": ("likert",),
    "single": ("role", "age", "categories"),
    "multiple": ("multiple", "categories"),
    "open": ("open",),
}


def propose_mapping(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    questionnaire: Questionnaire,
    embedder: Embedder | None,
    language: str,
    corrections: Mapping[str, str] | None = None,
    prototypes: Sequence[Prototype] = (),
) -> list[ColumnMapping]:
    """One mapping per question column, in column order; ``corrections`` (column → item, block or ignore).

    ``prototypes``: the project's needs and concept themes (:func:`project_prototypes`); none is fine.

    A line of the file that says what Samen proposes anyway changes nothing (a rerun gives the same
    results); a line that says something else wins.
    """
    proposed = _propose(columns, rows, questionnaire, embedder, language, {}, prototypes)
    wanted = {m.column: proposal_value(m) for m in proposed}
    changed = {c: v for c, v in (corrections or {}).items() if c in wanted and v.strip() != wanted[c]}
    if not changed:
        return proposed
    return _propose(columns, rows, questionnaire, embedder, language, changed, prototypes)


def proposal_value(found: ColumnMapping) -> str:
    """How a mapping is written in surveys/mapping.yaml: item, block or ignore; ``?`` when unsure."""
    value = found.item_id or found.block or IGNORE
    return value if found.confidence >= SURE else f"{value}?"


def _propose(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    questionnaire: Questionnaire,
    embedder: Embedder | None,
    language: str,
    corrections: Mapping[str, str],
    prototypes: Sequence[Prototype],
) -> list[ColumnMapping]:
    reasons = REASONS.get(language, REASONS["en"])
    by_wording = {m.column: m for m in map_columns(list(columns), questionnaire)}
    questions = [c for c in columns if not is_metadata(c) and not is_personal(c)]
    items = {item.id: item for item in questionnaire.items}
    answers = {c: [row.get(c, "") for row in rows] for c in questions}
    shapes: dict[str, str] = {c: answer_shape(answers[c]) for c in questions}
    mappings: dict[str, ColumnMapping] = {}
    for column in questions:
        if column in corrections:
            mappings[column] = _corrected(column, corrections[column], items, reasons)
        elif by_wording[column].item_id and not _conflicts(by_wording[column], shapes[column], items):
            found = by_wording[column]
            item = items[found.item_id or ""]
            mappings[column] = found.model_copy(
                update={
                    "block": item.block,
                    "stats_id": item.id,
                    "confidence": found.score,
                    "reason": reasons["wording"].format(score=found.score),
                }  # fmt: skip
            )
    rest = [c for c in questions if c not in mappings]
    topics = column_topics(rest, prototypes, embedder)
    if rest:
        mappings.update(_by_meaning(rest, answers, shapes, questionnaire, embedder, language, topics))
    taken = {m.item_id for m in mappings.values() if m.item_id}
    chosen = [c for c in rest if mappings[c].block]
    _assign_items(mappings, chosen, questionnaire, taken, shapes, answers, topics)
    position = {column: i for i, column in enumerate(columns, start=1)}
    for column, found in mappings.items():
        if found.block and found.block != IGNORE and not found.stats_id:
            found.stats_id = found.item_id or f"C{position[column]:02d}"
    return [mappings[c] for c in questions]


def _conflicts(found: ColumnMapping, shape: str, items: dict[str, QuestionItem]) -> bool:
    """A header only partly like the item's text whose answers cannot answer the item ("What part would
    you like to play?" has role answers: it is not "How would you like to take part?", about channels)."""
    item = items[found.item_id or ""]
    if found.score >= WORDING_CERTAIN:
        return False
    if shape == "likert":
        return item.kind != "likert"
    if item.kind == "likert":
        return shape in ("role", "multiple", "age", "open")
    if shape == "role":
        return item.block != "role"
    return item.theme == "role-ladder" and shape in ("age", "multiple")


def _corrected(
    column: str, value: str, items: dict[str, QuestionItem], reasons: Mapping[str, str]
) -> ColumnMapping:
    choice = value.strip().rstrip("?").strip()
    checked = not value.strip().endswith("?")
    confidence = 1.0 if checked else 0.5
    if choice.upper() in items:
        item = items[choice.upper()]
        return ColumnMapping(column=column, item_id=item.id, score=0, block=item.block, stats_id=item.id,
                             confidence=confidence, source="file", reason=reasons["file"])  # fmt: skip
    block = choice.casefold()
    if block in BLOCKS or block == IGNORE:
        return ColumnMapping(column=column, item_id=None, score=0, block=block, confidence=confidence,
                             source="file", reason=reasons["file"])  # fmt: skip
    return ColumnMapping(column=column, item_id=None, score=0, block=None, confidence=0, source="file",
                         reason=reasons["file_unknown"].format(value=value))  # fmt: skip


def _by_meaning(
    columns: list[str],
    answers: dict[str, list[str]],
    shapes: dict[str, str],
    questionnaire: Questionnaire,
    embedder: Embedder | None,
    language: str,
    topics: Mapping[str, Topic],
) -> dict[str, ColumnMapping]:
    reasons = REASONS.get(language, REASONS["en"])
    meaning = _block_similarity(columns, questionnaire, embedder, language)
    found: dict[str, ColumnMapping] = {}
    for row, column in enumerate(columns):
        shape = shapes[column]
        fits = SHAPE_FIT[shape]
        hits = header_hits(column)
        if shape == "likert" and _numbers_only(answers[column]) and hits & {"background", "channels"}:
            shape, fits = "categories", SHAPE_FIT["categories"]
        if shape == "categories" and "open" in hits and not hits & {"background", "channels", "role"}:
            shape, fits = "open", SHAPE_FIT["open"]
        if shape == "categories" and role_word_share(answers[column]) < 0.3:
            fits = {b: f for b, f in fits.items() if b != "role"}
        topic = TOPIC_WEIGHT * topics[column].strength if column in topics else 0.0
        scores = {
            b: fit * (0.4 + 0.35 * (b in hits) + 0.25 * meaning[row][b] + topic * (b in TOPIC_BLOCKS))
            for b, fit in fits.items()
        }
        if not scores:
            found[column] = ColumnMapping(column=column, item_id=None, score=0, block=None, confidence=0,
                                          source="meaning", reason=reasons["empty"])  # fmt: skip
            continue
        ranked = sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
        block, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        confidence = min(1.0, best + 0.5 * (best - second)) if best - second >= 0.1 else best * 0.7
        if block == "background" and shape == "categories" and block not in hits and meaning[row][block] < 1:
            confidence = min(confidence, SHAPE_ONLY)  # 'Which biscuit goes best with tea?' has categories too
        why = reasons["meaning"].format(
            shape=reasons[SHAPE_REASONS[shape]],
            words=reasons["words_yes"] if block in hits else reasons["words_no"],
            block=block,
        )
        if column in topics and block in TOPIC_BLOCKS:
            why += reasons["topic"].format(topic=topics[column].prototype.label)
        found[column] = ColumnMapping(column=column, item_id=None, score=0, block=block,
                                      confidence=round(confidence, 2), source="meaning", reason=why)  # fmt: skip
    return found


def _block_similarity(
    columns: list[str], questionnaire: Questionnaire, embedder: Embedder | None, language: str
) -> list[dict[str, float]]:
    """Per column, per block: the header's best cosine with the block's description and items, scaled 0..1."""
    if embedder is None:
        return [dict.fromkeys(BLOCKS, 0.0) for _ in columns]
    texts: list[tuple[str, str]] = []
    for block in BLOCKS:
        for lang in ("nl", "en"):
            texts.append((block, BLOCK_DESCRIPTIONS[lang][block]))
        texts += [(item.block, item.text) for item in questionnaire.items if item.block == block]
    prototypes = np.asarray(embedder.embed_documents([text for _, text in texts]))
    headers = np.asarray(embedder.embed_documents(list(columns)))
    cosine = headers @ prototypes.T
    out = []
    for row in cosine:
        best = {b: max(float(row[i]) for i, (tb, _) in enumerate(texts) if tb == b) for b in BLOCKS}
        low, high = min(best.values()), max(best.values())
        out.append({b: (v - low) / (high - low) if high > low else 0.0 for b, v in best.items()})
    return out


def _assign_items(
    mappings: dict[str, ColumnMapping],
    columns: list[str],
    questionnaire: Questionnaire,
    taken: set[str],
    shapes: dict[str, str],
    answers: dict[str, list[str]],
    topics: Mapping[str, Topic],
) -> None:
    """Within each block, the block's free items go to the columns of a fitting shape, most similar first.

    A column about a need or theme prefers the item that tests it.
    """
    for block in BLOCKS:
        block_columns = [c for c in columns if mappings[c].block == block and mappings[c].item_id is None]
        free = [i for i in questionnaire.items if i.block == block and i.id not in taken]
        if not block_columns or not free:
            continue
        scores = np.array(
            [[_fit(c, item, shapes[c], answers[c], topics.get(c)) for item in free] for c in block_columns]
        )
        rows, cols = linear_sum_assignment(scores, maximize=True)
        for r, k in zip(rows, cols, strict=True):
            if scores[r, k] > 0:
                column, item = block_columns[r], free[k]
                mappings[column].item_id = item.id
                taken.add(item.id)


def _fit(column: str, item: QuestionItem, shape: str, answers: list[str], topic: Topic | None) -> float:
    if shape not in KIND_FITS[item.kind]:
        return 0.0
    score = 0.1 + similarity(column, item.text)
    if topic is not None and topic.prototype.fits(item):
        score += TOPIC_ITEM_BONUS * topic.strength
    if item.theme == "role-ladder":
        score += role_word_share(answers)
    if item.theme == "age":
        score += (1.0 if shape == "age" else -0.05) + (0.5 if re.search(_AGE_WORDS, column.casefold()) else 0)
    if item.theme == "segment" and shape == "categories":
        score += 0.5
    return max(score, 0.0)


def _numbers_only(answers: list[str]) -> bool:
    return all(re.fullmatch(r"\s*\d+\+?\s*", a) for a in answers if a.strip())


def needs_check(found: ColumnMapping) -> bool:
    """A proposal a person should look at: unsure, or a file entry Samen could not read."""
    if found.source == "file":
        return found.confidence < 1.0
    return found.block is None or found.confidence < SURE
