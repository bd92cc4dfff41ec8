"""Where model calls leave their traces: an on-disk answer cache and an append-only call log.

.samen/cache/llm/<key>.json   one successful answer per (model, prompt version and hash, input hash)
.samen/calls.jsonl            one line per ask: prompt, model, input hash, status, tokens, latency
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic_core import to_jsonable_python


def canonical_json(value: Any) -> str:
    """Stable JSON for hashing: sorted keys, no spaces, pydantic models and paths as JSON values."""
    return json.dumps(to_jsonable_python(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


class CallCache:
    """Successful structured answers as JSON files, written atomically (temp file + rename)."""

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
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(to_jsonable_python(entry), ensure_ascii=False, indent=2, sort_keys=True)
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, self.path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
