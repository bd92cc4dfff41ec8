"""Which language an interview is in: lingua, restricted to Dutch, English, German and French.

The detector is built once, on first use, and shared. Front matter ``language:`` wins over
detection; a text too short to tell gets the project language.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_CHARS = 20
SAMPLE_CHARS = 3000
MIN_CONFIDENCE = 0.5
LANGUAGE_CODES = ("nl", "en", "de", "fr")


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The shared lingua detector for nl, en, de and fr."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.DUTCH, Language.ENGLISH, Language.GERMAN, Language.FRENCH]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str, default: str = "nl") -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or ``default`` when unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return default
    values = detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return default
    return values[0].language.iso_code_639_1.name.lower()


def folder_language(folder: Path) -> tuple[str, int, int] | None:
    """The language most readable interview files under ``folder`` are in, how many are, and how many
    were read; None when no file could be read or none is in a language of its own."""
    from knowledge.formats.labels import LabelRules
    from knowledge.ingest import interview_files
    from knowledge.transcripts import is_transcript, read_transcript

    found: Counter[str] = Counter()
    read = 0
    for path in interview_files(folder) if folder.is_dir() else []:
        if not is_transcript(path):
            continue
        try:
            parsed = read_transcript(path, path.name, LabelRules())
        except Exception:  # noqa: BLE001 - an unreadable file tells nothing about the language
            continue
        read += 1
        code = declared_language(parsed.metadata.get("language")) or detect_language(
            " ".join(turn.text for turn in parsed.turns), default=""
        )
        if code:
            found[code] += 1
    if not found:
        return None
    code, count = found.most_common(1)[0]
    return code, count, read


def declared_language(value: object) -> str | None:
    """A language named in front matter ("nl", "NL", "nl-NL", "Nederlands", "English"), as a code."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().lower().replace("_", "-")
    names = {
        "nederlands": "nl",
        "dutch": "nl",
        "engels": "en",
        "english": "en",
        "duits": "de",
        "german": "de",
        "deutsch": "de",
        "frans": "fr",
        "french": "fr",
        "français": "fr",
    }
    if text in names:
        return names[text]
    code = text.split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None
