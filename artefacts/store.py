"""The workspace store: versioned artefacts on disk, never overwritten.

``artefacts/<phase folder>/<name>.vN.json`` holds version N; a rendered ``.md`` lies beside it. A rerun or
an edit makes N+1. Review states live in the audit log (see :mod:`artefacts.audit`).
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import TypeVar, overload

from pydantic import ValidationError

from artefacts.audit import Action, AuditDetails, AuditEvent, AuditLog, ReviewState
from artefacts.base import Artefact, Strict
from artefacts.crash_points import crash_point
from artefacts.errors import InputError, NotFoundError
from artefacts.files import write_new
from artefacts.messages import message, project_language
from artefacts.recovery_text import recovery_message
from artefacts.registry import ARTEFACTS, PHASE_FOLDERS, artefact_model

A = TypeVar("A", bound=Artefact)
Kind = type[Artefact] | str  # an artefact model, or its name as the CLI takes it

_VERSION = re.compile(r"^(?P<name>[a-z0-9-]+)\.v(?P<version>\d+)\.json$")


class StoredArtefact(Strict):
    name: str
    phase: str
    version: int
    path: str
    state: ReviewState


class Workspace:
    """A project folder: its artefacts, its state folder and its audit log."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.artefacts_dir = self.root / "artefacts"
        self.state_dir = self.root / ".samen"
        self._language: str | None = None
        self.audit = AuditLog(self.state_dir / "audit.jsonl", language=lambda: self.language)

    @property
    def language(self) -> str:
        """The project's language (``language`` in samen.yaml), read once when first needed; English otherwise."""
        if self._language is None:
            self._language = project_language(self.root)
        return self._language

    # -- paths -------------------------------------------------------------------------------
    def model_of(self, kind: Kind) -> type[Artefact]:
        """The artefact model for ``kind`` (a model, or a name such as ``needs-map``)."""
        return artefact_model(kind, self.language) if isinstance(kind, str) else kind

    def folder(self, kind: Kind) -> Path:
        return self.artefacts_dir / PHASE_FOLDERS[self.model_of(kind).phase]

    def path(self, kind: Kind, version: int, suffix: str = ".json") -> Path:
        name = self.model_of(kind).artefact_name
        return self.folder(kind) / f"{name}.v{version}{suffix}"

    def versions(self, kind: Kind) -> list[int]:
        name = self.model_of(kind).artefact_name
        folder = self.folder(kind)
        if not folder.is_dir():
            return []
        found = []
        for child in folder.iterdir():
            match = _VERSION.match(child.name)
            if match and match["name"] == name:
                found.append(int(match["version"]))
        return sorted(found)

    # -- reading -----------------------------------------------------------------------------
    @overload
    def load(self, kind: type[A], version: int | None = None) -> A: ...
    @overload
    def load(self, kind: str, version: int | None = None) -> Artefact: ...

    def load(self, kind: Kind, version: int | None = None) -> Artefact:
        """Version ``version`` (default: the latest) of an artefact; ``load(NeedsMap)`` is a ``NeedsMap``."""
        model = self.model_of(kind)
        name = model.artefact_name
        versions = self.versions(model)
        if not versions:
            raise NotFoundError(
                message(self.language, "not_drafted", name=name),
                path=self.folder(name),
                hint=message(self.language, "not_drafted_hint", phase=model.phase, root=self.root),
            )
        chosen = versions[-1] if version is None else version
        if chosen not in versions:
            raise NotFoundError(
                message(self.language, "no_such_version", name=name, version=chosen),
                hint=message(self.language, "versions_hint", versions=versions),
            )
        path = self.path(model, chosen)
        try:
            return model.model_validate_json(path.read_text(encoding="utf-8"))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(
                message(
                    self.language, "artefact_invalid", name=name, error=first["msg"], location=first["loc"]
                ),
                path=path,
                hint=message(self.language, "artefact_invalid_hint"),
            ) from exc

    def latest_version(self, kind: Kind) -> int | None:
        versions = self.versions(kind)
        return versions[-1] if versions else None

    def state(self, kind: Kind, version: int) -> ReviewState:
        return self.audit.state(self.model_of(kind).artefact_name, version)

    @overload
    def latest_approved(self, kind: type[A]) -> tuple[int, A] | None: ...
    @overload
    def latest_approved(self, kind: str) -> tuple[int, Artefact] | None: ...

    def latest_approved(self, kind: Kind) -> tuple[int, Artefact] | None:
        for version in reversed(self.versions(kind)):
            if self.state(kind, version) == "approved":
                return version, self.load(self.model_of(kind), version)
        return None

    def resting_on(self, kind: Kind, based_on: dict[str, int], digest: str) -> int | None:
        """The latest version of ``kind`` when it was made from exactly these inputs (the versions in
        ``based_on`` and the ``inputs_digest``) and not rejected: a rerun reuses it, so what was approved
        or chosen on it keeps holding until an input changes."""
        latest = self.latest_version(kind)
        if latest is None or self.state(kind, latest) == "rejected":
            return None
        meta = self.load(self.model_of(kind), latest).meta
        same = all(meta.based_on.get(name) == version for name, version in based_on.items())
        return latest if same and meta.inputs_digest == digest else None

    def listing(self) -> list[StoredArtefact]:
        rows = []
        for name, model in ARTEFACTS.items():
            for version in self.versions(name):
                rows.append(
                    StoredArtefact(
                        name=name,
                        phase=model.phase,
                        version=version,
                        path=str(self.path(name, version).relative_to(self.root)),
                        state=self.state(name, version),
                    )
                )
        return rows

    # -- writing -----------------------------------------------------------------------------
    def save(
        self,
        artefact: Artefact,
        *,
        actor: str = "samen",
        action: Action = "drafted",
        note: str = "",
        details: AuditDetails | None = None,
        render: bool = True,
        force: bool = False,
    ) -> tuple[int, bool]:
        """Store ``artefact`` as a new version; return (version, created).

        When the content equals the latest version's and ``force`` is false, nothing is written and the
        latest version is returned with ``created`` false, so a rerun of unchanged input adds no noise.
        """
        name = type(artefact).artefact_name
        latest = self.latest_version(name)
        if latest is not None and not force and self.load(type(artefact), latest).content_equals(artefact):
            return latest, False
        version = (latest or 0) + 1
        # The audit event is validated before anything is written: a version never lacks its event.
        event = AuditEvent(
            actor=actor, action=action, artefact=name, version=version, note=note, details=details
        )
        folder = self.folder(type(artefact))
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(artefact.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        while True:
            try:
                write_new(self.path(name, version), payload)
                break
            except FileExistsError:  # another process took this number: take the next
                version += 1
        crash_point(f"saved:{name}.json")
        if render:
            from artefacts.render_markdown import render_markdown

            write_new(self.path(name, version, ".md"), render_markdown(artefact, version=version))
        self.audit.append(event.model_copy(update={"version": version}))
        return version, True

    def complete_interrupted(self) -> list[tuple[str, int]]:
        """Make whole every version a crash cut off after its JSON was written: render its missing
        Markdown and record its missing ``drafted`` event (by ``samen``, saying it was recorded later).
        Returns the (name, version) of each version completed; the JSON itself is never touched."""
        from artefacts.render_markdown import render_markdown

        recorded = {(event.artefact, event.version) for event in self.audit.events()}
        completed = []
        for name, model in ARTEFACTS.items():
            for version in self.versions(name):
                markdown = self.path(name, version, ".md")
                missing_md = not markdown.exists()
                missing_event = (name, version) not in recorded
                if not (missing_md or missing_event):
                    continue
                if missing_md:
                    with contextlib.suppress(FileExistsError):
                        write_new(markdown, render_markdown(self.load(model, version), version=version))
                if missing_event:
                    note = recovery_message(self.language, "completed_note")
                    self.audit.append(
                        AuditEvent(actor="samen", action="drafted", artefact=name, version=version, note=note)
                    )
                completed.append((name, version))
        return completed
