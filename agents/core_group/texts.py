"""The words of phase 3's drafts, from the ``core_group`` section of the catalogue, in the project's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from artefacts.catalogue import PerLanguage

CORE: PerLanguage[Mapping[str, Any]] = PerLanguage("core_group.core")
CHARTER: PerLanguage[Mapping[str, Any]] = PerLanguage("core_group.charter")
ROLES: PerLanguage[Mapping[str, Mapping[str, str]]] = PerLanguage("core_group.roles")
RITUALS: PerLanguage[Mapping[str, Mapping[str, str]]] = PerLanguage("core_group.rituals")
BRIEF: PerLanguage[Mapping[str, Any]] = PerLanguage("core_group.brief")


def words(table: PerLanguage[Mapping[str, Any]], language: str) -> Mapping[str, Any]:
    return table.get(language, table["en"])


def say(table: PerLanguage[Mapping[str, Any]], language: str, key: str, **values: object) -> str:
    """The template ``key`` of ``table`` in ``language``, filled in."""
    return str(words(table, language)[key]).format(**values)


def listing(items: list[str], language: str) -> str:
    """'a, b and c' in the project's language."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say(CORE, language, 'and')} {items[-1]}"
