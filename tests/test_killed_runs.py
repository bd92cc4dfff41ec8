"""Runs killed with SIGKILL, phase by phase: the next run finds no half-written file, finishes what the
killed one left undone, redoes no finished work, and stops the temporary Prefect server left behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from artefacts.base import ArtefactMeta
from artefacts.store import Workspace
from artefacts.survey import GateDecision
from flows.gatekeeper import Gatekeeper
from flows.temporary_server import find_orphans
from tests.builders import on_hashing_embedder
from tests.gate_project import approve, make_project
from tests.launch_builders import artefacts
from tests.phase45_builders import library_nl

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent


def _samen(root: Path, phase: str, *, kill_after: str | None = None, api: str | None = None):  # noqa: ANN202
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "SAMEN_TEST_KILL_AFTER")}
    env["PYTHONPATH"] = str(REPO)
    if api:
        env["PREFECT_API_URL"] = api
    if kill_after:
        env["SAMEN_TEST_KILL_AFTER"] = kill_after
    # files, not pipes: a temporary server the killed run leaves holds its end of a pipe open
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", "run", phase, "--project", str(root)],
            env=env,
            stdout=out,
            stderr=err,
            text=True,
            timeout=600,
        )
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(done.args, done.returncode, out.read(), err.read())


def _half_written(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*.tmp") if p.is_file()]


def test_phase_1_killed_while_embedding_resumes_and_stops_the_server_it_left(prefect_api, tmp_path):
    from prefect.settings import PREFECT_API_URL

    root = tmp_path / "makers"
    shutil.copytree(REPO / "examples" / "en-makers", root)
    on_hashing_embedder(root)

    killed = _samen(root, "initiative", kill_after="embedded-batch-1")  # the temporary Prefect API
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    left = [o for o in find_orphans() if o.run_pid == killed_pid(root)]
    assert left, "the killed run's temporary Prefect server should still be running"

    rerun = _samen(root, "initiative")
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "stopped a temporary Prefect server" in rerun.stderr
    assert {o.pid for o in left}.isdisjoint({o.pid for o in find_orphans()})
    assert "have their vector already" in rerun.stderr + rerun.stdout  # batch 1 was not embedded again
    assert Workspace(root).latest_version("needs-map") == 1
    assert Workspace(root).audit.verify().intact
    assert _half_written(root) == []

    # `.samen/` deleted (results, vectors and the pseudonym mapping with it): nothing cached is reused
    # without its mapping, so every pseudonym in the next draft can be traced back to a name
    shutil.rmtree(root / ".samen")
    again = _samen(root, "initiative", api=PREFECT_API_URL.value())  # no temporary server needed now
    assert again.returncode == 0, again.stderr[-3000:]
    assert "reading interviews" in again.stderr  # read again, not served from a cache
    mapping = json.loads((root / ".samen" / "pseudonyms.json").read_text(encoding="utf-8"))
    known = {person["pseudonym"] for person in mapping["people"]}
    ws = Workspace(root)
    drafted = ws.path("needs-map", ws.latest_version("needs-map")).read_text(encoding="utf-8")
    used = set(re.findall(r"\b[PIM]\d{2}\b", drafted))
    assert used and used <= known


def killed_pid(root: Path) -> int | None:
    """The pid of the killed run, as its lock note recorded it (None when it did not get that far)."""
    note = root / ".samen" / "run.lock"
    try:
        return int(json.loads(note.read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError):
        return None


PHASES = (  # phase, the artefact whose save is cut off, every artefact the phase drafts
    ("core-group", "core-group", ("core-group", "charter-draft", "stakeholder-brief")),
    ("strategy", "channel-plan", ("channel-plan",)),
    ("plan", "content-calendar", ("content-calendar", "plan-of-approach")),
    ("launch", "launch-plan", ("launch-plan",)),
)


def test_phases_3_to_6_killed_while_saving_lose_nothing_and_redo_nothing(prefect_api, tmp_path):
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    root = make_project(tmp_path)  # the Dutch trainers' project up to an approved questionnaire
    ws = Workspace(root)
    built = artefacts("nl")
    built["survey-results"].meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1}
    ws.save(built["survey-results"])
    built["go-no-go-advice"].meta.based_on = {
        "concept-hypotheses": 1,
        "questionnaire": 1,
        "survey-results": 1,
    }
    ws.save(built["go-no-go-advice"])
    gate = Gatekeeper(ws)
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg steun", concept_id="C1"),
        gate.current_basis(),
    )
    for name in ("champions", "target-groups", "persona"):
        gate.review("approved", name, by="Ann")
    needs = library_nl().artefacts["needs-map"]  # the calendar's themes come from approved needs
    version, _ = ws.save(needs.model_copy(update={"meta": ArtefactMeta(language="nl")}))
    gate.review("approved", "needs-map", by="Ann", version=version)

    for phase, cut, drafted in PHASES:
        killed = _samen(root, phase, kill_after=f"saved:{cut}.json", api=api)
        assert killed.returncode == -signal.SIGKILL, (phase, killed.stderr[-2000:])
        assert ws.path(cut, 1, ".json").exists() and not ws.path(cut, 1, ".md").exists()
        assert _half_written(root) == []

        rerun = _samen(root, phase, api=api)
        assert rerun.returncode == 0, (phase, rerun.stderr[-3000:])
        assert f"{cut} v1" in rerun.stdout and "auditlog" in rerun.stdout  # said what it completed
        for name in drafted:  # each drafted once: the cut-off version completed, not drafted again
            assert ws.versions(name) == [1], (phase, name, ws.versions(name))
            assert ws.path(name, 1, ".md").exists()
            assert [e.action for e in ws.audit.events() if e.artefact == name] == ["drafted"]
            approve(ws, name)
        assert ws.audit.verify().intact
        assert _half_written(root) == []
