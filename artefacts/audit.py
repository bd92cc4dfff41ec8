"""The append-only audit log: who decided what, when and why.

It is also the source of truth for review states: the state of an artefact version is the last review
event recorded for it, so no file is ever rewritten to change a state. The log is a hash chain
(:mod:`artefacts.audit_chain`): every read checks it, and a log that was edited, cut or added to by
hand is refused with the number of the first line that does not hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from artefacts.audit_chain import GENESIS, ChainReport, Head, check, fingerprint, next_link
from artefacts.base import Strict
from artefacts.errors import InputError
from artefacts.files import append_lines, file_lock, write_atomic
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
    replaces: int | None = Field(
        default=None, ge=1, description="The audit line of the decision this one replaces, if any."
    )


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
    seq: int | None = Field(default=None, ge=1, description="Its line in the log; set when appended.")
    prev: str | None = Field(
        default=None, description="SHA-256 of the line before it (the hash chain); set when appended."
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
        self.head_path = path.with_suffix(".head")
        self._lock_path = path.with_suffix(".lock")
        self._language = language  # a callable when the language is only read when needed (the Workspace's)

    def append(self, event: AuditEvent) -> AuditEvent:
        """Add ``event`` at the end of the chain; refused when the chain is already broken."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with file_lock(self._lock_path):  # read the last line and append after it, as one step
            lines = self._lines()
            self._verified(lines)
            seq, prev = next_link(lines)
            event = event.model_copy(update={"seq": seq, "prev": prev})
            line = event.model_dump_json()
            counted = Head(lines=len(lines), last=fingerprint(lines[-1]) if lines else GENESIS)
            # The head names the line first, so a crash right after the append is told from a forgery.
            write_atomic(self.head_path, replace(counted, pending=fingerprint(line)).text())
            # One write on a file opened for appending: a crash leaves the line whole or absent.
            append_lines(self.path, [line])
            write_atomic(self.head_path, Head(lines=len(lines) + 1, last=fingerprint(line)).text())
        return event

    def verify(self) -> ChainReport:
        """Check every line and the chain; the report names the first line that does not hold."""
        lines = self._lines()
        self._parsed(lines)
        return check(lines, Head.read(self.head_path))

    def events(self) -> Iterator[AuditEvent]:
        lines = self._lines()
        yield from self._verified(lines)

    def _lines(self) -> list[str]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8", newline="\n") as handle:
            return [line.rstrip("\n") for line in handle if line.strip()]

    def _parsed(self, lines: list[str]) -> list[AuditEvent]:
        events = []
        for number, line in enumerate(lines, start=1):
            try:
                events.append(AuditEvent.model_validate(json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise InputError(
                    message(self.language, "audit_line_invalid", error=exc),
                    path=self.path,
                    line=number,
                    hint=message(self.language, "audit_line_invalid_hint"),
                ) from exc
        return events

    def _verified(self, lines: list[str]) -> list[AuditEvent]:
        events = self._parsed(lines)
        report = check(lines, Head.read(self.head_path))
        if report.problem is not None:
            problem = report.problem
            raise InputError(
                message(self.language, problem.reason, **problem.values),
                path=self.path if problem.line else self.head_path,
                line=problem.line or None,
                hint=message(self.language, "audit_chain_hint", log=self.path),
            )
        return events

    @property
    def language(self) -> str:
        return self._language() if callable(self._language) else self._language

    def state(self, artefact: str, version: int) -> ReviewState:
        state: ReviewState = "draft"
        for event in self.events():
            if event.artefact == artefact and event.version == version and event.action in _STATE_OF:
                state = _STATE_OF[event.action]
        return state

    def history(self, artefact: str) -> list[AuditEvent]:
        return [event for event in self.events() if event.artefact == artefact]
