"""Turn the bytes of a text file into a string, whatever encoding a word processor chose.

Order of attempts: a UTF-8 byte order mark, a UTF-16 byte order mark, strict UTF-8, Windows-1252
(when the result looks like text), and charset-normalizer as a last resort. Line endings are made
``\\n`` so line numbers match what an editor shows.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message

_CONTROL_OK = {"\t", "\n", "\r", "\f"}


@dataclass(frozen=True)
class Decoded:
    """Text of a file and the encoding it was read with."""

    text: str
    encoding: str


def looks_like_text(text: str) -> bool:
    """True when at most 1 in 200 characters is an unexpected control character."""
    if not text:
        return True
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in _CONTROL_OK) or 0x7F <= ord(ch) < 0xA0)
    return controls * 200 <= len(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, source: str, language: str = FALLBACK) -> Decoded:
    """Decode ``data`` read from ``source``; raise InputError naming the file when it is not text."""
    if not data.strip():
        raise InputError(
            message(language, "file_empty"), path=source, hint=message(language, "file_empty_text_hint")
        )
    decoded = _decode(data)
    if decoded is None:
        raise InputError(
            message(language, "encoding_unknown"), path=source, hint=message(language, "encoding_hint")
        )
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError(
            message(language, "file_empty"), path=source, hint=message(language, "file_empty_text_hint")
        )
    return Decoded(text, decoded.encoding)


def _decode(data: bytes) -> Decoded | None:
    if data.startswith(codecs.BOM_UTF8):
        return _try(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16")
    for encoding in ("utf-8", "cp1252"):
        if b"\x00" in data:
            break  # UTF-16 without a byte order mark, or binary: leave it to charset-normalizer
        found = _try(data, encoding)
        if found is not None and looks_like_text(found.text):
            return found
    return _guess(data)


def _try(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if not looks_like_text(text):
        return None
    return Decoded(text, best.encoding)
