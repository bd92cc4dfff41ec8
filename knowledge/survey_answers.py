"""Answers as survey tools write them, turned into scores and chosen options.

Likert answers come as labels (Dutch or English, in the questionnaire's words or a common variant:
"Helemaal eens", "Oneens", "Zeer mee eens"…) or as numbers 1–5 ("4", "4.0", "4 - Mee eens").
Multiple-choice answers are joined by ", " (Google Forms) or ";" (Microsoft Forms); options that
themselves contain ", " are found first, by the item's known options, before the rest is split.
"""

from __future__ import annotations

import re
import unicodedata

LIKERT_WORDS: dict[str, int] = {
    # Dutch
    "helemaal mee oneens": 1, "helemaal oneens": 1, "zeer mee oneens": 1, "zeer oneens": 1,
    "volledig mee oneens": 1, "totaal mee oneens": 1, "geheel mee oneens": 1,
    "mee oneens": 2, "oneens": 2, "niet mee eens": 2, "enigszins mee oneens": 2,
    "neutraal": 3, "neutraal geen mening": 3, "niet eens niet oneens": 3, "niet mee eens niet mee oneens": 3,
    "neutraal niet eens niet oneens": 3, "noch eens noch oneens": 3,
    "mee eens": 4, "eens": 4, "enigszins mee eens": 4,
    "helemaal mee eens": 5, "helemaal eens": 5, "zeer mee eens": 5, "zeer eens": 5,
    "volledig mee eens": 5, "totaal mee eens": 5, "geheel mee eens": 5,
    # English
    "strongly disagree": 1, "completely disagree": 1, "totally disagree": 1,
    "disagree": 2, "somewhat disagree": 2,
    "neutral": 3, "neither agree nor disagree": 3, "neither disagree nor agree": 3, "undecided": 3,
    "agree": 4, "somewhat agree": 4,
    "strongly agree": 5, "completely agree": 5, "totally agree": 5,
}  # fmt: skip
_NUMBER = re.compile(r"^\s*([1-5])(?:[.,]0+)?(?:\s*(?:[-–—:.)(]|$))")


def answer_key(text: str) -> str:
    """Lower case words without accents or punctuation: how answers are compared."""
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def likert_score(answer: str, labels: list[str]) -> int | None:
    """1–5 for a Likert answer, None when blank or not understood. ``labels`` are the item's five labels."""
    text = answer.strip()
    if not text:
        return None
    number = _NUMBER.match(text)
    if number:
        return int(number.group(1))
    key = answer_key(text)
    for position, label in enumerate(labels[:5], start=1):
        if key == answer_key(label):
            return position
    return LIKERT_WORDS.get(key)


def split_choices(answer: str, options: list[str]) -> tuple[list[str], list[str]]:
    """The known options an answer names (in option order) and the other parts it holds.

    Known options are found whole, longest first, between separators (", ", ",", ";") or the ends of
    the answer, so an option like "Online, via Teams" stays one option.
    """
    rest = answer.strip()
    found: set[str] = set()
    for option in sorted(options, key=len, reverse=True):
        pattern = re.compile(rf"(?:^|[;,])\s*{re.escape(option.strip())}\s*(?=[;,]|$)", re.IGNORECASE)
        if option.strip() and pattern.search(rest):
            found.add(option)
            rest = pattern.sub(";", rest)
    others = [part.strip() for part in re.split(r";|,\s", rest) if part.strip(" ,;")]
    return [o for o in options if o in found], others


def match_option(answer: str, options: list[str]) -> str | None:
    """The option a single-choice answer names (tolerant of case, spacing and punctuation)."""
    key = answer_key(answer)
    for option in options:
        if answer_key(option) == key:
            return option
    return None
