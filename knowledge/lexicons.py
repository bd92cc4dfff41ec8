"""Word lists and phrase libraries shipped with Samen (``knowledge/lexicons/*.yaml``)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from artefacts.yaml_data import parse as parse_yaml


@cache
def load(name: str) -> Any:
    """The parsed content of ``knowledge/lexicons/<name>.yaml``."""
    text = resources.files("knowledge").joinpath("lexicons", f"{name}.yaml").read_text(encoding="utf-8")
    return parse_yaml(text)


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``phrases`` as whole words, longest first."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(word) for word in phrase.split())
        left = r"(?<!\w)" if phrase[:1].isalnum() else ""
        right = r"(?!\w)" if phrase[-1:].isalnum() else ""
        parts.append(f"{left}{escaped}{right}")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def words_for(name: str, language: str) -> tuple[str, ...]:
    """The list under ``language`` (falling back to English) in lexicon ``name``."""
    table = load(name)
    return tuple(table.get(language) or table.get("en") or ())
