"""The evaluation runner: columns from the options, drafts shared between cases, the report (JSON, HTML,
terminal), the baseline check, compare, and ``samen eval`` itself."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from agents.shared.prompting import load_prompt, prompt_versions
from artefacts.errors import ConfigError
from evaluations.baseline import check, read_baseline, updated, write_baseline
from evaluations.cases import load_file
from evaluations.columns import Column, make_columns
from evaluations.compare import compare
from evaluations.html_matrix import report_html
from evaluations.report import CaseInfo, CellResult, ColumnInfo, Report, Usage
from evaluations.runner import RunOptions, run_cases
from evaluations.subject import Outcome
from flows.cli import run_cli

CASES = """\
description: en-makers, two agents, with the fast embedder
defaultTest:
  vars: {project: examples/en-makers, embedder: hashing}
  assert: [{type: is-valid-schema}, {type: quotes-grounded}]
tests:
  - id: needs
    description: "a <script> in a description stays text"
    target: needs-map
    assert: [{type: cluster-ari, threshold: 0.0}, {type: llm-rubric, value: Names needs.}]
  - id: champions
    target: champions
    assert: [{type: champions-recall, value: 5}]
  - id: launch
    target: launch-plan
    assert: [{type: references-valid}, {type: contains, value: "no such words anywhere"}]
