"""What the CLI and the flows say to a person, in the project's language (nl or en; English otherwise).

Command names, option names and artefact names (``samen approve``, ``--by``, ``needs-map``) stay as they
are in every language: they are what the user types. The texts are the ``cli`` section of the catalogue
(artefacts/catalogue/nl.yaml and en.yaml); placeholders are ``str.format`` fields and are the same in both
languages (tests/test_catalogue.py checks it).
"""

from __future__ import annotations

from pathlib import Path

from artefacts.catalogue import has
from artefacts.messages import lookup, project_language
from artefacts.store import Workspace

SECTION = "cli"  # this module's section of the catalogue


def message(language: str | None, key: str, **values: object) -> str:
    """A message of the command line and the flows."""
    return lookup(SECTION, language, key, **values)


def state_word(language: str | None, state: str) -> str:
    """A review state (draft, reviewed, approved, rejected) in ``language``; unknown states as they are."""
    key = f"state_{state}"
    return message(language, key) if has(f"{SECTION}.{key}") else state


def language_of(project: Workspace | Path | str) -> str:
    """The language of the project at ``project`` (a workspace or its folder); English when there is none."""
    root = project.root if isinstance(project, Workspace) else Path(project)
    return project_language(root)
