"""Where model calls leave their traces: an on-disk answer cache and an append-only call log.

.samen/cache/llm/<key>.json   one successful answer per (model, prompt version and hash, input hash)
.samen/calls.jsonl            one line per ask: prompt, model, input hash, status, tokens, latency
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python

from artefacts.files import append_lines, write_atomic


def canonical_json(value: Any) -> str:
    """Stable JSON for hashing: sorted keys, no spaces, pydantic models and paths as JSON values."""
    return json.dumps(to_jsonable_python(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


class CallCache:
    """Successful structured answers as JSON files, written atomically (temp file, fsync, rename)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    @classmethod
    def for_project(cls, project_dir: Path | str) -> CallCache:
        return cls(Path(project_dir) / ".samen" / "cache" / "llm")

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return None  # a missing or damaged entry is a miss; the next success rewrites it
        return data if isinstance(data, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        text = json.dumps(to_jsonable_python(entry), ensure_ascii=False, indent=2, sort_keys=True)
        write_atomic(self.path(key), text)


class CallBudget:
    """The model time a phase may spend, in seconds: every call is charged what it took; once the budget
    is spent, no further call is made and the drafts stay the rules' (with the reason in the artefact).

    A hanging server would otherwise hold a phase for timeout × tries × calls (an hour with the defaults).
    The call that overruns the budget is not cut short: the budget bounds the time to at most one call
    beyond it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0
        self._lock = threading.Lock()

    def charge(self, seconds: float) -> None:
        with self._lock:
            self.spent += max(0.0, seconds)

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.seconds

    def reason(self) -> str:
        return (
            f"the phase's model time budget of {self.seconds:.0f} s is spent ({self.spent:.0f} s used; "
            "provider.budget_seconds in samen.yaml): no further model calls in this run"
        )


class CallLog:
    """Append-only JSON lines; one line per ``ask_structured`` call, safe across threads. It carries the
    phase's :class:`CallBudget` when there is one (every model call goes through a log)."""

    _lock = threading.Lock()

    def __init__(self, path: Path | str, budget: CallBudget | None = None) -> None:
        self.path = Path(path)
        self.budget = budget

    @classmethod
    def for_project(cls, project_dir: Path | str, budget: CallBudget | None = None) -> CallLog:
        return cls(Path(project_dir) / ".samen" / "calls.jsonl", budget)

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(
            {"timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"), **to_jsonable_python(record)},
            ensure_ascii=False,
        )
        with self._lock:
            append_lines(self.path, [line])  # one write: whole or absent, never mixed with another's

    def read(self) -> list[dict[str, Any]]:
        """Every record; a line a killed process left unfinished is skipped (it was never a record)."""
        if not self.path.exists():
            return []
        records = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            record = _record(line)
            if record is not None:
                records.append(record)
        return records


def _record(line: str) -> dict[str, Any] | None:
    """One log line as a record; None for a blank or cut-off line (a line joined to it after a crash
    keeps its own record: the part after the last opening brace that parses)."""
    text = line.strip()
    while text:
        try:
            value = json.loads(text)
            return value if isinstance(value, dict) else None
        except json.JSONDecodeError:
            cut = text.find("{", 1)
            if cut < 0:
                return None
            text = text[cut:]
    return None
