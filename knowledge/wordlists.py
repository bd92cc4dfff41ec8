"""Sets and phrase lists from the word lists in ``knowledge/lexicons/*.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from knowledge.lexicons import load


def lexicon(name: str) -> dict[str, Any]:
    """The parsed ``knowledge/lexicons/<name>.yaml`` (loaded once by ``knowledge.lexicons``)."""
    data = load(name)
    if not isinstance(data, dict):
        raise ValueError(f"knowledge/lexicons/{name}.yaml must be a mapping")
    return data


@lru_cache(maxsize=64)
def words(name: str, key: str) -> frozenset[str]:
    """A whitespace-separated or list entry of a lexicon as a set of lower-case words."""
    value = lexicon(name)[key]
    items = value.split() if isinstance(value, str) else [str(v) for v in value]
    return frozenset(item.lower() for item in items)


@lru_cache(maxsize=64)
def phrases(name: str, key: str, language: str | None = None) -> tuple[str, ...]:
    """Phrases of a lexicon entry ``{nl: [...], en: [...]}``, longest first; all languages when None."""
    value = lexicon(name)[key]
    langs = [language] if language in value else list(value)
    found = {str(p).lower() for lang in langs for p in value[lang]}
    return tuple(sorted(found, key=lambda p: (-len(p), p)))
