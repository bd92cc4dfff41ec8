"""Run phases in order, as far as approvals and gates allow."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from artefacts.catalogue import text
from artefacts.errors import GateError
from artefacts.initiative import NeedsMap
from artefacts.phases import PHASE_TABLE, PHASES, phase_row
from flows.context import ProjectContext
from flows.error_logs import quiet_samen_errors
from flows.gatekeeper import Gatekeeper
from flows.messages import message, state_word
from flows.progress import reporting
from flows.recovery import recover

AVAILABLE = PHASES
# `all` runs the built phases, then stops at the first phase behind the gate (it says what waits there).
# Phases come in table order: a built phase after an unbuilt one waits for it.
_FIRST_UNBUILT = next((i for i, row in enumerate(PHASE_TABLE) if not row.built), len(PHASE_TABLE))
IN_ALL = tuple(row.name for row in PHASE_TABLE[: _FIRST_UNBUILT + 1])


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
    quiet_samen_errors()
    context = ProjectContext.open(project)
    language = context.project.language
    if phase != "all" and phase not in AVAILABLE:
        raise GateError(
            message(language, "phase_not_available", phase=phase),
            hint=message(language, "phases_available", phases=", ".join(AVAILABLE)),
        )
    lines: list[str] = recover(context.workspace)  # what a stopped run left undone, finished first
    script = None
    if review is not None:
        from flows.review_script import ReviewScript

        script = ReviewScript.load(review, language=language)
    with reporting(console):
        for name in IN_ALL if phase == "all" else (phase,):
            try:
                go_on = _run_one(context, name, lines, wait=wait, timeout=timeout, stop_early=phase == "all")
                # the recorded review applies where a phase waits (and after a single phase run with it)
                waits = not go_on or phase != "all"
                if waits and script is not None and (applied := script.apply(context.workspace)):
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
    if phase == "all":  # the deliverables of everything drafted so far, ending with the index
        from flows.deliverables import write_deliverables

        index = write_deliverables(context.root)
        lines.append(text(language, "html_report.wrote_index").format(path=index))
    return "\n".join(lines)


def _run_one(
    context: ProjectContext, name: str, lines: list[str], *, wait: bool, timeout: int, stop_early: bool
) -> bool:
    """Run one phase, add its lines; return whether the next phase may follow. Its flow runs carry the
    project's and the phase's tags."""
    from flows.run_names import tagged

    with tagged(context.root, name):
        return _run_phase(context, name, lines, wait=wait, timeout=timeout, stop_early=stop_early)


def _run_phase(
    context: ProjectContext, name: str, lines: list[str], *, wait: bool, timeout: int, stop_early: bool
) -> bool:
    ws = context.workspace
    language = context.project.language
    if name == "initiative":
        from flows.initiative import initiative

        if stop_early and (current := _initiative_up_to_date(context)) is not None:
            lines.append(current)  # approved and the interviews unchanged: nothing to redraft
            return True
        versions = initiative(str(context.root))
        lines += _drafted(context, versions)
        return not stop_early or _needs_map_approved(context, lines)
    if name in ("concept", "test"):
        outcome = _phase_flow(context, name, wait=wait, timeout=timeout)
        lines += _drafted(context, outcome.versions)
        decided = outcome.status in ("go", "no-go", "revise")
        lines += [line if decided else message(language, "waits", line=line) for line in outcome.waiting]
        if name == "concept":
            try:
                Gatekeeper(ws).current_concept()  # the test needs an approved version with a choice
            except GateError as exc:
                if not outcome.waiting:
                    lines.append(message(language, "waits", line=exc))
                return False
            return True
        return outcome.status == "go"
    if phase_row(name).after_gate is not None and phase_row(name).built:
        from flows.later_phases import FLOWS

        outcome = FLOWS[name](str(context.root))
        lines += _drafted(context, outcome.versions)
        lines += [message(language, "waits", line=line) for line in outcome.waiting]
        return not outcome.waiting
    if not phase_row(name).built:  # behind the gate, not drafted in this version yet
        decision = Gatekeeper(ws).require_go()
        lines.append(
            message(
                language,
                "core_group_not_built",
                number=phase_row(name).number,
                phase=message(language, f"phase_{name.replace('-', '_')}"),
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


def _drafted(context: ProjectContext, versions: dict[str, int]) -> list[str]:
    """A line per artefact drafted (or kept), each followed by what it asks the reviewer to check."""
    ws, language = context.workspace, context.project.language
    lines = []
    for artefact, version in versions.items():
        lines.append(f"{artefact} v{version}: {ws.path(artefact, version, '.md')}")
        for warning in ws.load(artefact, version).meta.warnings:
            lines.append(
                message(language, "artefact_warning", name=artefact, version=version, warning=warning)
            )
    return lines


def _initiative_up_to_date(context: ProjectContext) -> str | None:
    """A line saying phase 1 is up to date, when the latest needs map is approved and was drafted from
    the interviews and settings as they are now; None when phase 1 must run."""
    from flows.initiative import interviews_digest

    ws = context.workspace
    latest = ws.latest_version(NeedsMap)
    if latest is None or ws.state(NeedsMap, latest) != "approved":
        return None
    if ws.load(NeedsMap, latest).meta.inputs_digest != interviews_digest(context):
        return None
    state = state_word(context.project.language, "approved")
    return message(context.project.language, "up_to_date", name="needs-map", version=latest, state=state)


def _needs_map_approved(context: ProjectContext, lines: list[str]) -> bool:
    """Whether phase 2 may follow; if not, a line that says who waits for what."""
    ws = context.workspace
    if ws.latest_approved(NeedsMap) is not None:
        return True
    latest = ws.latest_version(NeedsMap)
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
