"""Parsing the YAML files Samen ships (catalogue, lexicons, prompts' metadata) with libyaml's safe parser
when PyYAML has it: the same result as ``yaml.safe_load``, about ten times faster, which a command that
reads a few thousand lines of word lists at start notices."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
