"""Survey results as a report: sections in the project language, rendered as one self-contained HTML page.

``results_sections`` turns a ``SurveyResults`` into titled tables and paragraphs; the Markdown renderer
(``artefacts.render_survey``) and ``render_survey_html`` both format those same sections, so the two
always say the same. The HTML page embeds the chart PNGs as base64: it can be mailed or opened offline.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from artefacts.catalogue import PerLanguage
from artefacts.survey import Chart, ItemStats, SurveyResults

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("render.survey_results")


def words(language: str) -> Mapping[str, str]:
    return WORDS.get(language, WORDS["en"])


@dataclass
class Section:
    title: str
    level: int = 2
    paragraphs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _ci(stats: ItemStats) -> str:
    if stats.ci_low is None or stats.ci_high is None:
        return "—"
    return f"{stats.ci_low:.0%}–{stats.ci_high:.0%}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_likert(stats: ItemStats) -> bool:
    return stats.top2_share is not None


def results_sections(results: SurveyResults) -> list[Section]:
    """The report, section by section, in the artefact's language."""
    w = words(results.meta.language)
    text_of = {m.item_id: m.column for m in results.mapping if m.item_id}
    summary = (f"{results.respondents} {w['respondents']}, {len(results.sources)} {w['sources']} "
               f"({', '.join(results.sources) or w['none']}); {results.willing_to_pull} {w['pull']}.")  # fmt: skip
    sections = [Section(w["summary"], paragraphs=[summary])]
    likert = [s for s in results.items if is_likert(s)]
    if likert:
        sections.append(Section(
            w["statements"],
            header=[w["item"], w["text"], w["n"], w["blanks"], w["mean"], w["top2"], w["ci"]],
            rows=[[s.item_id, _short(text_of.get(s.item_id, "")), str(s.n), str(s.blanks), f"{s.mean:.2f}",
                   _pct(s.top2_share), _ci(s)] for s in likert if s.mean is not None],
        ))  # fmt: skip
        labels = list(likert[0].distribution)
        sections.append(Section(
            w["distribution"], level=3, header=[w["item"], *labels],
            rows=[[s.item_id, *(str(s.distribution.get(label, 0)) for label in labels)] for s in likert],
        ))  # fmt: skip
    if results.role_willingness:
        total = sum(results.role_willingness.values()) or 1
        sections.append(Section(
            w["roles"], header=[w["option"], w["count"], w["share"]],
            rows=[[o, str(c), _pct(c / total)] for o, c in results.role_willingness.items()],
        ))  # fmt: skip
    sections += _choice_sections(results, text_of, w)
    sections += _segment_sections(results, w)
    sections += _open_sections(results, text_of, w)
    if results.charts:
        sections.append(Section(w["charts"], charts=list(results.charts)))
    mapping_notes = (
        [f"{w['unmapped']}: {', '.join(results.unmapped_columns)}"] if results.unmapped_columns else []
    )
    if results.duplicates_dropped:
        mapping_notes.append(f"{results.duplicates_dropped} {w['duplicates']}")
    if results.unplaced_roles:
        listed = ", ".join(f"“{a}” ({n})" for a, n in results.unplaced_roles.items())
        mapping_notes.append(f"{w['unplaced_roles']}: {listed}")
    sections.append(Section(
        w["mapping"], header=[w["column"], w["item"], w["block"], w["score"], w["confidence"], w["why"]],
        rows=[[_short(m.column), m.item_id or m.stats_id or w["none"], m.block or w["none"],
               f"{m.score:.2f}", f"{m.confidence:.0%}", m.reason] for m in results.mapping],
        paragraphs=mapping_notes,
    ))  # fmt: skip
    return sections


def _choice_sections(results: SurveyResults, text_of: dict[str, str], w: Mapping[str, str]) -> list[Section]:
    out = []
    roles = list(results.role_willingness)
    for stats in results.items:
        if (
            is_likert(stats)
            or not stats.distribution
            or (roles and list(stats.distribution)[: len(roles)] == roles)
        ):
            continue
        n = stats.n or 1
        out.append(Section(
            f"{stats.item_id} · {_short(text_of.get(stats.item_id, ''), 100)}", level=3,
            header=[w["option"], w["count"], w["share"]],
            rows=[[o, str(c), _pct(c / n)] for o, c in stats.distribution.items()],
            paragraphs=[f"{w['n']} = {stats.n}, {w['blanks']}: {stats.blanks}"],
        ))  # fmt: skip
    return [Section(w["choices"]), *out] if out else []


def _segment_sections(results: SurveyResults, w: Mapping[str, str]) -> list[Section]:
    if not results.segments:
        return []
    likert_ids = [s.item_id for s in results.items if is_likert(s)]
    rows = []
    for item_id in likert_ids:
        cells = [item_id]
        for segment in results.segments:
            stats = next((s for s in segment.items if s.item_id == item_id), None)
            cells.append(f"{_pct(stats.top2_share)} ({stats.n})" if stats else w["none"])
        rows.append(cells)
    header = [w["item"], *(f"{s.segment} (n={s.n})" for s in results.segments)]
    return [Section(w["segments"], paragraphs=[w["segments_intro"]], header=header, rows=rows)]


def _open_sections(results: SurveyResults, text_of: dict[str, str], w: Mapping[str, str]) -> list[Section]:
    out = []
    for item_id, clusters in results.open_answers.items():
        out.append(Section(
            f"{item_id} · {_short(text_of.get(item_id, ''), 100)}", level=3,
            header=[w["cluster"], w["answers"], w["keywords"], w["examples"]],
            rows=[[c.label, str(c.size), ", ".join(c.keywords[:6]), " / ".join(_short(e, 120) for e in c.examples[:2])]
                  for c in clusters],
        ))  # fmt: skip
    return [Section(w["open"]), *out] if out else []


def render_survey_html(results: SurveyResults, artefact_dir: Path, *, version: int | None = None) -> str:
    """One HTML page; charts are read from ``artefact_dir / chart.path`` and embedded."""
    w = words(results.meta.language)
    esc = html.escape
    title = w["title"] + (f" · {w['version']} {version}" if version is not None else "")
    body = [f"<h1>{esc(title)}</h1>"]
    body += [f"<p class='note'>{esc(note)}</p>" for note in results.meta.notes]
    for section in results_sections(results):
        body.append(f"<h{section.level}>{esc(section.title)}</h{section.level}>")
        body += [f"<p>{esc(p)}</p>" for p in section.paragraphs]
        if section.header:
            head = "".join(f"<th>{esc(h)}</th>" for h in section.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in section.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        body += [_figure(chart, artefact_dir, w) for chart in section.charts]
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;"
             "text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%}.note{color:#8a5300}")  # fmt: skip
    return (f"<!DOCTYPE html>\n<html lang='{esc(results.meta.language)}'><head><meta charset='utf-8'>"
            f"<title>{esc(title)}</title><style>{style}</style></head><body>\n" + "\n".join(body)
            + "\n</body></html>\n")  # fmt: skip


def _figure(chart: Chart, artefact_dir: Path, w: Mapping[str, str]) -> str:
    path = (artefact_dir / chart.path).resolve()
    title = html.escape(chart.title)
    if not path.is_file() or not path.is_relative_to(artefact_dir.resolve()):  # never a file from elsewhere
        return f"<p class='note'>{title}: {w['missing_chart']} ({html.escape(chart.path)})</p>"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"<figure><img alt='{title}' src='data:image/png;base64,{data}'><figcaption>{title}</figcaption></figure>"