"""


def test_columns_put_the_offline_row_beside_a_model_and_one_column_per_prompt_version():
    assert make_columns() == [Column()]
    columns = make_columns(
        ["openai"], ["needs_coding=v1", "needs_coding=v2"], model="m", base_url="http://h:1/v1"
    )
    assert [c.label for c in columns] == ["offline", "openai:m needs_coding=v1", "openai:m needs_coding=v2"]
    assert columns[1].settings().name == "openai-compatible" and columns[1].host == "http://h:1"
    mixed = make_columns(["openai"], ["needs_coding=v1", "needs_naming=v1", "needs_coding=v2"], model="m")
    assert [dict(c.prompt_versions) for c in mixed[1:]] == [
        {"needs_coding": "v1", "needs_naming": "v1"},
        {"needs_coding": "v2", "needs_naming": "v1"},
    ]


@pytest.mark.parametrize(
    ("providers", "versions", "said"),
    [
        (["chatgpt"], [], "is not a provider"),
        ([], ["needs_coding:v1"], "is not AGENT=vN"),
        ([], ["needs_coding=v9"], "does not exist"),
        (
            [],
            ["concepts=v2"],
            "does not give",
        ),  # v2 renders retrieved notes: only the step with a store gives them
    ],
)
def test_a_column_that_cannot_be_asked_is_a_clear_error(providers, versions, said):
    with pytest.raises(ConfigError, match=said):
        make_columns(providers, versions)


def test_a_chosen_prompt_version_is_what_the_agents_load_inside_the_block_only():
    latest = load_prompt("needs_coding").version
    with prompt_versions({"needs_coding": "v1"}):
        assert load_prompt("needs_coding").version == "v1"
        assert load_prompt("needs_coding", "v2").version == "v1"
        assert load_prompt("needs_naming").version == load_prompt("needs_naming", None).version
    assert load_prompt("needs_coding").version == latest


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    folder = tmp_path_factory.mktemp("cases")
    (folder / "two.yaml").write_text(CASES, encoding="utf-8")
    options = RunOptions(out_dir=folder / "reports", jobs=2, repeat=2)
    return run_cases(load_file(folder / "two.yaml"), options)


def test_cases_share_their_drafts_each_phase_drafted_once(report: Report):
    phases = [d.phase for d in report.drafts]
    assert phases == ["initiative", "concept", "test", "core-group", "strategy", "plan", "launch"]
    assert all(d.error is None and d.usage == Usage() for d in report.drafts)
    assert report.repeat == 2 and any("deterministic" in note for note in report.notes)
    assert len(report.results) == 6  # three cases, one column, two repeats (read from one draft)


def test_a_cell_passes_fails_or_skips_by_its_assertions_and_says_why(report: Report):
    needs = report.cell("two#needs", "offline")
    assert needs is not None and needs.status == "pass" and needs.drafted_by == "deterministic"
    assert [o.status for o in needs.outcomes] == ["pass", "pass", "pass", "skip"]
    launch = report.cell("two#launch", "offline")
    assert launch is not None and launch.status == "fail" and launch.score == pytest.approx(0.75)
    metrics = report.metrics()["offline"]
    assert metrics["llm-rubric"].pass_rate is None and metrics["llm-rubric"].skipped == 2
    assert metrics["contains"].pass_rate == 0.0 and metrics["drafted"].pass_rate == 1.0
    assert [row.gold_set for row in report.model_path] == ["en-makers (hashing)"]  # not the product's e5


def test_the_report_round_trips_as_json_and_the_html_escapes_what_cases_and_drafts_say(
    report: Report, tmp_path
):
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report
    page = report_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("<tr") >= len(report.cases) * report.repeat + 1


def _report(run_id: str, label: str, statuses: dict[str, str], ari: float, cost: float) -> Report:
    results = [
        CellResult(
            case=case,
            column=label,
            status=status,  # type: ignore[arg-type]
            outcomes=[Outcome(type="cluster-ari", metric="cluster-ari", status=status, score=ari)],  # type: ignore[arg-type]
            usage=Usage(tokens_in=100, cost=cost),
        )
        for case, status in statuses.items()
    ]
    return Report(
        run_id=run_id,
        at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        columns=[ColumnInfo(label=label, provider="openai-compatible")],
        cases=[CaseInfo(id=c, description="", target="needs-map", project="p") for c in statuses],
        results=results,
    )


def test_the_baseline_check_fails_a_drop_and_says_what_it_did_not_check(tmp_path):
    before = _report("a", "offline", {"x#1": "pass", "x#2": "pass"}, 0.3, 0.0)
    baseline = updated(before, {})
    path = tmp_path / "baseline.yaml"
    write_baseline(baseline, path)
    assert read_baseline(path) == {"offline": {"cluster-ari": 1.0, "drafted": 1.0}}
    assert check(before, read_baseline(path)).ok
    after = _report("b", "offline", {"x#1": "pass", "x#2": "fail"}, 0.2, 0.0)
    result = check(after, {"offline": {"cluster-ari": 1.0, "need-coverage": 1.0}, "other": {"x": 1.0}})
    assert not result.ok and result.dropped == [("offline", "cluster-ari", 0.5, 1.0)]
    assert result.not_run == [("offline", "need-coverage")]
    model = _report("c", "openai:m", {"x#1": "pass"}, 0.2, 0.0)
    assert check(model, baseline).unchecked_columns == ["openai:m"]


def test_compare_shows_flips_score_deltas_and_cost_and_pairs_the_columns_that_differ():
    a = _report("a", "m needs_coding=v1", {"x#1": "pass", "x#2": "fail"}, 0.30, 0.01)
    b = _report("b", "m needs_coding=v2", {"x#1": "pass", "x#2": "pass"}, 0.42, 0.02)
    result = compare(a, b)
    assert result.pairs == [("m needs_coding=v1", "m needs_coding=v2")]
    assert [(f.case, f.metric, f.before, f.after) for f in result.flips] == [
        ("x#2", "", "fail", "pass"),
        ("x#2", "cluster-ari", "fail", "pass"),
    ]
    assert {(s.case, round(s.delta, 2)) for s in result.scores} == {("x#1", 0.12), ("x#2", 0.12)}
    assert result.metrics == [("m needs_coding=v1 → m needs_coding=v2", "cluster-ari", 0.5, 1.0)]


def test_samen_eval_writes_the_reports_and_check_exits_1_below_the_baseline(tmp_path, capsys):
    (tmp_path / "two.yaml").write_text(CASES, encoding="utf-8")
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text("offline:\n  contains: 1.0\n  cluster-ari: 1.0\n", encoding="utf-8")
    out = tmp_path / "reports"
    code = run_cli(
        [
            "eval",
            "--cases",
            str(tmp_path / "two.yaml"),
            "--out",
            str(out),
            "--check",
            "--baseline",
            str(baseline),
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "offline: contains passes 0%, the baseline accepts 100%" in captured.err
    assert "1 metric(s) below the baseline" in captured.err
    assert "two#needs" in captured.out and "What failed, and why:" in captured.out
    runs = [p for p in out.iterdir() if p.is_dir()]
    assert len(runs) == 1 and (runs[0] / "report.html").is_file() and (out / "report.json").is_file()
    assert "| offline |" in (runs[0] / "report.md").read_text(encoding="utf-8")

    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["run_id"] == runs[0].name
    code = run_cli(["eval", "compare", runs[0].name, str(out / "report.json"), "--out", str(out)])
    assert code == 0 and "0 cell(s) flipped" in capsys.readouterr().out


def test_samen_eval_update_baseline_then_check_passes(tmp_path, capsys):
    (tmp_path / "two.yaml").write_text(CASES, encoding="utf-8")
    baseline = tmp_path / "baseline.yaml"
    args = [
        "eval",
        "--cases",
        str(tmp_path / "two.yaml"),
        "--out",
        str(tmp_path / "r"),
        "--baseline",
        str(baseline),
    ]
    assert run_cli([*args, "--update-baseline"]) == 0
    assert run_cli([*args, "--check"]) == 0
    assert "every metric at or above the baseline" in capsys.readouterr().err
    assert read_baseline(baseline)["offline"]["contains"] == 0.0


def test_an_unknown_report_is_one_clear_error(tmp_path, capsys):
    assert run_cli(["eval", "compare", "nope", "nada", "--out", str(tmp_path)]) == 1
    assert "no evaluation report 'nope'" in capsys.readouterr().err


def test_the_examples_are_never_written_to(report: Report):
    root = Path(__file__).resolve().parent.parent / "examples" / "en-makers"
    assert not (root / ".samen").exists() and not (root / "artefacts").exists()
