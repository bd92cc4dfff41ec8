"""Review commands: review, approve, reject, edit the needs map, export for spreadsheets."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from artefacts.audit import Action, AuditEvent
from artefacts.calendar_export import to_csv, to_ics
from artefacts.exports import CHAMPION_COLUMNS, NEEDS_COLUMNS, champion_rows, needs_rows, serialise
from artefacts.files import write_atomic
from artefacts.initiative import Champions, NeedsMap
from artefacts.needs_edits import NeedsEdit
from artefacts.plan import ContentCalendar
from artefacts.store import Workspace
from flows.gatekeeper import require_reviewer
from flows.messages import language_of, message, state_word
from flows.review import apply_needs_edits, edits_from_rendered
from flows.review_actions import review_version

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]
ByOpt = Annotated[str, typer.Option("--by", help="Your name, for the audit log.")]
NoteOpt = Annotated[str, typer.Option("--note", help="Why: goes into the audit log.")]
VersionOpt = Annotated[int | None, typer.Option("--version", help="Version (default: the latest).")]


class ExportWhat(StrEnum):
    needs = "needs"
    champions = "champions"
    calendar = "calendar"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    ics = "ics"


def register_review(app: typer.Typer, err: Console, out: Console) -> None:

    def _decide(
        action: Action, artefact: str, project: Path, by: str, note: str, version: int | None
    ) -> None:
        workspace = Workspace(project)
        event = review_version(workspace, action, artefact, by=by, note=note, version=version)
        assert event is not None  # only a choice on an approved version records no review
        _said(workspace, event, action, by, err)

    @app.command()
    def review(artefact: str, project: ProjectOpt = Path("."), by: ByOpt = "", note: NoteOpt = "") -> None:
        """Take in the edits made in the rendered Markdown (needs map) and mark the artefact reviewed."""
        _need_by(by, project)
        workspace = Workspace(project)
        if artefact == "needs-map":
            edits = edits_from_rendered(workspace, by=by)
            if edits:
                version = apply_needs_edits(workspace, edits, by=by, note=note)
                err.print(
                    message(
                        language_of(workspace), "review_edits_taken_in", count=len(edits), version=version
                    )
                )
                return
            err.print(message(language_of(workspace), "review_no_edits"))
        _decide("reviewed", artefact, project, by, note, None)

    @app.command()
    def approve(
        artefact: str,
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: NoteOpt = "",
        version: VersionOpt = None,
        choice: Annotated[
            str | None, typer.Option("--choice", help="concept-hypotheses: the concept chosen.")
        ] = None,
    ) -> None:
        """Approve an artefact version: the next phase may build on it."""
        _need_by(by, project)
        workspace = Workspace(project)
        event = review_version(
            workspace, "approved", artefact, by=by, note=note, version=version, choice=choice
        )
        if event is not None:  # None: a new choice on an approved version; the approval stands
            _said(workspace, event, "approved", by, err)

    @app.command()
    def reject(
        artefact: str,
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: NoteOpt = "",
        version: VersionOpt = None,
    ) -> None:
        """Reject an artefact version, with a reason."""
        _need_by(by, project)
        _decide("rejected", artefact, project, by, note, version)

    _register_needs_edits(app, err)
    _register_export(app, err)


def _register_needs_edits(app: typer.Typer, err: Console) -> None:
    needs_app = typer.Typer(no_args_is_help=True, help="Edit the needs map: rename, merge, split, move.")
    app.add_typer(needs_app, name="needs")

    def _edit(project: Path, by: str, note: str, **fields: object) -> None:
        _need_by(by, project)
        workspace = Workspace(project)
        base = workspace.latest_version("needs-map")
        edit = NeedsEdit(by=by, base_version=base or 1, **fields)  # type: ignore[arg-type]
        version = apply_needs_edits(workspace, [edit], by=by, note=note)
        err.print(message(language_of(workspace), "review_edit_applied", op=edit.op, version=version))

    @needs_app.command("rename")
    def rename(
        need: str,
        title: str,
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: NoteOpt = "",
        statement: Annotated[str | None, typer.Option(help="A new statement too.")] = None,
    ) -> None:
        """Give need NEED a new TITLE (and statement)."""
        _edit(project, by, note, op="rename", need=need, title=title, statement=statement)

    @needs_app.command("merge")
    def merge(
        into: str, sources: list[str], project: ProjectOpt = Path("."), by: ByOpt = "", note: NoteOpt = ""
    ) -> None:
        """Merge needs SOURCES into need INTO."""
        _edit(project, by, note, op="merge", need=into, sources=sources)

    @needs_app.command("split")
    def split(
        need: str,
        notes: Annotated[str, typer.Option("--notes", help="Comma-separated note ids for the new need.")],
        title: Annotated[str, typer.Option("--title", help="Title of the new need.")],
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: NoteOpt = "",
    ) -> None:
        """Split notes off need NEED into a new need."""
        ids = [n.strip() for n in notes.split(",") if n.strip()]
        _edit(project, by, note, op="split", need=need, title=title, note_ids=ids)

    @needs_app.command("move")
    def move(
        notes: Annotated[list[str], typer.Argument(help="Note ids to move.")],
        to: Annotated[str, typer.Option("--to", help="Target need id, or X for unclustered.")],
        project: ProjectOpt = Path("."),
        by: ByOpt = "",
        note: NoteOpt = "",
    ) -> None:
        """Move notes to another need (or to unclustered with --to X)."""
        _edit(project, by, note, op="move", note_ids=notes, to=None if to.upper() == "X" else to)


def _register_export(app: typer.Typer, err: Console) -> None:
    @app.command()
    def export(
        what: ExportWhat,
        project: ProjectOpt = Path("."),
        fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.csv,
        out_file: Annotated[
            Path | None, typer.Option("--out", help="File to write (default: stdout).")
        ] = None,
        version: VersionOpt = None,
    ) -> None:
        """Export the needs (one row per note), champions (one row per interviewee) or the content calendar
        (csv: one row per item; ics: one event per item, for calendar programs)."""
        workspace = Workspace(project)
        if what is ExportWhat.calendar or fmt is ExportFormat.ics:
            _export_calendar(workspace, what, fmt, out_file, version, err)
            return
        if what is ExportWhat.needs:
            needs_map = workspace.load(NeedsMap, version)
            text = serialise(
                needs_rows(needs_map), NEEDS_COLUMNS, "json" if fmt is ExportFormat.json else "csv"
            )
        else:
            champions = workspace.load(Champions, version)
            text = serialise(
                champion_rows(champions), CHAMPION_COLUMNS, "json" if fmt is ExportFormat.json else "csv"
            )
        if out_file is None:
            sys.stdout.write(text)
        else:
            write_atomic(out_file, text)
            err.print(message(language_of(workspace), "export_wrote", path=out_file))


def _export_calendar(
    workspace: Workspace,
    what: ExportWhat,
    fmt: ExportFormat,
    out_file: Path | None,
    version: int | None,
    err: Console,
) -> None:
    language = language_of(workspace)
    if what is not ExportWhat.calendar or fmt is ExportFormat.json:
        raise typer.BadParameter(message(language, "export_calendar_formats"))
    calendar = workspace.load(ContentCalendar, version)
    data = to_ics(calendar) if fmt is ExportFormat.ics else to_csv(calendar).encode("utf-8")
    if out_file is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(out_file, data)
        err.print(message(language, "export_wrote", path=out_file))


def _said(workspace: Workspace, event: AuditEvent, action: Action, by: str, err: Console) -> None:
    language = language_of(workspace)
    err.print(
        message(
            language,
            "review_decided",
            artefact=event.artefact,
            version=event.version,
            action=state_word(language, action),
            by=by,
        )
    )


def _need_by(by: str, project: Path) -> None:
    require_reviewer(by, language_of(project))
