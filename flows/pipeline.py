"""Run phases in order, as far as approvals and gates allow."""

from __future__ import annotations

import flows.runtime  # noqa: F401

from pathlib import Path

from rich.console import Console

from artefacts.errors import GateError
from flows.context import ProjectContext
from flows.progress import reporting

AVAILABLE = ("initiative", "concept", "test", "core-group")
IN_ALL = ("initiative", "concept", "test", "core-group")


def run_phases(project: Path, phase: str, *, console: Console | None = None, wait: bool = False,
               timeout: int = 3600, review: Path | None = None) -> str:
    """Run ``phase`` (or ``all``) for the project in ``project``; return a summary for the terminal.

    ``all`` goes on while each phase's approvals and the gate allow, and ends with a line that says what
    waits for whom. ``wait`` makes the test phase wait at the gate for a decision (up to ``timeout`` s).
    ``review`` names recorded review decisions (a review.yaml) to apply where a phase waits for an approval
    or a choice — never the gate decision: that one stays a person's (or `samen replay`).
    """
    context = ProjectContext.open(project)
    if phase != "all" and phase not in AVAILABLE:
        raise GateError(f"phase '{phase}' is not available yet", hint=f"available: {', '.join(AVAILABLE)}")
    lines: list[str] = []
    script = None
    if review is not None:
        from flows.review_script import ReviewScript

        script = ReviewScript.load(review)
    with reporting(console):
        for name in IN_ALL if phase == "all" else (phase,):
            try:
                go_on = _run_one(context, name, lines, wait=wait, timeout=timeout, stop_early=phase == "all")
                if not go_on and script is not None and (applied := script.apply(context.workspace)):
                    lines += applied  # the recorded reviewer approved or chose: run the phase again
                    go_on = _run_one(context, name, lines, wait=wait, timeout=timeout, stop_early=phase == "all")
                if not go_on:
                    break
            except GateError as exc:
                if phase != "all":
                    raise
                lines.append(f"stopped before {name}: {exc}")
                break
    return "\n".join(lines)


def _run_one(context: ProjectContext, name: str, lines: list[str], *, wait: bool, timeout: int,
             stop_early: bool) -> bool:
    """Run one phase, add its lines; return whether the next phase may follow."""
    ws = context.workspace
    if name == "initiative":
        from flows.initiative import initiative

        versions = initiative(str(context.root))
        lines += [f"{artefact} v{version}: {ws.path(artefact, version, '.md')}" for artefact, version in versions.items()]
        if stop_early and ws.latest_approved("needs-map") is None:
            latest = ws.latest_version("needs-map")
            lines.append(f"waits: review and approve needs-map v{latest}: "
                         f"`samen approve needs-map --project {context.root} --by YOUR-NAME`")
            return False
        return True
    if name in ("concept", "test"):
        outcome = _phase_flow(context, name, wait=wait, timeout=timeout)
        lines += [f"{artefact} v{version}: {ws.path(artefact, version, '.md')}"
                  for artefact, version in outcome.versions.items()]
        lines += [f"waits: {line}" if outcome.status not in ("go", "no-go", "revise") else line
                  for line in outcome.waiting]
        if name == "concept":
            from flows.gates import current_concept

            try:
                current_concept(ws)  # the test needs an approved concept-hypotheses version with a choice
            except GateError as exc:
                if not outcome.waiting:
                    lines.append(f"waits: {exc}")
                return False
            return True
        return outcome.status == "go"
    if name == "core-group":
        from flows.gates import require_go

        decision = require_go(ws)
        lines.append(f"go for concept {decision.concept_id} by {decision.reviewer} ({decision.decided_at:%Y-%m-%d}); "
                     "phase 3 (core group) is not built yet in this version of Samen")
        return False
    raise GateError(f"phase '{name}' is not available yet", hint=f"available: {', '.join(AVAILABLE)}")


def _phase_flow(context: ProjectContext, name: str, *, wait: bool, timeout: int):  # noqa: ANN202 - PhaseOutcome
    if name == "concept":
        from flows.concept import concept

        return concept(str(context.root))
    from prefect.exceptions import FlowPauseTimeout

    from flows.survey import test_phase

    try:
        return test_phase(str(context.root), wait=wait, timeout=timeout)
    except FlowPauseTimeout:
        raise GateError(
            f"nobody decided at the go/no-go gate within {timeout} s",
            hint=f"`samen decide go|no-go|revise --project {context.root} --by YOUR-NAME --reason \"…\"`, then "
            f"`samen run test --project {context.root}` continues from the decision",
        ) from None
