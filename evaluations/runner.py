"""Run evaluation cases and write a table, JSON and an HTML report.

    samen eval [--cases DIR] [--out DIR] [--all]

Offline cases run by default (CI gates on them); ``--all`` adds the cases that need a chat model, run
against the provider configured by SAMEN_PROVIDER / SAMEN_MODEL.
"""

from __future__ import annotations

import html
import json
import time
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from evaluations.cases import Case, load_cases
from evaluations.evaluators import EVALUATORS, Outcome, Subject
from evaluations.gold import Gold
from evaluations.phase1 import run_phase1

REPO = Path(__file__).resolve().parent.parent


class CaseReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case: str
    description: str
    passed: bool
    seconds: float
    outcomes: list[Outcome]


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: datetime
    provider: str
    cases: list[CaseReport]

    @property
    def pass_rate(self) -> float:
        return sum(c.passed for c in self.cases) / len(self.cases) if self.cases else 1.0


def run_case(case: Case, *, root: Path = REPO, cache_dir: Path | None = None, llm=None) -> CaseReport:  # noqa: ANN001
    started = time.perf_counter()
    project = root / case.vars.project
    result = run_phase1(project, embedder=case.vars.embedder, cache_dir=cache_dir, llm=llm)
    gold_path = project / case.vars.gold
    subject = Subject(result=result, gold=Gold.load(gold_path) if gold_path.exists() else None)
    outcomes = [EVALUATORS[a.type](subject, a) for a in case.assert_]
    return CaseReport(
        case=case.source,
        description=case.description,
        passed=all(o.passed for o in outcomes),
        seconds=round(time.perf_counter() - started, 1),
        outcomes=outcomes,
    )


def run_all(
    cases_dir: Path | None = None,
    *,
    include_model: bool = False,
    provider: str = "offline",
    cache_dir: Path | None = None,
    llm=None,
) -> Report:  # noqa: ANN001
    cases = [c for c in load_cases(cases_dir) if c.offline or include_model]
    reports = [run_case(c, cache_dir=cache_dir, llm=None if c.offline else llm) for c in cases]
    return Report(at=datetime.now(UTC), provider=provider, cases=reports)


def write_reports(report: Report, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "report.json"
    json_path.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
    rows = []
    for case in report.cases:
        for o in case.outcomes:
            mark = "✔" if o.passed else "✘"
            score = "" if o.score is None else f"{o.score:g}"
            rows.append(
                f"<tr class={'ok' if o.passed else 'bad'}><td>{html.escape(case.case)}</td>"
                f"<td>{html.escape(o.type)}</td><td>{mark}</td><td>{score}</td>"
                f"<td>{html.escape(o.detail)}</td></tr>"
            )
    page = f"""<!doctype html><meta charset="utf-8"><title>Samen evaluation</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{padding:4px 10px;border-bottom:1px solid #ddd}}
.bad{{background:#fde8e8}}.ok{{background:#eefbee}}</style>
<h1>Samen evaluation</h1><p>{report.at:%Y-%m-%d %H:%M} UTC · provider {html.escape(report.provider)} ·
pass rate {report.pass_rate:.0%}</p>
<table><tr><th>case</th><th>assertion</th><th></th><th>score</th><th>detail</th></tr>{"".join(rows)}</table>
"""
    html_path = out_dir / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return json_path, html_path


def table(report: Report) -> str:
    lines = [f"{'case':<28} {'assertion':<24} {'':2} {'score':>8}  detail"]
    for case in report.cases:
        for o in case.outcomes:
            score = "" if o.score is None else f"{o.score:.3g}"
            lines.append(
                f"{case.case:<28} {o.type:<24} {'ok' if o.passed else 'NO':2} {score:>8}  {o.detail}"
            )
    lines.append(
        f"pass rate {report.pass_rate:.0%} ({sum(c.passed for c in report.cases)}/{len(report.cases)} cases)"
    )
    return "\n".join(lines)
