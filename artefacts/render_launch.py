"""Markdown renderer of the phase 6 artefact, the launch plan: the announcement and the invitation as
quotes to copy, the onboarding path, the manager's week, the health metrics with their reasons, and the
bridge to the organisation. What each element rests on is shown beside it (``_grounds``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from artefacts.catalogue import PerLanguage
from artefacts.grounds import Grounds
from artefacts.launch import HealthMetric, LaunchPlan, Message
from artefacts.render_markdown import _render, table
from artefacts.safe_text import md_cell, md_code, md_text

WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("render_launch")


def _words(language: str) -> Mapping[str, Any]:
    return WORDS.get(language, WORDS["en"])


def grounds_line(grounds: Grounds, w: Mapping[str, Any]) -> str:
    """What an element rests on, in one line; an assumption is said to be one."""
    if grounds.assumed or grounds.empty:
        return f"_{w['assumed']}_"
    parts = [
        md_text(", ".join(values))
        for values in (grounds.artefacts, grounds.need_ids, grounds.survey_items, grounds.settings)
        if values
    ]
    if grounds.note_ids:
        parts.append(", ".join(f"`{md_code(n)}`" for n in grounds.note_ids))
    if grounds.guidance:
        parts.append(f"{w['method']} " + ", ".join(f"`{md_code(g)}`" for g in grounds.guidance))
    return f"_{w['rests_on']}: " + "; ".join(parts) + "_"


def _message(message: Message, w: Mapping[str, Any]) -> list[str]:
    out = [f"**{md_text(message.title)}**", ""]
    lines = [md_text(line) for line in message.text.splitlines() if line.strip()]
    out += ["\n>\n".join(f"> {line}" for line in lines)]  # a paragraph per line, in one quote
    facts = [
        (w["sender"], message.sender),
        (w["audience"], message.audience),
        (w["channels"], ", ".join(message.channels)),
        (w["date"], message.date.isoformat() if message.date else ""),
    ]
    out.append("")
    out += [f"- **{key}:** {md_text(value)}" for key, value in facts if value]
    return [*out, "", grounds_line(message.grounds, w), ""]


def _target(metric: HealthMetric, w: Mapping[str, Any]) -> str:
    if metric.unit == "share":
        return f"{metric.target:.0%}"
    if metric.unit == "hours":
        return f"≤ {metric.target:g} {w['hours']}"
    unit = w["members"] if metric.unit == "members" else md_text(metric.unit)
    return f"{metric.target:g} {unit} {w['per_month']}"


@_render.register
def _launch_plan(plan: LaunchPlan) -> list[str]:
    w = _words(plan.meta.language)
    reason = md_text(plan.launch_date_reason)
    out = [f"**{w['launch_date']}:** {plan.launch_date.isoformat()}  ", f"_{reason}_", ""]
    if plan.assumptions:
        out += [f"**{w['assumptions']}:**", ""] + [f"- {md_text(a)}" for a in plan.assumptions] + [""]
    out += [f"## {w['announcement']}", ""] + _message(plan.announcement, w)
    out += [f"## {w['invitation']}", ""] + _message(plan.invitation, w)
    out += [f"## {w['onboarding']}", ""]
    out += table(
        [w["day"], w["what"], w["who"], w["channel"]],
        [
            [step.day, md_cell(step.what), md_cell(step.who), md_cell(step.channel)]
            for step in plan.onboarding
        ],
    )
    out += ["", f"## {w['rhythm']}", ""]
    hours = f"{plan.hours_per_week:g}" if plan.hours_per_week is not None else "—"
    left = max((plan.hours_per_week or 0) - plan.rhythm_minutes / 60, 0)
    summary = w["rhythm_summary"].format(
        manager=md_text(plan.manager),
        hours=hours,
        needed=f"{plan.rhythm_minutes / 60:.1f}",
        left=f"{left:.1f}",
    )
    out += [summary[:1].upper() + summary[1:], ""]
    days = w["weekdays"]
    out += table(
        [w["weekday"], w["what"], w["who"], w["minutes"]],
        [
            [days[item.weekday], md_cell(item.what), md_cell(item.who), item.minutes or ""]
            for item in plan.manager_rhythm
        ],
    )
    if plan.moments:
        out += ["", f"### {w['moments']}", ""]
        out += [f"- **{w['every'][m.every]}:** {md_text(m.what)}" for m in plan.moments]
    out += ["", f"## {w['metrics']}", ""]
    out += table(
        [w["metric"], w["target"], w["how_measured"], w["review"]],
        [
            [md_cell(m.label), _target(m, w), md_cell(m.how_measured), w["every"][m.review_every]]
            for m in plan.metrics
        ],
    )
    out.append("")
    for metric in plan.metrics:
        out += [f"- **{md_text(metric.label)}:** {md_text(metric.reason)} {grounds_line(metric.grounds, w)}"]
    out += ["", f"## {w['bridge']}", ""]
    for number, step in enumerate(plan.bridge, start=1):
        within = f" — {w['within'].format(days=step.within_days)}" if step.within_days is not None else ""
        who = f" ({md_text(step.who)})" if step.who else ""
        out.append(f"{number}. {md_text(step.step)}{who}{within}")
    return [*out, ""]
