"""What the contract layer, the readers and the agents say when something is wrong, in the project's language.

The errors and hints raised in ``artefacts/``, ``knowledge/`` and ``agents/`` (and the read problems that
end up in an artefact's notes) are the ``errors`` section of the catalogue (artefacts/catalogue/nl.yaml and
en.yaml), in nl or en; English otherwise. ``flows/messages.py`` reads its ``cli`` section the same way.
Placeholders are ``str.format`` fields and are the same in both languages (tests/test_catalogue.py checks
it). File paths, line numbers, setting names, commands and option names stay literal in every language. A
literal ``{`` or ``}`` is written ``{{`` or ``}}``.

This module imports nothing of the project outside ``artefacts/``, so every layer may use it.
"""

from __future__ import annotations

import shlex
from functools import lru_cache
from pathlib import Path

from artefacts.catalogue import FALLBACK, LANGUAGES, text

__all__ = ["FALLBACK", "LANGUAGES", "fill", "lookup", "message", "project_language"]

PROJECT_FILE = "samen.yaml"
SECTION = "errors"  # this module's section of the catalogue


def lookup(section: str, language: str | None, key: str, **values: object) -> str:
    """The text ``<section>.<key>`` of the catalogue in ``language`` (English when the language is unknown),
    filled in with ``values``."""
    return fill(text(language, f"{section}.{key}"), values)


def fill(template: str, values: dict[str, object]) -> str:
    """``template.format(**values)``, with text and paths shell-quoted inside `backticks`.

    A command between backticks is meant to be copied into a terminal: a reviewer's name with a space
    (``--by 'Sanne Bakker'``) or a project path with one must survive the paste.
    """
    parts = template.split("`")
    quoted = {
        name: shlex.quote(str(value)) if isinstance(value, str | Path) else value
        for name, value in values.items()
    }
    return "`".join(part.format(**(quoted if index % 2 else values)) for index, part in enumerate(parts))


def message(language: str | None, key: str, **values: object) -> str:
    """A message of the contract layer (errors and read problems of artefacts, knowledge and agents)."""
    return lookup(SECTION, language, key, **values)


def project_language(root: Path | str) -> str:
    """The ``language`` of ``<root>/samen.yaml``: the project's default (nl) when the key is missing,
    English when there is no readable project file or the language is not nl/en.

    Read tolerantly: a broken project file is reported elsewhere, never here. Read once while the file
    is unchanged (its size and modification time key the cache): every message asks for it.
    """
    path = Path(root) / PROJECT_FILE
    try:
        stat = path.stat()
    except OSError:
        return FALLBACK
    return _language_in(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _language_in(path: str, _mtime_ns: int, _size: int) -> str:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return FALLBACK
    if not isinstance(data, dict):
        return FALLBACK
    from artefacts.project import Project

    language = data.get("language", Project.model_fields["language"].default)
    return language if language in LANGUAGES else FALLBACK
