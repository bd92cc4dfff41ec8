"""Markdown renderer of the phase 4 channel plan: the mix, the criteria, the scoring matrix with a bar
chart of the totals, every option's reason, and the assumptions."""

from __future__ import annotations

from collections.abc import Mapping

from artefacts.catalogue import PerLanguage
from artefacts.render_markdown import _render, table
from artefacts.safe_text import md_cell, md_text, one_line
from artefacts.strategy import ChannelOption, ChannelPlan

STRATEGY_WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("render_strategy")
ROLE_KEYS = {"main": "role_main", "meeting": "role_meeting", "broadcast": "role_broadcast"}
BAR = 30  # characters of a full bar in the chart


def _words(language: str) -> Mapping[str, str]:
    return STRATEGY_WORDS.get(language, STRATEGY_WORDS["en"])


def money(amount: float | None, currency: str) -> str:
    return "–" if amount is None else f"{currency} {amount:,.0f}".replace(",", ".")


@_render.register
def _channel_plan(plan: ChannelPlan) -> list[str]:
    w = _words(plan.meta.language)
    out = [f"## {w['mix']}", "", md_text(plan.explanation), ""]
    out += table(
        [w["option"], w["role"], w["cost"], w["purpose"]],
        [
            [
                md_cell(o.name),
                w[ROLE_KEYS[o.role]],
                md_cell(money(o.cost_per_year, plan.currency)),
                md_cell(o.purpose),
            ]
            for o in plan.chosen()
        ],
    )
    out += [
        "",
        f"**{w['cost_of_mix']}:** {md_text(money(plan.cost_of_mix, plan.currency))} · "
        f"**{w['budget']}:** {md_text(money(plan.budget_per_year, plan.currency))}",
        "",
    ]
    out += [f"## {w['criteria']}", ""]
    out += table(
        [w["criterion"], w["weight"], w["source"]],
        [[md_cell(c.label), f"{c.weight:.0%}", md_cell(c.source)] for c in plan.criteria],
    )
    out += ["", f"## {w['matrix']}", ""]
    out += table(
        [w["option"], *[md_cell(c.label) for c in plan.criteria], w["total"], w["status"]],
        [
            [
                md_cell(o.name),
                *[f"{o.scores.get(c.id, 0.0):.2f}" for c in plan.criteria],
                f"**{o.total:.2f}**",
                _status(o, w),
            ]
            for o in plan.options
        ],
    )
    out += ["", f"## {w['chart']}", "", "```"]
    width = max(len(one_line(o.name).replace("`", "'")) for o in plan.options)
    for o in sorted(plan.options, key=lambda o: -o.total):
        mark = "●" if o.chosen else "✗" if o.excluded_by else " "
        name = one_line(o.name).replace("`", "'")  # inside a code fence: text, one line, no fence
        out.append(f"{mark} {name.ljust(width)} {'█' * round(o.total * BAR)} {o.total:.2f}")
    out += ["```", "", f"_{w['chart_legend']}_", "", f"## {w['reasons']}", ""]
    for o in plan.options:
        out.append(f"- **{md_text(o.name)}** ({_status(o, w)}): {md_text(o.reason)}")
    if plan.assumptions:
        out += ["", f"## {w['assumptions']}", ""] + [f"- {md_text(a)}" for a in plan.assumptions]
    return out


def _status(o: ChannelOption, w: Mapping[str, str]) -> str:
    if o.chosen:
        return w["chosen"]
    return w["excluded"] if o.excluded_by else w["not_chosen"]
