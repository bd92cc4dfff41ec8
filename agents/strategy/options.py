"""The catalogue of channels, platforms and meeting formats a channel plan weighs (``channel_options.yaml``).

Each option carries the properties the scoring reads (cost, where data lives, upkeep, what it suits, which
ages it reaches) and the words that name it, so a persona trait, a survey answer option, a constraint
("geen Facebook") or a setting (``uses_already: [Teams]``) can be matched to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from artefacts.yaml_data import parse as parse_yaml

Kind = Literal["digital", "physical"]
Role = Literal["main", "meeting", "broadcast"]
SOURCE = "agents/strategy/channel_options.yaml"


@dataclass(frozen=True)
class ChannelSpec:
    id: str
    kind: Kind
    role: Role
    cost_per_year: float
    data: str
    closed: bool
    moderation: float
    barrier: float
    suits: dict[str, float]
    ages: dict[str, float]
    words: tuple[str, ...]
    exact: tuple[str, ...]
    names: dict[str, str]
    purposes: dict[str, str]
    meets: str = ""

    def name(self, language: str) -> str:
        return self.names.get(language, self.names["en"])

    def purpose(self, language: str) -> str:
        return self.purposes.get(language, self.purposes["en"])

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names this option: one of its words as a whole word (a hyphen may join it to
        another: 'WhatsApp-groep'), or an exact answer."""
        lowered = " ".join(text.lower().split())
        if lowered.strip(" .") in self.exact:
            return True
        return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered) for word in self.words)


@cache
def channel_options() -> tuple[ChannelSpec, ...]:
    raw = parse_yaml(resources.files("agents.strategy").joinpath("channel_options.yaml").read_text("utf-8"))
    return tuple(_spec(entry) for entry in raw["options"])


def option(option_id: str) -> ChannelSpec:
    for spec in channel_options():
        if spec.id == option_id:
            return spec
    raise KeyError(option_id)


def _spec(entry: dict) -> ChannelSpec:  # type: ignore[type-arg]
    return ChannelSpec(
        id=entry["id"],
        kind=entry["kind"],
        role=entry["role"],
        cost_per_year=float(entry["cost_per_year"]),
        data=entry["data"],
        closed=bool(entry["closed"]),
        moderation=float(entry["moderation"]),
        barrier=float(entry["barrier"]),
        suits={key: float(value) for key, value in entry["suits"].items()},
        ages={key: float(value) for key, value in entry["ages"].items()},
        words=tuple(entry.get("words", [])),
        exact=tuple(entry.get("exact", [])),
        names={language: entry[language]["name"] for language in ("nl", "en")},
        purposes={language: entry[language]["purpose"] for language in ("nl", "en")},
        meets=entry.get("meets", ""),
    )
