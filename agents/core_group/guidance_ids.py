"""The methodology passages of phase 3 that a draft follows, by what they are about, to cite in Grounds.

The passages are ``knowledge/methodology/<lang>/3-core-group.md`` split at its headings, the same ids the
knowledge store indexes; both languages have the same sections in the same order.
"""

from __future__ import annotations

from functools import cache

from knowledge.guidance import methodology_passages

PHASE = "core-group"
SECTIONS = ("aim", "core", "charter", "colleagues", "route", "pitfalls", "artefacts")


@cache
def _ids(language: str) -> dict[str, str]:
    passages = [p for p in methodology_passages() if p.phase == PHASE and p.language == language]
    if not passages and language != "en":
        return _ids("en")
    return {section: p.id for section, p in zip(SECTIONS, passages, strict=False)}


def guidance(language: str, *sections: str) -> list[str]:
    """The ids of the passages on ``sections`` (``"core"``, ``"charter"``…) in the project's language."""
    ids = _ids(language)
    return [ids[s] for s in sections if s in ids]
