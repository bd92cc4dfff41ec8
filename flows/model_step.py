"""The model step of phase 1 as a Prefect task, with a time limit; offline it returns its input."""

from __future__ import annotations

from pathlib import Path

from prefect import task

from agents.initiative.needs_model import name_needs
from agents.shared.call_records import CallCache, CallLog
from agents.shared.providers import make_chat_model
from artefacts.initiative import NeedsMap
from flows.context import ProjectContext
from flows.messages import message
from flows.progress import reporter


@task(name="name-needs", timeout_seconds=1800)
def name_needs_step(root: str, needs_map: NeedsMap) -> NeedsMap:
    context = ProjectContext.open(Path(root))
    llm = make_chat_model(context.project.provider, language=context.project.language)
    if llm is None:
        return needs_map
    reporter().step(message(context.project.language, "step_naming", count=len(needs_map.needs)))
    return name_needs(
        needs_map,
        llm,
        cache=CallCache.for_project(context.root),
        log=CallLog.for_project(context.root),
    )
