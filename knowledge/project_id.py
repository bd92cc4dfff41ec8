"""A project's id: stable, readable, and unique enough to share a chromadb server with other projects.

``<slug of the organisation>-<8 hex of a random token>`` (``bibliotheek-oost-3f9a1c2e``), made once and
kept in ``<project>/.samen/project-id``. It survives renaming or moving the folder, and two projects of
one organisation still differ. A copied folder keeps its id, as a copy of a project should; give the
copy its own by deleting the file.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import unicodedata
from pathlib import Path

from artefacts.errors import ConfigError
from artefacts.files import write_new
from artefacts.messages import FALLBACK, message

ID_FILE = Path(".samen") / "project-id"
_VALID = re.compile(r"^[a-z0-9][a-z0-9-]{1,60}[a-z0-9]$")
SLUG_LENGTH = 40


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens: ``"Bibliotheek Oost!"`` → ``bibliotheek-oost``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:SLUG_LENGTH].strip("-") or "project"


def project_id(root: Path, name: str, language: str = FALLBACK) -> str:
    """The id in ``<root>/.samen/project-id``; made from ``name`` (the organisation) the first time."""
    path = Path(root) / ID_FILE
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            write_new(path, f"{slug(name)}-{secrets.token_hex(4)}\n")
    found = path.read_text(encoding="utf-8").strip()
    if not _VALID.match(found):
        raise ConfigError(
            message(language, "project_id_invalid", found=repr(found)),
            path=path,
            hint=message(language, "project_id_invalid_hint"),
        )
    return found
