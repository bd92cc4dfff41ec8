"""Prefect's temporary API server, when a run that started it was killed.

With no ``PREFECT_API_URL`` Prefect starts a temporary API server as a child process and stops it when
the run exits. A run killed outright (``kill -9``, the out-of-memory killer) cannot stop it, and the
server stays, holding a port and memory. Every run marks its environment with its process id
(``SAMEN_RUN_PID``, which the server inherits); the next ``samen run`` stops the temporary servers
whose run is gone, and says so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

MARK = "SAMEN_RUN_PID"
SERVER_APP = b"prefect.server.api.server:create_app"
PROC = Path("/proc")


@dataclass(frozen=True)
class Orphan:
    pid: int  # the server's process
    run_pid: int  # the run that started it, no longer there


def mark_this_run() -> None:
    """Mark this process's environment, so a temporary server it starts can be traced back to it."""
    os.environ[MARK] = str(os.getpid())


def find_orphans(proc: Path = PROC) -> list[Orphan]:
    """Temporary Prefect servers (of this user) whose Samen run has ended. Empty without ``/proc``."""
    found = []
    for entry in proc.glob("[0-9]*"):
        try:
            if SERVER_APP not in (entry / "cmdline").read_bytes():
                continue
            environ = dict(
                item.split(b"=", 1) for item in (entry / "environ").read_bytes().split(b"\0") if b"=" in item
            )
        except OSError:  # gone meanwhile, or another user's
            continue
        run = environ.get(MARK.encode())
        if environ.get(b"PREFECT__SERVER_EPHEMERAL") != b"1" or run is None or not run.isdigit():
            continue
        if not alive(int(run)):
            found.append(Orphan(pid=int(entry.name), run_pid=int(run)))
    return found


def stop_orphans(proc: Path = PROC, *, grace: float = 5.0) -> list[Orphan]:
    """Stop every orphaned temporary server (SIGTERM, SIGKILL after ``grace`` s); return those stopped."""
    orphans = find_orphans(proc)
    for orphan in orphans:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(orphan.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for orphan in orphans:
        while alive(orphan.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(orphan.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(orphan.pid, signal.SIGKILL)
    return orphans


def alive(pid: int, proc: Path = PROC) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        fields = (proc / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return True
    return fields[0] != "Z"
