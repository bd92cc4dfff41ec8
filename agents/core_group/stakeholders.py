"""The stakeholder brief: per group of colleagues, what the community brings their work, and the route back.

- Groups are samen.yaml's ``stakeholders``. When it names none, the groups the organisation's
  description suggests (courses → the training team, advice → the advisers…) and always its management
  are assumed, marked as such and warned about.
- Gains are the needs closest to the group's work (shared words of its name, work and concerns with a
  need's title and statement; else the concept's strongest needs), and the organisation's intentions that
  share words with the group.
- Questions: the group's ``concerns`` first, each answered by the rule for its kind (time, moderation,
  criticism, privacy, money, contact with members); then the method's usual questions not yet asked. A
  concern no rule knows is listed with an honest "to be answered" and a warning.
- The route a question, feedback or an idea takes, with who and within how many days: the charter's
  response time, a monthly digest, an answer from the group's contact person, and word back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from agents.core_group.charter import reply_days
from agents.core_group.guidance_ids import guidance
from agents.core_group.roles import chosen_concept
from agents.core_group.texts import BRIEF, ROLES, listing, words
from agents.shared.phase_inputs import PhaseInputs, trial_start
from artefacts.base import ArtefactMeta
from artefacts.core_group import CharterItem, QuestionAnswer, RouteStep, StakeholderBrief, StakeholderSection
from artefacts.grounds import Grounds
from artefacts.initiative import Need, NeedsMap
from artefacts.project import StakeholderGroup

GROUP_CUES: dict[str, tuple[str, ...]] = {
    "management": ("bestuur", "directie", "management", "board", "director", "leadership"),
    "training": ("cursus", "opleiding", "scholing", "training", "course", "education"),
    "advice": ("advies", "adviseur", "consulent", "advice", "adviser", "advisor", "consultant"),
    "communications": ("communicatie", "nieuwsbrief", "campagne", "communication", "newsletter", "campaign"),
    "policy": ("beleid", "policy"),
    "service": ("klantenservice", "klantcontact", "helpdesk", "customer service", "service desk"),
    "volunteers": ("vrijwilligerscoördinat", "vrijwilligerswerk", "volunteer coordinat", "volunteering"),
}
QUESTION_CUES: dict[str, tuple[str, ...]] = {
    "time": (
        "tijd", "werk erbij", "extra werk", "bovenop ons werk", "bovenop het werk", "werkdruk", "uren",
        "ons werk over", "kost ons tijd", "kost het ons tijd", "kost het ons extra tijd", "time", "extra work",
        "cost us time", "cost us extra time", "on top of", "workload", "hours", "our job", "our work",
    ),
    "moderation": (
        "modere", "beheer", "wie let", "toezicht", "houdt de community bij", "bijhouden", "bijhoudt",
        "wie beantwoordt", "moderat", "who answers", "who looks after", "oversee", "keeps the community",
        "keep it going", "look after",
    ),
    "quality": (
        "kwaliteit", "borgen", "klopt wat", "juiste advies", "verkeerd advies", "foute informatie",
        "quality", "wrong advice", "bad advice", "accurate", "misinformation",
    ),
    "signals": (
        "wat er speelt", "horen we", "signalen", "merken wij", "weten wij", "what is going on", "hear what",
        "signals", "find out what", "learn what",
    ),
    "criticism": ("kritiek", "klacht", "negatief", "imago", "critic", "complain", "negative", "reputation"),
    "privacy": ("privacy", "avg", "gegevens", "vertrouwelijk", "gdpr", "data", "confidential"),
    "money": ("geld", "kost", "budget", "betaal", "money", "cost", "pay"),
    "contact": (
        "eigen contact", "concurr", "langs ons heen", "buiten ons", "own contact", "compet", "bypass",
    ),
}  # fmt: skip
STANDARD = ("moderation", "criticism", "time")
GAINS_PER_GROUP = 2
DIGEST, ANSWER, CLOSE = 30, 10, 2  # days: bundled, answered by the group, told back to the community


def draft_brief(inputs: PhaseInputs) -> StakeholderBrief:
    language = inputs.language
    w = words(BRIEF, language)
    meta = ArtefactMeta(language=language)
    assumptions: list[str] = []
    groups = list(inputs.project.stakeholders)
    assumed = not groups
    if assumed:
        groups = _assumed_groups(inputs, w)
        assumptions.append(w["assumed_groups"].format(groups=listing([g.name for g in groups], language)))
        meta.warnings.append(w["warn_assumed_groups"])
    manager = inputs.project.community_manager or w["the_manager"]
    if not inputs.project.community_manager:
        assumptions.append(w["assumed_manager"])
    assumptions.append(w["assumed_days"])
    sections = [_section(group, assumed, manager, inputs, w) for group in groups]
    open_concerns = [qa.question for s in sections for qa in s.questions if qa.grounds.assumed]
    if open_concerns:
        meta.warnings.append(w["warn_open"].format(questions="; ".join(open_concerns)))
    return StakeholderBrief(
        meta=meta,
        concept_id=inputs.concept_id,
        sections=sections,
        route=_route(inputs, manager, [g.name for g in groups], w),
        assumptions=assumptions,
    )


def _assumed_groups(inputs: PhaseInputs, w: Mapping[str, Any]) -> list[StakeholderGroup]:
    description = inputs.project.organisation.description.casefold()
    kinds = [k for k, cues in GROUP_CUES.items() if k != "management" and any(c in description for c in cues)]
    return [
        StakeholderGroup(name=w["groups"][kind]["name"], work=w["groups"][kind]["work"])
        for kind in ["management", *(kinds or ["communications"])]
    ]


def _words_of(text: str) -> set[str]:
    return {word[:6] for word in re.findall(r"\w+", text.casefold()) if len(word) >= 5}


def _kind_of(group: StakeholderGroup) -> str | None:
    text = f"{group.name} {group.work}".casefold()
    return next((kind for kind, cues in GROUP_CUES.items() if any(cue in text for cue in cues)), None)


def _section(
    group: StakeholderGroup, assumed: bool, manager: str, inputs: PhaseInputs, w: Mapping[str, Any]
) -> StakeholderSection:
    gains = _gains(group, inputs, w)
    concept = chosen_concept(inputs)
    outline = [
        w["outline_why"].format(purpose=concept.purpose.strip()),
        _heard(inputs, w),
        w["outline_gains"].format(group=group.name, gains=" ".join(g.text for g in gains[:GAINS_PER_GROUP])),
        w["outline_ask"].format(group=group.name, days=ANSWER),
        w["outline_route"].format(manager=manager),
        w["outline_next"].format(date=f"{trial_start(inputs):%Y-%m-%d}", weeks=inputs.project.trial_weeks),
    ]
    return StakeholderSection(
        group=group.name,
        gains=gains,
        outline=outline,
        questions=_questions(group, manager, inputs, w),
        assumed=assumed,
    )


def _heard(inputs: PhaseInputs, w: Mapping[str, Any]) -> str:
    needs_map = inputs.find(NeedsMap)
    if needs_map is None or not needs_map.needs:
        return w["outline_heard_none"]
    top = sorted(needs_map.needs, key=lambda n: -n.intensity.score)[:3]
    line = w["outline_heard"].format(
        interviews=needs_map.interviews, titles=listing([n.title for n in top], inputs.language)
    )
    if top[0].evidence:
        quote = top[0].evidence[0]
        line += " " + w["outline_quote"].format(
            text=" ".join(quote.text.split())[:200], speaker=quote.speaker
        )
    return line


def _gains(group: StakeholderGroup, inputs: PhaseInputs, w: Mapping[str, Any]) -> list[CharterItem]:
    needs_map = inputs.find(NeedsMap)
    concept = chosen_concept(inputs)
    needs = [n for n in (needs_map.needs if needs_map else []) if n.id in concept.need_ids] or (
        needs_map.needs if needs_map else []
    )
    mine = _words_of(f"{group.name} {group.work} {' '.join(group.concerns)}")
    ranked = sorted(
        needs, key=lambda n: (-len(mine & _words_of(f"{n.title} {n.statement}")), -n.intensity.score)
    )
    total = len(needs_map.interviewees) if needs_map else 0
    gains = [_need_gain(need, group, total, w) for need in ranked[:GAINS_PER_GROUP]]
    kind = _kind_of(group)
    if kind is not None:
        gains.append(
            CharterItem(
                id=f"gain-{kind}",
                text=w["groups"][kind]["gain"],
                grounds=Grounds(guidance=guidance(inputs.language, "colleagues")),
            )
        )
    for i, intention in enumerate(inputs.project.organisation.intentions):
        if mine & _words_of(intention) or kind == "management":
            gains.append(
                CharterItem(
                    id=f"gain-intention-{i + 1}",
                    text=w["gain_intention"].format(intention=intention.rstrip(". ")),
                    grounds=Grounds(settings=["organisation.intentions"]),
                )
            )
    return gains


def _need_gain(need: Need, group: StakeholderGroup, total: int, w: Mapping[str, Any]) -> CharterItem:
    return CharterItem(
        id=f"gain-{need.id.lower()}",
        text=w["gain_need"].format(title=need.title, group=group.name),
        why=w["why_need"].format(n=need.voices, total=total),
        grounds=Grounds(need_ids=[need.id], note_ids=[q.note_id for q in need.evidence[:2]]),
    )


def _questions(
    group: StakeholderGroup, manager: str, inputs: PhaseInputs, w: Mapping[str, Any]
) -> list[QuestionAnswer]:
    out, asked = [], set()
    for concern in group.concerns:
        kind = concern_kind(concern)
        if kind is None:
            out.append(
                QuestionAnswer(
                    question=concern,
                    answer=w["answer_open"].format(manager=manager),
                    grounds=Grounds(assumed=True),
                )
            )
            continue
        asked.add(kind)
        out.append(_answer(concern, kind, manager, inputs, w))
    out += [_answer(w["questions"][kind], kind, manager, inputs, w) for kind in STANDARD if kind not in asked]
    return out


def concern_kind(concern: str) -> str | None:
    """What a colleague's question is about: the kind whose cue comes first in it ("Concurreert dit met
    onze betaalde cursussen?" is about competition, not money), None when no cue matches."""
    text = concern.casefold()
    found = [
        (position, -len(cue), kind)
        for kind, cues in QUESTION_CUES.items()
        for cue in cues
        if (position := text.find(cue)) >= 0
    ]
    if not found:
        return None
    kind = min(found)[2]
    kinds = {k for _, _, k in found}
    money_words = ("geld", "budget", "euro", "betaal", "money", "pay", "price", "prijs")
    if kind == "money" and "time" in kinds and not any(word in text for word in money_words):
        return "time"  # "Kost dit ons extra werk?": what it costs is time
    return kind


