"""Words a person sees in rendered artefacts and exports, in the project's language."""

from __future__ import annotations

from collections.abc import Mapping

from artefacts.catalogue import PerLanguage

LABELS: PerLanguage[Mapping[str, str]] = PerLanguage("labels")


def label(language: str, key: str) -> str:
    table = LABELS.get(language, LABELS["en"])
    return table.get(key, LABELS["en"].get(key, key))
