"""Markdown renderers of phase 5: the content calendar (a month view per week, then every day's items)
and the plan of approach (milestones, roles, the weekly rhythm, success criteria, risks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import groupby

from artefacts.catalogue import PerLanguage
from artefacts.plan import CalendarItem, ContentCalendar, PlanOfApproach
from artefacts.render_markdown import _render, table
from artefacts.safe_text import md_cell, md_text

PLAN_WORDS: PerLanguage[Mapping[str, object]] = PerLanguage("render_plan")
KIND_KEYS = {
    "content": "kind_content",
    "conversation": "kind_conversation",
    "member-activity": "kind_member-activity",
}
KIND_MARK = {"content": "C", "conversation": "G", "member-activity": "L"}


def _words(language: str) -> Mapping[str, object]:
    return PLAN_WORDS.get(language, PLAN_WORDS["en"])


def _w(words: Mapping[str, object], key: str) -> str:
    return str(words[key])


def _weekdays(words: Mapping[str, object]) -> Sequence[str]:
    found = words["weekdays"]
    assert isinstance(found, list)
    return found


@_render.register
def _content_calendar(calendar: ContentCalendar) -> list[str]:
    w = _words(calendar.meta.language)
    days = _weekdays(w)
    out = [
        _w(w, "period").format(
            start=calendar.start, end=calendar.end, country=md_text(calendar.country), n=len(calendar.items)
        ),
        "",
        f"## {_w(w, 'cadence')}",
        "",
    ]
    out += [
        f"- **{md_text(calendar.channel_name(channel))}**: {md_text(text)}"
        for channel, text in calendar.cadence.items()
    ]
    kinds = Counter(item.kind for item in calendar.items)
    owners = Counter(item.owner for item in calendar.items)
    out += ["", f"## {_w(w, 'balance')}", ""]
    out += table([_w(w, "kind"), _w(w, "items")], [[_w(w, KIND_KEYS[k]), n] for k, n in kinds.most_common()])
    out += ["", f"### {_w(w, 'owners')}", ""]
    out += table([_w(w, "owner"), _w(w, "items")], [[md_cell(o), n] for o, n in owners.most_common()])
    out += ["", f"## {_w(w, 'overview')}", "", f"_{_w(w, 'overview_legend')}_", ""]
    out += _week_grid(calendar, days)
    if calendar.holidays:
        out += ["", f"## {_w(w, 'holidays')}", ""]
        out += [f"- {h.date} ({days[h.date.weekday()]}): {md_text(h.name)}" for h in calendar.holidays]
    out += ["", f"## {_w(w, 'days')}", ""]
    for day, items in groupby(calendar.items, key=lambda item: item.date):
        out += [f"### {days[day.weekday()]} {day}", ""]
        for item in items:
            out += _item(item, calendar.channel_name(item.channel), w)
    return out


def _week_grid(calendar: ContentCalendar, days: Sequence[str]) -> list[str]:
    by_day: dict[dt.date, list[CalendarItem]] = {}
    for item in calendar.items:
        by_day.setdefault(item.date, []).append(item)
    skipped = {h.date for h in calendar.holidays}
    monday = calendar.start - dt.timedelta(days=calendar.start.weekday())
    rows = []
    while monday <= calendar.end:
        cells: list[object] = [f"{monday:%d-%m}"]
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            if day < calendar.start or day > calendar.end:
                cells.append("")
            elif day in by_day:
                marks = "".join(KIND_MARK.get(i.kind, "?") for i in by_day[day])
                cells.append(marks + ("*" if any(i.holiday for i in by_day[day]) else ""))
            else:
                cells.append("–" if day in skipped else "")
        rows.append(cells)
        monday += dt.timedelta(days=7)
    return table(["", *days], rows)


def _item(item: CalendarItem, channel: str, w: Mapping[str, object]) -> list[str]:
    time = f"{item.start:%H:%M} · " if item.start else ""
    holiday = f" · _{md_text(item.holiday)}_" if item.holiday else ""
    head = f"- **{time}{md_text(item.title)}** ({md_text(item.format)}, {md_text(channel)}){holiday}"
    out = [head, f"  {md_text(item.description)}"]
    out.append(f"  _{_w(w, 'owner')}: {md_text(item.owner)} · {_w(w, 'goal')}: {md_text(item.goal)}_")
    if item.idea:
        out.append(f"  {_w(w, 'idea')}: {md_text(item.idea)}")
    return out + [""]


@_render.register
def _plan_of_approach(plan: PlanOfApproach) -> list[str]:
    w = _words(plan.meta.language)
    days = _weekdays(w)
    out = [_w(w, "trial").format(start=plan.start, end=plan.end), "", f"## {_w(w, 'milestones')}", ""]
    out += table(
        [_w(w, "week"), _w(w, "date"), _w(w, "what"), _w(w, "owner"), _w(w, "done_when")],
        [
            [
                m.week,
                f"{days[m.date.weekday()]} {m.date}",
                md_cell(m.what),
                md_cell(m.owner),
                md_cell(m.done_when),
            ]
            for m in plan.milestones
        ],
    )
    out += ["", f"## {_w(w, 'roles')}", ""]
    out += table(
        [_w(w, "role"), _w(w, "who"), _w(w, "hours"), _w(w, "tasks")],
        [
            [
                md_cell(r.name),
                md_cell(", ".join(r.who)),
                "–" if r.hours_per_week is None else f"{r.hours_per_week:g}",
                md_cell("; ".join(r.tasks)),
            ]
            for r in plan.roles
        ],
    )
    out += ["", f"## {_w(w, 'rhythm')}", ""]
    out += table(
        [_w(w, "day"), _w(w, "what"), _w(w, "who"), _w(w, "minutes")],
        [[days[r.weekday], md_cell(r.what), md_cell(r.who), r.minutes or ""] for r in plan.weekly_rhythm],
    )
    out += ["", f"## {_w(w, 'success')}", ""]
    out += table(
        [_w(w, "metric"), _w(w, "target"), _w(w, "how")],
        [[md_cell(c.metric), md_cell(c.target), md_cell(c.how_measured)] for c in plan.success_criteria],
    )
    if plan.risks:
        out += ["", f"## {_w(w, 'risks')}", ""] + [f"- {md_text(risk)}" for risk in plan.risks]
    return out
