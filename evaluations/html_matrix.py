"""The HTML report of a run: promptfoo's side-by-side matrix (rows = cases, columns = provider or prompt
version), each cell with its assertions one click away; rows whose columns disagree are marked, so the
effect of a prompt or model change is the first thing one sees. Every text from cases and drafts is escaped."""

from __future__ import annotations

from html import escape

from evaluations.report import CellResult, Report
from evaluations.terminal import MARKS, money
from evaluations.words import word

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}td.pass{background:#eefbee}td.fail{background:#fde8e8}
td.skip{background:#fff8e0}td.error{background:#f9d0d0}tr.differs>td:first-child{border-left:4px solid #c80}
details summary{cursor:pointer}ul{margin:.3em 0;padding-left:1.2em}li.fail{color:#a00}li.skip{color:#960}
.small{color:#666;font-size:.85em}
"""


def _cell(cell: CellResult | None, language: str) -> str:
    if cell is None:
        return "<td></td>"
    mark = MARKS[cell.status][0]
    score = "" if cell.score is None else f" {cell.score:.2f}"
    items = []
    for o in cell.outcomes:
        value = "" if o.score is None else f" {o.score:g}"
        items.append(f"<li class={o.status}>{escape(o.type)}{value}: {escape(o.detail)}</li>")
    if cell.error:
        items.append(f"<li class=fail>{escape(word(language, 'status_error'))}: {escape(cell.error)}</li>")
    extra = f"<span class=small>{escape(cell.drafted_by or '')}</span>"
    if cell.fallback:
        extra += f"<div class=small>{escape(cell.fallback[:200])}</div>"
    return (
        f"<td class={cell.status}><details><summary>{mark}{score}</summary>{extra}<ul>{''.join(items)}</ul>"
        f"</details></td>"
    )


def _matrix(report: Report, language: str) -> str:
    labels = [c.label for c in report.columns]
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    rows = []
    for case in report.cases:
        for repeat in range(report.repeat):
            cells = [report.cell(case.id, label, repeat) for label in labels]
            shown = {(c.status, c.score) for c in cells if c is not None}
            differs = " class=differs" if len(shown) > 1 else ""
            name = escape(case.id) if repeat == 0 else f"↻ {repeat + 1}"
            title = escape(case.description)
            rows.append(
                f"<tr{differs}><td title='{title}'>{name}</td><td>{escape(case.target)}</td>"
                + "".join(_cell(c, language) for c in cells)
                + "</tr>"
            )
    rates = [report.pass_rate(label) for label in labels]
    foot = [
        (word(language, "pass_rate"), ["—" if r is None else f"{r:.0%}" for r in rates]),
        (word(language, "calls"), [f"{report.usage(x).calls}+{report.usage(x).cached}" for x in labels]),
        (
            word(language, "tokens"),
            [f"{report.usage(x).tokens_in}/{report.usage(x).tokens_out}" for x in labels],
        ),
        (word(language, "cost"), [money(report.usage(x).cost) for x in labels]),
        (word(language, "draft_seconds"), [f"{report.draft_seconds(x):.1f} s" for x in labels]),
        (word(language, "model_latency"), [f"{report.usage(x).latency_ms / 1000:.1f} s" for x in labels]),
    ]
    foot_rows = "".join(
        f"<tr><th colspan=2>{escape(name)}</th>" + "".join(f"<th>{escape(v)}</th>" for v in values) + "</tr>"
        for name, values in foot
    )
    return (
        f"<table><tr><th>{escape(word(language, 'case'))}</th><th>{escape(word(language, 'target'))}</th>{head}</tr>"
        + "".join(rows)
        + foot_rows
        + "</table>"
    )


def _metrics(report: Report, language: str) -> str:
    labels = [c.label for c in report.columns]
    metrics = report.metrics()
    names = sorted({m for stats in metrics.values() for m in stats})
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    rows = []
    for name in names:
        cells = []
        for label in labels:
            stat = metrics.get(label, {}).get(name)
            rate = "" if stat is None or stat.pass_rate is None else f"{stat.pass_rate:.0%}"
            mean = (
                ""
                if stat is None or stat.mean_score is None
                else f" <span class=small>{stat.mean_score:g}</span>"
            )
            cells.append(f"<td>{rate}{mean}</td>")
        rows.append(f"<tr><td>{escape(name)}</td>{''.join(cells)}</tr>")
    return f"<table><tr><th>{escape(word(language, 'metric'))}</th>{head}</tr>{''.join(rows)}</table>"


def _model_path(report: Report, language: str) -> str:
    keys = ("gold_set", "column", "drafted_by", "ari", "nmi", "needs_covered", "grounding_failures", "calls",
            "tokens", "cost", "seconds")  # fmt: skip
    head = "".join(f"<th>{escape(word(language, key))}</th>" for key in keys)
    rows = []
    for r in report.model_path:
        values = [
            r.gold_set + (f" ↻{r.repeat + 1}" if r.repeat else ""), r.column, r.drafted_by, f"{r.ari:.3f}",
            f"{r.nmi:.3f}", f"{r.needs_covered}/{r.gold_needs}", str(r.grounding_failures),
            f"{r.usage.calls}+{r.usage.cached}", f"{r.usage.tokens_in}/{r.usage.tokens_out}", money(r.usage.cost),
            f"{r.seconds:.1f}",
        ]  # fmt: skip
        title = f" title='{escape(r.fallback)}'" if r.fallback else ""
        rows.append(f"<tr{title}>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def report_html(report: Report, language: str = "en") -> str:
    title = word(language, "matrix_title", run=report.run_id)
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    sections = [
        f"<h1>{escape(title)}</h1>",
        f"<p class=small>{report.at:%Y-%m-%d %H:%M} UTC · {report.seconds:.0f} s · "
        f"{escape(word(language, 'rows_columns', cases=len(report.cases), columns=len(report.columns)))}</p>",
        f"<ul>{notes}</ul>" if notes else "",
        _matrix(report, language),
        f"<h2>{escape(word(language, 'metrics_title'))}</h2>",
        _metrics(report, language),
    ]
    if report.model_path:
        sections += [f"<h2>{escape(word(language, 'model_path_title'))}</h2>", _model_path(report, language)]
    body = "\n".join(sections)
    return f"<!doctype html><html lang={language}><meta charset=utf-8><title>{escape(title)}</title><style>{STYLE}</style>\n{body}\n</html>\n"
