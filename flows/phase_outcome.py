"""What a phase's flow did and what it waits for, for the terminal: the one type every phase flow returns.

Its own module so the flows of phases 3 to 6 need not import phase 2's (and scikit-learn with it: 1.2 s
of every `samen run strategy`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

OutcomeStatus = Literal["done", "choose", "approve", "no-answers", "waiting", "go", "no-go", "revise"]


class PhaseOutcome(BaseModel):
    """What a phase flow did and what it waits for, for the terminal."""

    model_config = ConfigDict(extra="forbid")

    versions: dict[str, int] = Field(default_factory=dict)
    waiting: list[str] = Field(default_factory=list, description="What waits for whom; empty when done.")
    status: OutcomeStatus = "done"
