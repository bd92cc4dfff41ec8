"""Reading the catalogue: one YAML file per language, loaded once, looked up by dotted key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any, Generic, TypeVar, cast

from artefacts.yaml_data import parse as parse_yaml

LANGUAGES = ("nl", "en")
FALLBACK = "en"

T = TypeVar("T")


def catalogue(language: str | None) -> Mapping[str, Any]:
    """The whole catalogue of ``language`` (English when the language is unknown), parsed once."""
    return _load(language if language in LANGUAGES else FALLBACK)


@cache
def _load(name: str) -> Mapping[str, Any]:
    source = resources.files("artefacts.catalogue").joinpath(f"{name}.yaml")
    data = parse_yaml(source.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the catalogue is not a YAML mapping")
    return data


def entry(language: str | None, key: str) -> Any:
    """The entry at the dotted ``key`` (``"cli.review_decided"``) in ``language``: a text, a list or a section."""
    node: Any = catalogue(language)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"the catalogue has no entry {key!r}")
        node = node[part]
    return node


def text(language: str | None, key: str) -> str:
    """The text at the dotted ``key`` in ``language`` (English when the language is unknown)."""
    found = entry(language, key)
    if not isinstance(found, str):
        raise KeyError(f"the catalogue entry {key!r} is not a text")
    return found


def has(key: str) -> bool:
    """Whether the catalogue has an entry at the dotted ``key`` (the key sets of the languages are equal)."""
    try:
        entry(FALLBACK, key)
    except KeyError:
        return False
    return True


class PerLanguage(Mapping[str, T], Generic[T]):
    """One catalogue entry in every language, read like the dict it replaces: ``WORDS["nl"]``,
    ``WORDS.get(language, WORDS["en"])``, ``language in WORDS``.

    Nothing is read until a language is asked for, so a module may define its words at import time.
    """

    def __init__(self, key: str) -> None:
        self.key = key

    def __getitem__(self, language: str) -> T:
        if language not in LANGUAGES:
            raise KeyError(language)
        return cast(T, entry(language, self.key))

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __repr__(self) -> str:
        return f"PerLanguage({self.key!r})"
