"""The `samen` command line. Data to stdout, progress and errors to stderr, one line per error."""

from __future__ import annotations

import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from artefacts.catalogue import text
from artefacts.errors import SamenError
from artefacts.messages import LANGUAGES
from artefacts.phases import PHASES
from artefacts.store import Workspace
from flows.cli.audit import register_audit
from flows.cli.console import TerminalConsole, styled
from flows.cli.evaluate import register_eval
from flows.cli.gate import register_gate
from flows.cli.notes import register_notes
from flows.cli.report import register_report
from flows.cli.review import register_review
from flows.cli.serve import register_serve
from flows.cli.server import register_server
from flows.messages import language_of, message, state_word
from flows.scaffold import DEFAULT_LANGUAGE, load_project, project_language, scaffold
from flows.status import project_status

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Samen: build a community, phase by phase.",
)
err = TerminalConsole(stderr=True)
out = TerminalConsole()
_debug = {"on": False}

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]


Phase = StrEnum("Phase", {name: name for name in (*PHASES, "all")})  # type: ignore[misc]


@app.callback()
def _options(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False) -> None:
    _debug["on"] = debug


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new project.")],
    name: Annotated[str, typer.Option(help="The organisation's name.")] = "Mijn organisatie",
    language: Annotated[
        str | None,
        typer.Option(help="nl or en; by default that of the interviews already in DIR/interviews."),
    ] = None,
    country: Annotated[str, typer.Option(help="ISO country code.")] = "NL",
) -> None:
    """Create a project folder with a commented samen.yaml."""
    if language is None:
        language, detected = project_language(directory)
        if detected is not None:
            count, read = detected
            err.print(message(language, "init_language_detected", code=language, count=count, total=read))
    path = scaffold(directory, name=name, language=language, country=country)
    err.print(
        message(language, "init_created", path=path, interviews=directory / "interviews", directory=directory)
    )


@app.command()
def run(
    phase: Annotated[Phase, typer.Argument(help="The phase to run.")],
    project: ProjectOpt = Path("."),
    wait: Annotated[bool, typer.Option("--wait", help="Wait at the go/no-go gate for a decision.")] = False,
    timeout: Annotated[int, typer.Option("--timeout", help="Seconds to wait at the gate.")] = 3600,
    review: Annotated[
        Path | None, typer.Option("--review", help="Recorded review decisions to apply (demo).")
    ] = None,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue", help="If another run works on this project, start when it ends (not refuse)."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Run even when nothing has changed since the last run.")
    ] = False,
) -> None:
    """Run a phase (or all phases as far as approvals and the go/no-go gate allow)."""
    from artefacts.catalogue import text
    from flows import up_to_date
    from flows.cli.server import prefect_server
    from flows.temporary_server import stop_orphans

    load_project(project)  # a project that is not there is said so before anything waits or locks
    language = language_of(project)
    if not (force or wait) and (last := up_to_date.unchanged(project, phase.value, review)) is not None:
        err.print(text(language, "up_to_date.unchanged").format(phase=phase.value, since=last.finished))
        out.print(last.summary, soft_wrap=True, highlight=False)
        return  # before Prefect is started or even imported
    for orphan in stop_orphans():  # left by a run that was killed: it would hold a port and memory
        err.print(text(language, "temporary_server.stopped").format(pid=orphan.pid, run=orphan.run_pid))
    with prefect_server(language, err.print):  # starts while the rest of Samen loads
        from flows.project_run import run_project

        outcome = run_project(
            project, phase.value, language=language, say=err.print, console=err,
            wait=wait, timeout=timeout, review=review, queue=queue, force=True,
        )  # fmt: skip
    summary = outcome.summary
    out.print(summary, soft_wrap=True, highlight=False)  # commands in it must survive a copy


@app.command()
def status(project: ProjectOpt = Path("."), as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Phases, artefacts with version and review state, and what waits for whom."""
    settings = load_project(project)
    report = project_status(Workspace(project), settings.language)
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        return
    language = report.language
    columns = ("phase", "artefact", "version", "state", "path")
    table = Table(*(message(language, f"column_{column}") for column in columns))
    table.columns[-1].overflow = "fold"
    for phase in report.phases:
        for row in phase.artefacts:
            table.add_row(phase.phase, row.name, f"v{row.version}", state_word(language, row.state), row.path)
    out.print(table)
    for phase in report.phases:
        for line in phase.waiting:
            out.print(styled(f"{phase.phase}:", "bold", line), highlight=False, soft_wrap=True)
    for warning in report.warnings:
        out.print(styled(f"{message(language, 'status_warning')}:", "bold yellow", warning), highlight=False)
    for line in report.runs:
        out.print(
            styled(f"{text(language, 'status_runs.label')}:", "bold", line), highlight=False, soft_wrap=True
        )


@app.command()
def cluster(
    file: Annotated[Path, typer.Argument(help="A CSV file of short texts.")],
    text_column: Annotated[str, typer.Option("--text-column", help="Column holding the texts.")],
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the clusters as JSON.")],
    embedder: Annotated[str, typer.Option(help="e5, wordllama, hashing or openai.")] = "e5",
    language: Annotated[str | None, typer.Option(help="nl or en, for keywords; both when unset.")] = None,
) -> None:
    """Cluster any CSV of short texts with the needs map's machinery, without being told how many."""
    from flows.clustering import cluster_file

    result = cluster_file(file, text_column, out_path, embedder_name=embedder, language=language, console=err)
    clustered = sum(1 for a in result.assignments if a >= 0)
    err.print(
        message(
            language,
            "cluster_done",
            clusters=len(result.clusters),
            clustered=clustered,
            total=len(result.assignments),
            out=out_path,
        )
    )


register_review(app, err, out)
register_eval(app, err, out)
register_gate(app, err, out)
register_notes(app, err, out)
register_audit(app, err, out)
register_report(app, err, out)
register_serve(app, err, out)
register_server(app, err, out)


def run_cli(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code: 0 ok, 1 error (one line on stderr), 2 usage."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="samen")
        return result if isinstance(result, int) else 0
    except SamenError as exc:
        if _debug["on"]:
            traceback.print_exc()
        err.print(
            styled(f"{message(_language(argv), 'error')}:", "red", str(exc)), highlight=False, soft_wrap=True
        )
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err.print(message(_language(argv), "interrupted"))
        return 130
    except typer.TyperException as exc:  # usage errors: Typer shows them with the help hint
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        return int(getattr(exc, "exit_code", 2))


def _language(argv: list[str] | None) -> str:
    """The language to answer in outside a command: the project's, or the --language given (init, cluster)."""
    args = sys.argv[1:] if argv is None else argv
    command = next((arg for arg in args if not arg.startswith("-")), None)
    given = _option(args, "--language")
    if command == "init" and given is None:
        target = next((arg for arg in args[args.index(command) + 1 :] if not arg.startswith("-")), None)
        given = project_language(Path(target))[0] if target else DEFAULT_LANGUAGE
    if command in ("init", "cluster", "eval"):
        return given if given in LANGUAGES else "en"
    return language_of(Path(_option(args, "--project", "-p") or "."))


def _option(args: list[str], *names: str) -> str | None:
    for index, arg in enumerate(args):
        if arg in names and index + 1 < len(args):
            return args[index + 1]
        for name in names:
            if arg.startswith(f"{name}="):
                return arg.split("=", 1)[1]
    return None


def main() -> None:
    sys.exit(run_cli())


if __name__ == "__main__":
    main()
