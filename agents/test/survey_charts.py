"""Charts of survey results as PNG files: diverging Likert bars and role willingness.

matplotlib draws on a bare ``Figure`` (the Agg canvas; no display, no pyplot state). A file is named
after its chart and a digest of what it shows, so the same numbers give the same file and a new
version of the results never overwrites the charts an older version links to.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from artefacts.catalogue import PerLanguage
from artefacts.files import write_atomic
from artefacts.survey import Chart

LIKERT_COLOURS = ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"]  # colour-blind safe, diverging
ROLE_COLOUR, PULL_COLOUR = "#9ecae1", "#08519c"
TEXTS: PerLanguage[Mapping[str, str]] = PerLanguage("survey_charts")


@dataclass(frozen=True)
class LikertRow:
    item_id: str
    text: str
    counts: tuple[int, int, int, int, int]  # answers 1..5


def chart_text(language: str, key: str) -> str:
    return TEXTS.get(language, TEXTS["en"])[key]


def shorten(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _save(figure: Figure, charts_dir: Path, chart_id: str, content: object) -> str:
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]
    charts_dir.mkdir(parents=True, exist_ok=True)
    name = f"{chart_id}-{digest}.png"
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    write_atomic(charts_dir / name, buffer.getvalue())
    return f"{charts_dir.name}/{name}"


def likert_chart(rows: list[LikertRow], labels: list[str], language: str, charts_dir: Path) -> Chart | None:
    """Diverging stacked bars, one per item, centred on the middle of the neutral share."""
    rows = [row for row in rows if sum(row.counts) > 0]
    if not rows:
        return None
    title = chart_text(language, "likert")
    figure = Figure(figsize=(9.5, 1.6 + 0.48 * len(rows)))
    axes = figure.add_subplot()
    for y, row in enumerate(rows):
        n = sum(row.counts)
        shares = [count / n for count in row.counts]
        left = -(shares[0] + shares[1] + shares[2] / 2)
        for k, share in enumerate(shares):
            axes.barh(
                y,
                share,
                left=left,
                color=LIKERT_COLOURS[k],
                edgecolor="white",
                height=0.7,
                label=labels[k] if y == 0 else None,
            )
            left += share
    axes.set_yticks(
        range(len(rows)), [f"{r.item_id} {shorten(r.text)} (n={sum(r.counts)})" for r in rows], fontsize=8
    )
    axes.invert_yaxis()
    axes.axvline(0, color="#444444", linewidth=0.8)
    axes.set_xlim(-1, 1)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{abs(x):.0%}"))
    axes.set_xlabel(chart_text(language, "likert_axis"), fontsize=8)
    axes.set_title(title, fontsize=11)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.6 / len(rows)), ncol=5, fontsize=7, frameon=False
    )
    figure.tight_layout()
    content = {"labels": labels, "language": language, "rows": [[r.item_id, r.text, r.counts] for r in rows]}
    return Chart(id="likert", title=title, path=_save(figure, charts_dir, "likert", content))


def role_chart(counts: dict[str, int], language: str, charts_dir: Path) -> Chart | None:
    """Horizontal bars per role, from passive to pulling; the last (pulling the cart) stands out."""
    if not counts or sum(counts.values()) == 0:
        return None
    title = chart_text(language, "roles")
    options = list(counts)
    figure = Figure(figsize=(8, 1.4 + 0.45 * len(options)))
    axes = figure.add_subplot()
    colours = [ROLE_COLOUR] * (len(options) - 1) + [PULL_COLOUR]
    bars = axes.barh(range(len(options)), [counts[o] for o in options], color=colours, height=0.65)
    axes.bar_label(bars, fontsize=8, padding=3)
    axes.set_yticks(range(len(options)), [shorten(o, 50) for o in options], fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(chart_text(language, "roles_axis"), fontsize=8)
    axes.set_title(title, fontsize=11)
    axes.margins(x=0.12)
    figure.tight_layout()
    content = {"language": language, "counts": list(counts.items())}
    return Chart(id="roles", title=title, path=_save(figure, charts_dir, "roles", content))
