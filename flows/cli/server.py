"""``samen server status|start|stop``: the Prefect server Samen keeps for its runs, and the block that
points a run at it (:mod:`flows.resident_server`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from artefacts.catalogue import text
from flows import resident_server
from flows.messages import language_of
from flows.status import running_line

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (for the language).")]


@contextlib.contextmanager
def prefect_server(language: str, say: Callable[[str], object]) -> Iterator[None]:
    """Point the block's flows at the resident server: found, or started while the block's imports run.

    Import the flows inside the block (Prefect reads its API address when it is imported). If the server
    does not come up, the block runs on Prefect's temporary server, and says so.
    """
    pending = resident_server.start_or_reuse()
    fallback: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
    if pending is not None:
        try:
            info = pending.wait()
        except resident_server.ServerStartError as exc:
            from prefect.settings import PREFECT_API_URL, temporary_settings

            say(text(language, "resident_server.failed").format(reason=exc))
            fallback = temporary_settings(restore_defaults={PREFECT_API_URL})
        else:
            if pending.started_now:
                minutes = round(info.idle_seconds / 60)
                say(text(language, "resident_server.started").format(ui=info.ui, minutes=minutes))
    with fallback:
        yield


def register_server(app: typer.Typer, err: Console, out: Console) -> None:
    server_app = typer.Typer(no_args_is_help=True, help="The Prefect server Samen keeps for its runs.")
    app.add_typer(server_app, name="server")

    @server_app.command("status")
    def status(project: ProjectOpt = Path(".")) -> None:
        """Whether the server runs, where, and its UI. Exit 1 when it does not run."""
        language = language_of(project)
        configured = resident_server.users_own_server()
        if configured:
            out.print(text(language, "resident_server.configured").format(url=configured), highlight=False)
            return
        info = resident_server.running()
        if info is None:
            out.print(text(language, "resident_server.not_running"), highlight=False)
            raise typer.Exit(1)
        out.print(running_line(language, info), highlight=False, soft_wrap=True)

    @server_app.command("start")
    def start(project: ProjectOpt = Path(".")) -> None:
        """Start it now (a run starts it when needed), so the first run does not wait for it."""
        language = language_of(project)
        configured = resident_server.configured_api_url()
        if configured:
            out.print(text(language, "resident_server.configured").format(url=configured), highlight=False)
            return
        pending = resident_server.start_or_reuse()
        if pending is None:  # SAMEN_PREFECT_SERVER=temporary
            out.print(text(language, "resident_server.not_wanted"), highlight=False)
            raise typer.Exit(1)
        info = pending.wait()
        out.print(running_line(language, info), highlight=False, soft_wrap=True)

    @server_app.command("stop")
    def stop(project: ProjectOpt = Path(".")) -> None:
        """Stop it. Runs waiting at the gate lose their wait (their decision can still be made with
        ``samen gate decide``)."""
        language = language_of(project)
        info = resident_server.read_state()
        if info is None or not resident_server.stop(info):
            out.print(text(language, "resident_server.not_running"), highlight=False)
            return
        out.print(text(language, "resident_server.stopped").format(pid=info.pid), highlight=False)
