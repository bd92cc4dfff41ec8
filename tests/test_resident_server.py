"""The Prefect server Samen keeps for its runs: started once, reused, replaced when stale, stopped when
idle or asked; a server the user configured wins."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows import resident_server
from tests.builders import on_hashing_embedder

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "prefect-home"
    monkeypatch.setenv("PREFECT_HOME", str(folder))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    monkeypatch.delenv(resident_server.MODE_ENV, raising=False)
    monkeypatch.delenv(resident_server.OURS_ENV, raising=False)
    return folder


def test_a_server_the_user_configured_wins(home, monkeypatch):
    home.mkdir()
    (home / "profiles.toml").write_text(
        'active = "team"\n[profiles.team]\nPREFECT_API_URL = "http://prefect.example:4200/api"\n',
        encoding="utf-8",
    )
    assert resident_server.configured_api_url() == "http://prefect.example:4200/api"
    assert resident_server.start_or_reuse() is None
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert resident_server.configured_api_url() == "http://127.0.0.1:9/api"


def test_temporary_keeps_prefects_own_server_per_run(home, monkeypatch):
    monkeypatch.setenv(resident_server.MODE_ENV, "temporary")
    assert resident_server.start_or_reuse() is None
    assert not home.exists() or not (home / resident_server.STATE_FILE).exists()


def test_a_broken_or_stale_state_file_is_not_a_server(home):
    home.mkdir()
    (home / resident_server.STATE_FILE).write_text("{not json", encoding="utf-8")
    assert resident_server.read_state() is None and resident_server.running() is None
    stale = {
        "url": "http://127.0.0.1:9/api", "pid": 2**22 + 7, "port": 9, "started": "2026-01-01T00:00:00+00:00",
        "prefect": "0", "python": sys.executable, "idle_seconds": 60.0,
    }  # fmt: skip
    (home / resident_server.STATE_FILE).write_text(json.dumps(stale), encoding="utf-8")
    assert resident_server.running() is None


@pytest.mark.slow
def test_started_once_reused_then_stopped_when_idle(prefect_home, monkeypatch):
    monkeypatch.setenv(resident_server.IDLE_ENV, "3")
    first = resident_server.start_or_reuse()
    assert first is not None and first.started_now
    info = first.wait()
    try:
        assert os.environ["PREFECT_API_URL"] == info.url
        with urllib.request.urlopen(f"{info.url}/health", timeout=5) as answer:
            assert answer.status == 200
        again = resident_server.start_or_reuse()  # a second run finds it
        assert again is not None and not again.started_now and again.info.pid == info.pid
        # nobody asks anything: it stops by itself
        deadline = time.monotonic() + 30
        while resident_server._alive(info.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not resident_server._alive(info.pid)
        assert resident_server.running() is None
        replaced = resident_server.start_or_reuse()  # the next run starts a new one
        assert replaced is not None and replaced.started_now and replaced.info.pid != info.pid
        replaced.wait()
    finally:
        for state in (resident_server.read_state(), info):
            if state is not None:
                resident_server.stop(state)
    assert resident_server.read_state() is None


@pytest.mark.slow
def test_two_runs_share_one_server_and_samen_server_stop_stops_it(prefect_home, tmp_path):
    """Two `samen run`s one after the other: the first starts the server and says so, the second uses it
    (its flow run is on the same server) and says nothing about it."""
    project = tmp_path / "p"
    shutil.copytree(
        REPO / "examples" / "nl-trainers", project, ignore=shutil.ignore_patterns(".samen", "artefacts")
    )
    on_hashing_embedder(project)  # the server is under test here, not the needs: no model to load
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", resident_server.MODE_ENV)}
    env.update({"PREFECT_HOME": str(prefect_home), "PYTHONPATH": str(REPO)})
    samen = [sys.executable, "-m", "flows.cli"]
    try:
        first = subprocess.run([*samen, "run", "initiative", "--project", str(project)], env=env,
                               capture_output=True, text=True, timeout=600)  # fmt: skip
        assert first.returncode == 0, first.stderr
        assert "Prefect-server die Samen voor zijn runs aanhoudt is gestart" in first.stderr
        info = resident_server.read_state()
        assert info is not None and resident_server._alive(info.pid)
        second = subprocess.run([*samen, "run", "initiative", "--project", str(project), "--force"], env=env,
                                capture_output=True, text=True, timeout=600)  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert "aanhoudt is gestart" not in second.stderr
        assert resident_server.read_state() == info
        request = urllib.request.Request(f"{info.url}/flow_runs/filter", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as answer:
            runs = json.loads(answer.read())
        assert len([r for r in runs if r["state_type"] == "COMPLETED"]) >= 2  # both runs' flows on it
        status = subprocess.run(
            [*samen, "server", "status"], env=env, capture_output=True, text=True, timeout=60
        )
        assert status.returncode == 0 and info.ui in status.stdout
        stop = subprocess.run([*samen, "server", "stop"], env=env, capture_output=True, text=True, timeout=60)
        assert stop.returncode == 0 and str(info.pid) in stop.stdout
        assert not resident_server._alive(info.pid)
        status = subprocess.run(
            [*samen, "server", "status"], env=env, capture_output=True, text=True, timeout=60
        )
        assert status.returncode == 1
    finally:
        state = resident_server.read_state()
        if state is not None:
            resident_server.stop(state)
