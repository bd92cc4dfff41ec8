"""Drafts shared between cases: each phase runner runs once per project setup, column and repeat.

Cases that draft from the same inputs (the same project content and vars, see :class:`Setup`) read the
same drafts, so twenty assertions on one example cost one run of each phase. A phase drafts after the
phases before it, through the runners the flows use (:mod:`evaluations.phase1`, :mod:`evaluations.phase2`,
:mod:`evaluations.later`), on a working copy of the project. Embeddings go through the per-user cache
(``~/.cache/samen/embeddings``), so a rerun embeds nothing; with a chat model every answer is cached on disk
by (model, prompt version and hash, input), so a rerun costs no call, and what each phase sent is recorded
(the no-pii assertion reads it).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from agents.concept.runner import ConceptResult
from agents.shared.call_records import CallBudget, CallCache, CallLog
from agents.shared.chat_access import ChatAccess
from agents.shared.prompting import prompt_versions
from agents.shared.retrieval import Retriever
from artefacts.base import Artefact
from artefacts.phases import PHASE_TABLE, PHASES
from artefacts.project import Project
from evaluations.columns import Column
from evaluations.later import LATER_PHASES, draft_later_phase, simulated_go
from evaluations.phase1 import Phase1, draft_phase1
from evaluations.phase2 import draft_concept, draft_test
from evaluations.projects import Setup, read_project

PHASE_OF: dict[str, str] = {item.name: row.name for row in PHASE_TABLE for item in row.artefacts}


class SentRecorder(BaseCallbackHandler):
    """Everything a chat model was sent, as text: what left the machine."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._lock = threading.Lock()

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **kwargs: Any
    ) -> None:
        with self._lock:
            self.texts.extend(str(m.content) for batch in messages for m in batch)


@dataclass
class PhaseDraft:
    """One phase drafted: its artefacts, what it took, the model calls it made and what they were sent."""

    phase: str
    artefacts: dict[str, Artefact] = field(default_factory=dict)
    seconds: float = 0.0
    calls: list[dict[str, Any]] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    error: str | None = None
    trace: str = ""


@dataclass
class Drafted:
    """One setup drafted for one column and repeat, phase by phase as cases ask for them."""

    setup: Setup
    column: Column
    repeat: int
    root: Path
    project: Project
    phases: dict[str, PhaseDraft] = field(default_factory=dict)
    first: Phase1 | None = None
    concept: ConceptResult | None = None
    knowledge: Retriever | None = None
    locks: dict[str, threading.Lock] = field(default_factory=lambda: {p: threading.Lock() for p in PHASES})

    def artefacts(self) -> dict[str, Artefact]:
        found: dict[str, Artefact] = {}
        for draft in self.phases.values():
            found.update(draft.artefacts)
        return found


