"""Markdown renderings of artefacts, in the artefact's language.

The needs map ends with an editable section (one heading per need, one line per note) that
:mod:`artefacts.needs_edits` reads back, so a reviewer can rename, move, merge and split in a text editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import singledispatch

from artefacts.base import Artefact, Quote
from artefacts.i18n import label
from artefacts.initiative import Champions, NeedsMap, NoteEntry, TargetGroup, TargetGroups
from artefacts.safe_text import md_cell, md_code, md_text

EDIT_START = "<!-- samen:edit-start -->"
EDIT_END = "<!-- samen:edit-end -->"
UNCLUSTERED_ID = "X"


def render_markdown(artefact: Artefact, *, version: int | None = None) -> str:
    lines = _header(artefact, version)
    lines += _render(artefact)
    return "\n".join(lines).rstrip() + "\n"


def _header(artefact: Artefact, version: int | None) -> list[str]:
    lang = artefact.meta.language
    title = label(lang, type(artefact).artefact_name)
    made = label(lang, artefact.meta.drafted_by)
    if artefact.meta.drafted_by == "model" and artefact.meta.model:
        made += f" ({md_text(artefact.meta.model.get('model', ''))})"
    stamp = artefact.meta.created_at.strftime("%Y-%m-%d %H:%M")
    head = [f"# {title}", ""]
    parts = []
    if version is not None:
        parts.append(f"{label(lang, 'version')} {version}")
    parts += [f"{label(lang, 'drafted_by')}: {made}", stamp]
    head += ["_" + " · ".join(parts) + "_", ""]
    if artefact.meta.warnings:
        head += [
            f"> **{label(lang, 'warning')}:** {md_text(warning)}" for warning in artefact.meta.warnings
        ] + [""]
    if artefact.meta.fallback:
        head += [f"> **{label(lang, 'fallback')}:** {md_text(artefact.meta.fallback)}", ""]
    if artefact.meta.notes:
        head += (
            [f"**{label(lang, 'remarks')}:**", ""]
            + [f"- {md_text(note)}" for note in artefact.meta.notes]
            + [""]
        )
    return head


def table(header: list[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table; cells are written as they are: pass outside text through ``md_cell``."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


@singledispatch
def _render(artefact: Artefact) -> list[str]:
    return ["```json", artefact.model_dump_json(indent=2), "```"]


def _quote_line(quote: Quote) -> str:
    return f"> “{md_text(quote.text)}” — `{md_code(quote.where())}` ({md_text(quote.speaker)})"


def note_line(note: NoteEntry) -> str:
    where = md_text(f"{note.source}:{note.line_start}")
    return f"- [{note.id}] {md_text(note.text)} _({where}, {md_text(note.speaker)})_"


@_render.register
def _needs_map(artefact: NeedsMap) -> list[str]:
    lang = artefact.meta.language
    out = [f"## {label(lang, 'overview')}", ""]
    header = ["#", label(lang, "need"), label(lang, "voices"), label(lang, "notes"), label(lang, "intensity")]
    out += table(
        header,
        [
            [
                n.id,
                md_cell(n.title),
                n.voices,
                len(n.note_ids),
                f"{label(lang, n.intensity.label)} ({n.intensity.score:.2f})",
            ]
            for n in artefact.needs
        ],
    )
    out.append("")
    statements = [n for n in artefact.notes if n.kind == "statement"]
    out.append(
        f"{len(statements)} {label(lang, 'notes').lower()}, {len(artefact.interviewees)} "
        f"{label(lang, 'interviewees')}, {len(artefact.unclustered)} {label(lang, 'unclustered').lower()}."
    )
    out.append("")
    if artefact.themes:
        out += [f"## {label(lang, 'themes')}", ""]
        for theme in artefact.themes:
            out.append(f"- **{theme.id} · {md_text(theme.title)}**: {md_text(', '.join(theme.need_ids))}")
        out.append("")
    for need in artefact.needs:
        out += [f"## {need.id} · {md_text(need.title)}", "", md_text(need.statement), ""]
        if need.keywords:
            out.append(f"**{label(lang, 'keywords')}:** {md_text(', '.join(need.keywords))}  ")
        out.append(
            f"**{label(lang, 'voiced_by')}:** {need.voices} {label(lang, 'interviewees')} "
            f"({md_text(', '.join(need.voiced_by))})  "
        )
        i = need.intensity
        out.append(
            f"**{label(lang, 'intensity')}:** {label(lang, i.label)} ({i.score:.2f}) — "
            f"{label(lang, 'reach')} {i.reach:.0%}, {label(lang, 'depth')} {i.depth:.1f}, "
            f"{label(lang, 'emphasis')} {i.emphasis:.0%}  "
        )
        if need.related:
            out.append(f"**{label(lang, 'related')}:** {md_text(', '.join(need.related))}  ")
        out += ["", f"**{label(lang, 'evidence')}:**", ""]
        for quote in need.evidence:
            out += [_quote_line(quote), ""]
    out += _edit_section(artefact)
    return out


def _edit_section(artefact: NeedsMap) -> list[str]:
    lang = artefact.meta.language
    by_id = {note.id: note for note in artefact.notes}
    out = [f"## {label(lang, 'edit_section')}", "", f"_{label(lang, 'edit_help')}_", "", EDIT_START, ""]
    for need in artefact.needs:
        out += [f"### {need.id} · {md_text(need.title)}", ""]
        out += [note_line(by_id[note_id]) for note_id in need.note_ids if note_id in by_id]
        out.append("")
    out += [
        f"### {UNCLUSTERED_ID} · {label(lang, 'unclustered')}",
        "",
        f"_{label(lang, 'unclustered_intro')}_",
        "",
    ]
    out += [note_line(by_id[note_id]) for note_id in artefact.unclustered if note_id in by_id]
    out += ["", EDIT_END, ""]
    small = [note for note in artefact.notes if note.kind != "statement"]
    if small:
        out += [f"## {label(lang, 'smalltalk')}", ""]
        out += [note_line(note) for note in small]
    return out


@_render.register
def _champions(artefact: Champions) -> list[str]:
    lang = artefact.meta.language
    keys = ["rank", "participant", "source", "segment", "score", "candidate"]
    out = table(
        [label(lang, key) for key in keys],
        [
            [
                c.rank,
                md_cell(c.participant),
                f"`{md_code(c.source)}`",
                md_cell(c.segment),
                f"{c.score:.1f}",
                label(lang, "yes" if c.candidate else "no"),
            ]
            for c in artefact.champions
        ],
    )
    out.append("")
    for c in artefact.champions:
        out += [f"## {c.rank}. {md_text(c.participant)}", "", md_text(c.reason), ""]
        if c.signals:
            kinds = ", ".join(
                f"{label(lang, s.kind)} “{md_text(s.phrase)}” ({s.weight:+.0f})" for s in c.signals
            )
            out += [f"**{label(lang, 'signals')}:** {kinds}", ""]
        for quote in c.evidence:
            out += [_quote_line(quote), ""]
    return out


@_render.register
def _target_groups(artefact: TargetGroups) -> list[str]:
    lang = artefact.meta.language
    keys = ["group_id", "group", "size", "notes", "fit", "in_target"]
    out = table(
        [label(lang, key) for key in keys],
        [
            [
                g.id,
                md_cell(g.name),
                g.size,
                g.notes,
                f"{label(lang, g.fit_label)} ({g.fit:.2f})",
                label(lang, "yes" if g.in_target_segments else "no"),
            ]
            for g in artefact.groups
        ],
    )
    out.append("")
    for g in artefact.groups:
        out += [f"## {md_text(g.name)}", "", f"_{_basis(g, lang)}; {g.size} {label(lang, 'interviewees')}: "
                f"{md_text(', '.join(g.participants))}_", ""]  # fmt: skip
        if g.described_as:
            said = ", ".join(f"‘{md_text(phrase)}’" for phrase in g.described_as)
            out += [f"**{label(lang, 'described_as')}:** {said}", ""]
        out += [f"**{label(lang, 'top_needs')}:**", ""]
        out += table(
            [label(lang, "group_id"), label(lang, "need"), label(lang, "voices"), label(lang, "share")],
            [[n.need_id, md_cell(n.title), n.voices, f"{n.share:.0%}"] for n in g.top_needs],
        )
        out.append("")
        out += [f"**{label(lang, 'fit')}:** {label(lang, g.fit_label)} ({g.fit:.2f})", ""]
        out += [f"- {md_text(reason)}" for reason in g.fit_reasons]
        if g.champions:
            out += ["", f"**{label(lang, 'champions')}:** {md_text(', '.join(g.champions))}"]
        out.append("")
    return out


def _basis(group: TargetGroup, lang: str) -> str:
    """Where the group comes from: "uit de gegevens van de geïnterviewden (veld ‘segment’: jeugdtrainer)"."""
    basis = label(lang, f"basis_{group.basis}")
    if group.basis == "metadata" and group.source_field and group.source_value:
        field, value = md_text(group.source_field), md_text(group.source_value)
        basis += f" ({label(lang, 'metadata_field')} ‘{field}’: {value})"
    return basis


# Renderers of later phases register themselves on ``_render`` when imported.
from artefacts import (  # noqa: E402,F401
    render_concept,
    render_core_group,
    render_launch,
    render_plan,
    render_strategy,
    render_survey,
)
