"""The rendered Markdown of an artefact as HTML, safely: one parser for the HTML report and the Word export.

The parser is markdown-it-py (already installed with rich) in its CommonMark preset with tables and
with raw HTML turned off: a ``<script>`` in a transcript note is text, escaped, never markup. A link or
an image is kept only when its target is http, https, mailto or a relative path (``safe_link``): markdown-it's
own check would let ``data:image/…`` through. Only what ``render_markdown`` emits is used:
headings, paragraphs, emphasis, lists, tables, block quotes and code.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from artefacts.render_markdown import EDIT_END, EDIT_START
from artefacts.safe_text import safe_link


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = _allowed  # type: ignore[method-assign]
    return md


def _allowed(url: str) -> bool:
    return bool(safe_link(url, relative=True))


def without_markers(markdown: str) -> str:
    """The Markdown without the needs map's edit markers (HTML comments meant for the text editor)."""
    return "\n".join(line for line in markdown.splitlines() if line.strip() not in (EDIT_START, EDIT_END))


def tokens(markdown: str) -> list[Token]:
    return parser().parse(without_markers(markdown))


def markdown_to_html(markdown: str) -> str:
    """HTML of ``markdown``; any HTML in it comes out escaped, as text."""
    return parser().render(without_markers(markdown))
