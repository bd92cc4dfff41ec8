"""Text from transcripts and from models, made inert for the format it is written in.

Renderers write their own markup and pass every piece of outside text (notes, quotes, names, sources,
titles, summaries, charter lines, post ideas, announcement texts) through one of these:

- ``md_text`` for text placed in Markdown: ``&``, ``<`` and ``>`` become entities (raw HTML never renders,
  in our HTML or in a viewer that allows HTML, such as the Prefect UI), the characters that make emphasis,
  code, links, images and table cells are backslash-escaped, and a line that would start a heading, a
  quote, a list or a thematic break starts with an escaped character. Line breaks and tabs become
  spaces and the ends are trimmed: every place a renderer puts text is one line (a heading, a list item,
  a cell, a paragraph).
- ``md_cell`` for a table cell: ``md_text`` of any value (numbers too).
- ``md_code`` for text inside a code span (file names): no backtick can close the span.
- ``safe_link`` for a link target: http, https and mailto (and, where asked, a relative path) or nothing.
- ``plain_text`` for text meant for a program that may render HTML (form builders, survey tools,
  calendar programs): tags cannot form (``<`` → ``‹``, ``>`` → ``›``), the words stay readable.
- ``terminal_text`` for the console: escape sequences and other control characters removed.
- ``csv_cell`` and ``write_csv`` for spreadsheets: a text cell a spreadsheet would run as a formula gets a
  leading apostrophe; numbers stay numbers (``-3`` in a numeric column is a number, not a formula).

``md_unescape`` undoes ``md_text`` for what is read back (the needs map's editable section).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {ch: "\\" + ch for ch in "\\`*_[]|~"}
)  # one pass: entities for HTML, backslashes for Markdown's inline syntax
# what opens a block at the start of a line: heading, quote (already an entity), list, break, setext line
_BLOCK_START = re.compile(r"^(\s*)([#+\-=])")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]|~#+\-=.)])")
_UNENTITY = re.compile(r"&(amp|lt|gt);")
LINK_SCHEMES = ("http", "https", "mailto")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029\x85]")


def one_line(text: object) -> str:
    """The text on one line: line breaks and tabs as spaces, the ends trimmed."""
    return _BREAKS.sub(" ", str(text)).strip() if text is not None else ""


def md_text(text: object) -> str:
    """``text`` as Markdown that shows exactly these characters and makes no structure or markup."""
    line = one_line(text).translate(_ESCAPES)
    if line[:1].isspace() or line[:1] in "#+-=" or line[:1].isdigit():  # only then can a block start
        line = _ORDERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\1\\\2", line))
    return line


def md_cell(value: object) -> str:
    """A table cell: ``md_text`` of the value (numbers and other values as their text)."""
    return md_text(value)


def md_code(text: object) -> str:
    """Text inside a code span (``\\`…\\```): one line, no backtick, no table pipe."""
    return one_line(text).replace("`", "ʼ").replace("|", "¦")


def md_unescape(text: str) -> str:
    """The text ``md_text`` was given (on one line, its ends trimmed)."""
    unescaped = _UNESCAPE.sub(r"\1", text)
    return _UNENTITY.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)], unescaped)


def safe_link(url: str, *, relative: bool = False) -> str:
    """``url`` when its scheme is http, https or mailto (or it is a relative path and ``relative``); else ""."""
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return ""
    if parts.scheme:
        return cleaned if parts.scheme.lower() in LINK_SCHEMES else ""
    if ":" in cleaned.split("/", 1)[0]:  # "javascript&colon;…" and other schemes urlsplit does not see
        return ""
    return cleaned if relative and not cleaned.startswith("//") else ""


def plain_text(text: object) -> str:
    """Text for a program that may render HTML: no tag can form, and no control characters."""
    found = "" if text is None else str(text)
    found = "".join(ch for ch in found if ch.isprintable() or ch in "\n\t")
    return found.replace("<", "‹").replace(">", "›")


TERMINAL_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks), DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]?"  # any other escape
)


def terminal_text(text: object) -> str:
    """Text for a terminal: escape sequences removed whole, other control characters dropped, line
    breaks and tabs kept."""
    found = "" if text is None else str(text)
    found = TERMINAL_SEQUENCE.sub("", found)
    return "".join(ch for ch in found if ch in "\n\t" or not _is_control(ch))


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 32 or 0x7F <= code < 0xA0


def csv_cell(value: object) -> str | int | float:
    """A spreadsheet cell: numbers as they are, text with a leading apostrophe when it would be a formula."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object] | Mapping[str, object]]) -> str:
    """CSV text (UTF-8, comma separated, ``\\n`` line ends) with a header row; every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(column) for column in columns])
    for row in rows:
        cells = [row.get(column) for column in columns] if isinstance(row, Mapping) else list(row)
        writer.writerow([csv_cell(cell) for cell in cells])
    return buffer.getvalue()
