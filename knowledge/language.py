"""Which language an interview is in: lingua, restricted to Dutch, English, German and French.

The detector is built once, on first use, and shared. Front matter ``language:`` wins over
detection; a text too short to tell gets the project language.
"""

from __future__ import annotations

from functools import lru_cache
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
