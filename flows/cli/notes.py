"""``samen notes like NOTE_ID``: the notes most like one note, for a reviewer moving notes between needs.

It reads the project's knowledge store (``notes_like``: the note's stored vector against all others) and
the latest needs map (which need each note sits in), and prints id, need, source:line and the
pseudonymised text, in the project's language; ``--json`` for scripts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import Field
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from agents.shared.retrieval import Retriever, need_of_notes
from artefacts.base import Strict
from artefacts.errors import InputError, NotFoundError
from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.messages import language_of, message

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]


class SimilarNote(Strict):
    id: str
    need: str | None = Field(description="The need it sits in in the latest needs map; None if in none.")
    source: str
    line: int
    line_end: int
    speaker: str
    similarity: float
    text: str


class NotesLike(Strict):
    """What ``samen notes like`` prints: the note asked about and the notes most like it, best first."""

    note_id: str
    need: str | None
    text: str = Field(description="The note's text from the needs map; empty when the map lacks it.")
    needs_map_version: int | None
    notes: list[SimilarNote]


def notes_like(
    knowledge: Retriever, note_id: str, *, k: int, needs_map: NeedsMap | None, version: int | None = None
) -> NotesLike:
    """The ``k`` notes most like ``note_id``, each with the need it sits in (KeyError if not stored)."""
    hits = knowledge.notes_like(note_id, k=k)
    sits_in = need_of_notes(needs_map) if needs_map is not None else {}
    text = next((n.text for n in needs_map.notes if n.id == note_id), "") if needs_map is not None else ""
    return NotesLike(
        note_id=note_id,
        need=sits_in.get(note_id),
        text=text,
        needs_map_version=version,
        notes=[
            SimilarNote(
                id=hit.id,
                need=sits_in.get(hit.id),
                source=hit.source,
                line=hit.line,
                line_end=hit.line_end,
                speaker=hit.speaker,
                similarity=hit.similarity,
                text=hit.text,
            )
            for hit in hits
        ],
    )


def latest_needs_map(workspace: Workspace) -> tuple[int | None, NeedsMap | None]:
    try:
        return workspace.latest_version(NeedsMap), workspace.load(NeedsMap)
    except NotFoundError:
        return None, None


def register_notes(app: typer.Typer, err: Console, out: Console) -> None:
    notes_app = typer.Typer(no_args_is_help=True, help="Look up interview notes in the knowledge store.")
    app.add_typer(notes_app, name="notes")

    @notes_app.command("like")
    def like(
        note_id: Annotated[str, typer.Argument(help="A note id, e.g. n-1a2b3c4d5e (from the needs map).")],
        project: ProjectOpt = Path("."),
        k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many notes.")] = 5,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """The notes most like NOTE_ID, with the need each sits in: to find the notes that belong together."""
        from flows.context import ProjectContext

        context = ProjectContext.open(project)
        language = language_of(context.root)
        version, needs_map = latest_needs_map(context.workspace)
        try:
            found = notes_like(context.knowledge, note_id, k=k, needs_map=needs_map, version=version)
        except KeyError as exc:
            raise InputError(
                message(language, "notes_not_indexed", note=note_id),
                hint=message(language, "notes_not_indexed_hint", project=context.root),
            ) from exc
        if as_json:
            sys.stdout.write(found.model_dump_json(indent=2) + "\n")
            return
        _print(found, language, err, out)


def _print(found: NotesLike, language: str, err: Console, out: Console) -> None:
    no_need = message(language, "notes_in_no_need")
    title = message(
        language, "notes_like_title", note=found.note_id, need=found.need or no_need, text=found.text
    )
    err.print(title if found.text else title.rstrip(": "), highlight=False, markup=False, soft_wrap=True)
    if not found.notes:
        err.print(message(language, "notes_none_like"))
        return
    columns = ("note", "need", "where", "text")
    table = Table(*(message(language, f"column_{column}") for column in columns))
    table.columns[-1].overflow = "fold"
    for note in found.notes:
        table.add_row(note.id, note.need or "—", escape(f"{note.source}:{note.line}"), escape(note.text))
    out.print(table)
