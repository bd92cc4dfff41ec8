"""Run phases in order, as far as approvals and gates allow."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from artefacts.errors import GateError
from flows.context import ProjectContext
from flows.messages import message
from flows.progress import reporting

AVAILABLE = ("initiative", "concept", "test", "core-group")
IN_ALL = ("initiative", "concept", "test", "core-group")


def run_phases(
    project: Path,
    phase: str,
    *,
    console: Console | None = None,
    wait: bool = False,
    timeout: int = 3600,
    review: Path | None = None,
) -> str:
    """Run ``phase`` (or ``all``) for the project in ``project``; return a summary for the terminal.

    ``all`` goes on while each phase's approvals and the gate allow, and ends with a line that says what
    waits for whom. ``wait`` makes the test phase wait at the gate for a decision (up to ``timeout`` s).
    ``review`` names recorded review decisions (a review.yaml) to apply where a phase waits for an approval
    or a choice — never the gate decision: that one stays a person's (or `samen replay`).
    """
    context = ProjectContext.open(project)
    language = context.project.language
    if phase != "all" and phase not in AVAILABLE:
        raise GateError(
            message(language, "phase_not_available", phase=phase),
            hint=message(language, "phases_available", phases=", ".join(AVAILABLE)),
        )
    lines: list[str] = []
    script = None
    if review is not None:
        from flows.review_script import ReviewScript

        script = ReviewScript.load(review, language=language)
    with reporting(console):
        for name in IN_ALL if phase == "all" else (phase,):
            try:
                go_on = _run_one(context, name, lines, wait=wait, timeout=timeout, stop_early=phase == "all")
                if not go_on and script is not None and (applied := script.apply(context.workspace)):
                    lines += applied  # the recorded reviewer approved or chose
                    if name == "initiative":  # nothing to draft after an approval: only the check again
                        go_on = _needs_map_approved(context, lines)
                    else:  # the choice or approval lets the phase draft its next artefacts
                        go_on = _run_one(
                            context, name, lines, wait=wait, timeout=timeout, stop_early=phase == "all"
                        )
                if not go_on:
                    break
            except GateError as exc:
                if phase != "all":
                    raise
                lines.append(message(language, "stopped_before", phase=name, error=exc))
                break
    return "\n".join(lines)


def _run_one(
    context: ProjectContext, name: str, lines: list[str], *, wait: bool, timeout: int, stop_early: bool
) -> bool:
    """Run one phase, add its lines; return whether the next phase may follow."""
    ws = context.workspace
    language = context.project.language
    if name == "initiative":
        from flows.initiative import initiative

        versions = initiative(str(context.root))
        lines += [
            f"{artefact} v{version}: {ws.path(artefact, version, '.md')}"
            for artefact, version in versions.items()
        ]
        return not stop_early or _needs_map_approved(context, lines)
    if name in ("concept", "test"):
        outcome = _phase_flow(context, name, wait=wait, timeout=timeout)
        lines += [
            f"{artefact} v{version}: {ws.path(artefact, version, '.md')}"
            for artefact, version in outcome.versions.items()
        ]
        decided = outcome.status in ("go", "no-go", "revise")
        lines += [line if decided else message(language, "waits", line=line) for line in outcome.waiting]
        if name == "concept":
            from flows.gates import current_concept

            try:
                current_concept(ws)  # the test needs an approved concept-hypotheses version with a choice
            except GateError as exc:
                if not outcome.waiting:
                    lines.append(message(language, "waits", line=exc))
                return False
            return True
        return outcome.status == "go"
    if name == "core-group":
        from flows.gates import require_go

        decision = require_go(ws)
        lines.append(
            message(
                language,
                "core_group_not_built",
                concept=decision.concept_id,
                reviewer=decision.reviewer,
                date=f"{decision.decided_at:%Y-%m-%d}",
            )
        )
        return False
    raise GateError(
        message(language, "phase_not_available", phase=name),
        hint=message(language, "phases_available", phases=", ".join(AVAILABLE)),
    )


def _needs_map_approved(context: ProjectContext, lines: list[str]) -> bool:
    """Whether phase 2 may follow; if not, a line that says who waits for what."""
    ws = context.workspace
    if ws.latest_approved("needs-map") is not None:
        return True
    latest = ws.latest_version("needs-map")
    lines.append(message(context.project.language, "waits_needs_map", version=latest, project=context.root))
    return False


def _phase_flow(context: ProjectContext, name: str, *, wait: bool, timeout: int):  # noqa: ANN202 - PhaseOutcome
    if name == "concept":
        from flows.concept import concept

        return concept(str(context.root))
    from prefect.exceptions import FlowPauseTimeout

    from flows.survey import test_phase

    try:
        return test_phase(str(context.root), wait=wait, timeout=timeout)
    except FlowPauseTimeout:
        language = context.project.language
        raise GateError(
            message(language, "gate_timeout", timeout=timeout),
            hint=message(language, "gate_timeout_hint", project=context.root),
        ) from None
