"""Which artefacts exist, which phase makes each, and where they are stored: all read off the phase table."""

from __future__ import annotations

from artefacts.base import Artefact
from artefacts.errors import NotFoundError
from artefacts.messages import FALLBACK, message
from artefacts.phases import PHASE_TABLE, PHASES

__all__ = ["ARTEFACTS", "PHASES", "PHASE_FOLDERS", "artefact_model"]

PHASE_FOLDERS: dict[str, str] = {row.name: row.folder for row in PHASE_TABLE}

ARTEFACTS: dict[str, type[Artefact]] = {
    artefact.name: artefact.model for row in PHASE_TABLE for artefact in row.artefacts
}


def artefact_model(name: str, language: str = FALLBACK) -> type[Artefact]:
    try:
        return ARTEFACTS[name]
    except KeyError:
        known = ", ".join(sorted(ARTEFACTS))
        raise NotFoundError(
            message(language, "unknown_artefact", name=name),
            hint=message(language, "unknown_artefact_hint", known=known),
        ) from None
