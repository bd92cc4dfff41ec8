"""The model step of phase 1 as a Prefect task, with a time limit; offline it returns its input."""

from __future__ import annotations

import threading
from pathlib import Path

from prefect import task

from agents.shared.call_records import CallBudget, CallCache, CallLog
from agents.shared.chat_access import ChatAccess
from agents.shared.providers import shared_chat_model
from artefacts.initiative import NeedsMap
from flows.context import ProjectContext
from flows.messages import message
from flows.progress import reporter


def chat_access(context: ProjectContext) -> ChatAccess | None:
    """The project's chat model (built once per process, see ``shared_chat_model``) with its call cache
    and log; None offline."""
    llm = shared_chat_model(context.project.provider, language=context.project.language)
    if llm is None:
        return None
    log = CallLog.for_project(context.root, phase_budget(context))
    return ChatAccess(llm, CallCache.for_project(context.root), log)


_BUDGETS: dict[tuple[str, str | None], CallBudget] = {}
_BUDGETS_LOCK = threading.Lock()


def phase_budget(context: ProjectContext) -> CallBudget:
    """The model time budget of the phase running now: one per flow run (its tasks share it), one per
    process outside a flow; ``provider.budget_seconds`` long."""
    from prefect.runtime import flow_run

    key = (str(context.root), flow_run.id)
    with _BUDGETS_LOCK:
        return _BUDGETS.setdefault(key, CallBudget(context.project.provider.budget_seconds))


@task(name="name-needs", timeout_seconds=1800)
def name_needs_step(root: str, needs_map: NeedsMap) -> NeedsMap:
    context = ProjectContext.open(Path(root))
    model = chat_access(context)
    if model is None:
        return needs_map
    reporter().step(message(context.project.language, "step_naming", count=len(needs_map.needs)))
    from agents.initiative import runner as phase1  # not at import: phases 3-6 use chat_access only

    return phase1.name_needs(needs_map, model)
