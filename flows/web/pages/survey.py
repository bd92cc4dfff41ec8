"""The survey mapping: each column of the exports, the item or block it answers, the criterion of the
advice it feeds, how sure Samen is, and what surveys/mapping.yaml says. A correction writes that
column's line of mapping.yaml (the person's line, never rewritten by Samen) and runs the test phase again
in the background (:mod:`flows.web.rerun`), as ``samen run test`` would."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request

from artefacts.errors import ReviewError, SamenError
from artefacts.store import Workspace
from artefacts.survey import GoNoGoAdvice, Questionnaire, SurveyResults
from flows.web.forms import read_form
from flows.web.site import failed, redirect, render, reviewer, site_of
from flows.web.words import say
from knowledge.survey_mapping import IGNORE
from knowledge.survey_mapping_file import MAPPING_FILE, read_corrections, set_correction
from knowledge.survey_shapes import BLOCKS

router = APIRouter()


def _choices(ws: Workspace, results: SurveyResults) -> list[tuple[str, str]]:
    """(value for mapping.yaml, what the reviewer reads): the questionnaire's items, the blocks, ignore."""
    items: list[tuple[str, str]] = []
    if results.questionnaire_version in ws.versions(Questionnaire):
        questionnaire = ws.load(Questionnaire, results.questionnaire_version)
        items = [(item.id, f"{item.id} · {item.text[:80]}") for item in questionnaire.items]
    return [*items, *((block, block) for block in BLOCKS), (IGNORE, say(ws.language, "web.survey_ignore"))]


@router.get("/survey", response_class=HTMLResponse)
def survey_page(request: Request) -> HTMLResponse:
    site = site_of(request)
    ws = site.workspace()
    status = site.rerun.status()
    if ws.latest_version(SurveyResults) is None:
        return render(request, "survey.html.j2", results=None, rows=[], choices=[], rerun=status, version=0)
    version = ws.latest_version(SurveyResults) or 0
    results = ws.load(SurveyResults, version)
    feeds: dict[str, list[str]] = {}
    for advice_version in reversed(ws.versions(GoNoGoAdvice)):
        advice = ws.load(GoNoGoAdvice, advice_version)
        if advice.meta.based_on.get("survey-results") == version:
            for criterion in advice.criteria:
                for column in criterion.columns:
                    feeds.setdefault(column, []).append(criterion.name)
            break
    in_file = read_corrections(ws.root / "surveys" / MAPPING_FILE, ws.language)
    rows = [
        {"mapping": m, "feeds": feeds.get(m.column, []), "file": in_file.get(m.column, "")}
        for m in results.mapping
    ]
    return render(
        request, "survey.html.j2", results=results, rows=rows, choices=_choices(ws, results), rerun=status,
        version=version,
    )  # fmt: skip


@router.post("/survey/mapping")
async def correct(request: Request) -> RedirectResponse:
    form = await read_form(request)
    site = site_of(request)
    ws = site.workspace()
    by = reviewer(request)
    if not by:
        return redirect("/reviewer?next=/survey", [say(ws.language, "web.reviewer_first")], kind="error")
    column, value = form.get("column"), form.text("value")
    try:
        if site.rerun.running():
            raise ReviewError(say(ws.language, "web.survey_busy"))
        results = ws.load(SurveyResults)
        if column not in {m.column for m in results.mapping}:
            raise ReviewError(say(ws.language, "web.survey_unknown_column", column=column))
        if value not in {choice for choice, _ in _choices(ws, results)}:
            raise ReviewError(say(ws.language, "web.survey_bad_value", value=value))
        comment = say(ws.language, "web.survey_line_comment", by=by, date=f"{datetime.now():%Y-%m-%d %H:%M}")
        set_correction(ws.root / "surveys" / MAPPING_FILE, column, value, ws.language, comment=comment)
    except SamenError as error:
        return failed("/survey", error)
    site.rerun.start()
    return redirect("/survey", [say(ws.language, "web.survey_written", column=column, value=value, by=by)])
