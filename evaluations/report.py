"""What one ``samen eval`` run found, as typed data: one result per case and column (and repeat), the pass
rate per metric and column, and the model path per gold set. Written as ``report.json``; the terminal table,
the HTML matrix, ``compare`` and ``--check`` all read this."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from artefacts.errors import InputError
from artefacts.files import write_atomic
from evaluations.subject import Outcome

CellStatus = Literal["pass", "fail", "skip", "error"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ColumnInfo(Strict):
    label: str
    provider: str
    model: str | None = None
    base_url: str | None = None
    prompt_versions: dict[str, str] = Field(default_factory=dict)


class CaseInfo(Strict):
    id: str
    description: str
    target: str
    project: str
    language: str = ""
    source: str = ""
    metadata: dict[str, object] = Field(default_factory=dict)


class Usage(Strict):
    """The model calls behind a draft: made, answered from the cache, refused by the checks, fallen back."""

    calls: int = 0
    cached: int = 0
    rejected: int = 0  # answers the checks refused (quotes not verbatim, unknown ids, wrong language)
    fallbacks: int = 0  # calls whose answer was not used: the deterministic draft stayed
    tokens_in: int = 0  # of every answer used, cached ones counted at what they cost when asked
    tokens_out: int = 0
    spent_in: int = 0  # asked in this run
    spent_out: int = 0
    latency_ms: int = 0
    cost: float | None = None  # of tokens_in/out, in USD, when the model's price is known

    def __add__(self, other: Usage) -> Usage:
        cost = None if self.cost is None and other.cost is None else (self.cost or 0) + (other.cost or 0)
        fields = (
            "calls",
            "cached",
            "rejected",
            "fallbacks",
            "tokens_in",
            "tokens_out",
            "spent_in",
            "spent_out",
            "latency_ms",
        )
        values = {name: getattr(self, name) + getattr(other, name) for name in fields}
        return Usage(**values, cost=None if cost is None else round(cost, 6))


class CellResult(Strict):
    """One case in one column (one repeat)."""

    case: str
    column: str
    repeat: int = 0
    status: CellStatus
    score: float | None = Field(default=None, description="Weighted share of the assertions that passed.")
    draft_seconds: float = 0.0
    usage: Usage = Field(default_factory=Usage)
    outcomes: list[Outcome] = Field(default_factory=list)
    error: str | None = None
    drafted_by: str | None = None
    fallback: str | None = None


class MetricStat(Strict):
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    mean_score: float | None = None

    @property
    def pass_rate(self) -> float | None:
        counted = self.passed + self.failed
        return self.passed / counted if counted else None


class ModelPathRow(Strict):
    """Phase 1's needs map for one gold set in one column: agreement with gold and what it cost."""

    gold_set: str
    column: str
    repeat: int = 0
    drafted_by: str
    ari: float
    nmi: float
    needs_covered: int
    gold_needs: int
    grounding_failures: int
    usage: Usage
    seconds: float
    fallback: str | None = None


class DraftRecord(Strict):
    """One phase drafted once for a project setup, column and repeat: what every case on it shares."""

    project: str
    setup: str
    column: str
    repeat: int = 0
    phase: str
    seconds: float
    usage: Usage
    error: str | None = None


class Report(Strict):
    run_id: str
    at: datetime
    seconds: float = 0.0
    repeat: int = 1
    columns: list[ColumnInfo]
    cases: list[CaseInfo]
    results: list[CellResult]
    model_path: list[ModelPathRow] = Field(default_factory=list)
    drafts: list[DraftRecord] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def metrics(self) -> dict[str, dict[str, MetricStat]]:
        """Column → metric → counts and pass rate."""
        counts: dict[str, dict[str, MetricStat]] = defaultdict(dict)
        scores: dict[tuple[str, str], list[float]] = defaultdict(list)
        for cell in self.results:
            for o in cell.outcomes:
                stat = counts[cell.column].setdefault(o.metric, MetricStat())
                if o.status == "pass":
                    stat.passed += 1
                elif o.status == "fail":
                    stat.failed += 1
                else:
                    stat.skipped += 1
                if o.score is not None:
                    scores[(cell.column, o.metric)].append(o.score)
            if cell.status == "error":
                counts[cell.column].setdefault("drafted", MetricStat()).failed += 1
            else:
                counts[cell.column].setdefault("drafted", MetricStat()).passed += 1
        for (column, metric), values in scores.items():
            counts[column][metric].mean_score = round(sum(values) / len(values), 4)
        return {column: dict(sorted(stats.items())) for column, stats in counts.items()}

    def pass_rate(self, column: str) -> float | None:
        cells = [c for c in self.results if c.column == column and c.status != "skip"]
        return sum(c.status == "pass" for c in cells) / len(cells) if cells else None

    def usage(self, column: str) -> Usage:
        """The model calls of a column, each phase draft counted once."""
        total = Usage()
        for draft in self.drafts:
            if draft.column == column:
                total = total + draft.usage
        return total

    def draft_seconds(self, column: str) -> float:
        return round(sum(d.seconds for d in self.drafts if d.column == column), 1)

    def cell(self, case: str, column: str, repeat: int = 0) -> CellResult | None:
        return next(
            (c for c in self.results if c.case == case and c.column == column and c.repeat == repeat), None
        )


def write_report(report: Report, path: Path) -> Path:
    write_atomic(path, json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n")
    return path


def read_report(given: str, out_dir: Path) -> Report:
    """A run's report: a path to a report.json (or its folder), or a run id under ``out_dir``."""
    candidates = [Path(given), Path(given) / "report.json", out_dir / given / "report.json"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise InputError(
            f"no evaluation report {given!r}",
            path=out_dir,
            hint="give a run id from samen eval's output or a report.json",
        )
    try:
        return Report.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(f"not an evaluation report: {exc}"[:300], path=path) from exc
