"""The append-only audit log: who decided what, when and why.

It is also the source of truth for review states: the state of an artefact version is the last review
event recorded for it, so no file is ever rewritten to change a state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from artefacts.base import Strict
from artefacts.messages import FALLBACK, message

Action = Literal["drafted", "edited", "reviewed", "approved", "rejected", "decided", "chosen"]
ReviewState = Literal["draft", "reviewed", "approved", "rejected"]
Decision = Literal["go", "no-go", "revise"]

_STATE_OF: dict[str, ReviewState] = {
    "drafted": "draft",
    "edited": "draft",
    "reviewed": "reviewed",
    "approved": "approved",
    "rejected": "rejected",
}


class ChoiceDetails(Strict):
    """``chosen``: which alternative a reviewer took further."""

    concept: str = Field(pattern=r"^C\d+$")


class DecisionDetails(Strict):
    """``decided``: a gate decision and the versions of the evidence it was based on."""

    decision: Decision
    concept: str = Field(pattern=r"^C\d+$")
    versions: dict[str, int] = Field(description="Artefact name → the version the decision rests on.")
    decided_at: datetime


class EditDetails(Strict):
    """``edited``: the reviewer's edits that made this version (as the edit log stores them)."""

    edits: list[dict[str, Any]]


AuditDetails = ChoiceDetails | DecisionDetails | EditDetails
_DETAILS_OF: dict[str, type[AuditDetails]] = {
    "chosen": ChoiceDetails,
    "decided": DecisionDetails,
    "edited": EditDetails,
}


class AuditEvent(Strict):
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    actor: str = Field(min_length=1, description="Who: a person's name, or 'samen' for the tool.")
    action: Action
    artefact: str
    version: int = Field(ge=1)
    note: str = ""
    details: AuditDetails | None = Field(
        default=None, description="What the action carries: a choice, a decision, the edits; none otherwise."
    )

    @model_validator(mode="before")
    @classmethod
    def _details_by_action(cls, data: Any) -> Any:
        """Read ``details`` as the model its action carries (older lines store ``{}`` for none)."""
        if not isinstance(data, dict):
            return data
        details = data.get("details")
        kind = _DETAILS_OF.get(str(data.get("action")))
        if isinstance(details, dict):
            data = {**data, "details": kind.model_validate(details) if kind and details else None}
        return data

    @model_validator(mode="after")
    def _details_match_action(self) -> AuditEvent:
        kind = _DETAILS_OF.get(self.action)
        if kind is not None and not isinstance(self.details, kind):
            raise ValueError(f"a '{self.action}' event carries {kind.__name__}")
        if kind is None and self.details is not None:
            raise ValueError(f"a '{self.action}' event carries no details")
        return self

    @property
    def choice(self) -> ChoiceDetails | None:
        return self.details if isinstance(self.details, ChoiceDetails) else None

    @property
    def decision(self) -> DecisionDetails | None:
        return self.details if isinstance(self.details, DecisionDetails) else None


class AuditLog:
    def __init__(self, path: Path, *, language: str | Callable[[], str] = FALLBACK) -> None:
        self.path = path
        self._language = language  # a callable when the language is only read when needed (the Workspace's)

    def append(self, event: AuditEvent) -> AuditEvent:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = event.model_dump_json() + "\n"
        # One write call on a file opened for appending: lines from two processes do not interleave.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return event

    def events(self) -> Iterator[AuditEvent]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield AuditEvent.model_validate(json.loads(line))
                except (ValueError, TypeError) as exc:
                    from artefacts.errors import InputError

                    language = self._language() if callable(self._language) else self._language
                    raise InputError(
                        message(language, "audit_line_invalid", error=exc),
                        path=self.path,
                        line=number,
                        hint=message(language, "audit_line_invalid_hint"),
                    ) from exc

    def state(self, artefact: str, version: int) -> ReviewState:
        state: ReviewState = "draft"
        for event in self.events():
            if event.artefact == artefact and event.version == version and event.action in _STATE_OF:
                state = _STATE_OF[event.action]
        return state

    def history(self, artefact: str) -> list[AuditEvent]:
        return [event for event in self.events() if event.artefact == artefact]
