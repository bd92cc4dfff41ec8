"""The concept agent (phase 2a): two or three alternative community concepts, each a testable hypothesis.

The deterministic backbone scores the community types of ``knowledge/lexicons/community_types.yaml``
against the needs map (the rules are in :mod:`agents.concept.concept_scoring`) and composes each concept from
the needs that drive its type and carry no earlier alternative (so the alternatives differ in focus:
:mod:`agents.concept.concept_overlap` measures it), the target groups in which they were voiced most
(led by one no earlier alternative leads, where there is one), one theme
per need, a hypothesis that names the needs and the numbers that would refute it, and quotes copied from
the needs' evidence. A reviewer's "revise" note (:mod:`agents.concept.concept_revision`) drops or favours
concepts, needs and types. With a chat model, the model writes the concepts and every reference in them
is checked (:mod:`agents.concept.concept_prompts`); what fails twice keeps this draft, marked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agents.concept.concept_model import write_concepts
from agents.concept.concept_revision import Revision, read_revision
from agents.concept.concept_scoring import (
    MIN_MATCH,
    Match,
    TypeScore,
    community_types,
    match_needs,
    pick_types,
    type_names,
)
from agents.concept.concept_texts import WORDS, ConceptText, group_score
from agents.shared.call_records import CallCache, CallLog
from agents.shared.keywords import stop_words
from agents.shared.retrieval import Retriever
from artefacts.base import ArtefactMeta, Quote
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme
from artefacts.errors import InputError
from artefacts.initiative import Need, NeedsMap, TargetGroup, TargetGroups
from artefacts.messages import message
from artefacts.project import Project

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

MAX_CONCEPTS = 3
THIRD_SHARE = 0.35  # a third concept only when its type scores at least this share of the best
LEAD_NEEDS = 4
FAVOURED_WEIGHT = 2.0
GROUP_SHARE = 0.4  # target groups that score at least this share of the best group
MAX_GROUPS = 3
LEAD_GROUP_SIZE = 2  # a group of one interviewee does not lead an alternative in another's place
TOPICS = 5
EVIDENCE = 5


def draft(
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    project: Project,
    *,
    revision_note: str = "",
    llm: BaseChatModel | None = None,
    cache: CallCache | None = None,
    log: CallLog | None = None,
    knowledge: Retriever | None = None,
) -> ConceptHypotheses:
    """Concept hypotheses for ``project``: by the rules, or written by ``llm`` and checked. With
    ``knowledge`` (the project's store) the model also reads further notes per need and the phase's
    guidance (prompt v2); the rules do not use it."""
    if not needs_map.needs:
        raise InputError(
            message(project.language, "concepts_no_needs"),
            hint=message(project.language, "concepts_no_needs_hint"),
        )
    rules = compose(needs_map, target_groups, project, revision_note=revision_note)
    if llm is None:
        return rules
    return write_concepts(
        rules, needs_map, target_groups, project, llm, cache=cache, log=log, knowledge=knowledge
    )


def compose(
    needs_map: NeedsMap, target_groups: TargetGroups, project: Project, *, revision_note: str = ""
) -> ConceptHypotheses:
    """The deterministic concepts."""
    language = project.language
    words = WORDS.get(language, WORDS["en"])
    matches = match_needs(needs_map, language)
    revision = read_revision(revision_note, needs_map) if revision_note.strip() else Revision()
    notes: list[str] = []
    drop_types, favour_types = list(revision.drop_types), list(revision.favour_types)
    if revision.drop_concepts or revision.favour_concepts:
        before = [s.type.id for s in _pick(needs_map, matches, language, Revision())]
        by_id = {f"C{i}": type_id for i, type_id in enumerate(before, start=1)}
        drop_types += [by_id[c] for c in revision.drop_concepts if c in by_id]
        favour_types = [by_id[c] for c in revision.favour_concepts if c in by_id] + favour_types
        revision.drop_concepts = [c for c in revision.drop_concepts if c in by_id]
    revision.drop_types, revision.favour_types = drop_types, favour_types
    picked = _pick(needs_map, matches, language, revision)
    text = ConceptText(language, project, needs_map)
    concepts: list[ConceptHypothesis] = []
    for i, scored in enumerate(picked, start=1):
        concepts.append(_concept(i, scored, needs_map, target_groups, matches, revision, text, concepts))
    if revision.note:
        notes.append(_revision_remark(revision, language))
    notes.append(words["rule_note"])
    return ConceptHypotheses(
        meta=ArtefactMeta(language=language, notes=notes),
        concepts=concepts,
        revision_note=revision.note,
    )


def _pick(
    needs_map: NeedsMap, matches: dict[str, list[Match]], language: str, revision: Revision
) -> list[TypeScore]:
    weights = {
        need.id: need.intensity.score * (FAVOURED_WEIGHT if need.id in revision.favour_needs else 1.0)
        for need in needs_map.needs
        if need.id not in revision.drop_needs
    }
    types = [t for t in community_types(language) if t.id not in revision.drop_types]
    lead = lead_needs(needs_map)
    picked = pick_types(
        types,
        matches,
        weights,
        first=revision.favour_types,
        count=MAX_CONCEPTS,
        used_factor=0.0,  # a need that carries one alternative does not carry the next: they differ
        lead_needs=lead,
    )
    keep = max(2, len([t for t in revision.favour_types if t in {s.type.id for s in picked}]))
    if len(picked) > keep and picked[keep].score < THIRD_SHARE * picked[0].score:
        picked = picked[:keep]
    return picked


def _concept(
    number: int,
    scored: TypeScore,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    matches: dict[str, list[Match]],
    revision: Revision,
    text: ConceptText,
    earlier: list[ConceptHypothesis],
) -> ConceptHypothesis:
    used = {i for c in earlier for i in c.need_ids}
    need_ids = _need_ids(scored, needs_map, revision, used)
    needs = [needs_map.need(need_id) for need_id in need_ids]
    groups = _groups(need_ids, target_groups, {c.target_groups[0] for c in earlier if c.target_groups})
    return ConceptHypothesis(
        id=f"C{number}",
        name=text.name(scored.type, needs[0]),
        community_type=scored.type.id,  # type: ignore[arg-type]
        purpose=text.purpose(scored.type, needs, groups),
        hypothesis=text.hypothesis(scored.type, needs, groups),
        need_ids=need_ids,
        target_groups=[g.name for g in groups],
        themes=[_theme(need, matches.get(need.id, []), text.language) for need in needs],
        fails_if=text.fails_if(scored.type, needs, groups),
        rationale=text.rationale(number, scored, need_ids, groups, revision),
        evidence=_evidence(needs),
    )


def lead_needs(needs_map: NeedsMap) -> int:
    """How many needs one alternative rests on: four, fewer when the map is small (half of its needs,
    at least two), so a second alternative has needs of its own."""
    return min(LEAD_NEEDS, max(2, len(needs_map.needs) // 2))


def _need_ids(scored: TypeScore, needs_map: NeedsMap, revision: Revision, used: set[str]) -> list[str]:
    """The needs that drive the type most and carry no earlier alternative; favoured ones first; when
    none is left, the strongest needs no earlier alternative rests on (or, with none left, the strongest)."""
    fresh = [c.need_id for c in scored.contributions if c.need_id not in used]
    favoured = [c.need_id for c in scored.contributions if c.need_id in revision.favour_needs]
    ids = list(dict.fromkeys(favoured + fresh[: lead_needs(needs_map)]))
    if not ids:
        allowed = [n for n in needs_map.needs if n.id not in revision.drop_needs] or needs_map.needs
        ranked = sorted(allowed, key=lambda n: -n.intensity.score)
        ids = [n.id for n in ([n for n in ranked if n.id not in used] or ranked)[:2]]
    return ids


def _groups(need_ids: list[str], target_groups: TargetGroups, earlier_leads: set[str]) -> list[TargetGroup]:
    """Groups in which the concept's needs were voiced most and that fit the plans: see ``group_score``.
    The first is the group the concept is for above all (its persona's); a group that already leads an
    earlier alternative yields that place to the next one that qualifies and has people enough for a
    persona (``LEAD_GROUP_SIZE``)."""
    score = {g.id: group_score(need_ids, g) for g in target_groups.groups}
    ranked = sorted((g for g in target_groups.groups if score[g.id] > 0), key=lambda g: (-score[g.id], g.id))
    if not ranked:
        return []
    best = score[ranked[0].id]
    chosen = [g for g in ranked if score[g.id] >= GROUP_SHARE * best][:MAX_GROUPS]
    other = next((g for g in chosen if g.name not in earlier_leads and g.size >= LEAD_GROUP_SIZE), None)
    if other is not None:
        chosen = [other] + [g for g in chosen if g is not other]
    return chosen


def _theme(need: Need, matches: list[Match], language: str) -> ConceptTheme:
    """Title from the need; topics: library phrases said in its notes, then its keywords (5+ letters)."""
    stop = stop_words(language)
    phrases = [p for m in matches if m.score >= MIN_MATCH for p in m.phrases]
    keywords = [k for k in need.keywords if len(k) >= 5 and k.lower() not in stop]
    topics = list(dict.fromkeys(phrases + keywords))[:TOPICS]
    return ConceptTheme(title=need.title[:90], topics=topics, need_ids=[need.id])


def _evidence(needs: list[Need]) -> list[Quote]:
    """The first quote of each need, then the second, … (one quote per note), at most five."""
    quotes: list[Quote] = []
    depth = max((len(n.evidence) for n in needs), default=0)
    for rank in range(depth):
        for need in needs:
            if rank < len(need.evidence) and need.evidence[rank].note_id not in {q.note_id for q in quotes}:
                quotes.append(need.evidence[rank])
    return quotes[:EVIDENCE]


def _revision_remark(revision: Revision, language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    names = type_names(language)
    parts = []
    if revision.drop_concepts:
        parts.append(words["rev_drop_concepts"].format(", ".join(revision.drop_concepts)))
    if revision.drop_types:
        parts.append(words["rev_drop_types"].format(", ".join(names[t] for t in revision.drop_types)))
    if revision.favour_types:
        parts.append(words["rev_favour_types"].format(", ".join(names[t] for t in revision.favour_types)))
    if revision.drop_needs:
        parts.append(words["rev_drop_needs"].format(", ".join(revision.drop_needs)))
    if revision.favour_needs:
        parts.append(words["rev_favour_needs"].format(", ".join(revision.favour_needs)))
    if not parts:
        return words["rev_nothing"].format(note=revision.note)
    return words["rev_applied"].format(note=revision.note, changes="; ".join(parts))
