"""What a run finds of one that was stopped (killed, a power cut) and puts right before it starts.

Every file is written whole or not at all (:mod:`artefacts.files`), so a stopped run leaves no half
file, but it can leave a step undone: a version whose JSON was written but not its Markdown or its
``drafted`` line in the audit log, the exports beside a version (a calendar's ``.csv`` and ``.ics``, a
questionnaire's ``.csv`` and ``.form.json``, survey results' ``.html``), and the hidden temporary files
of writes it never swapped in. ``recover`` finishes those steps and says what it did; finished work
(persisted task results, embedded vectors, stored versions) is simply reused by the run.
"""

from __future__ import annotations

from artefacts.files import sweep_leftovers
from artefacts.plan import ContentCalendar
from artefacts.recovery_text import recovery_message
from artefacts.store import Workspace
from artefacts.survey import Questionnaire, SurveyResults


def recover(ws: Workspace) -> list[str]:
    """Finish what a stopped run left undone in ``ws``; one line per thing done, for the terminal."""
    language = ws.language
    lines = []
    removed = sweep_leftovers([ws.artefacts_dir, ws.state_dir])
    if removed:
        lines.append(recovery_message(language, "swept", count=len(removed)))
    for name, version in ws.complete_interrupted():
        lines.append(recovery_message(language, "completed", name=name, version=version))
    for name, version in write_missing_exports(ws):
        lines.append(recovery_message(language, "exports_written", name=name, version=version))
    return lines


def write_missing_exports(ws: Workspace) -> list[tuple[str, int]]:
    """Write the files beside each version that a stopped run did not get to; (name, version) of each."""
    # the writers are imported only when something is missing: flows.survey brings scipy with it
    done = []
    for version in ws.versions(ContentCalendar):
        if _missing(ws, "content-calendar", version, (".csv", ".ics")):
            from flows.publish import write_calendar_exports

            write_calendar_exports(ws, ws.load(ContentCalendar, version), version)
            done.append(("content-calendar", version))
    for version in ws.versions(Questionnaire):
        if _missing(ws, "questionnaire", version, (".csv", ".form.json")):
            from flows.survey import write_questionnaire_exports

            write_questionnaire_exports(ws, ws.load(Questionnaire, version), version)
            done.append(("questionnaire", version))
    for version in ws.versions(SurveyResults):
        if _missing(ws, "survey-results", version, (".html",)):
            from flows.survey import write_results_html

            write_results_html(ws, ws.load(SurveyResults, version), version)
            done.append(("survey-results", version))
    return done


def _missing(ws: Workspace, name: str, version: int, suffixes: tuple[str, ...]) -> bool:
    return any(not ws.path(name, version, suffix).exists() for suffix in suffixes)
