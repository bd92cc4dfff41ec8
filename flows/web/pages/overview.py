"""The overview: phases, artefacts with version and state, what waits for whom, the gate and the
warnings a reviewer must see: the same facts ``samen status`` prints (:func:`flows.status.project_status`).
Also the page that asks the reviewer's name once."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request

from artefacts.html_report import words as report_words
from artefacts.i18n import label
from artefacts.phases import PHASE_TABLE
from flows.status import project_status
from flows.web.forms import read_form
from flows.web.site import local_path, redirect, render, set_reviewer, site_of
from flows.web.words import say

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    ws = site_of(request).workspace()
    language = ws.language
    status = project_status(ws, language)
    rows = {row.name: row for row in PHASE_TABLE}
    phases = [
        {
            "name": phase.phase,
            "number": rows[phase.phase].number,
            "label": report_words(language)["phases"][phase.phase],
            "state": phase.state,
            "waiting": phase.waiting,
            "artefacts": [
                {
                    **entry.model_dump(),
                    "label": label(language, entry.name),
                    "state_word": label(language, entry.state),
                }
                for entry in sorted(
                    phase.artefacts,
                    key=lambda e: (rows[phase.phase].artefact_names.index(e.name), -e.version),
                )
            ],
            "gate": rows[phase.phase].ends_with_gate is not None,
        }
        for phase in status.phases
    ]
    return render(
        request,
        "overview.html.j2",
        language=language,
        phases=phases,
        warnings=status.warnings,
        runs=status.runs,
    )


@router.get("/reviewer", response_class=HTMLResponse)
def who(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002 - the query parameter's name
    return render(request, "reviewer.html.j2", next=local_path(next))


@router.post("/reviewer")
async def remember(request: Request) -> RedirectResponse:
    form = await read_form(request)
    target = local_path(form.get("next"))
    name = form.text("name")
    language = site_of(request).workspace().language
    if not name:
        return redirect(f"/reviewer?next={target}", [say(language, "web.reviewer_missing")], kind="error")
    response = redirect(target, [say(language, "web.reviewer_set", name=name)])
    set_reviewer(response, name)
    return response
