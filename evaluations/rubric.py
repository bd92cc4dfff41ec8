"""``llm-rubric``: a judge model grades an artefact against a rubric and answers a typed verdict.

The judge is the chat model of the column under evaluation (its answers cached like every other call).
Without a chat model the assertion is skipped and says so: a rubric nobody graded never passes.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, Field

from agents.shared.model_step import ModelStep
from artefacts.base import Strict
from evaluations.cases import Assertion
from evaluations.subject import Outcome, Subject, outcome, skipped

MAX_CHARS = 12000
NO_JUDGE = "no chat model configured: skipped, not passed (run with --provider and --model to grade it)"


class RubricInput(Strict):
    """The variables of ``prompts/eval_rubric/v1.md``."""

    rubric: str = Field(description="What the document must do.")
    output: str = Field(description="The document, as a person reads it.")


class RubricVerdict(Strict):
    reason: str = Field(max_length=600, description="Why it passes or fails, in one to three sentences.")
    passed: bool = Field(description="Whether the document meets the rubric.")
    score: float = Field(ge=0, le=1, description="0: does not meet the rubric at all; 1: meets it fully.")


class RubricStep(ModelStep[RubricInput, RubricVerdict]):
    prompt: ClassVar[str] = "eval_rubric"
    input_model: ClassVar[type[BaseModel]] = RubricInput
    output_model: ClassVar[type[BaseModel]] = RubricVerdict


def llm_rubric(s: Subject, a: Assertion) -> Outcome:
    if s.judge is None:
        return skipped(a, NO_JUDGE)
    text = s.text(a)[:MAX_CHARS]
    answer = RubricStep().ask(
        RubricInput(rubric=str(a.value), output=text), s.judge.llm, cache=s.judge.cache, log=s.judge.log
    )
    if answer.value is None:
        return skipped(a, f"the judge gave no verdict: {'; '.join(answer.errors)[:200]}")
    verdict: RubricVerdict = answer.value
    passed = verdict.passed and (a.threshold is None or verdict.score >= a.threshold)
    return outcome(a, passed, verdict.score, verdict.reason)
