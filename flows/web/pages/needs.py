"""The needs board: needs as columns, notes as cards; move (drag, a suggested need, or a pick from the
list), mark off-topic, keep here, merge, split and rename. Every change is a ``NeedsEdit`` applied by
:func:`flows.review.apply_needs_edits`, exactly as ``samen needs …`` does: a new version by the
reviewer, the edit in the edit log, the structure a seed for the next run."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.requests import Request

from artefacts.errors import ReviewError, SamenError
from artefacts.initiative import NeedsMap
from artefacts.needs_edits import NeedsEdit
from artefacts.store import Workspace
from flows.review import apply_needs_edits
from flows.web.board import build_board, keep_here, proposals, where_now
from flows.web.forms import Form, read_form
from flows.web.site import failed, redirect, render, reviewer, site_of
from flows.web.words import say

router = APIRouter()
OFF_TOPIC = "X"  # as `samen needs move --to X`
BOARD = "/needs"


@router.get("/needs", response_class=HTMLResponse)
def board(request: Request, propose: int = 0) -> HTMLResponse:
    ws = site_of(request).workspace()
    if ws.latest_version(NeedsMap) is None:
        return render(request, "board_empty.html.j2")
    found = build_board(ws)
    offered = None
    if propose:
        try:
            offered = proposals(ws)
        except Exception as exc:  # noqa: BLE001 - say why there are no proposals, never pretend
            found.suggestions_error = f"{type(exc).__name__}: {exc}"
    return render(request, "board.html.j2", board=found, proposals=offered, off_topic=OFF_TOPIC)


def _target(form: Form) -> str | None:
    to = form.text("to")
    if to == "pick":
        to = form.text("pick")
    return None if to.upper() == OFF_TOPIC else to


Edits = Callable[[Form, str, int], list[NeedsEdit]]


async def _edit(
    request: Request, build: Edits, anchor: Callable[[Form], str] | None = None
) -> RedirectResponse:
    """Read the form, check who and which version, apply the edits; back to the board saying what happened."""
    form = await read_form(request)
    ws = site_of(request).workspace()
    back = BOARD + (anchor(form) if anchor else "")
    by = reviewer(request)
    if not by:
        return redirect(f"/reviewer?next={BOARD}", [say(ws.language, "web.reviewer_first")], kind="error")
    try:
        base = _current(ws, form)
        edits = build(form, by, base)
        if not edits:
            return redirect(back)
        version = apply_needs_edits(ws, edits, by=by, note=form.text("why"))
    except SamenError as error:
        return failed(back, error)
    except ValidationError as error:  # a title too long, a name missing: the form's fields, said plainly
        first = error.errors()[0]
        return failed(back, ReviewError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}"))
    lines = [say(ws.language, "web.saved_version", version=version, by=by)]
    return redirect(back, lines)


def _current(ws: Workspace, form: Form) -> int:
    """The version the reviewer saw; refused when the map changed since (another tab, the CLI, a run)."""
    latest = ws.latest_version(NeedsMap) or 1
    seen = form.text("version")
    if seen and seen != str(latest):
        raise ReviewError(
            say(ws.language, "web.stale_version", seen=seen, latest=latest),
            hint=say(ws.language, "web.stale_version_hint"),
        )
    return latest


def _note_anchor(form: Form) -> str:
    return f"#note-{form.text('note')}"


@router.post("/needs/move")
async def move(request: Request) -> RedirectResponse:
    def edits(form: Form, by: str, base: int) -> list[NeedsEdit]:
        return [
            NeedsEdit(op="move", note_ids=[form.text("note")], to=_target(form), by=by, base_version=base)
        ]

    return await _edit(request, edits, _note_anchor)


@router.post("/needs/keep")
async def keep(request: Request) -> RedirectResponse:
    form = await read_form(request)
    ws = site_of(request).workspace()
    by = reviewer(request)
    if not by:
        return redirect(f"/reviewer?next={BOARD}", [say(ws.language, "web.reviewer_first")], kind="error")
    need, note_id = form.text("need") or None, form.text("note")
    if where_now(ws.load(NeedsMap)).get(note_id, "") != need:
        error = ReviewError(say(ws.language, "web.stale_version_hint"))  # the note is elsewhere by now
        return failed(BOARD, error)
    keep_here(ws, note_id, need, by=by)
    return redirect(BOARD + _note_anchor(form), [say(ws.language, "web.kept", by=by)])


@router.post("/needs/merge")
async def merge(request: Request) -> RedirectResponse:
    def edits(form: Form, by: str, base: int) -> list[NeedsEdit]:
        source, into = form.text("need"), form.text("into")
        return [NeedsEdit(op="merge", need=into, sources=[source], by=by, base_version=base)] if into else []

    return await _edit(request, edits)


@router.post("/needs/split")
async def split(request: Request) -> RedirectResponse:
    def edits(form: Form, by: str, base: int) -> list[NeedsEdit]:
        notes = form.all("notes")
        if not notes:
            raise ReviewError(say(site_of(request).workspace().language, "web.split_none"))
        title = form.text("title") or None
        return [
            NeedsEdit(
                op="split", need=form.text("need"), title=title, note_ids=notes, by=by, base_version=base
            )
        ]

    return await _edit(request, edits)


@router.post("/needs/rename")
async def rename(request: Request) -> RedirectResponse:
    def edits(form: Form, by: str, base: int) -> list[NeedsEdit]:
        need = form.text("need")
        title, statement = form.text("title") or None, form.text("statement") or None
        return [NeedsEdit(op="rename", need=need, title=title, statement=statement, by=by, base_version=base)]

    return await _edit(request, edits)


@router.post("/needs/accept")
async def accept(request: Request) -> RedirectResponse:
    """The proposals the reviewer ticked, as moves (one per target need), in one new version."""

    def edits(form: Form, by: str, base: int) -> list[NeedsEdit]:
        by_target: dict[str | None, list[str]] = {}
        for value in form.all("move"):
            note_id, _, target = value.partition(":")
            by_target.setdefault(target or None, []).append(note_id)
        return [
            NeedsEdit(op="move", note_ids=notes, to=target, by=by, base_version=base)
            for target, notes in by_target.items()
        ]

    return await _edit(request, edits)
