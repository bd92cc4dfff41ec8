"""What reading skips, and why, is summed up in `samen status` (and its --json), before and after a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from artefacts.store import Workspace
from flows.scaffold import scaffold
from flows.status import project_status


def bad_project(tmp_path: Path) -> Path:
    root = tmp_path / "vereniging"
    scaffold(root, name="Buurtvereniging De Linde", language="en")
    (tmp_path / "secret.txt").write_text("hunter2\n", encoding="utf-8")
    (root / "interviews" / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(root / "interviews" / "pipe.vtt")
    (root / "interviews" / "fine.txt").write_text(
        "Interviewer: Hi?\nAda Lee: Hello there.\n", encoding="utf-8"
    )
    (root / "interviews" / "alias.txt").symlink_to(root / "interviews" / "fine.txt")  # read once: no loss
    (root / "surveys" / "answers.csv").write_text("Timestamp;Question\n", encoding="utf-8")
    return root


def test_status_names_each_skipped_file_with_why(tmp_path: Path) -> None:
    report = project_status(Workspace(bad_project(tmp_path)), "en")
    assert len(report.skipped) == 3
    said = "\n".join(report.skipped)
    assert "interviews/passwd.txt: a link to" in said and "outside the project" in said
    assert "interviews/pipe.vtt: not a regular file but a FIFO" in said
    assert "surveys/answers.csv:1: only a header row" in said
    assert report.warnings[0].startswith("reading skips 3 file(s)")


def test_samen_status_prints_the_summary(tmp_path: Path) -> None:
    from flows.cli import app

    root = bad_project(tmp_path)
    shown = CliRunner().invoke(app, ["status", "--project", str(root)])
    assert shown.exit_code == 0, shown.output
    assert "reading skips 3 file(s)" in shown.output and "passwd.txt" in shown.output
    as_json = CliRunner().invoke(app, ["status", "--project", str(root), "--json"])
    assert len(json.loads(as_json.stdout)["skipped"]) == 3


def test_nothing_skipped_says_nothing(tmp_path: Path) -> None:
    scaffold(tmp_path / "p", name="Bond", language="nl")
    report = project_status(Workspace(tmp_path / "p"), "nl")
    assert report.skipped == [] and report.warnings == []
