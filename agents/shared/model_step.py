"""One model step: a prompt, its input and output models, the checks an answer must pass, and how a
usable answer is merged into the deterministic draft. An agent declares only what differs:

    @dataclass(frozen=True)
    class NeedsNamingStep(ArtefactStep[NeedsNamingInput, NeedsNamingAnswer, NeedsMap]):
        prompt: ClassVar[str] = "needs_naming"
        input_model: ClassVar[type[BaseModel]] = NeedsNamingInput
        output_model: ClassVar[type[BaseModel]] = NeedsNamingAnswer
        fallback: ClassVar[Mapping[str, str]] = {"nl": "… ({errors})", "en": "… ({errors})"}

        def check(self, answer, inputs): return check_answer(answer, inputs)
        def apply(self, answer, draft): …; return draft

    needs_map = run_model_step(NeedsNamingStep(), draft, inputs, llm, cache=cache, log=log)

:func:`run_model_step` renders the prompt, asks through :func:`~agents.shared.structured.ask_structured`
(cache, log, one re-ask with the failed checks, fallback), and then either applies the answer and marks the
artefact ``drafted_by="model"``, or keeps the deterministic draft and says why in ``meta.fallback``. Either
way ``meta.prompts`` and ``meta.model`` record what was asked. Fields of a step's dataclass carry what its
check or apply needs beyond the prompt's inputs and the draft (the needs map whose notes a quote may cite).

A step that does not make an artefact (coding statements, grouping phrases) is a :class:`ModelStep` and
is asked with :meth:`ModelStep.ask`; its caller builds the artefact.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel

from agents.shared.answer_language import expected_language, language_problems
from agents.shared.call_records import CallCache, CallLog
from agents.shared.prompting import PromptTemplateFile, load_prompt
from agents.shared.structured import StructuredResult, ask_structured
from artefacts.base import Artefact, ArtefactMeta
from artefacts.catalogue import PerLanguage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

In = TypeVar("In", bound=BaseModel)
Out = TypeVar("Out", bound=BaseModel)
Art = TypeVar("Art", bound=Artefact)

__all__ = ["ArtefactStep", "ModelStep", "run_model_step"]

REASKED: Mapping[str, str] = PerLanguage("model_step.reasked")


class ModelStep(Generic[In, Out]):
    """The contract of one prompt: what it is given, what it answers, what an answer must pass."""

    prompt: ClassVar[str]
    """The prompt's folder under ``prompts/``."""
    version: ClassVar[str | None] = None
    """The prompt version (``v2``); the latest when None."""
    input_model: ClassVar[type[BaseModel]]
    output_model: ClassVar[type[BaseModel]]

    def check(self, answer: Out, inputs: In) -> list[str]:
        """What is wrong with a valid answer (a quote not in its note, an unknown id); empty when it holds."""
        return []

    @classmethod
    def load(cls) -> PromptTemplateFile:
        return load_prompt(cls.prompt, cls.version)

    def ask(
        self,
        inputs: In,
        llm: BaseChatModel,
        *,
        prompt: PromptTemplateFile | None = None,
        cache: CallCache | None = None,
        log: CallLog | None = None,
    ) -> StructuredResult[Out]:
        """One call: the prompt rendered with ``inputs``, the answer validated and checked (its own
        checks, and that it is written in the language the inputs ask for)."""
        language = expected_language(inputs)

        def checks(answer: Out) -> list[str]:
            problems = self.check(answer, inputs)
            return problems + (language_problems(answer, language) if language else [])

        return ask_structured(
            llm,
            prompt or self.load(),
            inputs.model_dump(),
            cast(type[Out], self.output_model),
            check=checks,
            cache=cache,
            log=log,
        )


class ArtefactStep(ModelStep[In, Out], Generic[In, Out, Art]):
    """A model step whose answer is merged into a deterministic draft of an artefact."""

    fallback: ClassVar[Mapping[str, str]]
    """Language → why the draft stays, with ``{errors}`` (and, for batched steps, ``{n}`` items)."""
    error_chars: ClassVar[int] = 400
    """How much of the errors ``meta.fallback`` quotes."""

    def size(self, inputs: In) -> int:
        """How many items one call covers: what ``{n}`` counts in the fallback note."""
        return 1

    @abstractmethod
    def apply(self, answer: Out, draft: Art) -> Art:
        """The draft (a copy, free to change) with the answer merged in."""


def run_model_step(
    step: ArtefactStep[In, Out, Art],
    draft: Art,
    inputs: In | Sequence[In],
    llm: BaseChatModel,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> Art:
    """``draft`` with the model's answers applied, or kept (and marked) where they do not hold.

    ``inputs`` is one call's input, or a batch per call; each usable answer is applied in turn. The
    result is ``drafted_by="model"`` when at least one answer was applied, and carries ``meta.fallback``
    when any call fell back.
    """
    prompt = step.load()
    batches: Sequence[In] = [inputs] if isinstance(inputs, BaseModel) else inputs
    result = draft.model_copy(deep=True)
    applied, failed, errors = 0, 0, []
    for batch in batches:
        answer = step.ask(batch, llm, prompt=prompt, cache=cache, log=log)
        _record_model(result.meta, answer)
        if answer.ok and answer.value is not None:
            result = step.apply(answer.value, result)
            applied += 1
            if answer.rejected:  # the answer used came after a re-ask: the reviewer sees why
                template = REASKED.get(result.meta.language, REASKED["en"])
                note = template.format(
                    prompt=prompt.name, errors="; ".join(answer.rejected)[: step.error_chars]
                )
                result.meta.notes = [*result.meta.notes, note]
        else:
            failed += step.size(batch)
            errors += answer.errors or ["no answer"]
    result.meta.prompts = [*result.meta.prompts, prompt.prompt_ref()]
    if applied:
        result.meta.drafted_by = "model"
    if failed:
        template = step.fallback.get(result.meta.language, step.fallback["en"])
        said = template.format(n=failed, errors="; ".join(errors)[: step.error_chars])
        # an earlier step's fallback (coding before naming) stays: the reviewer needs both
        result.meta.fallback = f"{result.meta.fallback} {said}" if result.meta.fallback else said
    return result


def _record_model(meta: ArtefactMeta, answer: StructuredResult[Any]) -> None:
    if answer.model:
        meta.model = {key: str(value) for key, value in answer.model.items()}
