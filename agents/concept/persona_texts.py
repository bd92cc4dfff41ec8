"""The sentences and names of the deterministic persona, in the project language (Dutch or English)."""

from __future__ import annotations

import re

NAMES = {
    "nl": ["Mirthe", "Jelle", "Femke", "Ruben", "Lotte", "Bram", "Anouk", "Stijn", "Ilse", "Koen"],
    "en": ["Alex", "Jamie", "Robin", "Morgan", "Charlie", "Sam", "Riley", "Jo", "Casey", "Frankie"],
}
GENERIC_CHANNEL_WORDS = {"online", "fysieke", "besloten", "digitale", "digital", "physical", "private", "groep",
                         "group", "platform"}  # fmt: skip
EXCERPT = 160

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "name_note": "De naam {name} is verzonnen; eigenschappen gemarkeerd als verzonnen rusten niet op de "
        "interviews. Al het andere verwijst naar behoeften (N…) en notities.",
        "member": "lid van de doelgroep",
        "who": "{name} is {label}, zoals de {n} geïnterviewden uit die groep ({people}).",
        "situation": "Loopt vooral aan tegen {titles}. {statement}",
        "drive": "Wil zelf iets in beweging zetten: “{phrase}” ({who}).",
        "feels": "Voelt {title} sterk: {n} nadrukkelijke uitspraak/uitspraken in de eigen groep.",
        "offers": "Biedt zelf aan: “{quote}”",
        "gives_type": "Brengt eigen ervaring en kennis in, zoals past bij een {type} (aanname, niet uit de "
        "interviews).",
        "gets": "Antwoord op: {title}",
        "channel": "{channel}: genoemd in {n} notitie(s) uit de eigen groep.",
        "channel_guess": "Doet mee via {channel} (aanname: geen kanaal genoemd in de interviews).",
        "community": "de community",
    },
    "en": {
        "name_note": "The name {name} is made up; traits marked invented do not rest on the interviews. "
        "Everything else refers to needs (N…) and notes.",
        "member": "a member of the target group",
        "who": "{name} is {label}, like the {n} interviewees of that group ({people}).",
        "situation": "Runs into {titles} above all. {statement}",
        "drive": "Wants to get something going: “{phrase}” ({who}).",
        "feels": "Feels strongly about {title}: {n} emphatic statement(s) in their own group.",
        "offers": "Offers to help: “{quote}”",
        "gives_type": "Brings their own experience and knowledge, as fits a {type} (assumption, not from the "
        "interviews).",
        "gets": "An answer to: {title}",
        "channel": "{channel}: mentioned in {n} note(s) from their own group.",
        "channel_guess": "Takes part through {channel} (assumption: no channel mentioned in the interviews).",
        "community": "the community",
    },
}


def channel_words(channel: str) -> list[str]:
    """The telling words of a channel on offer ("WhatsApp-groep" → whatsapp), lower case."""
    words = [w.lower() for w in re.split(r"[\s\-()/,]+", channel) if len(w) >= 5]
    return [w for w in words if w not in GENERIC_CHANNEL_WORDS] or [channel.lower()]


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
