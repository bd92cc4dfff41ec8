"""``samen eval compare RUN_A RUN_B``: what changed between two runs — cases that flipped, score deltas,
pass-rate deltas per metric, and token and cost deltas per column.

Cells are matched by case and column label. When the runs' columns differ (one ran ``needs_coding=v1``, the
other ``v2``), the columns left unmatched are paired in their order, so a prompt change compares as one pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluations.report import CellResult, Report

EPSILON = 1e-4


@dataclass
class Flip:
    case: str
    column: str
    before: str
    after: str
    metric: str = ""  # empty: the whole case flipped; else the assertion of this metric did


@dataclass
class ScoreDelta:
    case: str
    column: str
    metric: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass
class ColumnDelta:
    column: str
    pass_rate: tuple[float | None, float | None]
    tokens: tuple[int, int]
    cost: tuple[float | None, float | None]
    seconds: tuple[float, float]


@dataclass
class Comparison:
    run_a: str
    run_b: str
    pairs: list[tuple[str, str]]
    flips: list[Flip] = field(default_factory=list)
    scores: list[ScoreDelta] = field(default_factory=list)
    metrics: list[tuple[str, str, float | None, float | None]] = field(default_factory=list)
    columns: list[ColumnDelta] = field(default_factory=list)
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)


def column_pairs(a: Report, b: Report) -> list[tuple[str, str]]:
    labels_a, labels_b = [c.label for c in a.columns], [c.label for c in b.columns]
    pairs = [(label, label) for label in labels_a if label in labels_b]
    rest_a = [label for label in labels_a if label not in labels_b]
    rest_b = [label for label in labels_b if label not in labels_a]
    pairs += list(zip(rest_a, rest_b, strict=False))
    return pairs


def compare(a: Report, b: Report) -> Comparison:
    result = Comparison(run_a=a.run_id, run_b=b.run_id, pairs=column_pairs(a, b))
    cases_a, cases_b = {c.id for c in a.cases}, {c.id for c in b.cases}
    result.only_a, result.only_b = sorted(cases_a - cases_b), sorted(cases_b - cases_a)
    for col_a, col_b in result.pairs:
        label = col_a if col_a == col_b else f"{col_a} → {col_b}"
        for case in sorted(cases_a & cases_b):
            before, after = a.cell(case, col_a), b.cell(case, col_b)
            if before is None or after is None:
                continue
            if before.status != after.status:
                result.flips.append(Flip(case, label, before.status, after.status))
            result.flips += _assertion_flips(case, label, before, after)
            result.scores += _score_deltas(case, label, before, after)
        metrics_a, metrics_b = a.metrics().get(col_a, {}), b.metrics().get(col_b, {})
        for metric in sorted(set(metrics_a) | set(metrics_b)):
            rate_a = metrics_a[metric].pass_rate if metric in metrics_a else None
            rate_b = metrics_b[metric].pass_rate if metric in metrics_b else None
            if rate_a != rate_b:
                result.metrics.append((label, metric, rate_a, rate_b))
        use_a, use_b = _totals(a, col_a), _totals(b, col_b)
        result.columns.append(
            ColumnDelta(
                label,
                (a.pass_rate(col_a), b.pass_rate(col_b)),
                (use_a[0], use_b[0]),
                (use_a[1], use_b[1]),
                (use_a[2], use_b[2]),
            )
        )
    return result


def _keyed(cell: CellResult) -> dict[tuple[str, str, int], str]:
    seen: dict[tuple[str, str], int] = {}
    keyed: dict[tuple[str, str, int], str] = {}
    for o in cell.outcomes:
        n = seen.get((o.type, o.metric), 0)
        seen[(o.type, o.metric)] = n + 1
        keyed[(o.type, o.metric, n)] = o.status
    return keyed


def _assertion_flips(case: str, column: str, before: CellResult, after: CellResult) -> list[Flip]:
    """The assertions whose status changed, in a case whose own status may not have."""
    a, b = _keyed(before), _keyed(after)
    return [Flip(case, column, a[key], b[key], key[1]) for key in a if key in b and a[key] != b[key]]


def _score_deltas(case: str, column: str, before: CellResult, after: CellResult) -> list[ScoreDelta]:
    scores_a = {o.metric: o.score for o in before.outcomes if o.score is not None}
    scores_b = {o.metric: o.score for o in after.outcomes if o.score is not None}
    return [
        ScoreDelta(case, column, metric, scores_a[metric], scores_b[metric])
        for metric in sorted(set(scores_a) & set(scores_b))
        if abs(scores_a[metric] - scores_b[metric]) > EPSILON
    ]


def _totals(report: Report, column: str) -> tuple[int, float | None, float]:
    """Tokens, cost and drafting seconds of a column, each phase draft counted once."""
    usage = report.usage(column)
    return usage.tokens_in + usage.tokens_out, usage.cost, report.draft_seconds(column)
