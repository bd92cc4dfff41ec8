"""Read one transcript file into raw speaker turns, whatever its format.

The parsers live in ``knowledge.formats``; this module picks one by file extension and decodes text
files first (see ``knowledge.encodings``). Every failure is an ``InputError`` naming the file, the
line where there is one, and what to do.
"""

from __future__ import annotations

from pathlib import Path

from artefacts.errors import InputError
from knowledge.encodings import decode_bytes
from knowledge.formats.base import ParsedFile
from knowledge.formats.jsonturns import parse_json
from knowledge.formats.labels import LabelRules
from knowledge.formats.subtitles import parse_subtitles
from knowledge.formats.text import parse_docx, parse_text

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".vtt", ".srt", ".json")

_CONVERT_HINTS = {
    ".doc": "open it in Word and save it as .docx",
    ".pdf": "export the transcript as .txt or .docx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx or .txt",
    ".pages": "export it as .docx or .txt",
}


def is_transcript(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def read_transcript(path: Path, source: str, rules: LabelRules) -> ParsedFile:
    """Parse the file at ``path``; ``source`` is the name used in messages and provenance."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = _CONVERT_HINTS.get(suffix, f"supported formats are {', '.join(SUFFIXES)}")
        raise InputError(
            f"cannot read {suffix or 'files without an extension'} files", path=source, hint=hint
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot open the file: {exc.strerror}", path=source, hint="check the file's permissions"
        ) from exc
    return parse_bytes(data, suffix, source, rules)


def parse_bytes(data: bytes, suffix: str, source: str, rules: LabelRules) -> ParsedFile:
    """Parse the content of a file with the given extension (``.txt``, ``.vtt``…)."""
    if suffix == ".docx":
        if not data.strip():
            raise InputError("the file is empty", path=source, hint="add the transcript or remove the file")
        return parse_docx(data, source, rules)
    decoded = decode_bytes(data, source)
    if suffix in (".vtt", ".srt"):
        parsed = parse_subtitles(decoded.text, source, rules)
    elif suffix == ".json":
        parsed = parse_json(decoded.text, source)
    else:
        parsed = parse_text(decoded.text, source, rules, markdown=suffix in (".md", ".markdown"))
    parsed.encoding = decoded.encoding
    return parsed