class Drafts:
    """Every draft of one evaluation run; thread-safe, each phase drafted once per key."""

    def __init__(
        self,
        workdir: Path,
        *,
        embed_cache: Path | None,
        call_cache: Path | None,
        models: Mapping[Column, BaseChatModel | None],
        calls_dir: Path | None = None,
    ) -> None:
        self.workdir = workdir
        self.calls_dir = calls_dir or workdir / "calls"
        self.embed_cache = embed_cache
        self.call_cache = call_cache
        self.models = dict(models)
        self._lock = threading.Lock()
        self._drafted: dict[tuple[str, Column, int], Drafted] = {}

    def all(self) -> list[Drafted]:
        with self._lock:
            return list(self._drafted.values())

    def phase(self, setup: Setup, column: Column, repeat: int, target: str) -> tuple[Drafted, PhaseDraft]:
        """The drafts of the phase that makes ``target`` (and of every phase before it)."""
        drafted = self._drafted_for(setup, column, repeat if not column.offline else 0)
        return drafted, self._ensure(drafted, PHASE_OF[target])

    def _drafted_for(self, setup: Setup, column: Column, repeat: int) -> Drafted:
        key = (setup.digest, column, repeat)
        with self._lock:
            if key not in self._drafted:
                folder = self.workdir / f"{setup.digest}-{column.slug}-r{repeat}"
                folder.mkdir(parents=True, exist_ok=True)
                root = setup.prepare(folder)
                project = read_project(root)
                if setup.embedder:
                    project.embeddings.name = setup.embedder  # type: ignore[assignment]
                self._drafted[key] = Drafted(setup, column, repeat, root, project)
            return self._drafted[key]

    def _ensure(self, drafted: Drafted, phase: str) -> PhaseDraft:
        with drafted.locks[phase]:
            if phase in drafted.phases:
                return drafted.phases[phase]
            index = PHASES.index(phase)
            before = [drafted.phases.get(p) or self._ensure(drafted, p) for p in PHASES[:index]]
            failed = next((d for d in before if d.error), None)
            if failed is not None:
                result = PhaseDraft(phase, error=f"phase {failed.phase} could not be drafted: {failed.error}")
            else:
                result = self._draft(drafted, phase)
            drafted.phases[phase] = result
            return result

    def _draft(self, drafted: Drafted, phase: str) -> PhaseDraft:
        access, recorder, log = self._access(drafted, phase)
        started = time.perf_counter()
        result = PhaseDraft(phase)
        try:
            with prompt_versions(dict(drafted.column.prompt_versions)):
                result.artefacts = self._run(drafted, phase, access)
        except Exception as exc:  # noqa: BLE001 - a case reports it; the other cases go on
            result.error = f"{type(exc).__name__}: {exc}"
            result.trace = traceback.format_exc(limit=8)
        result.seconds = round(time.perf_counter() - started, 3)
        if log is not None:
            result.calls = log.read()
        if recorder is not None:
            result.sent = recorder.texts
        return result

    def _run(self, drafted: Drafted, phase: str, model: ChatAccess | None) -> dict[str, Artefact]:
        setup, project, root = drafted.setup, drafted.project, drafted.root
        if phase == "initiative":
            first = draft_phase1(root, project, cache_dir=self.embed_cache, model=model)
            drafted.first = first
            return {
                "needs-map": first.needs_map,
                "champions": first.champions,
                "target-groups": first.target_groups,
            }
        assert drafted.first is not None
        knowledge = self._knowledge(drafted) if model is not None else None
        if phase == "concept":
            concept = draft_concept(drafted.first, setup.choice, model, knowledge)
            drafted.concept = concept
            out: dict[str, Artefact] = {"concept-hypotheses": concept.concepts}
            if concept.persona is not None:
                out["persona"] = concept.persona
            return out
        if phase == "test":
            assert drafted.concept is not None
            test = draft_test(
                drafted.first,
                drafted.concept,
                setup.choice,
                root,
                surveys=setup.surveys,
                cache_dir=self.embed_cache,
                model=model,
            )
            out = {"questionnaire": test.questionnaire}
            if test.results is not None and test.advice is not None:
                out["survey-results"], out["go-no-go-advice"] = test.results, test.advice
            return out
        assert phase in LATER_PHASES
        go = simulated_go(setup.choice, dt.date.fromisoformat(setup.decided_on))
        return draft_later_phase(
            phase, project, go, drafted.artefacts(), root, model=model, knowledge=knowledge
        )

    def _knowledge(self, drafted: Drafted) -> Retriever:
        """The project's store, as the flows give it to an agent with a chat model: its statements (from
        phase 1) and the methodology, in chromadb in the working copy; embedded through the caches."""
        if drafted.knowledge is None:
            from knowledge.embeddings import make_embedder
            from knowledge.project_knowledge import index_project, open_knowledge

            assert drafted.first is not None
            embedder = make_embedder(drafted.project.embeddings, self.embed_cache)
            notes = drafted.first.corpus.statements()
            index_project(drafted.root, drafted.project, embedder, notes, shared_cache=self.embed_cache)
            drafted.knowledge = open_knowledge(
                drafted.root, drafted.project, embedder, shared_cache=self.embed_cache
            )
        return drafted.knowledge

    def _access(
        self, drafted: Drafted, phase: str
    ) -> tuple[ChatAccess | None, SentRecorder | None, CallLog | None]:
        llm = self.models.get(drafted.column)
        if llm is None:
            return None, None, None
        recorder = SentRecorder()
        watched = llm.model_copy(update={"callbacks": [recorder]})
        calls = self.calls_dir / f"{drafted.setup.digest}-{drafted.column.slug}-r{drafted.repeat}"
        log = CallLog(calls / f"{phase}.jsonl", CallBudget(drafted.column.budget_seconds))
        cache = None
        if self.call_cache is not None:
            cache = CallCache(self.call_cache / f"r{drafted.repeat}" if drafted.repeat else self.call_cache)
        return ChatAccess(watched, cache, log), recorder, log
