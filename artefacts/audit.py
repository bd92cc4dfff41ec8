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
from typing import Literal

from pydantic import Field

from artefacts.base import Strict
from artefacts.messages import FALLBACK, message

Action = Literal["drafted", "edited", "reviewed", "approved", "rejected", "decided", "chosen"]
ReviewState = Literal["draft", "reviewed", "approved", "rejected"]

_STATE_OF: dict[str, ReviewState] = {
    "drafted": "draft",
    "edited": "draft",
    "reviewed": "reviewed",
    "approved": "approved",
    "rejected": "rejected",
}


class AuditEvent(Strict):
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    actor: str = Field(min_length=1, description="Who: a person's name, or 'samen' for the tool.")
    action: Action
    artefact: str
    version: int = Field(ge=1)
    note: str = ""
    details: dict[str, object] = Field(default_factory=dict)


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
