"""Whether a ``samen run`` would do anything: a fingerprint of everything a run reads, taken after the
last run that finished, compared before the next one starts.

The fingerprint covers the project's files (interviews, surveys, samen.yaml, the artefacts and their
review states, the audit log), the run's options (phase, review file), Samen's own code and prompts, and
the ``SAMEN_*``/``OPENAI_*`` settings in the environment — names, sizes and modification times, as
``make`` does, so taking it costs milliseconds. When it is unchanged the run would only confirm what is
there: Samen says so, repeats the last run's summary and starts neither Prefect nor the embedder.

A run forgets the record when it starts and writes it when it finishes, so a run that was stopped or
killed half-way never leaves a record behind. A run in which a model call fell back to the rules' draft
leaves none either: the next run asks again. ``--force`` ignores the record.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from artefacts.files import write_atomic

RECORD = Path(".samen") / "last-run.json"
CALLS = Path(".samen") / "calls.jsonl"
SKIPPED_DIRS = {".samen", ".git", "__pycache__", ".venv", "node_modules"}
# in the state folder, what runs derive or only log (vectors, caches, results, locks): the rest (audit log,
# pseudonyms, the reviewer's edits, the gate's record…) is read by a run and so part of the fingerprint
STATE_DERIVED_DIRS = {"chroma", "embeddings", "results", "cache", "web"}
STATE_DERIVED_FILES = {"calls.jsonl", "last-run.json", "last-run.tmp"}
CODE_DIRS = ("flows", "agents", "knowledge", "artefacts", "prompts")
ENV_PREFIXES = ("SAMEN_", "OPENAI_")
ENV_IGNORED = {
    "SAMEN_RUN_PID",
    "SAMEN_PREFECT_SERVER",
    "SAMEN_PREFECT_SERVER_IDLE",
    "SAMEN_PREFECT_SERVER_URL",
}


@dataclass(frozen=True)
class LastRun:
    phase: str
    fingerprint: str
    finished: str
    summary: str
    review: str | None = None  # the review file the run applied, so `samen status` can compare alike


def fingerprint(root: Path, phase: str, review: Path | None = None) -> str:
    root = Path(root).resolve()
    digest = hashlib.sha256()
    digest.update(f"phase={phase}\n".encode())
    if review is not None:
        digest.update(b"review=" + _content_hash(Path(review)).encode() + b"\n")
    for path in _project_files(root):
        digest.update(_stat_line(path, root))
    for path in _project_files(root / ".samen", skip=STATE_DERIVED_DIRS):
        if path.name not in STATE_DERIVED_FILES and path.suffix not in (".lock", ".tmp", ".log"):
            digest.update(_stat_line(path, root))
    digest.update(_code_fingerprint().encode())
    for key in sorted(os.environ):
        if key.startswith(ENV_PREFIXES) and key not in ENV_IGNORED:
            digest.update(f"{key}={hashlib.sha256(os.environ[key].encode()).hexdigest()}\n".encode())
    return digest.hexdigest()


def unchanged(root: Path, phase: str, review: Path | None = None) -> LastRun | None:
    """The last run's record when nothing it read has changed since; None otherwise."""
    record = _record(root)
    if record is None or record.phase != phase or record.fingerprint != fingerprint(root, phase, review):
        return None
    return record


def last_run(root: Path) -> tuple[LastRun, bool] | None:
    """The last finished run's record and whether nothing it read has changed since; None without one."""
    record = _record(root)
    if record is None:
        return None
    review = Path(record.review) if record.review else None
    return record, record.fingerprint == fingerprint(root, record.phase, review)


def _record(root: Path) -> LastRun | None:
    try:
        return LastRun(**json.loads((Path(root) / RECORD).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def forget(root: Path) -> int:
    """Drop the record (a run starts); returns where the call log ends now, for :func:`remember`."""
    with contextlib.suppress(FileNotFoundError):
        (Path(root) / RECORD).unlink()
    try:
        return (Path(root) / CALLS).stat().st_size
    except OSError:
        return 0


def remember(root: Path, phase: str, review: Path | None, summary: str, calls_from: int) -> bool:
    """Record a finished run, unless a model call in it fell back (then the next run should ask again)."""
    if _fell_back_since(Path(root) / CALLS, calls_from):
        return False
    record = LastRun(
        phase=phase,
        fingerprint=fingerprint(root, phase, review),
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        summary=summary,
        review=str(Path(review).resolve()) if review is not None else None,
    )
    path = Path(root) / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(asdict(record), ensure_ascii=False, indent=2))
    return True


def _project_files(root: Path, skip: set[str] = SKIPPED_DIRS) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        found += [Path(folder) / name for name in sorted(files)]
    return found


def _stat_line(path: Path, root: Path) -> bytes:
    try:
        info = path.lstat()
    except OSError:
        return f"{path.relative_to(root)} -\n".encode()
    return f"{path.relative_to(root)} {info.st_size} {info.st_mtime_ns}\n".encode()


_code: dict[str, str] = {}


def _code_fingerprint() -> str:
    """Samen's own code and prompts as installed here: a changed rule or prompt is a reason to run."""
    if "value" not in _code:
        repo = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for name in CODE_DIRS:
            for path in _project_files(repo / name):
                if path.suffix in (".py", ".md", ".yaml", ".j2", ".json"):
                    digest.update(_stat_line(path, repo))
        _code["value"] = digest.hexdigest()
    return _code["value"]


def _content_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "-"


def _fell_back_since(calls: Path, offset: int) -> bool:
    try:
        with calls.open("rb") as handle:
            handle.seek(offset)
            tail = handle.read()
    except OSError:
        return False
    for line in tail.splitlines():
        with contextlib.suppress(ValueError):
            if json.loads(line).get("status") == "fallback":
                return True
    return False
