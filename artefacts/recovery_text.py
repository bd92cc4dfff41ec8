"""What Samen says about crashes, interrupted runs and a project in use: the ``recovery`` section of the
catalogue (artefacts/catalogue/nl.yaml and en.yaml), in the project's language; English otherwise.

This module imports nothing of the project outside ``artefacts/``, so every layer may use it.
"""

from __future__ import annotations

from artefacts.messages import lookup

SECTION = "recovery"


def recovery_message(language: str | None, key: str, **values: object) -> str:
    """The text ``recovery.<key>`` in ``language``, filled in with ``values``."""
    return lookup(SECTION, language, key, **values)
