"""A small stored project for the deliverables' tests: a needs map whose note carries markup, a channel
plan, a content calendar and a launch plan, in Dutch or English, in a workspace under ``tmp_path``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from artefacts.base import ArtefactMeta, Quote
from artefacts.core_group import CharterDraft, CoreGroup, StakeholderBrief
from artefacts.initiative import Intensity, Need, NeedsMap, NoteEntry
from artefacts.plan import CalendarItem, ContentCalendar, PlanOfApproach, SkippedDay
from artefacts.store import Workspace
from artefacts.strategy import ChannelPlan
from tests.launch_builders import artefacts, inputs

SCRIPT = "<script>alert('x')</script>"


def needs_map(language: str) -> NeedsMap:
    text = (
        f"We ruilen boeken {SCRIPT} en **niet** vet"
        if language == "nl"
        else f"We swap parts {SCRIPT} and **not** bold"
    )
    note = NoteEntry(
        id="n-1", text=text, source="interviews/p01.txt", line_start=4, line_end=4, speaker="P01"
    )
    quote = Quote(note_id="n-1", text=text, source=note.source, line_start=4, line_end=4, speaker="P01")
    need = Need(
        id="N01", title="Boeken ruilen" if language == "nl" else "Swapping parts", statement=text,
        note_ids=["n-1"], voiced_by=["P01", "P02"], evidence=[quote],
        intensity=Intensity(score=0.5, label="medium", reach=0.5, depth=1.0, emphasis=0.2),
    )  # fmt: skip
    meta = ArtefactMeta(language=language, warnings=[f"P01 said {SCRIPT}: check who interviewed"])
    return NeedsMap(meta=meta, needs=[need], notes=[note], interviews=2)


def calendar(language: str) -> ContentCalendar:
    start, end = dt.date(2027, 3, 29), dt.date(2027, 5, 7)
    items = [
        CalendarItem(
            id=f"i{day}",
            date=start + dt.timedelta(days=day),
            channel="forum",
            format="post",
            kind="content",
            title=f"Item {day} {SCRIPT}",
            description="What happens",
            owner="P01",
        )  # fmt: skip
        for day in range(0, 40, 3)
    ]
    holidays = [
        SkippedDay(date=dt.date(2027, 4, 27), name="Koningsdag" if language == "nl" else "King's Day")
    ]
    return ContentCalendar(
        meta=ArtefactMeta(language=language), concept_id="C1", start=start, end=end, country="NL",
        items=items, holidays=holidays,
    )  # fmt: skip


def later_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Phases 3 to 5 with their artefacts, as their rows will have them (other branches build those
    phases): the registry, the flows and the report read the same table."""
    import artefacts.html_report as html_report
    import artefacts.phases as phases
    import artefacts.registry as registry
    import flows.later_phases as later_phases
    import flows.status as status

    extra = {
        "core-group": (CoreGroup, CharterDraft, StakeholderBrief),
        "strategy": (ChannelPlan,),
        "plan": (ContentCalendar, PlanOfApproach),
    }
    table = tuple(
        dataclasses.replace(row, artefacts=tuple(phases.ArtefactRow(m) for m in extra[row.name]))
        if row.name in extra and not row.artefacts
        else row
        for row in phases.PHASE_TABLE
    )
    for module in (phases, html_report, later_phases, status):
        monkeypatch.setattr(module, "PHASE_TABLE", table)
    for models in extra.values():
        for model in models:
            monkeypatch.setitem(registry.ARTEFACTS, model.artefact_name, model)


def make_project(tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    from agents.launch.launch_plan import compose

    later_rows(monkeypatch)
    root = tmp_path / f"project-{language}"
    root.mkdir()
    name = "Bibliotheek <Oost>" if language == "nl" else "Riverside Repair"
    (root / "samen.yaml").write_text(
        f"organisation:\n  name: '{name}'\nlanguage: {language}\n", encoding="utf-8"
    )
    ws = Workspace(root)
    for artefact in (needs_map(language), artefacts(language)["channel-plan"], calendar(language)):
        ws.save(artefact)
    ws.save(compose(inputs(language)))
    return ws
