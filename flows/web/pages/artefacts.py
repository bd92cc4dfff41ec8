"""An artefact version: rendered (the HTML report's rendering, charts included), its review state and
history, its downloads, and the approve / reject forms: the same gatekeeper as ``samen approve`` and
``samen reject``, so every action is in the audit chain under the reviewer's name."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.requests import Request

from artefacts.audit import Action
from artefacts.concept import ConceptHypotheses
from artefacts.errors import NotFoundError, ReviewError, SamenError
from artefacts.html_report import words as report_words
from artefacts.i18n import label
from artefacts.markdown_html import markdown_to_html
from artefacts.phases import artefact_row
from artefacts.render_markdown import render_markdown
from artefacts.report_charts import charts
from flows.gatekeeper import Gatekeeper
from flows.review_actions import review_version
from flows.web.downloads import download, downloads_of
from flows.web.forms import read_form
from flows.web.site import failed, redirect, render, reviewer, site_of
from flows.web.words import say

router = APIRouter()


@router.get("/artefacts/{name}/{version}", response_class=HTMLResponse)
def artefact_page(request: Request, name: str, version: int) -> HTMLResponse:
    ws = site_of(request).workspace()
    language = ws.language
    model = ws.model_of(name)
    artefact = ws.load(model, version)
    row = artefact_row(model.artefact_name)
    history = [event for event in ws.audit.history(model.artefact_name) if event.version == version]
    choices: list[str] = []
    chosen = None
    if isinstance(artefact, ConceptHypotheses):
        choices = [concept.id for concept in artefact.concepts]
        chosen = Gatekeeper(ws).chosen_concept(version)
    body = Markup(markdown_to_html(render_markdown(artefact, version=version)))  # noqa: S704 - escaped by markdown-it
    return render(
        request,
        "artefact.html.j2",
        name=model.artefact_name,
        label=label(language, model.artefact_name),
        version=version,
        versions=ws.versions(model),
        state=ws.state(model, version),
        state_word=label(language, ws.state(model, version)),
        reviewed=row.reviewed,
        warnings=artefact.meta.warnings,
        history=history,
        downloads=downloads_of(model),
        choices=choices,
        chosen=chosen,
        charts=charts(artefact, report_words(language), ws.folder(model)),
        body=body,
    )


@router.get("/artefacts/{name}/{version}/download/{kind}")
def artefact_download(request: Request, name: str, version: int, kind: str) -> Response:
    ws = site_of(request).workspace()
    model = ws.model_of(name)
    ws.load(model, version)  # a clear error for a version that does not exist
    found = download(ws, model.artefact_name, version, kind)
    if found is None:
        raise NotFoundError(say(ws.language, "web.download_missing", name=name, version=version, kind=kind))
    content, media, filename = found
    shown_inline = media.startswith(("text/html", "text/markdown", "application/json"))
    disposition = "inline" if shown_inline else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{filename}"'}
    return Response(content, media_type=media, headers=headers)


@router.post("/artefacts/{name}/{version}/review")
async def review(request: Request, name: str, version: int) -> RedirectResponse:
    form = await read_form(request)
    ws = site_of(request).workspace()
    page = f"/artefacts/{name}/{version}"
    by = reviewer(request)
    if not by:
        return redirect(f"/reviewer?next={page}", [say(ws.language, "web.reviewer_first")], kind="error")
    chosen, note = form.text("action"), form.text("note")
    action: Action = "approved" if chosen == "approved" else "rejected"
    try:
        if chosen not in ("approved", "rejected"):
            raise ReviewError(say(ws.language, "web.error_403"))
        if action == "rejected" and not note:
            raise ReviewError(say(ws.language, "web.reject_needs_note"))
        event = review_version(
            ws, action, name, by=by, note=note, version=version, choice=form.text("choice") or None
        )
    except SamenError as error:
        return failed(page, error)
    shown = label(ws.language, action)
    done = say(ws.language, "web.reviewed_done", name=name, version=version, action=shown, by=by)
    if event is None:  # a new choice on an approved version: the approval stands
        done = say(
            ws.language, "web.choice_recorded", name=name, version=version, choice=form.text("choice"), by=by
        )
    return redirect(page, [done])
