"""Turn the bytes of a text file into a string, whatever encoding a word processor chose, never by a guess.

Order of attempts: a UTF-8 byte order mark, a UTF-16 byte order mark (or UTF-16 without one, told by
its zero bytes), strict UTF-8, and Windows-1252 for a file with no UTF-8 in it at all (what Dutch
Excel and old Notepad save): that one is read with ``Decoded.guessed_line``, the first line with a
character that is not ASCII, so the reader can warn where to look. A file that mixes UTF-8 with other
bytes, or holds NUL bytes, is an ``InputError`` with the first bad line: decoding it as some code page
would put wrong words in people's mouths. Line endings are made ``\\n`` so line numbers match what an
editor shows.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message
from artefacts.safe_text import TERMINAL_SEQUENCE, terminal_text

_CONTROL_OK = {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Decoded:
    """Text of a file and the encoding it was read with."""

    text: str
    encoding: str
    guessed_line: int | None = None  # read as Windows-1252: the first line with a non-ASCII character
    controls_line: int | None = None  # control characters (terminal escape codes…) removed: the first line


def looks_like_text(text: str) -> bool:
    """True when at most 1 in 200 characters is an unexpected control character."""
    if not text:
        return True
    text = TERMINAL_SEQUENCE.sub("", text)  # escape codes are removed later, with a warning: not binary
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in _CONTROL_OK) or 0x7F <= ord(ch) < 0xA0)
    return controls * 200 <= len(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, source: str, language: str = FALLBACK) -> Decoded:
    """Decode ``data`` read from ``source``; raise InputError naming the file (and line) when it is not text."""
    if not data.strip():
        raise InputError(
            message(language, "file_empty"), path=source, hint=message(language, "file_empty_text_hint")
        )
    decoded = _decode(data, source, language)
    if decoded is None:
        raise InputError(
            message(language, "encoding_unknown"), path=source, hint=message(language, "encoding_hint")
        )
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError(
            message(language, "file_empty"), path=source, hint=message(language, "file_empty_text_hint")
        )
    text, controls_line = strip_controls(text)
    return Decoded(text, decoded.encoding, decoded.guessed_line, controls_line)


def strip_controls(text: str) -> tuple[str, int | None]:
    """``text`` without terminal escape sequences and control characters (tabs, line breaks and form
    feeds stay), and the first line that had one: no transcript means them, and a terminal, a
    spreadsheet or a form builder would act on them."""
    lines = text.split("\n")
    kept = ["\f".join(terminal_text(part) for part in line.split("\f")) for line in lines]
    cleaned = "\n".join(kept)
    if cleaned == text:
        return text, None
    first = next(i for i, (a, b) in enumerate(zip(lines, kept, strict=True), start=1) if a != b)
    return cleaned, first


def _decode(data: bytes, source: str, language: str) -> Decoded | None:
    if data.startswith(codecs.BOM_UTF8):
        return _strict_utf8(data, "utf-8-sig", source, language)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _as_text(_try(data, "utf-16"))
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise InputError(
                message(language, "nul_bytes"),
                path=source,
                line=_line_at(data, data.index(b"\x00")),
                hint=message(language, "nul_bytes_hint"),
            )
        return found
    bad = _first_invalid_utf8(data)
    if bad is None:
        return _as_text(_try(data, "utf-8"))
    if _UTF8_SEQUENCE.search(data):  # some characters are UTF-8, others not: mixed, never guessed
        raise InputError(
            message(language, "encoding_invalid_utf8"),
            path=source,
            line=_line_at(data, bad),
            hint=message(language, "encoding_save_utf8_hint"),
        )
    found = _as_text(_try(data, "cp1252"))
    if found is None:
        return None
    first = next(i for i, byte in enumerate(data) if byte >= 0x80)
    return Decoded(found.text, found.encoding, _line_at(data, first))


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _strict_utf8(data: bytes, encoding: str, source: str, language: str) -> Decoded | None:
    bad = _first_invalid_utf8(data)
    if bad is not None:
        raise InputError(
            message(language, "encoding_invalid_utf8"),
            path=source,
            line=_line_at(data, bad),
            hint=message(language, "encoding_save_utf8_hint"),
        )
    return _as_text(_try(data, encoding))


def _first_invalid_utf8(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 told by its zero bytes: in Latin text every other byte is zero."""
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if len(data) % 2 == 0 and zeros.count(0) * 10 >= len(zeros) * 7:
            found = _as_text(_try(data, encoding))
            if found is not None:
                return found
    return None


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _as_text(found: Decoded | None) -> Decoded | None:
    return found if found is not None and looks_like_text(found.text) else None


def _try(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None
