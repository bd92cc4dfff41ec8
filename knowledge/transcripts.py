"""Read one transcript file into raw speaker turns, whatever its format.

The parsers live in ``knowledge.formats``; this module picks one by file extension and decodes text
files first (see ``knowledge.encodings``). Before a byte is read the file is checked
(``knowledge.safe_files``): no link out of the project, no FIFO or device, no file past the size
limit, no Word file that unpacks to more than :data:`MAX_DOCX_UNPACKED`. Every failure is an
``InputError`` naming the file, the line where there is one, and what to do.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.encodings import decode_bytes
from knowledge.formats.base import ParsedFile, Skipped
from knowledge.formats.jsonturns import parse_json
from knowledge.formats.labels import LabelRules
from knowledge.formats.subtitles import parse_subtitles
from knowledge.formats.text import parse_docx, parse_text
from knowledge.safe_files import MAX_DOCX_BYTES, MAX_TEXT_BYTES, MB, check_file, read_checked

MAX_LINE_CHARS = 20_000  # some 3,000 words: a quarter of an hour of one person talking, in one paragraph
MAX_DOCX_UNPACKED = 100 * MB  # the sizes a .docx declares for its parts, added up
SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".vtt", ".srt", ".json")

_CONVERT_HINTS = {  # extension → key of the hint in artefacts.messages
    ".doc": "convert_doc_hint",
    ".pdf": "convert_pdf_hint",
    ".rtf": "convert_save_hint",
    ".odt": "convert_save_hint",
    ".pages": "convert_export_hint",
}


def is_transcript(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_transcript(
    path: Path,
    source: str,
    rules: LabelRules,
    language: str = FALLBACK,
    roots: Sequence[Path] = (),
) -> ParsedFile:
    """Parse the file at ``path``; ``source`` is the name used in messages and provenance, ``language``
    the one they are written in, ``roots`` the folders a link may lead into (by default the file's own)."""
    suffix = path.suffix.lower()
    roots = roots or (path.parent,)
    check_file(path, source, roots, limit=sys.maxsize, language=language)  # a link out: said first
    if suffix not in SUFFIXES:
        if suffix in _CONVERT_HINTS:
            hint = message(language, _CONVERT_HINTS[suffix])
        else:
            hint = message(language, "formats_supported_hint", formats=", ".join(SUFFIXES))
        problem = (
            message(language, "format_unsupported", suffix=suffix)
            if suffix
            else message(language, "format_no_extension")
        )
        raise InputError(problem, path=source, hint=hint)
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    data = read_checked(path, source, roots, limit=limit, language=language)
    return parse_bytes(data, suffix, source, rules, language)


def parse_bytes(
    data: bytes, suffix: str, source: str, rules: LabelRules, language: str = FALLBACK
) -> ParsedFile:
    """Parse the content of a file with the given extension (``.txt``, ``.vtt``…)."""
    if suffix == ".docx":
        if not data.strip():
            raise InputError(
                message(language, "file_empty"), path=source, hint=message(language, "file_empty_hint")
            )
        check_docx(data, source, language)
        return check_lines(parse_docx(data, source, rules, language), source, language)
    decoded = decode_bytes(data, source, language)
    if suffix in (".vtt", ".srt"):
        parsed = parse_subtitles(decoded.text, source, rules, language, vtt=suffix == ".vtt")
    elif suffix == ".json":
        parsed = parse_json(decoded.text, source, language)
    else:
        parsed = parse_text(
            decoded.text, source, rules, markdown=suffix in (".md", ".markdown"), language=language
        )
    check_lines(parsed, source, language)
    parsed.encoding = decoded.encoding
    if decoded.guessed_line is not None:
        said = message(language, "encoding_read_as", encoding="Windows-1252")
        parsed.warnings.append(
            Skipped(decoded.guessed_line, said, message(language, "encoding_save_utf8_hint"))
        )
    if decoded.controls_line is not None:
        said = message(language, "controls_removed")
        parsed.warnings.append(
            Skipped(decoded.controls_line, said, message(language, "controls_removed_hint"))
        )
    return parsed


def check_lines(parsed: ParsedFile, source: str, language: str = FALLBACK) -> ParsedFile:
    """Refuse a file with a line (a paragraph, a JSON turn) longer than :data:`MAX_LINE_CHARS`: it is
    no transcript (a dump, one sentence pasted thousands of times), and finding names in it would
    take minutes."""
    for turn in parsed.turns:
        for line in turn.lines:
            if len(line.text) > MAX_LINE_CHARS:
                raise InputError(
                    message(language, "line_too_long", length=len(line.text), limit=MAX_LINE_CHARS),
                    path=source,
                    line=line.start,
                    hint=message(language, "line_too_long_hint"),
                )
    return parsed


def check_docx(data: bytes, source: str, language: str = FALLBACK) -> None:
    """Refuse a .docx that is no zip, or whose parts declare more than :data:`MAX_DOCX_UNPACKED` bytes
    (a zip bomb), before anything is unpacked."""
    hint = message(language, "docx_unreadable_hint")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(message(language, "docx_not_zip"), path=source, hint=hint) from exc
    if unpacked > MAX_DOCX_UNPACKED:
        raise InputError(
            message(
                language,
                "docx_too_large_inside",
                size=f"{unpacked / MB:.0f}",
                limit=f"{MAX_DOCX_UNPACKED / MB:.0f}",
            ),
            path=source,
            hint=message(language, "docx_too_large_hint"),
        )
