"""Markdown renderers of phase 3 artefacts (core group, charter draft, stakeholder brief).

Each element shows what it rests on after it, in italics (needs, notes, survey items, settings, the
method), or that it is assumed; ids stay out of the sentences themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from artefacts.catalogue import PerLanguage
from artefacts.core_group import CharterDraft, CharterItem, CoreGroup, StakeholderBrief
from artefacts.grounds import Grounds
from artefacts.render_markdown import _quote_line, _render, table
from artefacts.safe_text import md_cell, md_code, md_text

CORE_GROUP_WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("core_group.render")


def _words(language: str) -> Mapping[str, Any]:
    return CORE_GROUP_WORDS.get(language, CORE_GROUP_WORDS["en"])


def grounds_note(grounds: Grounds, w: Mapping[str, Any]) -> str:
    """`` _(needs N01 · notes `a1` · settings `channels` · method)_`` or `` **[assumed]**``."""
    if grounds.assumed or grounds.empty:
        return f" **[{w['assumed']}]**"
    parts = []
    if grounds.need_ids:
        parts.append(f"{w['needs']} {md_text(', '.join(grounds.need_ids))}")
    if grounds.note_ids:
        parts.append(f"{w['notes']} " + ", ".join(f"`{md_code(n)}`" for n in grounds.note_ids))
    if grounds.survey_items:
        parts.append(f"{w['survey']} {md_text(', '.join(grounds.survey_items))}")
    if grounds.settings:
        parts.append("samen.yaml " + ", ".join(f"`{md_code(s)}`" for s in grounds.settings))
    if grounds.artefacts:
        parts.append(md_text(", ".join(grounds.artefacts)))
    if grounds.guidance:
        parts.append(w["method"])
    return f" _({' · '.join(parts)})_"


def _item(item: CharterItem, w: Mapping[str, Any]) -> str:
    why = f" — {md_text(item.why)}" if item.why else ""
    return f"- {md_text(item.text)}{why}{grounds_note(item.grounds, w)}"


@_render.register
def _core_group(artefact: CoreGroup) -> list[str]:
    w = _words(artefact.meta.language)
    out = [f"**{w['target']}:** {artefact.target_size}  ", md_text(artefact.size_rule), ""]
    if artefact.proposed:
        out += [f"**{w['proposed']}:** {md_text(', '.join(artefact.proposed))}  "]
        out += [md_text(artefact.proposal_rule), ""] if artefact.proposal_rule else [""]
    out += [f"## {w['candidates']}", ""]
    if not artefact.candidates:
        out += [w["no_candidates"], ""]
    out += table(
        [w["person"], w["source"], w["segment"], w["roles"], w["skills"]],
        [
            [
                md_cell(c.person) + (f" ({w['staff']})" if c.staff else ""),
                w["champion"] if c.source == "champion" else w["survey_source"],
                md_cell(c.segment) or "–",
                md_cell(", ".join(c.roles)) or "–",
                md_cell("; ".join(c.skills)) or "–",
            ]
            for c in artefact.candidates
        ],
    )
    out.append("")
    for c in artefact.candidates:
        out += [f"### {md_text(c.person)}", "", md_text(c.reason) + grounds_note(c.grounds, w), ""]
        for quote in c.evidence:
            out += [_quote_line(quote), ""]
    if artefact.segments_covered:
        out += [f"## {w['segments']}", ""]
        out += table(
            [w["segment"], w["covered"]], [[md_cell(s), n] for s, n in artefact.segments_covered.items()]
        )
        out.append("")
    if artefact.gaps:
        out += [f"## {w['gaps']}", ""]
        out += [
            f"- **{w['gap_kinds'][g.kind]}:** {md_text(g.what)} {md_text(g.suggestion)}"
            for g in artefact.gaps
        ] + [""]
    return out


@_render.register
def _charter(artefact: CharterDraft) -> list[str]:
    w = _words(artefact.meta.language)
    out = [
        f"## {w['purpose']}",
        "",
        md_text(artefact.purpose) + grounds_note(artefact.purpose_grounds, w),
        "",
    ]
    for key, items in (
        ("house_rules", artefact.house_rules),
        ("conduct", artefact.conduct),
        ("topics", artefact.topics),
    ):
        if items:
            out += [f"## {w[key]}", ""] + [_item(i, w) for i in items] + [""]
    if artefact.rituals:
        out += [f"## {w['rituals']}", ""]
        out += table(
            [w["ritual"], w["cadence"], w["weekday"], w["what"]],
            [
                [
                    f"{md_cell(r.name)} (`{md_code(r.id)}`)",
                    w["cadences"][r.cadence],
                    w["weekdays"][r.weekday] if r.weekday is not None else "–",
                    md_cell(r.description) + grounds_note(r.grounds, w),
                ]
                for r in artefact.rituals
            ],
        )
        out.append("")
    if artefact.roles:
        out += [f"## {w['roles']}", ""]
        out += table(
            [w["role"], w["does"], w["hours"], w["candidates"]],
            [
                [
                    f"{md_cell(r.name)} (`{md_code(r.id)}`)",
                    md_cell(r.does),
                    f"{r.hours_per_week:g}" if r.hours_per_week is not None else "–",
                    md_cell(", ".join(r.candidates)) or f"**{w['nobody']}**",
                ]
                for r in artefact.roles
            ],
        )
        out.append("")
    if artefact.means:
        out += [f"## {w['means']}", ""] + [_item(i, w) for i in artefact.means] + [""]
    return out


@_render.register
def _brief(artefact: StakeholderBrief) -> list[str]:
    w = _words(artefact.meta.language)
    out: list[str] = []
    if artefact.assumptions:
        out += [f"**{w['assumptions']}:**", ""] + [f"- {md_text(a)}" for a in artefact.assumptions] + [""]
    for section in artefact.sections:
        mark = f" **[{w['assumed']}]**" if section.assumed else ""
        out += [f"## {md_text(section.group)}{mark}", ""]
        out += [f"### {w['gains']}", ""] + [_item(g, w) for g in section.gains] + [""]
        out += (
            [f"### {w['outline']}", ""]
            + [f"{i}. {md_text(line)}" for i, line in enumerate(section.outline, 1)]
            + [""]
        )
        out += [f"### {w['questions']}", ""]
        for qa in section.questions:
            out += [f"**{md_text(qa.question)}**  ", md_text(qa.answer) + grounds_note(qa.grounds, w), ""]
    if artefact.route:
        out += [f"## {w['route']}", ""]
        out += table(
            ["#", w["step"], w["who"], w["within"]],
            [
                [
                    i,
                    md_cell(step.step),
                    md_cell(step.who) or "–",
                    w["days"].format(n=step.within_days) if step.within_days is not None else "–",
                ]
                for i, step in enumerate(artefact.route, 1)
            ],
        )
        out.append("")
    return out
