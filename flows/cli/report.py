"""``samen report``: the deliverables people hand over, written beside the artefacts — per version an
HTML page and a Word document, per phase an HTML report with charts, and ``artefacts/index.html``.
``samen docx NAME``: one artefact version as a Word document, where you want it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from artefacts.catalogue import text
from artefacts.files import write_atomic
from artefacts.store import Workspace
from flows.scaffold import load_project

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]
VersionOpt = Annotated[int | None, typer.Option("--version", help="Version (default: the latest).")]


def register_report(app: typer.Typer, err: Console, out: Console) -> None:
    @app.command()
    def report(project: ProjectOpt = Path(".")) -> None:
        """Write an HTML page and a Word document of every artefact, a report per phase and an index."""
        language = load_project(project).language
        from flows.deliverables import write_deliverables

        index = write_deliverables(project)
        err.print(
            text(language, "html_report.wrote_index").format(path=index), highlight=False, soft_wrap=True
        )
        out.print(str(index), highlight=False, soft_wrap=True)

    @app.command()
    def docx(
        name: Annotated[str, typer.Argument(help="The artefact, e.g. launch-plan or needs-map.")],
        project: ProjectOpt = Path("."),
        version: VersionOpt = None,
        out_file: Annotated[
            Path | None, typer.Option("--out", help="File to write (default: beside it).")
        ] = None,
    ) -> None:
        """Export one artefact version as a Word (.docx) document."""
        workspace = Workspace(project)
        model = workspace.model_of(name)
        chosen = version if version is not None else workspace.latest_version(model)
        artefact = workspace.load(model, chosen)
        target = out_file or workspace.path(model, chosen or 0, ".docx")
        from artefacts.docx_export import artefact_docx

        write_atomic(target, artefact_docx(artefact, version=chosen))
        err.print(text(workspace.language, "html_report.wrote_docx").format(path=target), highlight=False)
