"""Store an artefact as a new version (unless unchanged) and publish it as a Prefect artifact."""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact

from artefacts.base import Artefact
from artefacts.render_markdown import render_markdown
from artefacts.store import Workspace
from flows.messages import message


def save_and_publish(workspace: Workspace, artefact: Artefact) -> tuple[int, bool]:
    """Save ``artefact`` in the workspace and show it in the Prefect UI; return (version, created)."""
    version, created = workspace.save(artefact)
    name = type(artefact).artefact_name
    unchanged = message(artefact.meta.language, "unchanged", name=name, version=version)
    create_markdown_artifact(
        key=name,
        markdown=render_markdown(artefact, version=version),
        description=f"{name} v{version}" if created else unchanged,
    )
    return version, created
