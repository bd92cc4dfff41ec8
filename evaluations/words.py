"""The words of the evaluation reports and of ``samen eval``'s lines, from the catalogue's ``evaluations``
section (``artefacts/catalogue/<language>.yaml``)."""

from __future__ import annotations

from typing import Any

from artefacts.catalogue import text


def word(language: str | None, key: str, **values: Any) -> str:
    template = text(language, f"evaluations.{key}")
    return template.format(**values) if values else template
