"""Phases 1 and 2 on the Dutch example with its recorded reviews: up to the gate, then through it."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from artefacts.store import Workspace
from artefacts.survey import GoNoGoAdvice, SurveyResults
from tests.builders import on_hashing_embedder

pytestmark = pytest.mark.slow


def flat(text: str) -> str:
    return " ".join(text.split())  # the terminal wraps long lines


def test_run_all_stops_at_the_gate_and_continues_after_the_recorded_go(prefect_api, tmp_path, examples_dir):
    from flows.cli import app

    root = tmp_path / "nl-trainers"
    shutil.copytree(examples_dir / "nl-trainers", root)
    on_hashing_embedder(root)  # the flow is under test here; the needs and the columns on e5 elsewhere
    runner = CliRunner()
    review = str(root / "review.yaml")
    first = runner.invoke(app, ["run", "all", "--project", str(root), "--review", review])
    assert first.exit_code == 0, first.output
    said = flat(first.output)
    assert (
        "besluit nodig bij de go/no-go-poort over concept C1" in said
        and "samen decide go|no-go|revise" in said
    )
    ws = Workspace(root)
    assert ws.path("questionnaire", 1, ".csv").exists() and ws.path("questionnaire", 1, ".form.json").exists()
    assert ws.path("survey-results", 1, ".html").exists()
    results = ws.load("survey-results")
    advice = ws.load("go-no-go-advice")
    assert isinstance(results, SurveyResults) and isinstance(advice, GoNoGoAdvice)
    remarks = next(m for m in results.mapping if m.column == "Opmerkingen voor de bond")
    assert results.respondents == 92 and results.unmapped_columns == [] and remarks.block == "open"
    assert (ws.root / "surveys" / "mapping.yaml").is_file()  # the proposal, for the user to correct
    assert advice.recommendation == "go"  # the truth in make_surveys.py clears every threshold
    refused = runner.invoke(app, ["run", "core-group", "--project", str(root)])
    assert refused.exit_code != 0 and "heeft een vastgelegde go" in str(refused.exception)

    replayed = runner.invoke(app, ["replay", review, "--project", str(root)])
    assert replayed.exit_code == 0 and "vastgelegd: go voor concept C1" in flat(replayed.output)
    second = runner.invoke(app, ["run", "all", "--project", str(root)])
    assert second.exit_code == 0, second.output
    # past the gate phase 3 drafts (the recorded review approved phase 1) and waits for its approvals
    said = flat(second.output)
    assert "core-group v1" in said and "samen approve core-group" in said and "gestopt vóór" not in said
