"""Store an artefact as a new version (unless unchanged) and publish it as a Prefect artifact."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from prefect.artifacts import create_markdown_artifact

from agents.shared.call_records import CallCache, CallLog
from artefacts.base import Artefact
from artefacts.render_markdown import render_markdown
from artefacts.store import Workspace
from flows.messages import message

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


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


class ModelServices(TypedDict, total=False):
    llm: BaseChatModel | None
    cache: CallCache
    log: CallLog


def model_services(root: str) -> ModelServices:
    """The chat model (None offline; built once per process for the same settings), call cache and call
    log for an agent's keyword arguments."""
    from agents.shared.providers import shared_chat_model
    from flows.context import ProjectContext

    context = ProjectContext.open(Path(root))
    llm = shared_chat_model(context.project.provider, language=context.project.language)
    if llm is None:
        return {"llm": None}
    return {
        "llm": llm,
        "cache": CallCache.for_project(context.root),
        "log": CallLog.for_project(context.root),
    }
