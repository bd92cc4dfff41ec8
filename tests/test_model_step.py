"""The one model step: what it sends, how it applies an answer, how it marks a fallback, and the re-ask.

A toy artefact and a step over the needs-merging prompt exercise the machinery; a scripted chat model
records every request, so the tests assert on the prompt actually sent as well as on the artefact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel

from agents.concept.concept_model import ConceptsStep, ConceptsStepV2
from agents.concept.persona_model import PersonaStep, PersonaStepV2
from agents.initiative.needs_coding import NeedsCodingStep
from agents.initiative.needs_merging import (
    NeedsMergingAnswer,
    NeedsMergingInput,
    NeedsMergingStep,
    PhraseGroup,
    PhraseToMerge,
    check_groups,
)
from agents.initiative.needs_model import NeedsNamingStep
from agents.shared.call_records import CallCache, CallLog
from agents.shared.model_step import ArtefactStep, ModelStep, run_model_step
from agents.test.questionnaire_prompt import QuestionnaireStep
from artefacts.base import Artefact, ArtefactMeta
from tests.fakes.chat import ScriptedChatModel


class Groups(Artefact):
    artefact_name: ClassVar[str] = "groups"
    names: list[str] = []


@dataclass(frozen=True)
class GroupsStep(ArtefactStep[NeedsMergingInput, NeedsMergingAnswer, Groups]):
    prompt: ClassVar[str] = "needs_merging"
    input_model: ClassVar[type[BaseModel]] = NeedsMergingInput
    output_model: ClassVar[type[BaseModel]] = NeedsMergingAnswer
    fallback: ClassVar[Mapping[str, str]] = {
        "nl": "{n} keer geen antwoord ({errors})",
        "en": "{n} time(s) no answer ({errors})",
    }
    prefix: str = ""

    def check(self, answer: NeedsMergingAnswer, inputs: NeedsMergingInput) -> list[str]:
        return check_groups(answer, inputs)

    def size(self, inputs: NeedsMergingInput) -> int:
        return len(inputs.phrases)

    def apply(self, answer: NeedsMergingAnswer, draft: Groups) -> Groups:
        draft.names += [self.prefix + group.name for group in answer.groups]
        return draft


def _inputs(*phrases: str) -> NeedsMergingInput:
    return NeedsMergingInput(
        language="English",
        phrases=[PhraseToMerge(id=f"p{i}", phrase=p, count=1) for i, p in enumerate(phrases, start=1)],
    )


def _answer(*groups: tuple[str, list[str]]) -> NeedsMergingAnswer:
    return NeedsMergingAnswer(groups=[PhraseGroup(name=name, phrase_ids=ids) for name, ids in groups])


def _draft(language: str = "en") -> Groups:
    return Groups(meta=ArtefactMeta(language=language), names=["by the rules"])


def test_a_usable_answer_is_applied_to_a_copy_and_stamped() -> None:
    llm = ScriptedChatModel(script=[_answer(("cover when ill", ["p1", "p2"]))])
    draft = _draft()
    result = run_model_step(
        GroupsStep(prefix="» "), draft, _inputs("backup when ill", "someone to stand in"), llm
    )
    assert result.names == ["by the rules", "» cover when ill"]
    assert draft.names == ["by the rules"] and draft.meta.drafted_by == "deterministic"
    assert result.meta.drafted_by == "model" and result.meta.fallback is None
    assert [(p.name, p.version) for p in result.meta.prompts] == [("needs_merging", "v1")]
    assert result.meta.prompts[0].sha256
    assert result.meta.model is not None and result.meta.model["model"] == "scripted"
    (request,) = llm.history
    user = str(request[-1].content)
    assert "Group these need phrases" in user
    assert "[p1] backup when ill (1)" in user and "[p2] someone to stand in (1)" in user


def test_a_failed_check_is_sent_back_once_with_the_errors() -> None:
    llm = ScriptedChatModel(
        script=[_answer(("cover", ["p1"])), _answer(("cover", ["p1", "p2"]))]  # p2 forgotten, then fixed
    )
    result = run_model_step(GroupsStep(), _draft(), _inputs("backup when ill", "someone to stand in"), llm)
    assert len(llm.history) == 2
    reask = llm.history[1]
    assert isinstance(reask[-2], AIMessage) and "p1" in str(reask[-2].content)
    assert isinstance(reask[-1], HumanMessage)
    assert "phrase 'p2' is in no group" in str(reask[-1].content)
    assert result.meta.drafted_by == "model" and result.names[-1] == "cover"


def test_a_second_failure_keeps_the_draft_and_says_why_in_its_language() -> None:
    bad = _answer(("cover", ["p1", "p9"]))
    llm = ScriptedChatModel(script=[bad, bad])
    result = run_model_step(GroupsStep(), _draft("nl"), _inputs("vervanging", "invallen"), llm)
    assert len(llm.history) == 2 and llm.pending == 0
    assert result.names == ["by the rules"] and result.meta.drafted_by == "deterministic"
    assert result.meta.fallback is not None
    assert result.meta.fallback.startswith("2 keer geen antwoord (")
    assert "phrase id 'p9' does not exist" in result.meta.fallback
    assert "phrase 'p2' is in no group" in result.meta.fallback
    assert result.meta.prompts[0].name == "needs_merging" and result.meta.model is not None


def test_a_transport_error_falls_back_without_a_reask() -> None:
    llm = ScriptedChatModel(script=[TimeoutError("the server took too long")])
    result = run_model_step(GroupsStep(), _draft(), _inputs("a", "b"), llm)
    assert len(llm.history) == 1
    assert result.meta.drafted_by == "deterministic"
    assert "TimeoutError" in (result.meta.fallback or "")


def test_a_fallback_keeps_the_fallback_of_an_earlier_step() -> None:
    draft = _draft()
    draft.meta.fallback = "The coding fell back."  # e.g. coding before naming
    llm = ScriptedChatModel(script=[TimeoutError("the server took too long")])
    result = run_model_step(GroupsStep(), draft, _inputs("a", "b"), llm)
    assert (result.meta.fallback or "").startswith("The coding fell back. ")
    assert "TimeoutError" in (result.meta.fallback or "")


def test_batches_apply_what_holds_and_count_what_fell_back() -> None:
    llm = ScriptedChatModel(
        script=[_answer(("one", ["p1"])), "no json at all", "still no json", _answer(("three", ["p1"]))]
    )
    batches = [_inputs("a"), _inputs("b", "c"), _inputs("d")]
    result = run_model_step(GroupsStep(), _draft(), batches, llm)
    assert result.names == ["by the rules", "one", "three"]
    assert result.meta.drafted_by == "model"
    assert (result.meta.fallback or "").startswith("2 time(s) no answer (")  # the second batch: 2 phrases
    assert len(result.meta.prompts) == 1


def test_a_rerun_with_the_call_cache_asks_nothing(tmp_path) -> None:
    cache, log = CallCache(tmp_path / "cache"), CallLog(tmp_path / "calls.jsonl")
    first = ScriptedChatModel(script=[_answer(("cover", ["p1"]))])
    run_model_step(GroupsStep(), _draft(), _inputs("a"), first, cache=cache, log=log)
    again = ScriptedChatModel(script=[])
    result = run_model_step(GroupsStep(), _draft(), _inputs("a"), again, cache=cache, log=log)
    assert again.history == [] and result.names[-1] == "cover" and result.meta.drafted_by == "model"


def test_a_model_step_without_an_artefact_returns_the_checked_answer() -> None:
    llm = ScriptedChatModel(script=[_answer(("cover", ["p1", "p2"]))])
    answer = NeedsMergingStep().ask(_inputs("a", "b"), llm)
    assert answer.ok and answer.value is not None and answer.value.groups[0].phrase_ids == ["p1", "p2"]


@pytest.mark.parametrize(
    "step",
    [
        NeedsCodingStep,
        NeedsMergingStep,
        NeedsNamingStep,
        ConceptsStep,
        ConceptsStepV2,
        PersonaStep,
        PersonaStepV2,
        QuestionnaireStep,
    ],  # fmt: skip
)
def test_each_step_declares_the_models_its_prompt_file_names(step: type[ModelStep]) -> None:
    prompt = step.load()
    assert prompt.name == step.prompt
    assert prompt.input_class() is step.input_model
    assert prompt.output_class() is step.output_model


def _dutch_inputs(*phrases: str) -> NeedsMergingInput:
    return NeedsMergingInput(
        language="Dutch (Nederlands)",
        phrases=[PhraseToMerge(id=f"p{i}", phrase=p, count=1) for i, p in enumerate(phrases, start=1)],
    )


def test_an_answer_in_another_script_is_refused_and_the_reason_kept_in_the_artefact() -> None:
    phrases = ("invallers vinden", "iemand die overneemt")
    llm = ScriptedChatModel(script=[_answer(("Groep 交流的需要", ["p1", "p2"]))] * 2)
    result = run_model_step(GroupsStep(), _draft("nl"), _dutch_inputs(*phrases), llm)
    assert result.names == ["by the rules"] and result.meta.drafted_by == "deterministic"
    assert "交流的需要" in (result.meta.fallback or "") and "Dutch" in (result.meta.fallback or "")


def test_an_answer_in_the_wrong_language_is_re_asked_and_the_refusal_noted() -> None:
    english = _answer(("Finding someone who can take over the training when I am ill", ["p1", "p2"]))
    dutch = _answer(("Iemand vinden die de training overneemt als ik ziek ben", ["p1", "p2"]))
    llm = ScriptedChatModel(script=[english, dutch])
    result = run_model_step(GroupsStep(), _draft("nl"), _dutch_inputs("invallers vinden", "ziek"), llm)
    assert result.names[-1] == "Iemand vinden die de training overneemt als ik ziek ben"
    assert any("geweigerd" in note and "English" in note for note in result.meta.notes)
    reask = llm.history[-1][-1]
    assert isinstance(reask, HumanMessage) and "Dutch" in str(reask.content)


def test_once_the_phases_model_time_is_spent_no_further_call_is_made_and_the_artefact_says_why(
    tmp_path,
) -> None:
    from agents.shared.call_records import CallBudget

    budget = CallBudget(1e-6)  # spent by the first call, however quick
    log = CallLog(tmp_path / "calls.jsonl", budget)
    llm = ScriptedChatModel(script=[_answer(("cover when ill", ["p1", "p2"])), _answer(("x", ["p1"]))])
    batches = [_inputs("invallers", "ziek"), _inputs("zaalhuur", "velden")]
    result = run_model_step(GroupsStep(), _draft(), batches, llm, log=log)
    assert len(llm.history) == 1  # the second batch was never sent
    assert result.names[-1] == "cover when ill" and result.meta.drafted_by == "model"
    assert "budget" in (result.meta.fallback or "") and "provider.budget_seconds" in (
        result.meta.fallback or ""
    )
    assert budget.exhausted and [r["status"] for r in log.read()] == ["model", "fallback"]
