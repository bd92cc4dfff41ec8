"""Samen on many machines, on loopback: a Prefect server, a `samen` work pool with the deployments of
prefect.yaml, a process worker, and a chromadb server. A phase started as a deployment run with the
project as parameter drafts the artefacts in the project folder and keeps the notes on the chroma server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows import resident_server
from flows.deployments import project_path
from tests.builders import on_hashing_embedder

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_a_deployment_run_names_its_project_under_the_shared_storage(tmp_path, monkeypatch):
    (tmp_path / "sportbond").mkdir()
    (tmp_path / "sportbond" / "samen.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.setenv("SAMEN_PROJECTS", str(tmp_path))
    assert project_path("sportbond") == (tmp_path / "sportbond").resolve()
    assert project_path(str(tmp_path / "sportbond")) == (tmp_path / "sportbond").resolve()
    with pytest.raises(Exception, match="samen.yaml") as raised:
        project_path("elsewhere")
    assert "SAMEN_PROJECTS" in str(getattr(raised.value, "hint", ""))


def test_prefect_yaml_has_a_deployment_per_phase_of_one_flow():
    import yaml

    from artefacts.phases import PHASES

    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {*PHASES, "all"}
    for name, deployment in deployments.items():
        assert deployment["entrypoint"] == "flows/deployments.py:samen_phase"
        assert deployment["parameters"] == {"phase": name}
        assert deployment["work_pool"]["name"] == "samen"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _api(url: str, path: str, body: dict[str, object] | None = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{url}{path}", data=data, method="GET" if body is None else "POST",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


@pytest.mark.slow
def test_a_worker_runs_a_phase_as_a_deployment_run_with_chroma_as_a_server(prefect_home, tmp_path):
    storage, chroma_dir = tmp_path / "projects", tmp_path / "chroma"
    project = storage / "makers"
    shutil.copytree(
        REPO / "examples" / "en-makers", project, ignore=shutil.ignore_patterns(".samen", "artefacts")
    )
    on_hashing_embedder(project)  # the orchestration is under test here, not the needs
    server = resident_server.start_or_reuse()
    assert server is not None
    chroma_port = _free_port()
    chroma = subprocess.Popen(
        [str(BIN / "chroma"), "run", "--path", str(chroma_dir), "--host", "127.0.0.1", "--port", str(chroma_port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    worker: subprocess.Popen[bytes] | None = None
    info = server.wait()
    env = {k: v for k, v in os.environ.items() if k != resident_server.OURS_ENV}
    env.update({
        "PREFECT_API_URL": info.url, "SAMEN_PROJECTS": str(storage), "PYTHONPATH": str(REPO),
        "SAMEN_CHROMA_URL": f"http://127.0.0.1:{chroma_port}", "SAMEN_PREFECT_SERVER": "temporary",
    })  # fmt: skip
    prefect = [str(BIN / "prefect")]
    try:
        pool = subprocess.run([*prefect, "work-pool", "create", "samen", "--type", "process"], env=env,
                              cwd=REPO, capture_output=True, text=True, timeout=120)  # fmt: skip
        assert pool.returncode == 0, pool.stdout + pool.stderr
        deploy = subprocess.run([*prefect, "--no-prompt", "deploy", "--all"], env=env, cwd=REPO,
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        deployments = _api(info.url, "/deployments/filter", {})
        assert isinstance(deployments, list)
        assert {d["name"] for d in deployments} >= {"initiative", "test", "launch", "all"}
        worker = subprocess.Popen([*prefect, "worker", "start", "--pool", "samen"], env=env, cwd=tmp_path,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        started = subprocess.run(
            [*prefect, "deployment", "run", "samen/initiative", "--param", "project=makers"],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert started.returncode == 0, started.stdout + started.stderr
        run_id = started.stdout.split("UUID:")[1].split()[0]
        deadline = time.monotonic() + 420
        while time.monotonic() < deadline:
            run = _api(info.url, f"/flow_runs/{run_id}")
            assert isinstance(run, dict)
            if run["state_type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                break
            time.sleep(1)
        assert run["state_type"] == "COMPLETED", run["state"]
        assert run["name"] == "Northbrook Libraries · Initiative"  # named after the project, not a pet name
        assert run["parameters"] == {"phase": "initiative", "project": "makers"}
        # the artefacts are in the shared project folder, waiting for a person's review
        assert (project / "artefacts" / "1-initiative" / "needs-map.v1.json").is_file()
        assert not (project / ".samen" / "chroma").exists()  # the notes are on the chroma server
        import chromadb

        client = chromadb.HttpClient(host="127.0.0.1", port=chroma_port)
        project_id = (project / ".samen" / "project-id").read_text(encoding="utf-8").strip()
        names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
        assert any(project_id in name for name in names), names
        # the subflow carries the project's tags, so a shared server filters one project's runs
        subflows = _api(
            info.url, "/flow_runs/filter", {"flow_runs": {"tags": {"all_": ["phase:initiative"]}}}
        )
        assert isinstance(subflows, list) and any(
            "project:northbrook-libraries" in r["tags"] for r in subflows
        )
    finally:
        if worker is not None:
            _stop(worker)
        _stop(chroma)
        resident_server.stop(info)
