"""One run at a time per project: a second run refuses and names the first, or queues behind it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from artefacts.errors import ProjectBusyError
from flows.cli import run_cli
from flows.project_lock import lock_path, project_lock
from flows.scaffold import scaffold

REPO = Path(__file__).resolve().parent.parent

HOLDER = """
import sys, time
from pathlib import Path
from flows.project_lock import project_lock
with project_lock(Path(sys.argv[1]), "en"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
    (Path(sys.argv[1]) / "holder-done").write_text("done")  # the last thing before letting go
"""


def _hold(project: Path, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(project), str(seconds)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    scaffold(tmp_path / "p", name="De Bond", language="nl", country="NL")
    return tmp_path / "p"


def test_a_second_run_refuses_and_names_the_run_that_holds_the_project(project, capsys):
    holder = _hold(project, 30)
    try:
        code = run_cli(["run", "initiative", "--project", str(project)])
        err = capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert "er werkt al een andere run aan dit project" in err
    assert f"proces {holder.pid}" in err and "--queue" in err
    assert "Traceback" not in err


def test_with_queue_a_run_says_whom_it_waits_for_and_starts_when_that_run_ends(project):
    holder = _hold(project, 1.5)
    told: list[str] = []
    with project_lock(project, "en", queue=True, say=told.append):
        began_after_the_holder = (project / "holder-done").exists()
    holder.wait()
    assert began_after_the_holder
    assert len(told) == 1 and f"process {holder.pid}" in told[0]


def test_a_killed_run_leaves_no_lock_behind(project):
    holder = _hold(project, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with project_lock(project, "en"):  # not busy: the kernel let go with the process
        assert lock_path(project).exists()


def test_the_lock_is_per_project_and_released_after_the_block(tmp_path, project):
    other = tmp_path / "other"
    scaffold(other, name="Other", language="en", country="GB")
    with project_lock(project, "nl"), project_lock(other, "en"):
        with pytest.raises(ProjectBusyError) as busy, project_lock(project, "nl"):  # a second descriptor
            pass
        assert f"proces {os.getpid()}" in str(busy.value)
    with project_lock(project, "nl"):  # released at the end of the block above
        assert lock_path(project).read_text(encoding="utf-8").count(str(os.getpid())) == 1
