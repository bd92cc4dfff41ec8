"""``samen audit verify``: is the audit log as Samen wrote it? Names the first line that does not hold."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from artefacts.errors import InputError
from artefacts.store import Workspace
from flows.messages import language_of, message

ProjectOpt = Annotated[Path, typer.Option("--project", "-p", help="The project folder (with samen.yaml).")]


def register_audit(app: typer.Typer, err: Console, out: Console) -> None:
    audit_app = typer.Typer(no_args_is_help=True, help="Check the audit log of review decisions.")
    app.add_typer(audit_app, name="audit")

    @audit_app.command("verify")
    def verify(
        project: ProjectOpt = Path("."),
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Check the audit log's hash chain: exit 1 and name the first bad line when it was changed by hand."""
        language = language_of(project)
        log = Workspace(project).audit
        report = log.verify()
        problem = report.problem
        if as_json:
            sys.stdout.write(
                json.dumps(
                    {
                        "log": str(log.path),
                        "lines": report.lines,
                        "unchained": report.unchained,
                        "head": report.head,
                        "intact": report.intact,
                        "line": problem.line if problem else None,
                        "problem": message_of(language, problem.reason, problem.values) if problem else None,
                    },
                    indent=2,
                )
                + "\n"
            )
            if problem is not None:
                raise typer.Exit(1)
            return
        if problem is not None:
            raise InputError(
                message_of(language, problem.reason, problem.values),
                path=log.path if problem.line else log.head_path,
                line=problem.line or None,
                hint=message_of(language, "audit_chain_hint", {"log": log.path}),
            )
        if report.lines == 0:
            err.print(message(language, "audit_empty", log=log.path), highlight=False)
            return
        out.print(
            message(language, "audit_intact", log=log.path, lines=report.lines, head=report.head),
            highlight=False,
            soft_wrap=True,
        )
        if report.unchained:
            err.print(message(language, "audit_unchained", lines=report.unchained), highlight=False)


def message_of(language: str, key: str, values: dict[str, object]) -> str:
    from artefacts.messages import message as error_message

    return error_message(language, key, **values)
