"""The model path measured by ``samen eval --provider openai --base-url URL --model M``, against the loopback
server playing a scripted model (``tests/fakes/scripted_model.py``): the model's row next to the offline row
per gold set, calls, tokens and cost, answers cached, nothing personal sent, and a prompt version's effect."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from evaluations.cases import load_file
from evaluations.columns import make_columns
from evaluations.drafting import Drafts
from evaluations.projects import Setup
from evaluations.report import Report
from evaluations.runner import RunOptions, run_cases
from flows.cli import run_cli
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import OpenAIServer, Reply
from tests.fakes.scripted_model import QUESTION_RULE, answer

CASES = """\
description: en-makers with a model
defaultTest:
  vars: {project: examples/en-makers, embedder: hashing}
  assert: [{type: is-valid-schema}, {type: quotes-grounded}, {type: references-valid}, {type: no-pii}]
tests:
  - id: needs
    target: needs-map
    assert: [{type: cluster-ari, threshold: 0.0}, {type: language}]
  - id: concepts
    target: concept-hypotheses
  - id: launch
    target: launch-plan
    assert: [{type: llm-rubric, value: The announcement invites volunteers.}]
"""
PRIVATE = ("Priya", "Shah", "Gareth", "Margaret Ellis", "07700 900123", "priya.shah@eastgatefixers.org.uk")


@pytest.fixture()
def scripted(openai_server: OpenAIServer) -> OpenAIServer:
    openai_server.always = Reply.compute(answer)
    return openai_server


def _run(
    server: OpenAIServer, folder: Path, versions: list[str] | None = None, cache: Path | None = None
) -> Report:
    (folder / "cases.yaml").write_text(CASES, encoding="utf-8")
    columns = make_columns(
        ["openai"], versions or [], model="scripted", base_url=server.url, timeout_seconds=10
    )
    options = RunOptions(
        columns=columns, out_dir=folder / "reports", call_cache=cache or folder / "llm", price=(1.0, 2.0)
    )
    return run_cases(load_file(folder / "cases.yaml"), options)


def test_the_model_row_sits_next_to_the_offline_row_with_calls_tokens_and_cost(scripted, tmp_path):
    report = _run(scripted, tmp_path)
    offline, model = report.model_path
    assert (offline.column, offline.drafted_by, offline.usage.calls) == ("offline", "deterministic", 0)
    assert model.column == "openai:scripted" and model.drafted_by == "model" and model.fallback is None
    assert model.usage.calls >= 3 and model.usage.tokens_in > 0 and model.usage.cost and model.usage.cost > 0
    assert model.grounding_failures == 0 and model.gold_needs == 6
    needs = report.cell("cases#needs", "openai:scripted")
    assert needs is not None and needs.status == "pass" and needs.drafted_by == "model"
    concepts = report.cell("cases#concepts", "openai:scripted")
    assert (
        concepts is not None
        and concepts.status == "pass"
        and "scripted model has no answer" in str(concepts.fallback)
    )
    rubric = {c.column: c.outcomes[-1].status for c in report.results if c.case == "cases#launch"}
    assert rubric == {"offline": "skip", "openai:scripted": "pass"}
    sent = scripted.sent_text()
    assert "Code each statement" in sent and [p for p in PRIVATE if p in sent] == []


def test_a_rerun_asks_again_only_what_fell_back_and_still_counts_what_the_answers_cost(scripted, tmp_path):
    first = _run(scripted, tmp_path)
    asked = len(scripted.requests)
    again = _run(scripted, tmp_path)
    retried = [str(r["messages"][1]["content"])[:30] for r in scripted.requests[asked:]]
    assert not [text for text in retried if text.startswith(("Code each", "Group these", "Name the need"))]
    before, after = first.usage("openai:scripted"), again.usage("openai:scripted")
    assert after.cached == before.calls - before.fallbacks and after.calls == before.fallbacks
    needs_before, needs_after = first.model_path[1].usage, again.model_path[1].usage
    assert needs_after.calls == 0 and needs_after.spent_in == 0
    assert (needs_after.tokens_in, needs_after.cost) == (needs_before.tokens_in, needs_before.cost)


def test_what_each_phase_sent_is_recorded_for_the_no_pii_check(scripted, tmp_path):
    (tmp_path / "cases.yaml").write_text(CASES, encoding="utf-8")
    case = load_file(tmp_path / "cases.yaml")[0]
    column = make_columns(["openai"], model="scripted", base_url=scripted.url)[1]
    from agents.shared.providers import make_chat_model

    with tempfile.TemporaryDirectory() as work:
        drafts = Drafts(
            Path(work), embed_cache=None, call_cache=None, models={column: make_chat_model(column.settings())}
        )
        _, phase = drafts.phase(Setup.of(case.vars), column, 0, "needs-map")
    assert any("Code each statement" in text for text in phase.sent) and phase.calls


def test_a_prompt_version_per_column_shows_what_the_prompt_change_does(scripted, tmp_path):
    report = _run(scripted, tmp_path, ["needs_coding=v2", "needs_coding=v3"])
    rows = {row.column: row for row in report.model_path}
    v2, v3 = rows["openai:scripted needs_coding=v2"], rows["openai:scripted needs_coding=v3"]
    systems = [
        str(r["messages"][0]["content"]) for r in scripted.requests if "Code each" in str(r["messages"][1])
    ]
    with_rule = [s for s in systems if QUESTION_RULE in s]
    assert with_rule and len(with_rule) * 2 == len(systems)  # each version coded every statement once
    assert v3.usage.tokens_in > v2.usage.tokens_in  # the longer prompt
    assert v3.ari != v2.ari  # the scripted model follows v3's rule: the matrix shows the effect


def test_samen_eval_with_a_base_url_and_a_model_prints_the_model_path(scripted, tmp_path, capsys):
    (tmp_path / "cases.yaml").write_text(CASES, encoding="utf-8")
    args = ["eval", "--cases", str(tmp_path / "cases.yaml"), "--out", str(tmp_path / "r"), "--provider", "openai",
            "--base-url", scripted.url, "--model", "scripted", "--price-in", "0.15", "--price-out", "0.6"]  # fmt: skip
    assert run_cli(args) == 0
    out = capsys.readouterr().out
    assert "The needs map per gold set" in out and "openai:scripted" in out and "deterministic" in out
    assert "en-makers (hashing)" in out and "$0.0" in out
