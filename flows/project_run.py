"""One run of a project's phases, as ``samen run`` and a deployment run both do it: skipped when nothing
changed, one at a time per project, its task results kept in the project, remembered when it ends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from artefacts.catalogue import text
from flows import up_to_date


@dataclass(frozen=True)
class RunOutcome:
    summary: str
    skipped: bool  # nothing changed since the last run: its summary, repeated


def run_project(
    project: Path,
    phase: str,
    *,
    language: str,
    say: Callable[[str], object],
    console: Console | None = None,
    wait: bool = False,
    timeout: int = 3600,
    review: Path | None = None,
    queue: bool = False,
    force: bool = False,
) -> RunOutcome:
    """Run ``phase`` (or ``all``) of the project in ``project``. Prefect must be pointed at its server
    before this is called (it imports the flows)."""
    from flows.pipeline import run_phases
    from flows.project_lock import project_lock
    from flows.runtime import project_results

    if not (force or wait) and (last := up_to_date.unchanged(project, phase, review)) is not None:
        say(text(language, "up_to_date.unchanged").format(phase=phase, since=last.finished))
        return RunOutcome(last.summary, skipped=True)
    with project_lock(project, language, queue=queue, say=say), project_results(project):
        calls_from = up_to_date.forget(project)
        summary = run_phases(project, phase, console=console, wait=wait, timeout=timeout, review=review)
        up_to_date.remember(project, phase, review, summary, calls_from)
    return RunOutcome(summary, skipped=False)
