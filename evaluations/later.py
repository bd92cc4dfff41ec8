"""Phases 3 to 6 drafted in-process (no Prefect), through the functions the flow calls.

``flows/later_phases.py`` drafts each artefact of a phase with ``DRAFTERS[name](inputs)`` of
``agents/<phase>/runner.py``, in the phase table's order, giving a later artefact the drafts made before
it. This does the same with every earlier draft taken as approved and a simulated ``go`` for the chosen
concept: a gate decision is a person's, so the evaluation says it is simulated (reviewer "evaluation").
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from pathlib import Path

from agents.shared.chat_access import ChatAccess
from agents.shared.phase_inputs import Drafter, PhaseInputs
from agents.shared.retrieval import Retriever
from artefacts.base import Artefact
from artefacts.phases import PHASE_TABLE
from artefacts.project import Project
from artefacts.survey import GateDecision

LATER_PHASES = tuple(row.name for row in PHASE_TABLE if row.after_gate is not None)
SIMULATED_REVIEWER = "evaluation"


def drafters(phase: str) -> dict[str, Drafter]:
    """The drafting functions of ``phase``: ``DRAFTERS`` of ``agents/<phase>/runner.py``, in order."""
    module = importlib.import_module(f"agents.{phase.replace('-', '_')}.runner")
    return dict(module.DRAFTERS)


def simulated_go(concept_id: str, decided_on: dt.date) -> GateDecision:
    return GateDecision(
        decision="go",
        reviewer=SIMULATED_REVIEWER,
        reason="simulated by the evaluation runner: every earlier draft is taken as approved",
        concept_id=concept_id,
        decided_at=dt.datetime.combine(decided_on, dt.time(12), tzinfo=dt.UTC),
    )


def draft_later_phase(
    phase: str,
    project: Project,
    go: GateDecision,
    artefacts: Mapping[str, Artefact],
    root: Path,
    *,
    model: ChatAccess | None = None,
    knowledge: Retriever | None = None,
) -> dict[str, Artefact]:
    """Every artefact of ``phase`` (core-group, strategy, plan, launch) from the earlier drafts."""
    inputs = PhaseInputs(
        project=project, go=go, artefacts=dict(artefacts), model=model, knowledge=knowledge, root=root
    )
    drafted: dict[str, Artefact] = {}
    for name, draft in drafters(phase).items():
        artefact = draft(inputs)
        drafted[name] = artefact
        inputs = inputs.with_drafted(artefact)
    return drafted
