"""The methodology corpus: the six phases as guidance text (``knowledge/methodology/<lang>/*.md``), and
the library of typical community needs (``knowledge/lexicons/community_needs.yaml``).

Each guidance file is split at its ``## `` headings into passages that stand alone; each typical need
is one passage per language (title, description, the phrases people use). The store indexes them so
agents can retrieve the guidance that fits what they are drafting, and a reviewer can look up which
typical need a statement sounds like.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from artefacts.yaml_data import parse as parse_yaml
from knowledge.hits import Passage
from knowledge.lexicons import load

NEEDS_SOURCE = "knowledge/lexicons/community_needs.yaml"


@cache
def methodology_passages() -> tuple[Passage, ...]:
    root = resources.files("knowledge").joinpath("methodology")
    passages: list[Passage] = []
    for language_dir in sorted(root.iterdir(), key=lambda p: p.name):
        if not language_dir.is_dir():
            continue
        for file in sorted(language_dir.iterdir(), key=lambda p: p.name):
            if file.name.endswith(".md"):
                passages += _split(file.read_text(encoding="utf-8"), file.name)
    return tuple(passages) + need_library_passages()


def need_library_passages() -> tuple[Passage, ...]:
    """One passage per typical community need and language: its title, description and phrases."""
    passages = []
    for need in load("community_needs")["needs"]:
        for language in ("nl", "en"):
            entry = need.get(language)
            if not entry:
                continue
            phrases = "; ".join(entry.get("phrases", []))
            passages.append(
                Passage(
                    id=f"need-{language}-{need['id']}",
                    text=f"{entry['title']}\n\n{entry['description']}\n\n{phrases}".strip(),
                    phase="initiative",
                    language=language,
                    kind="need",
                    source=f"{NEEDS_SOURCE}#{need['id']}",
                )
            )
    return tuple(passages)


def _split(text: str, filename: str) -> list[Passage]:
    meta: dict[str, str] = {}
    if text.startswith("---"):
        _, header, text = text.split("---", 2)
        meta = parse_yaml(header) or {}
    passages = []
    for chunk in text.split("\n## ")[1:] if "\n## " in "\n" + text else []:
        title, _, body = chunk.partition("\n")
        body = body.strip()
        if not body:
            continue
        key = hashlib.sha256(f"{filename}{title}{body}".encode()).hexdigest()[:12]
        passages.append(
            Passage(
                id=f"m-{meta.get('language', 'xx')}-{key}",
                text=f"{title.strip()}\n\n{body}",
                phase=str(meta.get("phase", "")),
                language=str(meta.get("language", "")),
            )
        )
    return passages
