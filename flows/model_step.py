"""The model step of phase 1 as a Prefect task, with a time limit; offline it returns its input."""

from __future__ import annotations

from pathlib import Path

from prefect import task

from agents.initiative import runner as phase1
from agents.shared.call_records import CallCache, CallLog
from agents.shared.providers import shared_chat_model
from artefacts.initiative import NeedsMap
from flows.context import ProjectContext
from flows.messages import message
from flows.progress import reporter


def chat_access(context: ProjectContext) -> phase1.ChatAccess | None:
    """The project's chat model (built once per process, see ``shared_chat_model``) with its call cache
    and log; None offline."""
    llm = shared_chat_model(context.project.provider, language=context.project.language)
    if llm is None:
        return None
    return phase1.ChatAccess(llm, CallCache.for_project(context.root), CallLog.for_project(context.root))


@task(name="name-needs", timeout_seconds=1800)
def name_needs_step(root: str, needs_map: NeedsMap) -> NeedsMap:
    context = ProjectContext.open(Path(root))
    model = chat_access(context)
    if model is None:
        return needs_map
    reporter().step(message(context.project.language, "step_naming", count=len(needs_map.needs)))
    return phase1.name_needs(needs_map, model)
