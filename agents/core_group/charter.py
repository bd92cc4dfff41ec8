"""The charter draft: purpose, house rules, norms, topics, rituals, roles and means, for the core group to own.

- Purpose: the chosen concept's purpose, for people like the persona.
- House rules and norms follow from what interviewees said (:mod:`agents.core_group.charter_cues`): a
  rule whose cues are in the notes rests on those notes; the method's rules (confidentiality, what
  happens when a rule is broken, disagreeing about the matter) rest on its passage; a rule nothing
  supports is marked assumed. The response time follows from the manager's hours in samen.yaml.
- Topics are the concept's themes; rituals and roles have stable ids (:mod:`rituals`, :mod:`roles`),
  each role with the core group's candidates who fit it.
- Means come from samen.yaml (``community_manager``, ``means``, ``channels``); where it is silent the
  item says what was assumed and the reviewer is warned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.core_group.charter_cues import CueHits, cue_hits
from agents.core_group.guidance_ids import guidance
from agents.core_group.rituals import draft_rituals
from agents.core_group.roles import HOURS, chosen_concept, planned_roles
from agents.core_group.texts import CHARTER, ROLES, listing, words
from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import ArtefactMeta
from artefacts.concept import Persona
from artefacts.core_group import CharterDraft, CharterItem, CoreGroup, Role
from artefacts.grounds import Grounds
from artefacts.initiative import NeedsMap

FAST_REPLY_HOURS = 4  # a manager with at least this many hours a week answers within two days, else three


def reply_days(inputs: PhaseInputs) -> int:
    hours = inputs.project.means.hours_per_week
    return 2 if hours is not None and hours >= FAST_REPLY_HOURS else 3


def draft_charter(inputs: PhaseInputs) -> CharterDraft:
    language = inputs.language
    concept = chosen_concept(inputs)
    persona = inputs.find(Persona)
    needs_map = inputs.find(NeedsMap)
    w = words(CHARTER, language)
    purpose = concept.purpose.strip()
    if persona is not None:
        purpose += " " + w["for_persona"].format(name=persona.name, who=persona.who.text.rstrip(". "))
    roles = _roles(inputs)
    meta = ArtefactMeta(language=language)
    means, assumed_means = _means(inputs, roles, w)
    charter = CharterDraft(
        meta=meta,
        concept_id=inputs.concept_id,
        purpose=purpose,
        purpose_grounds=Grounds(
            artefacts=["concept-hypotheses"] + (["persona"] if persona else []),
            need_ids=list(concept.need_ids),
        ),
        house_rules=_house_rules(inputs, needs_map, w),
        conduct=_conduct(inputs, needs_map, w),
        topics=_topics(inputs, needs_map),
        rituals=draft_rituals(inputs, concept, [r.id for r in roles]),
        roles=roles,
        means=means,
    )
    meta.warnings += (
        [w["assumed_means"].format(what=listing(assumed_means, language))] if assumed_means else []
    )
    assumed_rules = [item.text for item in charter.house_rules + charter.conduct if item.grounds.assumed]
    if assumed_rules:
        meta.notes.append(w["assumed_rules"].format(n=len(assumed_rules)))
    meta.notes.append(w["draft_for_core_group"])
    return charter


def _cued(rid: str, hits: CueHits, w: Mapping[str, Any], language: str, **values: object) -> CharterItem:
    return CharterItem(
        id=rid,
        text=w[rid].format(**values),
        why=w["why_heard"].format(n=hits.speakers, titles=listing(hits.titles[:3], language))
        if hits.titles
        else w["why_heard_notes"].format(n=hits.speakers),
        grounds=Grounds(note_ids=hits.note_ids, need_ids=hits.need_ids),
    )


def _method(rid: str, section: str, w: Mapping[str, Any], language: str, **values: object) -> CharterItem:
    return CharterItem(
        id=rid,
        text=w[rid].format(**values),
        why=w["why_method"],
        grounds=Grounds(guidance=guidance(language, section)),
    )


def _assumed(rid: str, w: Mapping[str, Any], **values: object) -> CharterItem:
    return CharterItem(
        id=rid, text=w[rid].format(**values), why=w["why_assumed"], grounds=Grounds(assumed=True)
    )


def _house_rules(inputs: PhaseInputs, needs_map: NeedsMap | None, w: Mapping[str, Any]) -> list[CharterItem]:
    language = inputs.language
    confidential = cue_hits(needs_map, "confidential")
    rules = [
        _cued("rule-confidential", confidential, w, language)
        if confidential
        else _method("rule-confidential", "charter", w, language)
    ]
    for rid, kind in (("rule-safety", "safety"), ("rule-sources", "sharing")):
        hits = cue_hits(needs_map, kind)
        if hits:
            rules.append(_cued(rid, hits, w, language))
    sales = cue_hits(needs_map, "sales")
    rules.append(_cued("rule-no-sales", sales, w, language) if sales else _assumed("rule-no-sales", w))
    days = reply_days(inputs)
    reply = CharterItem(
        id="rule-reply",
        text=w["rule-reply"].format(days=days),
        why=w["why_reply"].format(hours=inputs.project.means.hours_per_week, days=days)
        if inputs.project.means.hours_per_week is not None
        else w["why_reply_assumed"].format(days=days),
        grounds=Grounds(settings=["means.hours_per_week"])
        if inputs.project.means.hours_per_week is not None
        else Grounds(assumed=True),
    )
    rules.append(reply)
    rules.append(_method("rule-breach", "charter", w, language))
    return rules


def _conduct(inputs: PhaseInputs, needs_map: NeedsMap | None, w: Mapping[str, Any]) -> list[CharterItem]:
    language = inputs.language
    norms = []
    for rid, kind in (("norm-ask", "newcomer"), ("norm-short", "time"), ("norm-people", "confidential")):
        hits = cue_hits(needs_map, kind)
        if hits:
            norms.append(_cued(rid, hits, w, language))
    norms.append(_method("norm-disagree", "charter", w, language))
    norms.append(_method("norm-own", "pitfalls", w, language))
    return norms


def _topics(inputs: PhaseInputs, needs_map: NeedsMap | None) -> list[CharterItem]:
    concept = chosen_concept(inputs)
    w = words(CHARTER, inputs.language)
    if concept.themes:
        return [
            CharterItem(
                id=f"topic-{i}",
                text=theme.title,
                why=w["why_topic"].format(topics="; ".join(theme.topics)) if theme.topics else "",
                grounds=Grounds(need_ids=list(theme.need_ids), artefacts=["concept-hypotheses"]),
            )
            for i, theme in enumerate(concept.themes, start=1)
        ]
    titles = {n.id: n for n in needs_map.needs} if needs_map else {}
    return [
        CharterItem(
            id=f"topic-{i}",
            text=titles[need_id].title,
            why=titles[need_id].statement,
            grounds=Grounds(need_ids=[need_id], artefacts=["concept-hypotheses"]),
        )
        for i, need_id in enumerate((n for n in concept.need_ids if n in titles), start=1)
    ]


def _roles(inputs: PhaseInputs) -> list[Role]:
    names = words(ROLES, inputs.language)
    core = inputs.find(CoreGroup)
    return [
        Role(
            id=planned.id,
            name=names[planned.id]["name"],
            does=names[planned.id]["does"],
            hours_per_week=HOURS[planned.id],
            candidates=_fitting(core, planned.id) if core else [],
            grounds=planned.grounds.model_copy(
                update={"artefacts": [*planned.grounds.artefacts, "core-group"]}
            )
            if core
            else planned.grounds,
        )
        for planned in planned_roles(inputs)
    ]


def _fitting(core: CoreGroup, role: str) -> list[str]:
    """Who in the proposed selection fits ``role``; when nobody there does, the first three candidates who do."""
    fit = [c.person for c in core.candidates if role in c.roles]
    chosen = [person for person in fit if person in core.proposed]
    return chosen or fit[:3]


def _means(
    inputs: PhaseInputs, roles: list[Role], w: Mapping[str, Any]
) -> tuple[list[CharterItem], list[str]]:
    """The means samen.yaml names, or what was assumed (the second list names the settings to fill in)."""
    project, language = inputs.project, inputs.language
    means = project.means
    items: list[CharterItem] = []
    assumed: list[str] = []

    def add(rid: str, otherwise: str, setting: str, value: object, **values: object) -> None:
        if value:
            items.append(
                CharterItem(id=rid, text=w[rid].format(**values), grounds=Grounds(settings=[setting]))
            )
        else:
            items.append(
                CharterItem(id=rid, text=w[otherwise].format(**values), grounds=Grounds(assumed=True))
            )
            assumed.append(setting)

    manager = project.community_manager
    add("means-manager", "means-manager-assumed", "community_manager", manager, manager=manager)
    core = f"{sum(r.hours_per_week or 0 for r in roles):g}"
    hours = means.hours_per_week
    add(
        "means-hours",
        "means-hours-assumed",
        "means.hours_per_week",
        hours is not None,
        hours=hours,
        core=core,
    )
    budget = f"{means.budget_per_year:,.0f} {means.currency}" if means.budget_per_year is not None else ""
    add("means-budget", "means-budget-assumed", "means.budget_per_year", budget, budget=budget)
    channels = listing(project.channels, language)
    add("means-channels", "means-channels-assumed", "channels", project.channels, channels=channels)
    if means.uses_already:
        items.append(
            CharterItem(
                id="means-in-use",
                text=w["means-in-use"].format(tools=listing(means.uses_already, language)),
                grounds=Grounds(settings=["means.uses_already"]),
            )
        )
    items += [
        CharterItem(
            id=f"means-limit-{i}",
            text=w["means-limit"].format(limit=limit),
            grounds=Grounds(settings=["means.constraints"]),
        )
        for i, limit in enumerate(means.constraints, start=1)
    ]
    return items, assumed
