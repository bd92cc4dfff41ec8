"""Run evaluation cases in every column, concurrently, sharing drafts, and gather one report.

    report = run_cases(load_cases(), RunOptions(columns=make_columns(["offline"])))

Each (case, column, repeat) is one cell. A cell asks :class:`~evaluations.drafting.Drafts` for the phase that
drafts its target (each phase runs once per project setup and column), then evaluates its assertions on it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from langchain_core.language_models import BaseChatModel

from agents.shared.call_records import CallCache, CallLog
from agents.shared.chat_access import ChatAccess
from agents.shared.providers import make_chat_model
from artefacts.phases import PHASES
from evaluations.cases import REPO, Case
from evaluations.columns import Column
from evaluations.drafting import Drafted, Drafts, PhaseDraft
from evaluations.evaluators import evaluate
from evaluations.metrics import score_needs
from evaluations.projects import Setup
from evaluations.report import (
    CaseInfo,
    CellResult,
    CellStatus,
    ColumnInfo,
    DraftRecord,
    ModelPathRow,
    Report,
    Usage,
)
from evaluations.subject import Subject
from evaluations.usage import price_of, usage_of
from knowledge.embedding_cache import user_cache_dir
from knowledge.embeddings import make_embedder

Progress = Callable[[CellResult], None]
DEFAULT_OUT = REPO / "evaluations" / "reports"


@dataclass
class RunOptions:
    columns: list[Column] = field(default_factory=lambda: [Column()])
    repeat: int = 1
    jobs: int = max(1, min(4, os.cpu_count() or 1))
    out_dir: Path = DEFAULT_OUT
    call_cache: Path | None = field(default_factory=lambda: user_cache_dir() / "eval" / "llm")
    embed_cache: Path | None = field(default_factory=lambda: user_cache_dir() / "embeddings")
    price: tuple[float, float] | None = None
    models: dict[Column, BaseChatModel | None] | None = None  # given in tests; else built from the column
    run_id: str = ""


def run_cases(cases: Sequence[Case], options: RunOptions, progress: Progress | None = None) -> Report:
    started = time.perf_counter()
    run_id = options.run_id or _run_id(options.columns)
    calls_dir = options.out_dir / run_id / "calls"
    models = options.models if options.models is not None else {c: _model(c) for c in options.columns}
    setups = {case.id: Setup.of(case.vars) for case in cases}
    cells = [(case, column, r) for case in cases for column in options.columns for r in range(options.repeat)]
    with tempfile.TemporaryDirectory(prefix="samen-eval-") as tmp:
        drafts = Drafts(
            Path(tmp), embed_cache=options.embed_cache, call_cache=options.call_cache, models=models,
            calls_dir=calls_dir,
        )  # fmt: skip
        context = _Context(drafts, options, models, calls_dir)

        def one(cell: tuple[Case, Column, int]) -> CellResult:
            case, column, repeat = cell
            result = context.cell(case, setups[case.id], column, repeat)
            if progress is not None:
                progress(result)
            return result

        with ThreadPoolExecutor(max_workers=max(1, options.jobs), thread_name_prefix="eval") as pool:
            results = list(pool.map(one, cells))
        rows = context.model_path_rows()
        records = context.draft_records()
    return Report(
        run_id=run_id,
        at=dt.datetime.now(dt.UTC),
        seconds=round(time.perf_counter() - started, 1),
        repeat=options.repeat,
        columns=[_column_info(c) for c in options.columns],
        cases=[_case_info(case, setups[case.id]) for case in cases],
        results=results,
        model_path=rows,
        drafts=records,
        notes=_notes(options, results),
    )


class _Context:
    def __init__(
        self, drafts: Drafts, options: RunOptions, models: dict[Column, BaseChatModel | None], calls: Path
    ) -> None:
        self.drafts, self.options, self.models, self.calls = drafts, options, models, calls
        self._embedders: dict[str, Callable[[list[str]], np.ndarray]] = {}

    def cell(self, case: Case, setup: Setup, column: Column, repeat: int) -> CellResult:
        drafted, phase = self.drafts.phase(setup, column, repeat, case.target)
        base = CellResult(
            case=case.id,
            column=column.label,
            repeat=repeat,
            status="error",
            draft_seconds=phase.seconds,
            usage=self.usage(column, phase),
        )
        if phase.error:
            return base.model_copy(update={"error": phase.error})
        artefact = phase.artefacts.get(case.target)
        if artefact is None:
            why = f"phase {phase.phase} drafted no {case.target} (for survey results and advice: no answers in surveys/)"
            return base.model_copy(update={"error": why})
        subject = Subject(case, artefact, drafted, phase, self.judge(column), self.embedder(drafted))
        outcomes = [evaluate(subject, a) for a in case.asserts]
        counted = [o for o in outcomes if o.status != "skip"]
        weight = sum(o.weight for o in counted)
        score = sum(o.weight for o in counted if o.passed) / weight if weight else None
        status: CellStatus = "skip" if not counted else "pass" if all(o.passed for o in counted) else "fail"
        return base.model_copy(
            update={
                "status": status,
                "score": None if score is None else round(score, 4),
                "outcomes": outcomes,
                "drafted_by": artefact.meta.drafted_by,
                "fallback": artefact.meta.fallback,
            }
        )

    def usage(self, column: Column, phase: PhaseDraft) -> Usage:
        return usage_of(phase.calls, price_of(column.model, self.options.price), self.options.call_cache)

    def judge(self, column: Column) -> ChatAccess | None:
        llm = self.models.get(column)
        if llm is None:
            return None
        cache = CallCache(self.options.call_cache) if self.options.call_cache else None
        return ChatAccess(llm, cache, CallLog(self.calls / f"judge-{column.slug}.jsonl"))

    def embedder(self, drafted: Drafted) -> Callable[[list[str]], np.ndarray]:
        settings = drafted.project.embeddings
        key = settings.model_dump_json()
        if key not in self._embedders:
            self._embedders[key] = make_embedder(settings, self.options.embed_cache).embed_documents
        return self._embedders[key]

    def draft_records(self) -> list[DraftRecord]:
        records = []
        for drafted in self.drafts.all():
            for phase in drafted.phases.values():
                records.append(
                    DraftRecord(
                        project=drafted.setup.name,
                        setup=drafted.setup.digest,
                        column=drafted.column.label,
                        repeat=drafted.repeat,
                        phase=phase.phase,
                        seconds=phase.seconds,
                        usage=self.usage(drafted.column, phase),
                        error=phase.error,
                    )
                )
        return sorted(records, key=lambda r: (r.project, r.setup, r.column, r.repeat, PHASES.index(r.phase)))

    def model_path_rows(self) -> list[ModelPathRow]:
        """Phase 1 per gold set and column: the needs map against gold, and the calls it took."""
        rows = []
        for drafted in self.drafts.all():
            first, phase = drafted.first, drafted.phases.get("initiative")
            gold_file = drafted.setup.source / "gold.yaml"
            if first is None or phase is None or drafted.setup.add_interviews or not gold_file.is_file():
                continue
            from evaluations.gold import Gold

            embedder = drafted.setup.embedder

            score = score_needs(Gold.load(gold_file), first.corpus.notes, first.needs_map)
            usage = self.usage(drafted.column, phase)
            rows.append(
                ModelPathRow(
                    gold_set=drafted.setup.source.name + (f" ({embedder})" if embedder else ""),
                    column=drafted.column.label,
                    repeat=drafted.repeat,
                    drafted_by=first.needs_map.meta.drafted_by,
                    ari=score.ari,
                    nmi=score.nmi,
                    needs_covered=score.matched,
                    gold_needs=score.gold_needs,
                    grounding_failures=usage.rejected,
                    usage=usage,
                    seconds=phase.seconds,
                    fallback=first.needs_map.meta.fallback,
                )
            )
        return sorted(rows, key=lambda r: (r.gold_set, r.column, r.repeat))


def _model(column: Column) -> BaseChatModel | None:
    return None if column.offline else make_chat_model(column.settings())


def _run_id(columns: Sequence[Column]) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    kinds = "offline" if all(c.offline for c in columns) else "model"
    return f"{stamp}-{kinds}"


def _column_info(column: Column) -> ColumnInfo:
    return ColumnInfo(
        label=column.label,
        provider=column.provider,
        model=column.model,
        base_url=column.host,
        prompt_versions=dict(column.prompt_versions),
    )


def _case_info(case: Case, setup: Setup) -> CaseInfo:
    from evaluations.projects import read_project

    return CaseInfo(
        id=case.id,
        description=case.description,
        target=case.target,
        project=setup.name,
        language=read_project(setup.source).language,
        source=case.source,
        metadata=case.metadata,
    )


def _notes(options: RunOptions, results: list[CellResult]) -> list[str]:
    notes = []
    if options.repeat > 1 and any(c.offline for c in options.columns):
        notes.append("offline drafts are deterministic: every repeat of the offline column reads one draft")
    skipped = sum(1 for cell in results for o in cell.outcomes if o.status == "skip")
    if skipped:
        notes.append(
            f"{skipped} assertion(s) skipped (llm-rubric without a chat model): counted neither as passed nor failed"
        )
    errors = sum(1 for cell in results if cell.status == "error")
    if errors:
        notes.append(f"{errors} cell(s) could not be drafted: see their error")
    return notes
