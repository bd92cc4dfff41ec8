"""``report.md``: the run in Markdown, for a pull request or a note — the pass rate and cost per column, the
needs map per gold set, the metrics whose pass rate differs between columns, and the cells that differ."""

from __future__ import annotations

from evaluations.report import Report
from evaluations.terminal import MARKS, money
from evaluations.words import word


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows), ""]


def report_markdown(report: Report, language: str = "en") -> str:
    labels = [c.label for c in report.columns]
    lines = [f"### {word(language, 'matrix_title', run=report.run_id)}", ""]
    summary = []
    for label in labels:
        usage, rate = report.usage(label), report.pass_rate(label)
        summary.append(
            [label, "—" if rate is None else f"{rate:.0%}", f"{usage.calls}+{usage.cached}",
             f"{usage.tokens_in}/{usage.tokens_out}", money(usage.cost), f"{report.draft_seconds(label):.1f}"]
        )  # fmt: skip
    keys = ["column", "pass_rate", "calls", "tokens", "cost", "draft_seconds"]
    lines += _table([word(language, k) for k in keys], summary)
    if report.model_path:
        lines += [f"**{word(language, 'model_path_title')}**", ""]
        keys = ["gold_set", "column", "drafted_by", "ari", "nmi", "needs_covered", "grounding_failures", "calls",
                "tokens", "cost"]  # fmt: skip
        rows = [
            [r.gold_set, r.column, r.drafted_by, f"{r.ari:.3f}", f"{r.nmi:.3f}", f"{r.needs_covered}/{r.gold_needs}",
             str(r.grounding_failures), f"{r.usage.calls}+{r.usage.cached}",
             f"{r.usage.tokens_in}/{r.usage.tokens_out}", money(r.usage.cost)]
            for r in report.model_path
        ]  # fmt: skip
        lines += _table([word(language, k) for k in keys], rows)
    metrics = report.metrics()
    names = sorted({m for stats in metrics.values() for m in stats})
    differing = []
    for name in names:
        rates = [metrics.get(label, {}).get(name) for label in labels]
        shown = ["" if s is None or s.pass_rate is None else f"{s.pass_rate:.0%} ({s.passed}/{s.passed + s.failed})"
                 for s in rates]  # fmt: skip
        if len(set(shown)) > 1:
            differing.append([name, *shown])
    if differing:
        lines += [f"**{word(language, 'metrics_title')}**", ""]
        lines += _table([word(language, "metric"), *labels], differing)
    cells = []
    for case in report.cases:
        found = [report.cell(case.id, label) for label in labels]
        marks = ["" if c is None else f"{MARKS[c.status][0]} {c.score:.2f}" if c.score is not None else MARKS[c.status][0]
                 for c in found]  # fmt: skip
        if len(set(marks)) > 1:
            cells.append([case.id, case.target, *marks])
    if cells:
        lines += _table([word(language, "case"), word(language, "target"), *labels], cells)
    return "\n".join(lines)
