"""What a phase 3–6 agent drafts from, and the shape every such agent has.

Behind the go/no-go gate every phase works the same way: it reads the approved artefacts of the
phases before it (never a draft of theirs), the survey results the ``go`` rested on, the drafts its own
phase made before (in the phase table's order), ``samen.yaml`` and, with a chat model, the knowledge
store. A phase's agents module exports ``DRAFTERS``: artefact name → a function from these inputs to
the artefact. The flow (``flows/later_phases.py``) and the evaluations call the same functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from agents.shared.chat_access import ChatAccess
from agents.shared.retrieval import Retriever
from artefacts.base import Artefact
from artefacts.project import Project
from artefacts.survey import GateDecision

A = TypeVar("A", bound=Artefact)


@dataclass(frozen=True)
class PhaseInputs:
    project: Project
    go: GateDecision  # the recorded go: the concept it is for, who decided, when
    artefacts: Mapping[str, Artefact] = field(default_factory=dict)  # by artefact name
    model: ChatAccess | None = None
    knowledge: Retriever | None = None
    root: Path | None = None  # the project folder: files an agent reads itself (the survey answers)

    @property
    def language(self) -> str:
        return self.project.language

    @property
    def concept_id(self) -> str:
        return self.go.concept_id

    @property
    def decided_on(self) -> dt.date:
        return self.go.decided_at.date()

    def get(self, kind: type[A]) -> A:
        """The artefact of ``kind`` this phase rests on; a KeyError names it when the flow did not give it."""
        found = self.find(kind)
        if found is None:
            raise KeyError(kind.artefact_name)
        return found

    def find(self, kind: type[A]) -> A | None:
        found = self.artefacts.get(kind.artefact_name)
        return found if isinstance(found, kind) else None

    def with_drafted(self, artefact: Artefact) -> PhaseInputs:
        """These inputs and an artefact this phase has just drafted, for the next one of the phase."""
        return PhaseInputs(
            project=self.project,
            go=self.go,
            artefacts={**self.artefacts, type(artefact).artefact_name: artefact},
            model=self.model,
            knowledge=self.knowledge,
            root=self.root,
        )


Drafter = Callable[[PhaseInputs], Artefact]


def trial_start(inputs: PhaseInputs) -> dt.date:
    """The first day of the trial run: ``trial_start`` in samen.yaml, else the Monday after the go."""
    if inputs.project.trial_start is not None:
        return inputs.project.trial_start
    day = inputs.decided_on + dt.timedelta(days=1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)
