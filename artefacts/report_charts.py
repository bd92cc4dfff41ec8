"""What the HTML report draws instead of writing: the numbers of a chart, per kind of artefact.

Charts are data here (bars, a month grid, embedded PNGs); the templates in ``artefacts/templates``
draw them as inline SVG and HTML tables, autoescaped, so a need's title or a calendar item's text is
text in the picture too. Nothing is loaded from outside the page.

- needs map: how many interviewees voiced each need;
- survey results: the PNG charts the analysis drew, embedded as data URIs;
- channel plan: each option's total score, the chosen mix highlighted;
- content calendar: a month grid per month of the trial, items and public holidays per day.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import singledispatch
from pathlib import Path
from typing import Any

from artefacts.base import Artefact
from artefacts.initiative import NeedsMap
from artefacts.plan import CalendarItem, ContentCalendar
from artefacts.strategy import ChannelPlan
from artefacts.survey import SurveyResults


@dataclass
class Bar:
    label: str
    value: float
    shown: str
    highlight: bool = False


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    kind: str = "bars"

    @property
    def top(self) -> float:
        return max((bar.value for bar in self.bars), default=0) or 1


@dataclass
class Day:
    number: int
    items: list[CalendarItem] = field(default_factory=list)
    holiday: str = ""


@dataclass
class MonthGrid:
    title: str
    weekdays: list[str]
    weeks: list[list[Day | None]]
    kind: str = "month"


@dataclass
class Image:
    title: str
    uri: str
    kind: str = "image"


Chart = BarChart | MonthGrid | Image


@singledispatch
def charts(artefact: Artefact, words: Mapping[str, Any], folder: Path) -> list[Chart]:
    """The charts of ``artefact``; ``folder`` holds its files (the survey's PNGs)."""
    return []


@charts.register
def _needs(artefact: NeedsMap, words: Mapping[str, Any], folder: Path) -> list[Chart]:
    bars = [Bar(f"{n.id} · {n.title}", n.voices, str(n.voices)) for n in artefact.needs]
    return [BarChart(words["needs_by_interviewees"], bars)] if bars else []


@charts.register
def _survey(artefact: SurveyResults, words: Mapping[str, Any], folder: Path) -> list[Chart]:
    found: list[Chart] = []
    for chart in artefact.charts:
        path = folder / chart.path
        if path.is_file() and path.suffix == ".png":
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            found.append(Image(chart.title, f"data:image/png;base64,{data}"))
    return found


@charts.register
def _channels(artefact: ChannelPlan, words: Mapping[str, Any], folder: Path) -> list[Chart]:
    chosen = set(artefact.mix)
    bars = [
        Bar(o.name, o.total, f"{o.total:.2f}", o.id in chosen)
        for o in sorted(artefact.options, key=lambda o: -o.total)
    ]
    return [BarChart(words["channel_scores"], bars)] if bars else []


@charts.register
def _calendar(artefact: ContentCalendar, words: Mapping[str, Any], folder: Path) -> list[Chart]:
    by_day: dict[dt.date, list[CalendarItem]] = {}
    for item in artefact.items:
        by_day.setdefault(item.date, []).append(item)
    holidays = {h.date: h.name for h in artefact.holidays}
    grids: list[Chart] = []
    year, month = artefact.start.year, artefact.start.month
    while (year, month) <= (artefact.end.year, artefact.end.month):
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append(
                [
                    Day(day.day, by_day.get(day, []), holidays.get(day, ""))
                    if day.month == month and artefact.start <= day <= artefact.end
                    else None
                    for day in week
                ]
            )
        grids.append(MonthGrid(f"{words['months'][month - 1]} {year}", list(words["weekdays"]), weeks))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return grids
