"""The sentences and names of the deterministic persona, in the project language (Dutch or English)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from artefacts.catalogue import PerLanguage

NAMES: PerLanguage[list[str]] = PerLanguage("persona.names")
GENERIC_CHANNEL_WORDS = {"online", "fysieke", "besloten", "digitale", "digital", "physical", "private", "groep",
                         "group", "platform"}  # fmt: skip
EXCERPT = 160

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("persona.words")


def channel_words(channel: str) -> list[str]:
    """The telling words of a channel on offer ("WhatsApp-groep" → whatsapp), lower case."""
    words = [w.lower() for w in re.split(r"[\s\-()/,]+", channel) if len(w) >= 5]
    return [w for w in words if w not in GENERIC_CHANNEL_WORDS] or [channel.lower()]


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
