"""The persona agent (phase 2a): the ideal member of the chosen concept, every trait tied to evidence.

Deterministic backbone: one kind of member, the people of the concept's lead target group: who,
situation, needs, quotes, motivations, offers and channel habits all come from what they said (the
concept's needs they voiced themselves, most voiced first), never from a mix of everyone; one need trait per need of the concept; motivations from the champions' signals of
drive and from emphatic notes; what they would give (offers made in the interviews) and get (the
concept's needs); how they would take part (channels on offer that they mention); quotes of the group's
own notes of these needs. A concept without target group takes everyone who voiced its needs, and the
persona warns. Whatever rests on no need or note (a generic
contribution, a channel nobody named) is marked ``invented`` so the reviewer sees it; the name is
always fictional and ``meta.notes`` says so. With a chat model the model writes the persona and every
reference is checked (:mod:`agents.concept.concept_prompts`); what fails twice keeps this draft, marked.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from agents.concept.concept_scoring import type_names
from agents.concept.concept_texts import group_score, join, quoted
from agents.concept.persona_texts import NAMES, WORDS, channel_words, excerpt
from agents.shared.call_records import CallCache, CallLog
from agents.shared.retrieval import Retriever
from artefacts.base import ArtefactMeta, Quote
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona, Trait
from artefacts.errors import InputError
from artefacts.initiative import Champions, Need, NeedsMap, Signal, TargetGroup, TargetGroups
from artefacts.messages import message
from artefacts.project import Project
from artefacts.quote_text import core_sentences, sentences
from knowledge.lexicons import phrase_pattern, words_for

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

DRIVE_KINDS = ("offer", "initiative", "energy")
GIVE_KINDS = ("offer", "initiative")
MAX_QUOTES = 6
MAX_TRAITS = 3


def draft(
    concepts: ConceptHypotheses,
    concept_id: str,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    champions: Champions,
    project: Project,
    *,
    llm: BaseChatModel | None = None,
    cache: CallCache | None = None,
    log: CallLog | None = None,
    knowledge: Retriever | None = None,
) -> Persona:
    """The persona of concept ``concept_id``: by the rules, or written by ``llm`` and checked. With
    ``knowledge`` (the project's store) the model also reads further notes per need and the phase's
    guidance on personas (prompt v2); the rules do not use it."""
    concept = next((c for c in concepts.concepts if c.id == concept_id), None)
    if concept is None:
        known = ", ".join(c.id for c in concepts.concepts)
        raise InputError(
            message(project.language, "no_such_concept", concept=repr(concept_id)),
            hint=message(project.language, "choose_one_of", options=known),
        )
    rules = compose(concept, needs_map, target_groups, champions, project)
    if llm is None:
        return rules
    from agents.concept.persona_model import write_persona  # it builds on this module's helpers

    return write_persona(
        rules,
        concept,
        needs_map,
        target_groups,
        champions,
        project,
        llm,
        cache=cache,
        log=log,
        knowledge=knowledge,
    )


def compose(
    concept: ConceptHypothesis,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
    champions: Champions,
    project: Project,
) -> Persona:
    language = project.language
    words = WORDS.get(language, WORDS["en"])
    needs = [needs_map.need(i) for i in concept.need_ids if _has(needs_map, i)]
    if not needs:
        raise InputError(
            message(language, "concept_without_need", concept=concept.id),
            hint=message(language, "concept_without_need_hint"),
        )
    groups = persona_groups(concept, target_groups)[:1]  # one kind of member: the concept's lead group
    people = {p for g in groups for p in g.participants}
    warnings = [] if people else [words["no_group"]]
    if len(people) == 1:
        warnings.append(words["one_person"].format(group=groups[0].name))
    people = people or {p for n in needs for p in n.voiced_by}
    needs = group_needs(needs, people)
    name = fictional_name(concept, needs_map, project)
    return Persona(
        meta=ArtefactMeta(language=language, notes=[words["name_note"].format(name=name)], warnings=warnings),
        concept_id=concept.id,
        group=groups[0].name if groups else "",
        participants=sorted(people),
        name=name,
        who=_who(name, groups, people, needs, needs_map, language),
        situation=_situation(needs, people, needs_map, language),
        needs=[_need_trait(n, people, needs_map) for n in needs],
        motivations=_motivations(needs, people, champions, needs_map, language),
        gives=_gives(concept, people, champions, needs_map, language),
        gets=[
            Trait(
                text=words["gets"].format(title=n.title),
                need_ids=[n.id],
                note_ids=own_notes(n, people, needs_map)[:1],
            )
            for n in needs[:4]
        ],  # fmt: skip
        participation=_participation(people, needs_map, project),
        quotes=persona_quotes(needs, people, needs_map),
    )


def group_needs(needs: list[Need], people: set[str]) -> list[Need]:
    """The concept's needs that the group itself voiced, most voiced first (all of them when it voiced
    none: the persona then says so through its empty quotes, never through other people's words)."""
    voiced = [n for n in needs if people & set(n.voiced_by)]
    return sorted(voiced, key=lambda n: -len(people & set(n.voiced_by))) or needs


def own_notes(need: Need, people: set[str], needs_map: NeedsMap) -> list[str]:
    """The need's notes said by ``people``: its evidence first, then the rest in order."""
    evidence = [q.note_id for q in need.evidence if q.speaker in people]
    rest = [i for i in need.note_ids if needs_map.note(i).speaker in people]
    return list(dict.fromkeys(evidence + rest))


def _has(needs_map: NeedsMap, need_id: str) -> bool:
    return any(n.id == need_id for n in needs_map.needs)


def persona_groups(concept: ConceptHypothesis, target_groups: TargetGroups) -> list[TargetGroup]:
    """The concept's target groups in the concept's order (the group it is for above all first); when
    it names none, the group that voices its needs most."""
    by_name = {g.name: g for g in target_groups.groups}
    named = [by_name[name] for name in concept.target_groups if name in by_name]
    if named:
        return named
    ranked = sorted(target_groups.groups, key=lambda g: -group_score(concept.need_ids, g))
    return ranked[:1] if ranked and group_score(concept.need_ids, ranked[0]) > 0 else []


def fictional_name(concept: ConceptHypothesis, needs_map: NeedsMap, project: Project) -> str:
    """A first name from a short list, stable per concept, that names nobody in the project."""
    taken = {n.lower() for n in project.privacy.names + project.interviews.interviewers}
    taken |= {w.lower() for name in list(taken) for w in name.split()}
    text = " ".join(note.text for note in needs_map.notes).lower()
    names = NAMES.get(project.language, NAMES["en"])
    start = int(hashlib.sha256(f"{concept.id}{concept.name}".encode()).hexdigest(), 16) % len(names)
    for offset in range(len(names)):
        name = names[(start + offset) % len(names)]
        if name.lower() not in taken and not re.search(rf"\b{re.escape(name.lower())}\b", text):
            return name
    return names[start]


def _who(name: str, groups: list[TargetGroup], people: set[str], needs: list[Need], needs_map: NeedsMap,
         language: str) -> Trait:  # fmt: skip
    words = WORDS.get(language, WORDS["en"])
    notes = [i for n in needs for i in n.note_ids if needs_map.note(i).speaker in people]
    by_speaker: dict[str, str] = {}
    for note_id in notes:
        by_speaker.setdefault(needs_map.note(note_id).speaker, note_id)
    label = groups[0].name if groups else words["member"]
    text = words["who"].format(name=name, label=label, n=len(people))
    return Trait(text=text[:400], note_ids=list(by_speaker.values())[:5])


def _situation(needs: list[Need], people: set[str], needs_map: NeedsMap, language: str) -> Trait:
    """The two strongest needs by name, and one of the group's own statements of the first."""
    words = WORDS.get(language, WORDS["en"])
    lead = needs[:2]
    titles = join([quoted(n.title) for n in lead], language)
    own = own_notes(lead[0], people, needs_map)
    said = core_sentences(needs_map.note(own[0]).text, limit=200) if own else "…"
    text = words["situation"].format(titles=titles, quote=said)
    return Trait(text=text[:400], need_ids=[n.id for n in lead], note_ids=own[:1])


def _need_trait(need: Need, people: set[str], needs_map: NeedsMap) -> Trait:
    return Trait(
        text=f"{need.title}: {need.statement}"[:400],
        need_ids=[need.id],
        note_ids=own_notes(need, people, needs_map)[:3],
    )


def _motivations(needs: list[Need], people: set[str], champions: Champions, needs_map: NeedsMap,
                 language: str) -> list[Trait]:  # fmt: skip
    words = WORDS.get(language, WORDS["en"])
    traits: list[Trait] = []
    for champion in champions.champions:
        if champion.participant not in people:
            continue
        for signal in _said(champion.signals, needs_map):
            if signal.kind in DRIVE_KINDS and len(traits) < MAX_TRAITS:
                text = words["drive"].format(sentence=_sentence_with(needs_map, signal))
                traits.append(
                    Trait(text=text, need_ids=_needs_of(signal.note_id, needs), note_ids=[signal.note_id])
                )
    emphasis = phrase_pattern(words_for("emphasis", language))
    for need in needs:
        said = [i for i in need.note_ids if needs_map.note(i).speaker in people]
        strong = [i for i in said if emphasis.search(needs_map.note(i).text)]
        if strong and len(traits) < 2 * MAX_TRAITS:
            text = words["feels"].format(title=need.title[:1].lower() + need.title[1:], n=len(strong))
            traits.append(Trait(text=text, need_ids=[need.id], note_ids=strong[:3]))
    return traits


def _sentence_with(needs_map: NeedsMap, signal: Signal) -> str:
    """The sentence(s) around a drive signal: "georganiseerd" alone says nothing to a reader."""
    text = needs_map.note(signal.note_id).text
    phrase = signal.phrase.lower()
    for part in sentences(text):
        if phrase in part.lower().replace("’", "'"):
            return part if len(part) <= 240 else core_sentences(part, limit=240)
    return core_sentences(text, limit=200)


def _said(signals: list[Signal], needs_map: NeedsMap) -> list[Signal]:
    """Signals in statements (not in small talk: "ik kan wel wat warms gebruiken" offers nothing)."""
    kinds = {note.id: note.kind for note in needs_map.notes}
    return [s for s in signals if kinds.get(s.note_id) == "statement"]


def _needs_of(note_id: str, needs: list[Need]) -> list[str]:
    return [n.id for n in needs if note_id in n.note_ids]


def _gives(concept: ConceptHypothesis, people: set[str], champions: Champions, needs_map: NeedsMap,
           language: str) -> list[Trait]:  # fmt: skip
    words = WORDS.get(language, WORDS["en"])
    traits: list[Trait] = []
    seen: set[str] = set()
    for champion in champions.champions:
        for signal in _said(champion.signals, needs_map):
            if champion.participant in people and signal.kind in GIVE_KINDS and signal.note_id not in seen:
                seen.add(signal.note_id)
                text = words["offers"].format(quote=excerpt(needs_map.note(signal.note_id).text))
                traits.append(Trait(text=text, note_ids=[signal.note_id]))
    traits = traits[:MAX_TRAITS]
    kind = type_names(language)[concept.community_type].lower()
    traits.append(Trait(text=words["gives_type"].format(type=kind), invented=True))
    return traits


def _participation(people: set[str], needs_map: NeedsMap, project: Project) -> list[Trait]:
    words = WORDS.get(project.language, WORDS["en"])
    notes = [n for n in needs_map.notes if n.speaker in people and n.kind == "statement"]
    traits = []
    for channel in project.channels:
        keys = channel_words(channel)
        hits = [n.id for n in notes if any(k in n.text.lower() for k in keys)]
        if hits:
            traits.append(
                Trait(text=words["channel"].format(channel=channel, n=len(hits)), note_ids=hits[:3])
            )
    if not traits:
        first = project.channels[0] if project.channels else words["community"]
        traits.append(Trait(text=words["channel_guess"].format(channel=first), invented=True))
    return traits[:MAX_TRAITS]


def persona_quotes(needs: list[Need], people: set[str], needs_map: NeedsMap) -> list[Quote]:
    """Quotes of the persona's own group only, one per note, at most six: the needs' evidence said by
    them first (each need in turn), then their other notes of these needs."""
    evidence = [q for n in needs for q in n.evidence if q.speaker in people]
    unique: dict[str, Quote] = {}
    for quote in evidence:
        unique.setdefault(quote.note_id, quote)
    for note_id in (i for n in needs for i in own_notes(n, people, needs_map)):
        if len(unique) >= MAX_QUOTES:
            break
        if note_id not in unique:
            note = needs_map.note(note_id)
            unique[note_id] = Quote(note_id=note.id, text=note.text, source=note.source,
                                    line_start=note.line_start, line_end=note.line_end, speaker=note.speaker)  # fmt: skip
    return list(unique.values())[:MAX_QUOTES]
