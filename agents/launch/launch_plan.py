"""The launch plan agent (phase 6): announcement, onboarding, the manager's rhythm, health metrics and
the bridge to the organisation, by the rules of the modules beside it, each element with its grounds.

With a chat model the announcement and the invitation are phrased by the model
(:mod:`agents.launch.announcement_step`); every fact it may use is given, and a text that drops the
launch date or the main channel is sent back once, then the rules' text stays, marked.
"""

from __future__ import annotations

from agents.launch.announcement import announcement, gains, invitation
from agents.launch.bridge import bridge
from agents.launch.health_metrics import metrics
from agents.launch.launch_context import LaunchContext
from agents.launch.launch_date import launch_date
from agents.launch.manager_rhythm import fit_rhythm, hours, moments, weekly_rhythm
from agents.launch.onboarding import onboarding
from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import ArtefactMeta
from artefacts.launch import LaunchPlan


def compose(inputs: PhaseInputs) -> LaunchPlan:
    """The launch plan by the rules alone (the offline draft)."""
    ctx = LaunchContext(inputs)
    if ctx.concept is None:
        ctx.assume("assumed_no_concept", warn=True, concept=inputs.concept_id)
    manager = ctx.manager  # early, so an assumed manager is said once, before the texts that name them
    day, reason, _ = launch_date(ctx)
    found = gains(ctx)
    manager_hours = hours(ctx)
    rhythm = weekly_rhythm(ctx)
    plan = LaunchPlan(
        meta=ArtefactMeta(language=inputs.language),
        concept_id=inputs.concept_id,
        launch_date=day,
        launch_date_reason=reason,
        announcement=announcement(ctx, day, found),
        invitation=invitation(ctx, day, found),
        onboarding=onboarding(ctx),
        manager=manager,
        hours_per_week=manager_hours,
        manager_rhythm=rhythm,
        rhythm_minutes=fit_rhythm(ctx, rhythm, manager_hours),
        moments=moments(ctx),
        metrics=metrics(ctx, manager_hours),
        bridge=bridge(ctx),
    )
    plan.assumptions = list(dict.fromkeys(ctx.assumptions))
    plan.meta.warnings = list(dict.fromkeys(ctx.warnings))
    return plan


def draft(inputs: PhaseInputs) -> LaunchPlan:
    rules = compose(inputs)
    if inputs.model is None:
        return rules
    from agents.launch.announcement_step import phrase_messages

    return phrase_messages(rules, inputs)
