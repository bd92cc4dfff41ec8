"""A note's source: the conversation around the cited line, as the needs map stores it.

Only what Samen kept is shown: the pseudonymised notes of the same interview file (every kind, small
talk included) in the order of their lines, each with the interviewer's question that prompted it. The
raw transcript, with the real names, is never opened."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request

from artefacts.errors import NotFoundError
from artefacts.initiative import NeedsMap, NoteEntry
from flows.web.board import where_now
from flows.web.site import render, site_of
from flows.web.words import say

router = APIRouter()
AROUND = 4  # notes shown before and after the cited one


def conversation(needs_map: NeedsMap, note: NoteEntry, around: int = AROUND) -> list[tuple[str, NoteEntry]]:
    """(question shown before it, or "", note) for the notes of ``note``'s file around it, in line order."""
    same = sorted((n for n in needs_map.notes if n.source == note.source), key=lambda n: (n.line_start, n.id))
    index = next(i for i, n in enumerate(same) if n.id == note.id)
    window = same[max(0, index - around) : index + around + 1]
    shown: list[tuple[str, NoteEntry]] = []
    previous = ""
    for entry in window:
        question = entry.context.strip()
        shown.append((question if question and question != previous else "", entry))
        previous = question or previous
    return shown


@router.get("/notes/{note_id}", response_class=HTMLResponse)
def note_source(request: Request, note_id: str) -> HTMLResponse:
    ws = site_of(request).workspace()
    needs_map = ws.load(NeedsMap)
    try:
        note = needs_map.note(note_id)
    except KeyError:
        raise NotFoundError(say(ws.language, "web.no_such_note", note=note_id)) from None
    need_id = where_now(needs_map).get(note_id)
    titles = {need.id: need.title for need in needs_map.needs}
    return render(
        request,
        "note.html.j2",
        note=note,
        need_id=need_id,
        need_title=titles.get(need_id or "", ""),
        conversation=conversation(needs_map, note),
    )
