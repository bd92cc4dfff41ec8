"""The Word export: headings, paragraphs, lists, tables, quotes and emphasis of the rendered Markdown,
read back with python-docx, in Dutch and English; text from transcripts stays text."""

from __future__ import annotations

import io

import docx
import pytest

from agents.launch.launch_plan import compose
from artefacts.docx_export import artefact_docx, markdown_to_docx
from tests.launch_builders import TEXTS, inputs
from tests.report_project import SCRIPT, needs_map


def read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_each_markdown_block_becomes_its_word_counterpart() -> None:
    markdown = (
        "# Title\n\nA *soft* and **bold** line\nwith a break.\n\n## Part\n\n- one\n- two\n  - nested\n\n"
        "1. first\n\n> quoted **words**\n\n| A | B |\n|---|---|\n| 1 | **2** |\n\n```\ncode\n```\n"
    )
    document = read(markdown_to_docx(markdown, title="T", language="en"))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[:3] == [
        ("Heading 1", "Title"),
        ("Normal", "A soft and bold line with a break."),
        ("Heading 2", "Part"),
    ]
    assert ("List Bullet", "one") in styles and ("List Bullet 2", "nested") in styles
    assert (
        ("List Number", "first") in styles
        and ("Quote", "quoted words") in styles
        and ("Normal", "code") in styles
    )
    runs = {run.text: (run.bold, run.italic) for p in document.paragraphs for run in p.runs}
    assert runs["soft"] == (None, True) and runs["bold"] == (True, None)
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["A", "B"], ["1", "2"]]
    assert table.style.name == "Table Grid" and table.cell(0, 0).paragraphs[0].runs[0].bold
    assert document.core_properties.title == "T" and document.core_properties.language == "en"


@pytest.mark.parametrize(("language", "headings"), [
    ("nl", ["Lanceringsplan", "Aankondiging", "Onboardingpad voor nieuwe leden", "Gezondheidsmaten voor de eerste zes maanden"]),
    ("en", ["Launch plan", "Announcement", "Onboarding path for new members", "Health metrics for the first six months"]),
])  # fmt: skip
def test_the_launch_plan_in_word(language: str, headings: list[str]) -> None:
    document = read(artefact_docx(compose(inputs(language)), version=3))
    found = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert all(h in found for h in headings), found
    assert any(TEXTS[language]["name"] in p.text for p in document.paragraphs if p.style.name == "Quote")
    metrics = next(t for t in document.tables if len(t.columns) == 4 and len(t.rows) == 6)
    assert metrics.cell(1, 1).text == "35%"


def test_markup_in_a_transcript_stays_text_in_word() -> None:
    document = read(artefact_docx(needs_map("en"), version=1))
    text = "\n".join(p.text for p in document.paragraphs)
    assert SCRIPT in text  # as the words it is, not dropped and not interpreted
    assert "Swapping parts" in [
        p.text.split(" · ")[-1] for p in document.paragraphs if p.style.name == "Heading 2"
    ]


def test_characters_xml_cannot_hold_are_dropped() -> None:
    document = read(markdown_to_docx("bell\x07 and form\x0b feed"))
    assert document.paragraphs[0].text == "bell and form feed"
