"""Markdown renderers of phase 2a artefacts (concept hypotheses, persona)."""

from __future__ import annotations

from collections.abc import Mapping

from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona, Trait
from artefacts.render_markdown import _quote_line, _render, table
from artefacts.safe_text import md_cell, md_code, md_text

CONCEPT_WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("render.concept")


def _words(language: str) -> Mapping[str, str]:
    return CONCEPT_WORDS.get(language, CONCEPT_WORDS["en"])


@_render.register
def _concept_hypotheses(artefact: ConceptHypotheses) -> list[str]:
    w = _words(artefact.meta.language)
    out: list[str] = []
    if artefact.revision_note:
        out += [f"> **{w['revision']}:** {md_text(artefact.revision_note)}", ""]
    out += [f"## {w['overview']}", ""]
    out += table(
        ["#", w["concept"], w["type"], w["needs"], w["groups"]],
        [
            [
                c.id,
                md_cell(c.name),
                md_cell(w.get(c.community_type, c.community_type)),
                md_cell(", ".join(c.need_ids)),
                md_cell(", ".join(c.target_groups)),
            ]
            for c in artefact.concepts
        ],
    )
    out.append("")
    for concept in artefact.concepts:
        out += _concept(concept, w)
    return out


def _concept(c: ConceptHypothesis, w: Mapping[str, str]) -> list[str]:
    out = [f"## {c.id} · {md_text(c.name)}", ""]
    out.append(f"**{w['type']}:** {md_text(w.get(c.community_type, c.community_type))}  ")
    out.append(f"**{w['needs']}:** {md_text(', '.join(c.need_ids))}  ")
    if c.target_groups:
        out.append(f"**{w['groups']}:** {md_text(', '.join(c.target_groups))}  ")
    out += [
        "",
        f"**{w['purpose']}:** {md_text(c.purpose)}",
        "",
        f"**{w['hypothesis']}:** {md_text(c.hypothesis)}",
        "",
    ]
    if c.themes:
        out += [f"### {w['themes']}", ""]
        for theme in c.themes:
            topics = f": {md_text(', '.join(theme.topics))}" if theme.topics else ""
            out.append(f"- **{md_text(theme.title)}** ({md_text(', '.join(theme.need_ids))}){topics}")
        out.append("")
    out += [f"### {w['fails_if']}", ""] + [f"- {md_text(item)}" for item in c.fails_if] + [""]
    if c.rationale:
        out += [f"### {w['rationale']}", "", md_text(c.rationale), ""]
    if c.evidence:
        out += [f"### {w['evidence']}", ""]
        for quote in c.evidence:
            out += [_quote_line(quote), ""]
    return out


def _trait_line(trait: Trait, w: Mapping[str, str]) -> str:
    refs = ", ".join([md_text(n) for n in trait.need_ids] + [f"`{md_code(n)}`" for n in trait.note_ids])
    mark = f" **[{w['invented']}]**" if trait.invented else ""
    return f"- {md_text(trait.text)}{mark}" + (f" _({refs})_" if refs else "")


@_render.register
def _persona(artefact: Persona) -> list[str]:
    w = _words(artefact.meta.language)
    out = [
        f"## {md_text(artefact.name)} _({w['name_invented']})_",
        "",
        f"_{w['for_concept']} {md_text(artefact.concept_id)}_",
        "",
    ]
    if artefact.group:
        people = md_text(", ".join(artefact.participants))
        drawn = w["drawn_from"].format(group=md_text(artefact.group), people=people)
        out[-2] = out[-2][:-1] + f"; {drawn}_"
    out += [f"### {w['who']}", "", _trait_line(artefact.who, w), ""]
    out += [f"### {w['situation']}", "", _trait_line(artefact.situation, w), ""]
    sections = [
        ("needs", artefact.needs),
        ("motivations", artefact.motivations),
        ("gives", artefact.gives),
        ("gets", artefact.gets),
        ("participation", artefact.participation),
    ]
    for key, traits in sections:
        if traits:
            out += (
                [f"### {w[key].format(name=md_text(artefact.name))}", ""]
                + [_trait_line(t, w) for t in traits]
                + [""]
            )
    if artefact.quotes:
        out += [f"### {w['quotes']}", ""]
        for quote in artefact.quotes:
            out += [_quote_line(quote), ""]
    return out