def _answer(
    question: str, kind: str, manager: str, inputs: PhaseInputs, w: Mapping[str, Any]
) -> QuestionAnswer:
    means = inputs.project.means
    budget = f"{means.budget_per_year:,.0f} {means.currency}" if means.budget_per_year is not None else ""
    key = "money_unknown" if kind == "money" and not budget else kind
    moderator = words(ROLES, inputs.language)["moderator"]["name"]
    answer = w["answers"][key].format(
        manager=manager, moderator=moderator, days=reply_days(inputs), answer=ANSWER, budget=budget,
        digest=DIGEST,
    )  # fmt: skip
    settings = {"money": ["means.budget_per_year"], "time": ["means.hours_per_week"]}.get(kind, [])
    return QuestionAnswer(
        question=question,
        answer=answer,
        grounds=Grounds(
            guidance=guidance(inputs.language, "colleagues", "route"),
            artefacts=["charter-draft"],
            settings=[s for s in settings if _set(inputs, s)],
        ),
    )


def _set(inputs: PhaseInputs, setting: str) -> bool:
    means = inputs.project.means
    return (means.budget_per_year if setting == "means.budget_per_year" else means.hours_per_week) is not None


def _route(inputs: PhaseInputs, manager: str, groups: list[str], w: Mapping[str, Any]) -> list[RouteStep]:
    host = words(ROLES, inputs.language)["host"]["name"]
    contacts = w["contact_of"].format(groups=listing(groups, inputs.language))
    return [
        RouteStep(step=w["route_post"], who=w["a_member"]),
        RouteStep(step=w["route_ack"], who=host, within_days=reply_days(inputs)),
        RouteStep(step=w["route_bundle"], who=manager, within_days=DIGEST),
        RouteStep(step=w["route_answer"], who=contacts, within_days=ANSWER),
        RouteStep(step=w["route_close"], who=manager, within_days=CLOSE),
    ]
