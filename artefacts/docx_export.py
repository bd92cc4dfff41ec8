"""Word (.docx) export of any artefact, from its rendered Markdown.

The Markdown renderer decides what a document says; this module only maps its blocks to Word's: headings
to Heading 1–6, paragraphs, bullet and numbered lists (two levels), tables (Table Grid, header row bold),
block quotes (Quote), code (monospace), bold and italic runs. The text of every run is set as text, so
nothing from a transcript or a model becomes markup in the document. Characters XML cannot hold
(control characters) are dropped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from artefacts.base import Artefact
from artefacts.i18n import label
from artefacts.markdown_html import tokens
from artefacts.render_markdown import render_markdown

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def artefact_docx(artefact: Artefact, *, version: int | None = None) -> bytes:
    """The artefact as a Word document (its Markdown rendering, in its language)."""
    language = artefact.meta.language
    title = label(language, type(artefact).artefact_name)
    return markdown_to_docx(render_markdown(artefact, version=version), title=title, language=language)


def markdown_to_docx(markdown: str, *, title: str = "", language: str = "") -> bytes:
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = language
    _Writer(document).write(tokens(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def add_runs(paragraph: Paragraph, children: list[Token] | None, *, bold: bool = False) -> None:
    """The inline tokens of a block as runs: text, bold, italic, code; hard breaks as line breaks."""
    strong, em = bold, False
    for child in children or []:
        kind = child.type
        if kind == "strong_open" or kind == "strong_close":
            strong = kind == "strong_open" or bold
        elif kind == "em_open" or kind == "em_close":
            em = kind == "em_open"
        elif kind in ("text", "code_inline", "image"):
            run = paragraph.add_run(_clean(child.content))
            run.bold, run.italic = strong or None, em or None
            if kind == "code_inline":
                run.font.name = "Consolas"
        elif kind == "softbreak":  # a line break in the source: a space, as in Markdown
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


@dataclass
class _Writer:
    document: DocxDocument
    lists: list[str] = field(default_factory=list)  # "bullet" or "number", outermost first
    style_ids: dict[str, str] = field(default_factory=dict)
    quotes: int = 0
    item_open: bool = False  # the next paragraph is the first of a list item

    def write(self, stream: list[Token]) -> None:
        i = 0
        while i < len(stream):
            token = stream[i]
            kind = token.type
            if kind == "heading_open":
                heading = self.document.add_heading("", level=min(int(token.tag[1]), 6))
                add_runs(heading, stream[i + 1].children)
                i += 3
                continue
            if kind == "paragraph_open":
                add_runs(self._paragraph(), stream[i + 1].children)
                i += 3
                continue
            if kind == "table_open":
                i = self._table(stream, i)
                continue
            self._structure(token)
            i += 1

    def _structure(self, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append("bullet" if kind == "bullet_list_open" else "number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_open = True
        elif kind == "blockquote_open":
            self.quotes += 1
        elif kind == "blockquote_close":
            self.quotes -= 1
        elif kind in ("fence", "code_block"):
            paragraph = self.document.add_paragraph()
            run = paragraph.add_run(_clean(token.content.rstrip("\n")))
            run.font.name, run.font.size = "Consolas", Pt(9)

    def _paragraph(self) -> Paragraph:
        if self.lists:
            depth = min(len(self.lists), 3)
            suffix = "" if depth == 1 else f" {depth}"
            if self.item_open:
                self.item_open = False
                base = "List Bullet" if self.lists[-1] == "bullet" else "List Number"
                return self._styled(base + suffix)
            return self._styled("List Continue" + suffix)
        if self.quotes:
            return self._styled("Quote")
        return self.document.add_paragraph()

    def _styled(self, name: str) -> Paragraph:
        """A paragraph in style ``name``. python-docx looks a style name up anew for every paragraph
        (milliseconds each); the id is looked up once and set on the paragraph's XML."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style_ids[name]
        return paragraph

    def _table(self, stream: list[Token], i: int) -> int:
        """Read the table starting at ``stream[i]``; return the index after it."""
        rows: list[list[list[Token]]] = []
        header_rows = 0
        in_head = False
        while stream[i].type != "table_close":
            kind = stream[i].type
            if kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open":
                rows.append([])
                header_rows += in_head
            elif kind == "inline":
                rows[-1].append(stream[i].children or [])
            i += 1
        width = max((len(row) for row in rows), default=0)
        if width:
            table = self.document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, (table_row, row) in enumerate(zip(table.rows, rows, strict=True)):
                for cell, cell_tokens in zip(table_row.cells, row, strict=False):  # table.cell() is slow
                    add_runs(cell.paragraphs[0], cell_tokens, bold=r < header_rows)
            self.document.add_paragraph()
        return i + 1
