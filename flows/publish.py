"""Store an artefact as a new version (unless unchanged) and publish it as a Prefect artifact."""

from __future__ import annotations

from pathlib import Path

from prefect.artifacts import create_markdown_artifact

from artefacts.base import Artefact
from artefacts.calendar_export import to_csv, to_ics
from artefacts.files import write_once
from artefacts.plan import ContentCalendar
from artefacts.render_markdown import render_markdown
from artefacts.store import Workspace
from flows.messages import message


def save_and_publish(workspace: Workspace, artefact: Artefact) -> tuple[int, bool]:
    """Save ``artefact`` in the workspace and show it in the Prefect UI; return (version, created)."""
    version, created = workspace.save(artefact)
    name = type(artefact).artefact_name
    if isinstance(
        artefact, ContentCalendar
    ):  # the calendar for spreadsheets and calendar programs, beside it
        write_calendar_exports(workspace, artefact, version)
    unchanged = message(artefact.meta.language, "unchanged", name=name, version=version)
    create_markdown_artifact(
        key=name,
        markdown=render_markdown(artefact, version=version),
        description=f"{name} v{version}" if created else unchanged,
    )
    return version, created


def write_calendar_exports(workspace: Workspace, calendar: ContentCalendar, version: int) -> list[Path]:
    """``content-calendar.vN.csv`` and ``.ics`` beside the calendar's version (never overwritten)."""
    written = []
    for suffix, data in ((".csv", to_csv(calendar).encode("utf-8")), (".ics", to_ics(calendar))):
        path = workspace.path("content-calendar", version, suffix)
        write_once(path, data)
        written.append(path)
    return written
