"""A temporary Prefect server whose run was killed is found and stopped; one whose run lives is not."""

from __future__ import annotations

import os
import subprocess
import sys

from flows.temporary_server import MARK, find_orphans, stop_orphans

# looks like Prefect's temporary server to the sweep: its app in the command line, its marks in the env
FAKE_SERVER = [sys.executable, "-c", "import time; time.sleep(120)", "prefect.server.api.server:create_app"]


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


def _server(run_pid: int, *, ephemeral: str = "1") -> subprocess.Popen[bytes]:
    env = {**os.environ, MARK: str(run_pid), "PREFECT__SERVER_EPHEMERAL": ephemeral}
    return subprocess.Popen(FAKE_SERVER, env=env)


def test_a_server_whose_run_is_gone_is_stopped_and_reported():
    dead = _dead_pid()
    orphan = _server(dead)
    living = _server(os.getpid())  # its run (this test) still runs
    dedicated = _server(dead, ephemeral="0")  # `prefect server start`: not Samen's to stop
    try:
        stopped = {o.pid: o.run_pid for o in stop_orphans(grace=5)}  # (other users' orphans may be there)
        assert stopped.get(orphan.pid) == dead
        assert living.pid not in stopped and dedicated.pid not in stopped
        assert orphan.wait(timeout=10) is not None
        assert living.poll() is None and dedicated.poll() is None
        assert orphan.pid not in {o.pid for o in find_orphans()}
    finally:
        for process in (orphan, living, dedicated):
            process.kill()
            process.wait()


def test_every_run_marks_its_environment_with_its_own_process_id():
    import flows.runtime  # noqa: F401 - configures the process on import

    assert os.environ[MARK] == str(os.getpid())
