"""The terminal view of a run: the matrix (rows = cases, columns = provider or prompt version), the pass rate
per metric, the model path per gold set, and every assertion that failed, with why."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from artefacts.safe_text import terminal_text
from evaluations.compare import Comparison
from evaluations.report import CellResult, Report, Usage
from evaluations.words import word

MARKS = {"pass": ("✔", "green"), "fail": ("✘", "red"), "skip": ("–", "yellow"), "error": ("!", "bold red")}


def cell_text(cell: CellResult | None) -> Text:
    if cell is None:
        return Text("")
    mark, style = MARKS[cell.status]
    score = "" if cell.score is None else f" {cell.score:.2f}"
    return Text(f"{mark}{score}", style=style)


def money(cost: float | None) -> str:
    return "—" if cost is None else f"${cost:.4f}"


def usage_line(usage: Usage) -> str:
    return f"{usage.calls}+{usage.cached} · {usage.tokens_in + usage.tokens_out} tok · {money(usage.cost)}"


def matrix(report: Report, language: str = "en") -> Table:
    labels = [c.label for c in report.columns]
    table = Table(title=word(language, "matrix_title", run=report.run_id), title_justify="left")
    table.add_column(word(language, "case"), overflow="fold")
    table.add_column(word(language, "target"))
    for label in labels:
        table.add_column(label, justify="center")
    for case in report.cases:
        for repeat in range(report.repeat):
            name = case.id if repeat == 0 else f"  ↻ {repeat + 1}"
            row = [cell_text(report.cell(case.id, label, repeat)) for label in labels]
            table.add_row(name, case.target if repeat == 0 else "", *row)
    table.add_section()
    rates = [report.pass_rate(label) for label in labels]
    table.add_row(word(language, "pass_rate"), "", *("—" if r is None else f"{r:.0%}" for r in rates))
    table.add_row(
        word(language, "calls_tokens_cost"), "", *(usage_line(report.usage(label)) for label in labels)
    )
    table.add_row(
        word(language, "draft_seconds"), "", *(f"{report.draft_seconds(label):.1f} s" for label in labels)
    )
    latency = [report.usage(label).latency_ms for label in labels]
    table.add_row(word(language, "model_latency"), "", *(f"{ms / 1000:.1f} s" for ms in latency))
    return table


def metrics_table(report: Report, language: str = "en") -> Table:
    labels = [c.label for c in report.columns]
    metrics = report.metrics()
    names = sorted({m for stats in metrics.values() for m in stats})
    table = Table(title=word(language, "metrics_title"), title_justify="left")
    table.add_column(word(language, "metric"))
    for label in labels:
        table.add_column(label, justify="right")
    for name in names:
        cells = []
        for label in labels:
            stat = metrics.get(label, {}).get(name)
            if stat is None:
                cells.append("")
                continue
            rate = "—" if stat.pass_rate is None else f"{stat.pass_rate:.0%}"
            extra = f" ({stat.passed}/{stat.passed + stat.failed})" + (
                f" {stat.skipped}–" if stat.skipped else ""
            )
            cells.append(rate + extra)
        table.add_row(name, *cells)
    return table


def model_path_table(report: Report, language: str = "en") -> Table:
    table = Table(title=word(language, "model_path_title"), title_justify="left")
    for key in ("gold_set", "column", "drafted_by", "ari", "nmi", "needs_covered", "grounding_failures",
                "calls", "tokens", "cost", "seconds"):  # fmt: skip
        table.add_column(word(language, key))
    for row in report.model_path:
        usage = row.usage
        table.add_row(
            row.gold_set + (f" ↻{row.repeat + 1}" if row.repeat else ""),
            row.column,
            row.drafted_by,
            f"{row.ari:.3f}",
            f"{row.nmi:.3f}",
            f"{row.needs_covered}/{row.gold_needs}",
            str(row.grounding_failures),
            f"{usage.calls}+{usage.cached}",
            f"{usage.tokens_in}/{usage.tokens_out}",
            money(usage.cost),
            f"{row.seconds:.1f}",
        )
    return table


def failures(report: Report, language: str = "en") -> list[str]:
    lines = []
    for cell in report.results:
        if cell.status == "error":
            lines.append(f"{cell.case} [{cell.column}]: {word(language, 'status_error')}: {cell.error}")
        for o in cell.outcomes:
            if o.status == "fail":
                score = "" if o.score is None else f" {o.score:g}"
                lines.append(f"{cell.case} [{cell.column}] {o.type}{score}: {o.detail}")
    return lines


def render(report: Report, language: str = "en") -> RenderableType:
    parts: list[RenderableType] = [matrix(report, language), metrics_table(report, language)]
    if report.model_path:
        parts.append(model_path_table(report, language))
    lines = failures(report, language)
    if lines:
        parts.append(Text(word(language, "failures_title"), style="bold"))
        parts.extend(Text(terminal_text(f"  {line}")) for line in lines)
    parts.extend(
        Text(terminal_text(f"{word(language, 'note')}: {note}"), style="yellow") for note in report.notes
    )
    return Group(*parts)


def render_comparison(c: Comparison, language: str = "en") -> RenderableType:
    parts: list[RenderableType] = [Text(word(language, "compare_title", a=c.run_a, b=c.run_b), style="bold")]
    columns = Table(title=word(language, "compare_columns"), title_justify="left")
    for key in ("column", "pass_rate", "tokens", "cost", "seconds"):
        columns.add_column(word(language, key))
    for d in c.columns:
        columns.add_row(
            d.column,
            _pair(d.pass_rate, "{:.0%}"),
            f"{d.tokens[0]} → {d.tokens[1]} ({d.tokens[1] - d.tokens[0]:+d})",
            f"{money(d.cost[0])} → {money(d.cost[1])}",
            f"{d.seconds[0]:.1f} → {d.seconds[1]:.1f}",
        )
    parts.append(columns)
    cases = [f for f in c.flips if not f.metric]
    parts.append(Text(word(language, "compare_flips", n=len(cases)), style="bold"))
    parts.extend(
        Text(f"  {f.case} [{f.column}]: {f.before} → {f.after}", style=MARKS[f.after][1]) for f in cases
    )
    asserted = [f for f in c.flips if f.metric]
    parts.append(Text(word(language, "compare_assertion_flips", n=len(asserted)), style="bold"))
    parts.extend(
        Text(f"  {f.case} [{f.column}] {f.metric}: {f.before} → {f.after}", style=MARKS[f.after][1])
        for f in asserted
    )
    if c.metrics:
        parts.append(Text(word(language, "compare_metrics"), style="bold"))
        parts.extend(Text(f"  {col} {m}: {_pair((x, y), '{:.0%}')}") for col, m, x, y in c.metrics)
    parts.append(Text(word(language, "compare_scores", n=len(c.scores)), style="bold"))
    for s in sorted(c.scores, key=lambda s: -abs(s.delta))[:40]:
        parts.append(Text(f"  {s.case} [{s.column}] {s.metric}: {s.before:g} → {s.after:g} ({s.delta:+.3f})"))
    for key, only in (("compare_only_a", c.only_a), ("compare_only_b", c.only_b)):
        if only:
            parts.append(Text(word(language, key, cases=", ".join(only))))
    return Group(*parts)


def _pair(values: tuple[float | None, float | None], fmt: str) -> str:
    return " → ".join("—" if v is None else fmt.format(v) for v in values)
