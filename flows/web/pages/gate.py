"""The go/no-go gate on one screen: the advice with its criteria and thresholds, the survey's charts, and
the decision (go, no-go, revise) with a required reason. Recorded by the same code as ``samen decide``
(:func:`flows.cli.gate.decide_at_gate`): the audit log with the versions it rests on, a waiting run
woken, a second decision only with an explicit "replace" that the page asks for."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.requests import Request

from artefacts.errors import ReviewError, SamenError
from artefacts.html_report import words as report_words
from artefacts.report_charts import charts
from artefacts.survey import GateBasis, GateDecision, GoNoGoAdvice, SurveyResults
from flows.cli.gate import decide_at_gate, gate_basis
from flows.gatekeeper import Gatekeeper, same_decision
from flows.web.forms import read_form
from flows.web.site import failed, redirect, render, reviewer, site_of
from flows.web.words import say

router = APIRouter()
DECISIONS = ("go", "no-go", "revise")


@router.get("/gate", response_class=HTMLResponse)
def gate_page(request: Request) -> HTMLResponse:
    ws = site_of(request).workspace()
    try:
        basis = gate_basis(ws)
        if basis.advice_version is None:
            raise ReviewError(say(ws.language, "web.gate_no_advice"))
    except SamenError as error:
        return render(request, "gate.html.j2", ready=False, message=error.message, hint=error.hint or "")
    advice = ws.load(GoNoGoAdvice, basis.advice_version)
    results = ws.load(SurveyResults, basis.survey_results_version) if basis.survey_results_version else None
    # the survey's PNG charts, embedded as the HTML report embeds them
    figures = charts(results, report_words(ws.language), ws.folder(SurveyResults)) if results else []
    return render(
        request,
        "gate.html.j2",
        ready=True,
        basis=basis,
        advice=advice,
        results=results,
        figures=figures,
        recorded=Gatekeeper(ws).recorded_decision(basis),
        decisions=DECISIONS,
    )


@router.post("/gate/decide")
async def decide(request: Request) -> RedirectResponse:
    form = await read_form(request)
    ws = site_of(request).workspace()
    by = reviewer(request)
    if not by:
        return redirect("/reviewer?next=/gate", [say(ws.language, "web.reviewer_first")], kind="error")
    try:
        basis = gate_basis(ws)
        decision = _decision(form.text("decision"), by, form.text("reason"), basis, ws.language)
        before = Gatekeeper(ws).recorded_decision(basis)
        replace = form.text("replace") == "yes"
        if before is not None and not same_decision(before, decision) and not replace:
            raise ReviewError(say(ws.language, "web.gate_replace_needed"))
        lines = decide_at_gate(ws, decision, replace=replace)
    except SamenError as error:
        return failed("/gate", error)
    return redirect("/gate", lines)


def _decision(value: str, by: str, reason: str, basis: GateBasis, language: str) -> GateDecision:
    try:
        return GateDecision(decision=value, reviewer=by, reason=reason, concept_id=basis.concept_id)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ReviewError(
            f"{first['loc'][0]}: {first['msg']}", hint=say(language, "web.gate_reason_help")
        ) from None
