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

_PREFIXES = (
    "mee",
    "samen",
    "terug",
    "door",
    "over",
    "weg",
    "thuis",
    "op",
    "af",
    "uit",
    "in",
    "aan",
    "na",
    "bij",
)

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
    return all(_known(part) for part in parts if part)


def _known(key: str) -> bool:
    return any(frequencies(language).get(key, 0) > floor for language, floor in FLOORS.items())


def is_dutch_infinitive(word: str) -> bool:
    """True for a Dutch verb in its infinitive, which opens many a spoken sentence ("Appen kan ook",
    "Meedenken wil ik wel"): a known stem before "-en" ("app", "fiets", "bel" of "bellen"), or a
    separable prefix before a known verb ("mee" + "denken")."""
    key = word.casefold()
    if len(key) < 5 or not key.endswith("en"):
        return False
    stem = key[:-2]
    if _known(stem) or (len(stem) > 2 and stem[-1] == stem[-2] and _known(stem[:-1])):
        return True
    return any(key.startswith(p) and len(key) - len(p) >= 4 and _known(key[len(p) :]) for p in _PREFIXES)
