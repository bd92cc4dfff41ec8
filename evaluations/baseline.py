"""The accepted pass rate per metric and column (``evaluations/baseline.yaml``), and the check against it.

``samen eval --check`` fails when a metric of a column passes less often than the baseline accepts; a
metric the run did not measure is said, not failed (``--cases`` may select a few cases); a metric without a
baseline is said too, so it gets one. ``samen eval --update-baseline`` writes the run's rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from artefacts.errors import InputError
from artefacts.files import write_atomic
from evaluations.cases import CASES_DIR
from evaluations.report import Report

BASELINE_FILE = CASES_DIR.parent / "baseline.yaml"
HEADER = """\
# Accepted pass rate per metric (the share of its assertions that pass), per column of `samen eval`.
# `samen eval --check` (and `make test`) exits 1 when a metric of a column drops below it. Raise a rate
# when a change makes more pass; lower one only with the reason in the commit. Written by
# `samen eval --update-baseline`, which takes the rates of the run as they are.
"""


@dataclass
class CheckResult:
    dropped: list[tuple[str, str, float, float]] = field(
        default_factory=list
    )  # column, metric, now, accepted
    not_run: list[tuple[str, str]] = field(default_factory=list)
    no_baseline: list[tuple[str, str]] = field(default_factory=list)
    unchecked_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.dropped


def read_baseline(path: Path = BASELINE_FILE) -> dict[str, dict[str, float]]:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"the baseline is not valid YAML: {exc}", path=path) from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError("the baseline must map each column to metric: pass rate", path=path)
    return {str(column): {str(m): float(r) for m, r in rates.items()} for column, rates in data.items()}


def check(report: Report, baseline: dict[str, dict[str, float]]) -> CheckResult:
    result = CheckResult()
    metrics = report.metrics()
    for info in report.columns:
        accepted = baseline.get(info.label)
        if accepted is None:
            result.unchecked_columns.append(info.label)
            continue
        measured = metrics.get(info.label, {})
        for metric, rate in sorted(accepted.items()):
            stat = measured.get(metric)
            now = stat.pass_rate if stat is not None else None
            if now is None:
                result.not_run.append((info.label, metric))
            elif now + 1e-9 < rate:
                result.dropped.append((info.label, metric, now, rate))
        for metric, stat in measured.items():
            if metric not in accepted and stat.pass_rate is not None:
                result.no_baseline.append((info.label, metric))
    return result


def updated(report: Report, baseline: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """The baseline with the run's pass rates for every column and metric it measured."""
    new = {column: dict(rates) for column, rates in baseline.items()}
    for column, stats in report.metrics().items():
        rates = new.setdefault(column, {})
        for metric, stat in stats.items():
            if stat.pass_rate is not None:
                rates[metric] = round(stat.pass_rate, 4)
    return {column: dict(sorted(rates.items())) for column, rates in sorted(new.items())}


def write_baseline(baseline: dict[str, dict[str, float]], path: Path = BASELINE_FILE) -> None:
    write_atomic(path, HEADER + yaml.safe_dump(baseline, sort_keys=True, allow_unicode=True))
