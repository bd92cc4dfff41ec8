"""What "nothing active in an output" means, as checks the escaping tests share, and a way to put an
attack into every text of an artefact.

``poisoned(artefact)`` returns a copy in which every non-empty free text (not ids, not enumerations, not
slugs such as ``role-ladder``) starts with one of ``LEADS`` (headings, quotes, lists, formulas; the same
text always gets the same lead, so what is grouped stays grouped) and ends with ``PAYLOAD`` (HTML, links,
images, table pipes, emphasis); a text with a length limit gets a shorter attack within it. The checks look at an output the way the programs that open it would.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from html.parser import HTMLParser
from typing import Any, get_args, get_origin

from markdown_it import MarkdownIt
from pydantic import BaseModel

PAYLOAD = (
    " HACKED <script>alert(1)</script> <img src=x onerror=alert(1)> [hier](javascript:alert(1))"
    " ![i](javascript:alert(2)) [click](http://evil.example) | a | b | **vet** _em_ `code`"
)
SHORT = " HACKED <script>alert(1)</script>"
SLUG = re.compile(r"^[a-z]+(-[a-z]+)+$")
LEADS = ('=HYPERLINK("http://evil.example","x") ', "@SUM(1) ", "+1 ", "-2 ", "# Kop ", "> ", "1. ", "- ")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# fields whose text is a key, a reference or a code the renderers look up, not prose
STRUCTURAL = {
    "id", "concept_id", "cluster_id", "need_id", "note_id", "item_id", "stats_id", "channel", "language",
    "schema_version", "drafted_by", "kind", "path", "column", "unit", "mix",
}  # fmt: skip


def _is_text(annotation: Any) -> bool:
    return annotation is str or (get_origin(annotation) is not None and str in get_args(annotation))


def _poison_value(value: Any, limit: int | None = None) -> Any:
    if isinstance(value, BaseModel):
        _poison_model(value)
        return value
    if isinstance(value, str):
        if not value.strip() or SLUG.match(value):
            return value
        lead = LEADS[zlib.crc32(value.encode()) % len(LEADS)]
        found = lead + value + PAYLOAD
        return found if limit is None or len(found) <= limit else (lead + SHORT)[:limit]
    if isinstance(value, list):
        return [_poison_value(v, limit) for v in value]
    return value


def _limit(field: Any) -> int | None:
    return next((m.max_length for m in field.metadata if getattr(m, "max_length", None)), None)


def _poison_model(model: BaseModel) -> None:
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if name in STRUCTURAL or name.endswith(("_id", "_ids")):
            continue
        if isinstance(value, BaseModel) or (
            isinstance(value, list) and value and isinstance(value[0], BaseModel)
        ):
            _poison_value(value)
        elif _is_text(field.annotation) or (
            get_origin(field.annotation) is list and get_args(field.annotation)[:1] == (str,)
        ):
            model.__dict__[name] = _poison_value(value, _limit(field))


def poisoned(artefact: BaseModel) -> Any:
    copy = artefact.model_copy(deep=True)
    _poison_model(copy)
    return copy


# --- checks ------------------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _bad_url(url: str, *, strict: bool = True) -> bool:
    """A script or document URL; with ``strict``, also a link to where the injection points."""
    url = re.sub(r"[\x00-\x20]", "", url).lower()
    bad = url.startswith(("javascript:", "vbscript:", "data:text", "data:image/svg"))
    return bad or (strict and "evil.example" in url)


def html_problems(page: str, *, strict: bool = True) -> list[str]:
    """Active markup in an HTML page: script and embedding elements, event handlers, dangerous links;
    ``strict``: no link at all to the injection's address (a linkifying viewer may link a bare URL)."""
    parser = _Tags()
    parser.feed(page)
    problems = []
    for tag, attrs in parser.tags:
        if tag in ("script", "iframe", "object", "embed"):
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action", "formaction") and value and _bad_url(value, strict=strict):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def visible_text(page: str) -> str:
    parser = _Tags()
    parser.feed(page)
    return " ".join(parser.text)


def permissive_html(markdown: str) -> str:
    """The Markdown as a viewer that allows raw HTML renders it (the Prefect UI, a code forge)."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md.render(markdown)


def markdown_problems(markdown: str) -> list[str]:
    problems = html_problems(permissive_html(markdown), strict=False)
    links = [t for t in MarkdownIt("commonmark").enable("table").parse(markdown) if t.children]
    for inline in links:
        for child in inline.children or []:
            if child.type in ("link_open", "image"):
                target = str(child.attrGet("href") or child.attrGet("src") or "")
                if _bad_url(target) or target.startswith("http"):
                    problems.append(f"{child.type} to {target!r}")
    return problems


def _pipes(line: str) -> int:
    """Table pipes in a Markdown line: those not escaped by an odd number of backslashes."""
    return sum(1 for m in re.finditer(r"(\\*)\|", line) if len(m.group(1)) % 2 == 0)


def table_problems(markdown: str) -> list[str]:
    """Rows whose number of cells differs from their table's header."""
    problems, header = [], None
    for number, line in enumerate(markdown.splitlines(), 1):
        if line.startswith("|"):
            header = _pipes(line) if header is None else header
            if _pipes(line) != header:
                problems.append(f"line {number}: {_pipes(line)} pipes, header {header}")
        else:
            header = None
    return problems


def block_structure(markdown: str) -> list[str]:
    """The block tokens (headings, lists, quotes, tables, paragraphs) with their tags: the document's shape."""
    return [f"{t.type}:{t.tag}" for t in MarkdownIt("commonmark").enable("table").parse(markdown) if t.block]


def csv_problems(text: str, numeric: tuple[str, ...] = ()) -> list[str]:
    """Cells a spreadsheet would run as a formula (a number in a numeric column is a number)."""
    problems = []
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0] if rows else []
    for r, row in enumerate(rows[1:], 2):
        for column, cell in zip(header, row, strict=False):
            if cell.startswith(FORMULA_STARTS) and not (column in numeric and _is_number(cell)):
                problems.append(f"row {r} {column}: {cell[:30]!r}")
    return problems


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def json_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in json_strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in json_strings(v)]
    return []


def form_json_problems(text: str) -> list[str]:
    return [s[:40] for s in json_strings(json.loads(text)) if "<" in s or ">" in s]


def docx_problems(data: bytes) -> list[str]:
    """What Word would act on: hyperlinks, fields (HYPERLINK, DDE), embedded objects, macros."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        xml = archive.read("word/document.xml").decode("utf-8")
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    problems = [
        marker for marker in ("<w:hyperlink", "<w:fldSimple", "<w:instrText", "<w:object") if marker in xml
    ]
    problems += ["external relationship"] if 'TargetMode="External"' in rels else []
    return problems + [name for name in names if "vbaProject" in name]


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
