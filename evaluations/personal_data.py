"""The personal data of a case's project, which must never reach an artefact or a model: what a
``planted.yaml`` lists (the test corpora plant it on purpose), else what the raw transcripts hold — the
speakers' and interviewers' names, the names ``samen.yaml`` asks to hide, e-mail addresses and phone numbers.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import yaml

from evaluations.cases import REPO
from evaluations.projects import Setup, read_project

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+\d{2}[ -]?|0)\d(?:[ -]?\d){7,10}(?!\d)")
MIN_NAME = 3


def personal_data(setup: Setup, planted: str | None = None) -> list[str]:
    return list(_personal_data(setup.source, setup.add_interviews, planted))


@lru_cache(maxsize=64)
def _personal_data(source: Path, added: tuple[str, ...], planted: str | None) -> tuple[str, ...]:
    if planted:
        data = yaml.safe_load((REPO / planted).read_text(encoding="utf-8")) or {}
        return tuple(sorted({str(item["text"]) for item in data.get("items", [])}))
    project = read_project(source)
    found: set[str] = set(project.privacy.names) | set(project.interviews.interviewers)
    folders = [source / project.interviews.folder, *(REPO / extra for extra in added)]
    for folder in folders:
        files = sorted(folder.rglob("*")) if folder.is_dir() else [folder]
        for file in (f for f in files if f.is_file()):
            if file.name == "participants.csv":
                found |= _speakers(file)
                continue
            text = _raw_text(file)
            found |= set(m.rstrip(".") for m in EMAIL.findall(text))
            found |= {m.strip() for m in PHONE.findall(text)}
    keep = set(project.privacy.keep)
    names = {part for name in found for part in _parts(name)}
    named_in_role = project.community_manager  # samen.yaml names them to be named: the drafts may
    return tuple(
        sorted(
            item
            for item in found | names
            if item not in keep and len(item) >= MIN_NAME and item not in named_in_role
        )
    )


def _speakers(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig") as handle:
        return {
            row["speaker"].strip() for row in csv.DictReader(handle) if (row.get("speaker") or "").strip()
        }


def _parts(name: str) -> list[str]:
    if "@" in name or any(ch.isdigit() for ch in name):
        return []
    return [part for part in name.split() if len(part) >= MIN_NAME and part[:1].isupper()]


def _raw_text(file: Path) -> str:
    if file.suffix.lower() == ".docx":
        from docx import Document

        return "\n".join(p.text for p in Document(str(file)).paragraphs)
    return file.read_text(encoding="utf-8", errors="ignore")


def masked(item: str) -> str:
    """An item as the report shows it: enough to find it, not enough to spread it."""
    return item[:2] + "…" + item[-1:] if len(item) > 4 else item[:1] + "…"
