"""`samen run` on a project where nothing changed: it says so and repeats the last summary, without
starting Prefect; anything a run reads that changes makes the next run run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from flows import up_to_date
from flows.cli import run_cli

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(
        REPO / "examples" / "nl-trainers", root, ignore=shutil.ignore_patterns(".samen", "artefacts")
    )
    (root / ".samen" / "edits").mkdir(parents=True)
    (root / ".samen" / "audit.jsonl").write_text('{"line": 1}\n', encoding="utf-8")
    return root


def _recorded(project: Path, summary: str = "needs-map v1: …") -> None:
    offset = up_to_date.forget(project)
    assert up_to_date.remember(project, "initiative", None, summary, offset)


def _later(path: Path) -> None:
    """Change a file's modification time the way an edit a moment later would."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))


def test_an_unchanged_project_matches_its_record(project):
    _recorded(project, "the summary")
    record = up_to_date.unchanged(project, "initiative")
    assert record is not None and record.summary == "the summary"
    assert up_to_date.unchanged(project, "concept") is None  # another phase was not run
    assert up_to_date.unchanged(project, "initiative", review=project / "review.yaml") is None


@pytest.mark.parametrize(
    "change",
    [
        lambda p: shutil.copy(
            p / "interviews" / sorted(os.listdir(p / "interviews"))[0], p / "interviews" / "new.txt"
        ),
        lambda p: _later(p / "samen.yaml"),
        lambda p: (p / ".samen" / "audit.jsonl").open("a").write('{"line": 2}\n'),  # an approval, a decision
        lambda p: (p / ".samen" / "edits" / "needs-map.jsonl").write_text("{}\n"),  # a reviewer's edit
        lambda p: (p / ".samen" / "gate.json").write_text("{}"),
        lambda p: (p / "interviews" / sorted(os.listdir(p / "interviews"))[0]).unlink(),
    ],
    ids=[
        "interview added",
        "samen.yaml edited",
        "audit line",
        "needs edit",
        "gate record",
        "interview removed",
    ],
)
def test_what_a_run_reads_changing_means_it_runs_again(project, change):
    _recorded(project)
    change(project)
    assert up_to_date.unchanged(project, "initiative") is None


def test_what_runs_derive_or_log_does_not_count(project):
    _recorded(project)
    state = project / ".samen"
    for folder in ("chroma", "embeddings", "results", "cache", "web"):
        (state / folder).mkdir(exist_ok=True)
        (state / folder / "x.bin").write_bytes(b"derived")
    (state / "run.lock").write_text("")
    (state / "calls.jsonl").write_text('{"status": "cached"}\n')
    assert up_to_date.unchanged(project, "initiative") is not None


def test_a_setting_in_the_environment_counts(project, monkeypatch):
    _recorded(project)
    monkeypatch.setenv("SAMEN_MODEL", "another-model")
    assert up_to_date.unchanged(project, "initiative") is None


def test_a_run_whose_model_call_fell_back_leaves_no_record(project):
    offset = up_to_date.forget(project)
    with (project / ".samen" / "calls.jsonl").open("a") as log:
        log.write(json.dumps({"status": "model"}) + "\n" + json.dumps({"status": "fallback"}) + "\n")
    assert not up_to_date.remember(project, "initiative", None, "summary", offset)
    assert up_to_date.unchanged(project, "initiative") is None
    # a fallback of an earlier run, before this one started, does not count against it
    offset = up_to_date.forget(project)
    assert up_to_date.remember(project, "initiative", None, "summary", offset)


def test_a_run_that_starts_forgets_the_record_so_a_killed_one_leaves_none(project):
    _recorded(project)
    up_to_date.forget(project)
    assert up_to_date.unchanged(project, "initiative") is None


def test_the_command_says_nothing_changed_and_repeats_the_summary_without_running(
    project, capsys, monkeypatch
):
    _recorded(project, "needs-map v1: artefacts/1-initiative/needs-map.v1.md")
    import flows.pipeline

    def fail(*args, **kwargs):  # pragma: no cover - reached only when the check is wrong
        raise AssertionError("the phase ran")

    monkeypatch.setattr(flows.pipeline, "run_phases", fail)
    assert run_cli(["run", "initiative", "--project", str(project)]) == 0
    captured = capsys.readouterr()
    assert "er is niets veranderd sinds de vorige run van `initiative`" in captured.err
    assert "--force" in captured.err
    assert "needs-map v1: artefacts/1-initiative/needs-map.v1.md" in captured.out


def test_samen_status_says_whether_the_last_run_is_still_current_and_where_runs_go(
    project, capsys, monkeypatch, tmp_path
):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))  # no server of Samen's there
    for name in ("PREFECT_API_URL", "PREFECT_PROFILE", "SAMEN_PREFECT_SERVER", "SAMEN_PREFECT_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)
    (project / ".samen" / "audit.jsonl").unlink()  # the fixture's stand-in line is not a real audit entry
    review = project / "review.yaml"
    offset = up_to_date.forget(project)
    assert up_to_date.remember(project, "initiative", review, "needs-map v1", offset)

    def status() -> str:
        assert run_cli(["status", "--project", str(project)]) == 0
        return " ".join(capsys.readouterr().out.split())  # the terminal wraps long lines

    said = status()
    assert "runs: de vorige run, `initiative`" in said and "herhaalt alleen zijn samenvatting" in said
    assert "er draait geen Prefect-server voor Samen" in said
    _later(project / "samen.yaml")
    said = status()
    assert "doet het werk opnieuw" in said and "herhaalt alleen" not in said

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert "Prefect-server die je hebt ingesteld (PREFECT_API_URL): http://127.0.0.1:9/api" in status()
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("SAMEN_PREFECT_SERVER", "temporary")
    assert "vraagt om een tijdelijke Prefect-server per run" in status()
