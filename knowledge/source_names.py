"""File names that name people (``interviews/01_ria_verhoeven_teams.vtt``), shown pseudonymised.

A path is read as words (``_``, ``-``, ``.`` and ``/`` separate them) and every name in it, registered or
found (``knowledge.person_names``), is replaced by its pseudonym in place, the rest of the path as it was:
``interviews/01_P03_teams.vtt``. Words that name the recording, not a person ("teams", "interview"),
are never taken for a surname. The pseudonymiser keeps which shown name stands for which real file.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[/_.\-]")
_LETTERS = re.compile(r"[^\W\d_]+")


def readable(path: str) -> str:
    """``path`` as words, one character for each of its own: separators become spaces, every word a
    capital ("01 Ria Verhoeven Teams Vtt"), so the name finders read it as they read a sentence."""
    spaced = _SEPARATORS.sub(" ", path)
    return _LETTERS.sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), spaced)


def shown_path(path: str, spans: list[tuple[int, int, str]]) -> str:
    """``path`` with each span replaced by its pseudonym; a span never crosses a ``/``."""
    for start, end, code in sorted(spans, reverse=True):
        if "/" in path[start:end]:
            continue
        path = path[:start] + code + path[end:]
    return path
