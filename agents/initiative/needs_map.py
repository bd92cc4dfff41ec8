"""The needs map agent: cluster what interviewees said into needs, name them, keep the evidence.

The deterministic backbone (clustering, c-TF-IDF keywords, representative notes) always runs and yields a
complete needs map. A reviewed structure from an earlier version is the strongest seed: reviewed notes
stay where the reviewer put them and new notes are placed into it. With a chat model, the needs are
named and phrased by the model (see :mod:`agents.initiative.needs_naming`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from agents.initiative.interview_guide import guide_questions
from agents.initiative.need_profile import centroid, profile_need, relate
from agents.initiative.need_seeds import SeedSettings, cluster_with_seeds
from agents.initiative.statement_features import Embed, FeatureSettings, describe
from agents.initiative.themes import group_themes
from agents.shared.clustering import ClusterSettings, cluster_vectors
from agents.shared.keywords import label_from_keywords, top_keywords
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Need, NeedsMap, NoteEntry
from artefacts.needs_edits import Structure
from artefacts.notes import Note
from artefacts.project import CodebookEntry
from artefacts.quote_text import core_sentences
from knowledge.lexicons import load

STATEMENT_TEMPLATES: PerLanguage[str] = PerLanguage("needs_map.statement_template")


@dataclass
class NeedsMapInputs:
    """What the needs map is drafted from. ``vectors`` has one row per statement note, in order.

    ``embed`` (the project's embedder) lets the interviewer's questions be embedded as context;
    ``guide`` (the project's interview guide: ``GuideItem`` objects, ``{topic, questions}`` mappings or
    question strings) places each statement under the guide question it answers;
    ``method`` picks the ideas used (``"library"``: features and library seeds, the default;
    ``"plain"``: the generic clustering of the statement vectors alone).
    """

    notes: list[Note]
    vectors: np.ndarray
    language: str
    seed: Structure | None = None
    min_size: int = 3
    embed: Embed | None = None
    method: str = "library"
    features: FeatureSettings = field(default_factory=FeatureSettings)
    guide: Sequence[Any] = ()
    codebook: Sequence[CodebookEntry] = ()  # the project's own needs and cues (``samen.yaml`` → ``codebook``)


def note_entry(note: Note) -> NoteEntry:
    return NoteEntry(
        id=note.id,
        text=note.text,
        source=note.provenance.source,
        line_start=note.provenance.line_start,
        line_end=note.provenance.line_end,
        speaker=note.speaker,
        context=note.context,
        kind=note.kind,
        segment=note.metadata.get("segment", ""),
    )


def draft(inputs: NeedsMapInputs) -> NeedsMap:
    """The deterministic needs map."""
    statements = [note for note in inputs.notes if note.kind == "statement"]
    if len(statements) != len(inputs.vectors):
        raise ValueError(f"{len(statements)} statements but {len(inputs.vectors)} vectors")
    if inputs.seed is not None:
        assignment, titles, origins, statements_by_need = _seeded(statements, inputs)
    else:
        assignment, titles, origins, statements_by_need = _clustered(statements, inputs)
    return assemble(
        [note_entry(note) for note in inputs.notes],
        inputs.vectors,
        Layout(assignment, titles, origins, statements_by_need),
        language=inputs.language,
        min_size=inputs.min_size,
        interviews=len({note.interview_id for note in inputs.notes}),
    )


def _clustered(statements: list[Note], inputs: NeedsMapInputs):
    titles: dict[int, str] = {}
    if not statements:
        labels = np.array([], dtype=int)
    elif inputs.method == "plain":
        labels = _labels(inputs.vectors, inputs.min_size)
    else:
        features = describe(
            statements,
            inputs.vectors,
            inputs.language,
            embed=inputs.embed,
            settings=inputs.features,
            guide=guide_questions(inputs.guide),
            codebook=inputs.codebook,
        )
        found = cluster_with_seeds(features, SeedSettings(min_size=inputs.min_size))
        labels = found.labels
        titles = {
            label: library_title(need, inputs.language, inputs.codebook)
            for label, need in found.library_need.items()
        }
    order = _ordered_labels(labels)
    assignment = {
        note.id: (order[int(label)] if label >= 0 else None)
        for note, label in zip(statements, labels, strict=True)
    }
    named: dict[str, str] = {}
    for label, title in sorted(titles.items()):
        if label in order and title and title not in named.values():
            named[order[label]] = title
    return assignment, named, {}, {}


def library_title(need_id: str, language: str, codebook: Sequence[CodebookEntry] = ()) -> str:
    """The title of a need of the project's codebook, else of the library of community needs ("" when
    it has none)."""
    for entry in codebook:
        if entry.id == need_id and entry.title:
            return entry.title
    for need in load("community_needs")["needs"]:
        if need["id"] == need_id:
            described = need.get(language) or need.get("en") or {}
            return str(described.get("title", ""))
    return ""


def _labels(vectors: np.ndarray, min_size: int) -> np.ndarray:
    return cluster_vectors(vectors, ClusterSettings(min_size=min_size)).labels


def _ordered_labels(labels: np.ndarray) -> dict[int, str]:
    """Need ids by cluster size, largest first: N01 is the need most notes speak to."""
    sizes = {int(label): int((labels == label).sum()) for label in set(labels.tolist()) if label >= 0}
    ranked = sorted(sizes, key=lambda label: (-sizes[label], label))
    return {label: f"N{rank:02d}" for rank, label in enumerate(ranked, start=1)}


def _seeded(statements: list[Note], inputs: NeedsMapInputs):
    """Keep the reviewed structure; place new notes into it, cluster what does not fit."""
    seed = inputs.seed
    assert seed is not None
    index = {note.id: i for i, note in enumerate(statements)}
    assignment: dict[str, str | None] = {
        note_id: need for note_id, need in seed.assignment.items() if note_id in index
    }
    new = [note for note in statements if note.id not in assignment]
    members: dict[str, list[int]] = {}
    for note_id, need in assignment.items():
        if need:
            members.setdefault(need, []).append(index[note_id])
    if new and members:
        ids = list(members)
        centres = np.stack([centroid(inputs.vectors[members[n]]) for n in ids])
        # A need accepts a new note when it lies as close as most of its own members (10th percentile).
        floors = np.array(
            [np.percentile(inputs.vectors[members[n]] @ centres[k], 10) for k, n in enumerate(ids)]
        )
        for note in list(new):
            sims = centres @ inputs.vectors[index[note.id]]
            best = int(np.argmax(sims))
            if sims[best] >= floors[best]:
                assignment[note.id] = ids[best]
                new.remove(note)
    if len(new) >= inputs.min_size:
        labels = _labels(inputs.vectors[[index[n.id] for n in new]], inputs.min_size)
        next_number = max((int(n[1:]) for n in seed.titles), default=0) + 1
        fresh = {}
        for label in sorted({int(x) for x in labels if x >= 0}):
            fresh[label] = f"N{next_number:02d}"
            next_number += 1
        for note, label in zip(new, labels, strict=True):
            assignment[note.id] = fresh.get(int(label))
    else:
        for note in new:
            assignment[note.id] = None
    return assignment, dict(seed.titles), dict(seed.origins), dict(seed.statements)


@dataclass
class Layout:
    """Which statement goes to which need, and what is already known of each need."""

    assignment: dict[str, str | None]
    titles: dict[str, str]
    origins: dict[str, str]
    written: dict[str, str]


def assemble(
    entries: Sequence[NoteEntry],
    vectors: np.ndarray,
    layout: Layout,
    *,
    language: str,
    min_size: int,
    interviews: int,
) -> NeedsMap:
    """Build the needs map from a layout; ``vectors`` has one row per statement entry, in order."""
    statements = [entry for entry in entries if entry.kind == "statement"]
    assignment, titles, origins, written = layout.assignment, layout.titles, layout.origins, layout.written
    by_id = {entry.id: entry for entry in entries}
    index = {note.id: i for i, note in enumerate(statements)}
    interviewees = sorted({note.speaker for note in statements})
    groups: dict[str, list[str]] = {}
    for note in statements:
        need_id = assignment.get(note.id)
        if need_id:
            groups.setdefault(need_id, []).append(note.id)
    too_small = [n for n, ids in groups.items() if len(ids) < min_size and origins.get(n) != "reviewer"]
    for need_id in too_small:
        groups.pop(need_id)
    need_ids = sorted(groups, key=lambda n: int(n[1:]))
    position = {need_id: k for k, need_id in enumerate(need_ids)}
    labels = [position.get(assignment.get(n.id) or "", -1) for n in statements]
    keywords = top_keywords([n.text for n in statements], labels, language, n=8) if need_ids else {}
    needs: list[Need] = []
    centres: dict[str, np.ndarray] = {}
    for k, need_id in enumerate(need_ids):
        notes = [by_id[note_id] for note_id in groups[need_id]]
        members = vectors[[index[note_id] for note_id in groups[need_id]]]
        words = keywords.get(k, [])
        need = profile_need(
            need_id,
            notes,
            members,
            title=titles.get(need_id) or _title(words),
            statement=written.get(need_id) or "…",
            keywords=words,
            interviewees=len(interviewees),
            language=language,
            origin=origins.get(need_id, "clustered"),
        )
        need.statement = written.get(need_id) or _statement(need, language, len(interviewees))
        needs.append(need)
        centres[need_id] = centroid(members)
    relate(needs, centres)
    themes = group_themes(needs, centres, language)
    clustered = {note_id for ids in groups.values() for note_id in ids}
    return NeedsMap(
        meta=ArtefactMeta(language=language),
        needs=needs,
        themes=themes,
        unclustered=[note.id for note in statements if note.id not in clustered],
        notes=list(entries),
        interviews=interviews,
        interviewees=interviewees,
    )


def rebuild(needs_map: NeedsMap, structure: Structure, vectors: np.ndarray, *, min_size: int = 3) -> NeedsMap:
    """The needs map after a reviewer's edits: same notes, the reviewer's structure, fresh profiles."""
    layout = Layout(structure.assignment, structure.titles, structure.origins, structure.statements)
    return assemble(
        needs_map.notes,
        vectors,
        layout,
        language=needs_map.meta.language,
        min_size=min_size,
        interviews=needs_map.interviews,
    )


def _title(words: list[str]) -> str:
    label = label_from_keywords(words, size=3)
    return label[:1].upper() + label[1:]


def _statement(need: Need, language: str, interviewees: int) -> str:
    """The need in the words of its most central statements (refusals and hedges are never among them);
    a keyword list is no sentence for people."""
    template = STATEMENT_TEMPLATES.get(language, STATEMENT_TEMPLATES["en"])
    total = max(need.voices, interviewees)
    quotes = [f"“{core_sentences(q.text)}”" for q in need.evidence[:2]]
    for count in (2, 1):
        text = template.format(voices=need.voices, total=total, quotes=" · ".join(quotes[:count]) or "—")
        if len(text) <= 500:
            return text
    return text[:499] + "…"
