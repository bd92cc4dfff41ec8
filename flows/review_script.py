"""Recorded review decisions (a ``review.yaml``), replayed for demos: approvals, a choice, the gate.

    reviewer: Sanne Bakker
    steps:
      - {approve: needs-map, note: "…"}
      - {choose: C1, note: "…"}
      - {approve: concept-hypotheses}
      - {approve: questionnaire}
    gate: {decision: go, concept: C1, reason: "…"}

A step applies to the latest version of its artefact, once: a version already approved (or a concept
already chosen) is left alone, and a step whose artefact does not exist yet waits for a later replay.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from artefacts.catalogue import FALLBACK
from artefacts.errors import InputError
from artefacts.store import Workspace
from artefacts.survey import Decision, GateDecision
from flows.gatekeeper import Gatekeeper
from flows.messages import language_of, message
from knowledge.safe_files import read_settings_text


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approve: str | None = None
    choose: str | None = None
    note: str = ""


class GateStep(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    concept: str
    reason: str = Field(min_length=3)


class ReviewScript(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reviewer: str = Field(min_length=1)
    steps: list[Step] = Field(default_factory=list)
    gate: GateStep | None = None

    @classmethod
    def load(cls, path: Path, *, language: str | None = None) -> ReviewScript:
        try:
            # Anywhere the user points (the demo uses the example's), but never a FIFO, a device or a
            # file past the text limit, and never bytes guessed as another code page.
            text = read_settings_text(path, str(path), (path.resolve().parent,), language or FALLBACK)
            return cls.model_validate(yaml.safe_load(text))
        except (OSError, yaml.YAMLError, ValidationError) as exc:
            raise InputError(
                message(language, "not_review_script", error=str(exc).splitlines()[0]),
                path=path,
                hint=message(language, "not_review_script_hint"),
            ) from exc

    def apply(self, ws: Workspace) -> list[str]:
        """Apply the review steps that can apply now (not the gate); return what was done, one line each."""
        done = []
        language = language_of(ws)
        gate = Gatekeeper(ws)
        for step in self.steps:
            if (
                step.approve
                and (latest := ws.latest_version(step.approve)) is not None
                and ws.state(step.approve, latest) != "approved"
            ):
                gate.review("approved", step.approve, by=self.reviewer, note=step.note, version=latest)
                done.append(
                    message(
                        language,
                        "script_approved",
                        artefact=step.approve,
                        version=latest,
                        reviewer=self.reviewer,
                    )
                )
            if (
                step.choose
                and (latest := ws.latest_version("concept-hypotheses")) is not None
                and gate.chosen_concept(latest) != step.choose.upper()
            ):
                gate.choose(step.choose, by=self.reviewer, note=step.note, version=latest)
                done.append(
                    message(
                        language, "script_chosen", version=latest, concept=step.choose, reviewer=self.reviewer
                    )
                )
        return done

    def gate_decision(self) -> GateDecision | None:
        if self.gate is None:
            return None
        return GateDecision(
            decision=self.gate.decision,
            reviewer=self.reviewer,
            reason=self.gate.reason,
            concept_id=self.gate.concept,
        )
