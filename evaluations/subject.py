"""What an assertion looks at: the artefact a case targets, with everything drafted beside it, and the outcome
it gives (passed, failed or skipped — never passed for what was not checked)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from agents.shared.chat_access import ChatAccess
from artefacts.base import Artefact
from artefacts.initiative import NeedsMap
from artefacts.render_markdown import render_markdown
from evaluations.cases import Assertion, Case
from evaluations.drafting import Drafted, PhaseDraft
from evaluations.gold import Gold
from evaluations.metrics import ChampionsScore, NeedsScore, score_champions, score_needs

Status = Literal["pass", "fail", "skip"]


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str
    metric: str
    status: Status
    score: float | None = None
    threshold: float | None = None
    weight: float = 1.0
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "pass"


def outcome(a: Assertion, passed: bool, score: float | None = None, detail: str = "") -> Outcome:
    return Outcome(
        type=a.type,
        metric=a.metric_name,
        status="pass" if passed else "fail",
        score=None if score is None else round(float(score), 4),
        threshold=a.threshold,
        weight=a.weight,
        detail=detail,
    )


def skipped(a: Assertion, why: str) -> Outcome:
    return Outcome(
        type=a.type, metric=a.metric_name, status="skip", threshold=a.threshold, weight=a.weight, detail=why
    )


def at_least(a: Assertion, score: float, default: float = 0.0, detail: str = "") -> Outcome:
    threshold = a.threshold if a.threshold is not None else default
    return outcome(a, score >= threshold, score, detail or f"≥ {threshold:g}")


def at_most(a: Assertion, score: float, default: float = 1.0, detail: str = "") -> Outcome:
    threshold = a.threshold if a.threshold is not None else default
    return outcome(a, score <= threshold, score, detail or f"≤ {threshold:g}")


@dataclass
class Subject:
    case: Case
    artefact: Artefact
    drafted: Drafted
    phase: PhaseDraft
    judge: ChatAccess | None = None
    embed: Callable[[list[str]], np.ndarray] | None = None

    @property
    def project(self):  # noqa: ANN201 - artefacts.project.Project
        return self.drafted.project

    @property
    def needs_map(self) -> NeedsMap | None:
        found = self.drafted.artefacts().get("needs-map")
        return found if isinstance(found, NeedsMap) else None

    @cached_property
    def markdown(self) -> str:
        return render_markdown(self.artefact, version=1)

    @cached_property
    def data(self) -> Any:
        return self.artefact.model_dump(mode="json")

    @cached_property
    def gold(self) -> Gold | None:
        path = self.drafted.setup.source / self.case.vars.gold
        return Gold.load(path) if path.is_file() else None

    @cached_property
    def needs_score(self) -> NeedsScore | None:
        first = self.drafted.first
        if self.gold is None or first is None:
            return None
        return score_needs(self.gold, first.corpus.notes, first.needs_map)

    @cached_property
    def champions_score(self) -> ChampionsScore | None:
        first = self.drafted.first
        return score_champions(self.gold, first.champions) if self.gold and first else None

    def selected(self, path: str | None) -> list[Any]:
        """The values at ``path`` in the artefact's JSON (``needs.*.title``, ``needs.0.title``)."""
        if not path:
            return [self.data]
        values = [self.data]
        for part in (p for p in re.split(r"\.|\[|\]", path) if p):
            nxt: list[Any] = []
            for value in values:
                if part in ("*", "[*]") and isinstance(value, list):
                    nxt.extend(value)
                elif (
                    isinstance(value, list)
                    and part.lstrip("-").isdigit()
                    and -len(value) <= int(part) < len(value)
                ):
                    nxt.append(value[int(part)])
                elif isinstance(value, dict) and part in value:
                    nxt.append(value[part])
            values = nxt
        return values

    def text(self, a: Assertion) -> str:
        """What a text assertion reads: the Markdown a person reads, or the values at ``path``."""
        if not a.path:
            return self.markdown
        return "\n".join(v if isinstance(v, str) else _json(v) for v in self.selected(a.path))

    def sent_text(self) -> str:
        """Everything the chat model was sent while drafting this case's phases: what left the machine."""
        return "\n".join(text for draft in self.drafted.phases.values() for text in draft.sent)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True)
