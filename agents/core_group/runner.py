"""Phase 3 as one runner: the core group, the charter draft and the stakeholder brief, in the table's order.

``flows/later_phases.py`` calls ``DRAFTERS[name](inputs)`` for each artefact of the phase, giving the charter
the core group drafted before it and the brief both; the evaluations call the same functions. Offline the
rules draft everything; with a chat model the charter is phrased in the organisation's voice
(:mod:`agents.core_group.charter_model`), every reference checked.
"""

from __future__ import annotations

from agents.core_group.charter import draft_charter
from agents.core_group.charter_model import phrase_charter
from agents.core_group.core_group import draft_core_group
from agents.core_group.stakeholders import draft_brief
from agents.shared.phase_inputs import Drafter, PhaseInputs
from artefacts.core_group import CharterDraft


def charter_draft(inputs: PhaseInputs) -> CharterDraft:
    draft = draft_charter(inputs)
    return phrase_charter(draft, inputs) if inputs.model is not None else draft


DRAFTERS: dict[str, Drafter] = {
    "core-group": draft_core_group,
    "charter-draft": charter_draft,
    "stakeholder-brief": draft_brief,
}
