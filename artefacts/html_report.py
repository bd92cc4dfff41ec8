"""The deliverables people hand over, as files beside the artefacts: per version an HTML page and a Word
document, per phase an HTML report of its latest artefacts with charts, and an index of them all.

HTML comes from an autoescaping Jinja2 environment (``artefacts/templates``); the body of an artefact is
its rendered Markdown turned into HTML with raw HTML off (:mod:`artefacts.markdown_html`), so text from
transcripts and models is escaped everywhere. The pages carry their CSS and charts inline: they open
offline and can be mailed. Versions never change, so their ``.html`` and ``.docx`` are written once;
the phase reports and the index show review states, so they are written anew each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from artefacts.base import Artefact
from artefacts.catalogue import PerLanguage
from artefacts.docx_export import artefact_docx
from artefacts.files import write_atomic
from artefacts.i18n import label
from artefacts.markdown_html import markdown_to_html
from artefacts.phases import PHASE_TABLE, PhaseRow, artefact_row
from artefacts.render_markdown import render_markdown
from artefacts.report_charts import Chart, charts
from artefacts.store import StoredArtefact, Workspace

WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("html_report")
INDEX = "index.html"
PHASE_REPORT = "report.html"


# the words the templates print (``words.index`` …), besides those the charts and titles take here
TEMPLATE_WORDS = (
    "index", "index_intro", "phase_report", "phase_intro", "artefact", "version", "state", "files",
    "check", "nothing_yet", "made",
)  # fmt: skip


def words(language: str) -> Mapping[str, Any]:
    return WORDS.get(language, WORDS["en"])


def template_words(language: str) -> dict[str, str]:
    found = words(language)
    return {key: str(found[key]) for key in TEMPLATE_WORDS}


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("artefacts", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _body(artefact: Artefact, version: int | None) -> Markup:
    return Markup(markdown_to_html(render_markdown(artefact, version=version)))  # noqa: S704 - escaped by markdown-it


def artefact_html(artefact: Artefact, *, version: int | None, folder: Path, index_link: str = "") -> str:
    """One artefact version as a page: its charts, then its Markdown rendering."""
    language = artefact.meta.language
    title = label(language, type(artefact).artefact_name) + (f" v{version}" if version is not None else "")
    return (
        environment()
        .get_template("artefact.html.j2")
        .render(
            language=language,
            title=title,
            words=template_words(language),
            index_link=index_link or f"../{INDEX}",
            charts=charts(artefact, words(language), folder),
            body=_body(artefact, version),
        )
    )


@dataclass
class _Part:
    name: str
    label: str
    version: int
    state: str
    state_word: str
    charts: list[Chart]
    body: Markup


def phase_html(ws: Workspace, row: PhaseRow, language: str) -> str | None:
    """The report of one phase: its latest artefacts with their charts; None when it has none yet."""
    parts = []
    for item in row.artefacts:
        version = ws.latest_version(item.model)
        if version is None:
            continue
        artefact = ws.load(item.model, version)
        state = ws.state(item.model, version)
        parts.append(
            _Part(
                item.name, label(language, item.name), version, state, label(language, state),
                charts(artefact, words(language), ws.folder(item.model)), _body(artefact, version),
            )
        )  # fmt: skip
    if not parts:
        return None
    w = words(language)
    return (
        environment()
        .get_template("phase.html.j2")
        .render(
            language=language,
            title=w["phase_title"].format(number=row.number, phase=w["phases"][row.name]),
            words=template_words(language),
            index_link=f"../{INDEX}",
            parts=parts,
        )
    )


def _links(ws: Workspace, entry: StoredArtefact) -> list[tuple[str, str]]:
    found = []
    for suffix in (".html", ".md", ".docx", ".json"):
        path = ws.path(entry.name, entry.version, suffix)
        if path.is_file():
            found.append((suffix.lstrip("."), path.relative_to(ws.artefacts_dir).as_posix()))
    return found


def _state_word(entry: StoredArtefact, language: str) -> str:
    """The review state; for what is read or decided on at the gate rather than approved, that."""
    review = artefact_row(entry.name).review
    if review == "evidence":
        return str(words(language)["read_at_gate"])
    if review == "decide":
        return str(words(language)["decided_at_gate"])
    return label(language, entry.state)


def index_html(ws: Workspace, title: str, language: str) -> str:
    w = words(language)
    listing = ws.listing()
    phases = []
    for row in PHASE_TABLE:
        entries = sorted(
            (e for e in listing if e.phase == row.name),
            key=lambda e: (row.artefact_names.index(e.name), -e.version),
        )
        rows = [
            {"label": label(language, e.name), "version": e.version, "state": e.state,
             "state_word": _state_word(e, language), "links": _links(ws, e),
             "warnings": ws.load(e.name, e.version).meta.warnings}
            for e in entries
        ]  # fmt: skip
        report = ws.artefacts_dir / row.folder / PHASE_REPORT
        phases.append(
            {"number": row.number, "label": w["phases"][row.name], "rows": rows,
             "report": f"{row.folder}/{PHASE_REPORT}" if rows and report.is_file() else ""}
        )  # fmt: skip
    return (
        environment()
        .get_template("index.html.j2")
        .render(
            language=language,
            title=title,
            words=template_words(language),
            phases=phases,
            made=f"{dt.datetime.now():%Y-%m-%d %H:%M}",
        )
    )


def write_report(ws: Workspace, *, title: str) -> Path:
    """Write what is missing of every version's ``.html`` and ``.docx``, every phase's report and the
    index; return the index's path."""
    language = ws.language
    for entry in ws.listing():
        html_path = ws.path(entry.name, entry.version, ".html")
        docx_path = ws.path(entry.name, entry.version, ".docx")
        if html_path.is_file() and docx_path.is_file():
            continue
        artefact = ws.load(entry.name, entry.version)
        if not html_path.is_file():
            page = artefact_html(artefact, version=entry.version, folder=html_path.parent)
            write_atomic(html_path, page)  # whole or absent: a half page would never be rewritten
        if not docx_path.is_file():
            write_atomic(docx_path, artefact_docx(artefact, version=entry.version))
    for row in PHASE_TABLE:
        report = phase_html(ws, row, language)
        if report is not None:
            write_atomic(ws.artefacts_dir / row.folder / PHASE_REPORT, report)
    ws.artefacts_dir.mkdir(parents=True, exist_ok=True)
    index = ws.artefacts_dir / INDEX
    write_atomic(index, index_html(ws, title, language))
    return index
