"""Is a model's answer written in the project's language? A check every model step runs.

A model may answer a Dutch prompt in English, or drift into another script ("Groep 交流的需要"). Such an
answer is refused like any other that fails its checks: the model is asked once more with the reason,
and otherwise the deterministic draft stays, with the reason in the artefact.

Two tests: letters outside the Latin script in a text field (any share above a few letters is not Dutch or
English), and the language of all prose fields together, when the detector is sure. Ids, codes and
short labels are left out: they say nothing about the language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from agents.shared.prompting import LANGUAGE_NAMES
from knowledge.language import detect_language

FOREIGN_SCRIPT_SHARE = 0.2  # share of a text's letters outside the Latin script that makes it foreign
PROSE_WORDS = 4  # a text field with fewer words is a label or an id, not prose
_ID = re.compile(r"^[A-Za-z]{0,3}[-_]?[0-9a-f]{1,12}$")
_NAMES = {"en": "English", "nl": "Dutch", "de": "German", "fr": "French"}


def expected_language(inputs: BaseModel) -> str | None:
    """The language code a prompt's inputs ask for (their ``language`` field: a code or a prompt name)."""
    value = getattr(inputs, "language", None)
    if not isinstance(value, str):
        return None
    for code, name in LANGUAGE_NAMES.items():
        if value.strip().lower() in (code, name.lower()) or value.lower().startswith(name.split()[0].lower()):
            return code
    return None


def language_problems(answer: BaseModel, expected: str) -> list[str]:
    """Why ``answer`` is not in ``expected`` (nl or en); empty when it is, or when it cannot be told."""
    texts = [text for text in _texts(answer.model_dump()) if not _ID.match(text.strip())]
    for text in texts:
        letters = [char for char in text if char.isalpha()]
        foreign = [char for char in letters if not unicodedata.name(char, "").startswith("LATIN")]
        if len(foreign) >= 2 and len(foreign) / len(letters) > FOREIGN_SCRIPT_SHARE:
            return [
                f"'{text[:60]}' is not written in {_NAMES.get(expected, expected)}: write every text in it"
            ]
    prose = " ".join(text for text in texts if len(text.split()) >= PROSE_WORDS)
    found = detect_language(prose, default=expected)
    if found != expected:
        return [
            f"the answer is written in {_NAMES.get(found, found)}, not in {_NAMES.get(expected, expected)}: "
            f"write every text in {_NAMES.get(expected, expected)}"
        ]
    return []


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not (key == "id" or key.endswith("_id") or key.endswith("_ids")):
                yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
