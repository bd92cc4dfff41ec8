"""The deliverables of a project, written beside its artefacts: what ``samen report`` and the end of
``samen run all`` write (HTML pages, Word documents, phase reports, the index)."""

from __future__ import annotations

from pathlib import Path

from artefacts.html_report import write_report
from artefacts.store import Workspace
from flows.scaffold import load_project


def write_deliverables(project: Path) -> Path:
    """Write the HTML pages, Word documents, phase reports and index of ``project``; the index's path."""
    settings = load_project(project)
    return write_report(Workspace(project), title=settings.organisation.name)
