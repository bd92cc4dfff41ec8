"""The files a reviewer takes away, per artefact version: the stored ones (.md, .json, and the .html and
.docx ``samen report`` writes) and the exports made on request (Word, CSV, iCalendar, form JSON) from the
same functions the CLI uses. Text from transcripts and models is escaped for each format by them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from artefacts.base import Artefact
from artefacts.calendar_export import to_csv as calendar_csv
from artefacts.calendar_export import to_ics
from artefacts.docx_export import artefact_docx
from artefacts.exports import CHAMPION_COLUMNS, NEEDS_COLUMNS, champion_rows, needs_rows, serialise
from artefacts.html_report import artefact_html
from artefacts.initiative import Champions, NeedsMap
from artefacts.plan import ContentCalendar
from artefacts.questionnaire_export import to_csv as questionnaire_csv
from artefacts.questionnaire_export import to_form_json
from artefacts.store import Workspace
from artefacts.survey import Questionnaire

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Download:
    kind: str  # what the URL names: md, json, html, docx, csv, ics, form.json
    media: str
    make: Callable[[Artefact, int], bytes]


def _utf8(function: Callable[..., str]) -> Callable[[Artefact, int], bytes]:
    return lambda artefact, version: function(artefact).encode("utf-8")


COMMON = (Download("docx", DOCX, lambda artefact, version: artefact_docx(artefact, version=version)),)
BY_MODEL: dict[type[Artefact], tuple[Download, ...]] = {
    NeedsMap: (Download("csv", "text/csv; charset=utf-8",
                        lambda a, v: serialise(needs_rows(a), NEEDS_COLUMNS, "csv").encode("utf-8")),),  # type: ignore[arg-type]
    Champions: (Download("csv", "text/csv; charset=utf-8",
                         lambda a, v: serialise(champion_rows(a), CHAMPION_COLUMNS, "csv").encode("utf-8")),),  # type: ignore[arg-type]
    ContentCalendar: (Download("csv", "text/csv; charset=utf-8", _utf8(calendar_csv)),
                      Download("ics", "text/calendar; charset=utf-8", lambda a, v: to_ics(a))),  # type: ignore[arg-type]
    Questionnaire: (Download("csv", "text/csv; charset=utf-8", _utf8(questionnaire_csv)),
                    Download("form.json", "application/json", _utf8(to_form_json))),
}  # fmt: skip
STORED = {"md": "text/markdown; charset=utf-8", "json": "application/json"}


def downloads_of(model: type[Artefact]) -> list[str]:
    """What can be downloaded for versions of ``model``, in the order the page lists them."""
    return [*STORED, "html", *(d.kind for d in COMMON), *(d.kind for d in BY_MODEL.get(model, ()))]


def download(ws: Workspace, name: str, version: int, kind: str) -> tuple[bytes, str, str] | None:
    """(content, media type, file name) of one download; None when there is no such kind for it."""
    model = ws.model_of(name)
    filename = f"{model.artefact_name}.v{version}.{kind}"
    if kind in STORED:
        path = ws.path(model, version, f".{kind}")
        return (path.read_bytes(), STORED[kind], filename) if path.is_file() else None
    artefact = ws.load(model, version)
    if kind == "html":
        path = ws.path(model, version, ".html")
        if path.is_file():
            return path.read_bytes(), "text/html; charset=utf-8", filename
        page = artefact_html(artefact, version=version, folder=path.parent, index_link="/")
        return page.encode("utf-8"), "text/html; charset=utf-8", filename
    for found in (*COMMON, *BY_MODEL.get(model, ())):
        if found.kind == kind:
            return found.make(artefact, version), found.media, filename
    return None
