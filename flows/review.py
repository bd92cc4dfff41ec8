"""Review of the needs map: take in a reviewer's edits and store the result as a new version."""

from __future__ import annotations

from artefacts.audit import EditDetails
from artefacts.initiative import NeedsMap
from artefacts.needs_edits import EditLog, NeedsEdit, Structure, edits_from_markdown
from artefacts.store import Workspace
from flows.context import ProjectContext
from knowledge.safe_files import read_settings_text


def edit_log(workspace: Workspace) -> EditLog:
    return EditLog(workspace.state_dir / "edits" / "needs-map.jsonl", language=workspace.language)


def edits_from_rendered(workspace: Workspace, *, by: str) -> list[NeedsEdit]:
    """The edits a reviewer made in the latest rendered needs map (its Markdown file)."""
    version = workspace.latest_version(NeedsMap)
    needs_map = workspace.load(NeedsMap, version)
    assert version is not None  # load raised otherwise
    path = workspace.path(NeedsMap, version, ".md")
    text = read_settings_text(
        path, str(path.relative_to(workspace.root)), (workspace.root,), workspace.language
    )
    return edits_from_markdown(text, needs_map, by=by, base_version=version, path=path)


def apply_needs_edits(workspace: Workspace, edits: list[NeedsEdit], *, by: str, note: str = "") -> int:
    """Apply edits to the latest needs map, store it as a new version and log the edits."""
    context = ProjectContext.open(workspace.root)
    version = workspace.latest_version(NeedsMap)
    needs_map = workspace.load(NeedsMap, version)
    structure = Structure.of(needs_map)
    for edit in edits:
        structure.apply(edit)
    statements = [note_entry for note_entry in needs_map.notes if note_entry.kind == "statement"]
    vectors = context.embed([entry.text for entry in statements])
    from agents.initiative.needs_map import rebuild  # numpy and scikit-learn: only when a map is rebuilt

    edited = rebuild(needs_map, structure, vectors)
    edited.meta = needs_map.meta.model_copy(
        update={"drafted_by": "reviewer", "based_on": {"needs-map": version}}
    )
    new_version, _ = workspace.save(
        edited,
        actor=by,
        action="edited",
        note=note,
        details=EditDetails(edits=[edit.model_dump(mode="json", exclude={"by", "at"}) for edit in edits]),
        force=True,
    )
    edit_log(workspace).append(edits)
    return new_version


def reviewed_structure(workspace: Workspace) -> Structure | None:
    """The structure a reviewer has put their name to: the latest version edited, reviewed or approved."""
    touched = {"edited", "reviewed", "approved"}
    versions = {
        event.version
        for event in workspace.audit.history("needs-map")
        if event.action in touched and event.actor != "samen"
    }
    for version in sorted(versions, reverse=True):
        if workspace.state("needs-map", version) != "rejected":
            return Structure.of(workspace.load(NeedsMap, version))
    return None
