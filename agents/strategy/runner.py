"""Phase 4, strategy and means: the drafting function of each artefact (see ``flows/later_phases.py``)."""

from __future__ import annotations

from agents.shared.phase_inputs import Drafter
from agents.strategy.channel_plan import draft_channel_plan

DRAFTERS: dict[str, Drafter] = {"channel-plan": draft_channel_plan}
