"""Is a word an ordinary word of Dutch or English? The test that keeps "Gisteren belde…" and "Volunteers
said…" sentences while "Geesje belde…" and "Morag said…" are people.

The words and how often each is used come from the frequency lists that ship with ``pyspellchecker``
(MIT; built from subtitles and dictionaries), read once, in Dutch and English. Subtitles use names too,
so a word counts as known only above a floor: the Dutch list gives every dictionary word (and many
names) the count 50, the English one knows "stella" 1,585 times but "people" two million times. Words
that are capitalised in running text although they are no name (nationalities and languages: "Pools",
"Nigerian") are listed in ``knowledge/lexicons/person_names.yaml`` under ``capitalised_words``.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources

from knowledge.wordlists import words

# above these counts a word is an ordinary word of the language (see the docstring)
FLOORS = {"nl": 60, "en": 2000}


@lru_cache(maxsize=4)
def frequencies(language: str) -> dict[str, int]:
    """How often each lower-case word occurs in pyspellchecker's list for ``language``."""
    resource = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        data: dict[str, int] = json.load(text)
    return data


def is_known_word(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary Dutch or English word, or one that is capitalised
    without being a name ("Pools", "Welsh", "Ramadan")."""
    key = word.casefold()
    if key in words("person_names", "capitalised_words"):
        return True
    if key in words("stopwords", "nl") or key in words("stopwords", "en"):
        return True
    parts = key.replace("’", "'").split("-")
    return all(
        any(frequencies(language).get(part, 0) > floor for language, floor in FLOORS.items())
        for part in parts
        if part
    )
