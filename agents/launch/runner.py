"""Phase 6 as the later-phase flow calls it: artefact name → drafting function."""

from __future__ import annotations

from agents.launch import launch_plan
from agents.shared.phase_inputs import Drafter

DRAFTERS: dict[str, Drafter] = {"launch-plan": launch_plan.draft}
