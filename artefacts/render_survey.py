"""Markdown renderers of phase 2b artefacts (questionnaire, survey results, go/no-go advice)."""

from __future__ import annotations

from collections.abc import Mapping

from artefacts.catalogue import PerLanguage

# --- Questionnaire (owner: questionnaire agent) ---------------------------------------------------------
# One block: the Questionnaire renderer and its words. Renderers of SurveyResults and GoNoGoAdvice go in
# blocks of their own below.
from artefacts.render_markdown import _render, table
from artefacts.safe_text import md_cell, md_text, safe_link
from artefacts.survey import QuestionItem, Questionnaire

QUESTIONNAIRE_WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("render.questionnaire")


@_render.register
def _questionnaire(artefact: Questionnaire) -> list[str]:
    words = QUESTIONNAIRE_WORDS.get(artefact.meta.language, QUESTIONNAIRE_WORDS["en"])
    out = [f"**{md_text(artefact.title)}**", "", f"{words['concept']}: {md_text(artefact.concept_id)}", ""]
    out += [f"## {words['intro']}", "", md_text(artefact.intro), ""]
    scale = " · ".join(f"{i} {md_text(label)}" for i, label in enumerate(artefact.likert_labels, start=1))
    out += [f"**{words['scale']}:** {scale}", ""]
    block = None
    for item in artefact.items:
        if item.block != block:
            block = item.block
            out += [f"## {words[block]}", ""]
        out += _questionnaire_item(item, words)
    out += _sampling_section(artefact, words)
    return out


def _questionnaire_item(item: QuestionItem, words: Mapping[str, str]) -> list[str]:
    kind = words["open_kind" if item.kind == "open" else item.kind]
    details = [kind]
    if not item.required:
        details.append(words["optional"])
    if item.theme:
        details.append(f"{words['theme']}: {md_text(item.theme)}")
    if item.need_ids:
        details.append(f"{words['needs']}: {md_text(', '.join(item.need_ids))}")
    out = [f"**{item.id}.** {md_text(item.text)}  ", f"_{' · '.join(details)}_", ""]
    if item.kind in ("single", "multiple"):
        out += [f"{i}. {md_text(option)}" for i, option in enumerate(item.options, start=1)] + [""]
        if item.theme == "role-ladder":
            out += [f"_{words['role_note']}_", ""]
    return out


def _sampling_section(artefact: Questionnaire, words: Mapping[str, str]) -> list[str]:
    plan = artefact.sampling
    population = str(plan.population) if plan.population else words["unknown"]
    out = [f"## {words['sampling']}", ""]
    out += [
        f"- **{words['segments']}:** {md_text(', '.join(plan.segments)) or '—'}",
        f"- **{words['required_responses']}:** {plan.required_responses}",
        f"- **{words['margin']}:** ±{plan.margin_of_error:.0%}",
        f"- **{words['confidence']}:** {plan.confidence:.0%}",
        f"- **{words['population']}:** {population}",
        "",
    ]
    if plan.rationale:
        out += [md_text(plan.rationale), ""]
    return out


# --- end Questionnaire ------------------------------------------------------------------------------------


# --- SurveyResults (owner: survey analysis) ---------------------------------------------------------------
# One block: the SurveyResults renderer. Its words and sections live in artefacts.render_survey_html, which
# the HTML report formats too, so the Markdown and the HTML say the same.
from artefacts.render_survey_html import Section, results_sections  # noqa: E402
from artefacts.survey import SurveyResults  # noqa: E402


@_render.register
def _survey_results(artefact: SurveyResults) -> list[str]:
    out: list[str] = []
    for section in results_sections(artefact):
        out += _results_section(section)
    return out


def _results_section(section: Section) -> list[str]:
    out = ["#" * section.level + f" {md_text(section.title)}", ""]
    for paragraph in section.paragraphs:
        out += [md_text(paragraph), ""]
    if section.header:
        cells = [[md_cell(cell) for cell in row] for row in section.rows]
        out.append("| " + " | ".join(md_cell(h) for h in section.header) + " |")
        out.append("|" + "---|" * len(section.header))
        out += ["| " + " | ".join(row) + " |" for row in cells]
        out.append("")
    for chart in section.charts:
        path = safe_link(chart.path, relative=True)
        out += [f"![{md_text(chart.title)}]({path})" if path else md_text(chart.title), ""]
    return out


# --- end SurveyResults ------------------------------------------------------------------------------------


# --- GoNoGoAdvice (owner: gate / go-no-go advice) -----------------------------------------------------------
# One block: the GoNoGoAdvice renderer and its words.
from artefacts.survey import GoNoGoAdvice  # noqa: E402

ADVICE_WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("render.advice")


def _advice_number(name: str, value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if name.startswith("min_") else f"{value:.0%}"


@_render.register
def _go_no_go_advice(artefact: GoNoGoAdvice) -> list[str]:
    w = ADVICE_WORDS.get(artefact.meta.language, ADVICE_WORDS["en"])
    out = [
        f"**{w['concept']}:** {md_text(artefact.concept_id)}  ",
        f"**{w['recommendation']}:** **{w[artefact.recommendation]}**",
        "",
        md_text(artefact.reasoning),
        "",
        f"## {w['criteria']}",
        "",
    ]
    rows = []
    for c in artefact.criteria:
        interval = (
            f"{c.ci_low:.0%}–{c.ci_high:.0%}" if c.ci_low is not None and c.ci_high is not None else "–"
        )
        rows.append(
            [
                md_cell(c.description),
                _advice_number(c.name, c.threshold),
                _advice_number(c.name, c.observed),
                interval,
                w[c.verdict],
            ]
        )
    out += table([w["criterion"], w["threshold"], w["observed"], w["interval"], w["verdict"]], rows)
    out.append("")
    if artefact.caveats:
        out += [f"## {w['caveats']}", ""] + [f"- {md_text(caveat)}" for caveat in artefact.caveats] + [""]
    out += [f"_{w['decide']}_", ""]
    return out


# --- end GoNoGoAdvice --------------------------------------------------------------------------------------
