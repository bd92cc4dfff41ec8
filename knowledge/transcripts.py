"""Read one transcript file into raw speaker turns, whatever its format.

The parsers live in ``knowledge.formats``; this module picks one by file extension and decodes text
files first (see ``knowledge.encodings``). Every failure is an ``InputError`` naming the file, the
line where there is one, and what to do.
"""

from __future__ import annotations

from pathlib import Path

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from knowledge.encodings import decode_bytes
from knowledge.formats.base import ParsedFile
from knowledge.formats.jsonturns import parse_json
from knowledge.formats.labels import LabelRules
from knowledge.formats.subtitles import parse_subtitles
from knowledge.formats.text import parse_docx, parse_text

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


def read_transcript(path: Path, source: str, rules: LabelRules, language: str = FALLBACK) -> ParsedFile:
    """Parse the file at ``path``; ``source`` is the name used in messages and provenance, ``language``
    the one they are written in."""
    suffix = path.suffix.lower()
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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            message(language, "cannot_open_file", reason=exc.strerror),
            path=source,
            hint=message(language, "check_permissions_hint"),
        ) from exc
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
        return parse_docx(data, source, rules, language)
    decoded = decode_bytes(data, source, language)
    if suffix in (".vtt", ".srt"):
        parsed = parse_subtitles(decoded.text, source, rules, language)
    elif suffix == ".json":
        parsed = parse_json(decoded.text, source, language)
    else:
        parsed = parse_text(
            decoded.text, source, rules, markdown=suffix in (".md", ".markdown"), language=language
        )
    parsed.encoding = decoded.encoding
    return parsed
