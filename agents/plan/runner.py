"""Phase 5, plan of approach: the drafting function of each artefact (see ``flows/later_phases.py``).

The content calendar comes first; the plan of approach reads it (its milestones are the calendar's dates).
"""

from __future__ import annotations

from agents.plan.calendar_ideas import with_ideas
from agents.plan.content_calendar import draft_content_calendar
from agents.plan.plan_of_approach import draft_plan_of_approach
from agents.shared.phase_inputs import Drafter, PhaseInputs
from artefacts.plan import ContentCalendar


def draft_calendar(inputs: PhaseInputs) -> ContentCalendar:
    """The calendar by the rules; with a chat model, a concrete post idea for each item."""
    calendar = draft_content_calendar(inputs)
    return with_ideas(calendar, inputs) if inputs.model is not None else calendar


DRAFTERS: dict[str, Drafter] = {
    "content-calendar": draft_calendar,
    "plan-of-approach": draft_plan_of_approach,
}
