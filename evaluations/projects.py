"""The project a case drafts from: a copy of the folder (never the example itself), with the transcripts a
case adds, and a digest of everything that decides the drafts, so cases that share inputs share drafts."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from artefacts.errors import InputError
from artefacts.project import Project
from evaluations.cases import REPO, CaseVars

IGNORED = shutil.ignore_patterns(".samen", "artefacts", "__pycache__", "*.pyc")
_SKIP_PARTS = {".samen", "artefacts", "__pycache__"}


@dataclass(frozen=True)
class Setup:
    """What decides a case's drafts: the project folder's content and the vars that change drafting."""

    source: Path
    embedder: str | None
    choice: str
    decided_on: str
    surveys: bool
    add_interviews: tuple[str, ...]
    digest: str

    @classmethod
    def of(cls, variables: CaseVars, root: Path = REPO) -> Setup:
        source = (root / str(variables.project)).resolve()
        if not (source / "samen.yaml").is_file():
            raise InputError("no samen.yaml in the case's project folder", path=source)
        added = tuple(variables.add_interviews)
        hasher = hashlib.sha256()
        for path in [source, *(root / extra for extra in added)]:
            if not path.exists():
                raise InputError("a file the case adds does not exist", path=path)
            _hash_tree(hasher, path)
        knobs = (variables.embedder, variables.choice.upper(), str(variables.decided_on), variables.surveys)
        hasher.update(repr((knobs, added)).encode())
        return cls(
            source=source,
            embedder=variables.embedder,
            choice=variables.choice.upper(),
            decided_on=str(variables.decided_on),
            surveys=variables.surveys,
            add_interviews=added,
            digest=hasher.hexdigest()[:16],
        )

    @property
    def name(self) -> str:
        extra = f"+{len(self.add_interviews)}" if self.add_interviews else ""
        return f"{self.source.name}{extra}"

    def prepare(self, into: Path, root: Path = REPO) -> Path:
        """A working copy of the project in ``into`` with the added transcripts; returns its folder."""
        target = into / self.source.name
        shutil.copytree(self.source, target, ignore=IGNORED)
        project = read_project(target)
        interviews = target / project.interviews.folder
        interviews.mkdir(parents=True, exist_ok=True)
        for extra in self.add_interviews:
            path = root / extra
            files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
            for file in files:
                if file.name != "participants.csv":
                    shutil.copy2(file, interviews / f"eval-{file.name}")
        return target


def read_project(folder: Path) -> Project:
    return Project.model_validate(yaml.safe_load((folder / "samen.yaml").read_text(encoding="utf-8")))


def _hash_tree(hasher: hashlib._Hash, path: Path) -> None:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if _SKIP_PARTS & set(file.relative_to(path.parent).parts):
            continue
        hasher.update(file.name.encode())
        hasher.update(file.read_bytes())
