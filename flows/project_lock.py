"""One run at a time per project: ``.samen/run.lock``, held with ``flock`` while a phase runs.

A second ``samen run`` on the same project either refuses at once, saying which run holds the project
(process, command, since when), or, with ``--queue``, waits until that run ends. The lock is the kernel's:
it goes with the process that holds it, so a run that was killed leaves nothing to clean up. What it
records about its holder is only for the message.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from artefacts.catalogue import text
from artefacts.errors import ProjectBusyError

LOCK_FILE = Path(".samen") / "run.lock"
POLL_SECONDS = 0.5


def lock_path(root: Path) -> Path:
    return Path(root).resolve() / LOCK_FILE


@contextlib.contextmanager
def project_lock(
    root: Path, language: str, *, queue: bool = False, say: Callable[[str], object] | None = None
) -> Iterator[None]:
    """Hold the project's run lock for the block. Without ``queue`` a held lock is a ProjectBusyError
    naming the run that holds it; with it, ``say`` (if given) is told once whom this run waits for, and
    the block starts when that run ends."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, as for the audit log
        yield
        return
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(path, language)
                if not queue:
                    raise ProjectBusyError(
                        text(language, "project_lock.busy").format(holder=holder),
                        path=Path(root),
                        hint=text(language, "project_lock.busy_hint"),
                    ) from None
                if say is not None and not told:
                    say(text(language, "project_lock.waiting").format(holder=holder))
                    told = True
                time.sleep(POLL_SECONDS)
        _record_holder(fd)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _record_holder(fd: int) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": " ".join(["samen", *sys.argv[1:]]) if sys.argv else "samen",
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"), 0)


def _holder(path: Path, language: str) -> str:
    """Who holds the lock, in words; "another run" when its note cannot be read (it is being written)."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        holder = {}
    if not isinstance(holder, dict) or "pid" not in holder:
        return text(language, "project_lock.someone")
    since = str(holder.get("since", ""))
    with contextlib.suppress(ValueError):
        since = f"{datetime.fromisoformat(since).astimezone():%Y-%m-%d %H:%M}"
    return text(language, "project_lock.holder").format(
        command=holder.get("command", "samen"), pid=holder["pid"], host=holder.get("host", "?"), since=since
    )
