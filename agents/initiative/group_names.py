"""Names of target groups as people would say them: "Jeugdtrainers", "Retired teachers", "36–45 jaar".

A name comes from a metadata value ("taalcafe-vrijwilliger") or the most common self-description
("retired teacher"): underscores become spaces, the last word is put in the plural (irregular plurals
in ``knowledge/lexicons/people.yaml``, the rest by the rules below), a letter the file wrote without
its accent gets it back when the interviews spell it so ("taalcafe" → "taalcafé"), and the first letter
is a capital. An age band reads as one ("36-45" → "36–45 jaar"). Never an id, never a keyword list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from artefacts.catalogue import PerLanguage
from knowledge.lexicons import load

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("target_groups")
_AGE_BAND = re.compile(r"^\s*(\d{1,3})\s*(?:[-–]\s*(\d{1,3})|(\+))\s*(?:jaar|years?)?\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_NL_KEEP = ("s", "en", "ers")  # already plural, or a word that is best left as it is
_NL_S = ("er", "el", "em", "en", "je", "ie", "é", "a", "o", "u", "i", "y")


@cache
def _irregular(language: str) -> Mapping[str, str]:
    table = load("people")["plurals"]
    return table.get(language) or {}


def plural(phrase: str, language: str) -> str:
    """``phrase`` with its last word in the plural; a phrase that already reads as a plural stays."""
    irregular = _irregular(language)
    lower = phrase.lower()
    if lower in irregular:
        return _like(phrase, irregular[lower])
    head, sep, last = _split_last(phrase)
    if last.lower() in irregular:
        return head + sep + _like(last, irregular[last.lower()])
    return head + sep + (_plural_nl(last) if language == "nl" else _plural_en(last))


def _split_last(phrase: str) -> tuple[str, str, str]:
    match = re.search(r"[\s\-]+(?=[^\s\-]+$)", phrase)
    if not match:
        return "", "", phrase
    return phrase[: match.start()], match.group(0), phrase[match.end() :]


def _like(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def _plural_nl(word: str) -> str:
    lower = word.lower()
    if lower.endswith(_NL_KEEP) and not lower.endswith(("ees", "us")) or len(lower) < 3:
        return word
    if lower.endswith("eur"):
        return word + "s"  # monteur → monteurs
    if re.search(r"(aa|ee|oo|uu)[^aeiou]$", lower):
        return word[:-2] + word[-1] + "en"  # leraar → leraren
    if lower.endswith(_NL_S):
        return word + ("'s" if lower.endswith(("a", "o", "u", "i", "y")) else "s")
    if lower.endswith("e"):
        return word + "n"  # verzorgende → verzorgenden, verpleegkundige → verpleegkundigen
    return word + "en"  # leerkracht → leerkrachten, coördinator → coördinatoren


def _plural_en(word: str) -> str:
    lower = word.lower()
    if lower.endswith("s") and not lower.endswith("ss"):
        return word
    if lower.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def accents_from(texts: Iterable[str]) -> dict[str, str]:
    """Words spelled with an accent in ``texts``, by their spelling without it: "taalcafe" → "taalcafé"."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text):
            bare = _bare(word)
            if bare != word.lower():
                found.setdefault(bare, word.lower())
    return found


def _bare(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def people_name(value: str, language: str, accents: Mapping[str, str] | None = None) -> str:
    """The name of the group whose metadata value or self-description is ``value``."""
    words = WORDS.get(language, WORDS["en"])
    band = _AGE_BAND.match(value)
    if band:
        low, high, plus = band.groups()
        return words["age_band"].format(band=f"{low}–{high}" if high else f"{low}{plus}")
    text = " ".join(value.replace("_", " ").split())
    if accents:
        text = _WORD.sub(lambda m: _restore(m.group(0), accents), text)
    if not text:
        return words["unknown"]
    named = plural(text, language)
    return named[:1].upper() + named[1:]


def _restore(word: str, accents: Mapping[str, str]) -> str:
    found = accents.get(word.lower())
    return _like(word, found) if found and _bare(found) == word.lower() else word
