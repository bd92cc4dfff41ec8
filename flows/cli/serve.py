"""``samen serve``: the review workspace in the browser, for one project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.messages import language_of
from flows.scaffold import load_project

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]


def register_serve(app: typer.Typer, err: Console, out: Console) -> None:
    @app.command()
    def serve(
        project: ProjectOpt = Path("."),
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
        token: Annotated[
            str | None,
            typer.Option("--token", help="Required in the link; generated when --host is not loopback."),
        ] = None,
    ) -> None:
        """Review in the browser: overview, needs board, approvals, the gate, survey mapping, downloads."""
        import uvicorn

        from flows.web.access import Access, is_loopback
        from flows.web.app import create_app
        from flows.web.words import say

        load_project(project)  # a clear error for a folder that is not a project, before anything listens
        access = Access.for_bind(host, token)
        language = language_of(project)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/" + (f"?token={access.token}" if access.token else "")
        out.print(url, highlight=False, soft_wrap=True)
        said = (
            say(language, "web.serve_open", url=url, project=project)
            if is_loopback(host)
            else say(language, "web.serve_open_token", url=url, project=project)
        )
        err.print(said, highlight=False, soft_wrap=True)
        uvicorn.run(create_app(project, access=access), host=host, port=port, log_level="warning")
