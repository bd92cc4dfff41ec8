"""The one place a chat model is called: a prompt file in, a validated pydantic answer (or a fallback) out.

    result = ask_structured(llm, load_prompt("needs_naming"), inputs.model_dump(), NeedsNamingAnswer,
                            check=lambda a: check_answer(a, inputs), cache=cache, log=log)
    if result.status == "fallback": keep the deterministic draft and record result.errors

Agents do not call it directly: they declare a step (:mod:`agents.shared.model_step`), which calls it
and applies or marks the answer.

Flow: render the prompt → look the answer up in the cache → ask the model for structured output →
validate (JSON, the pydantic model, then ``check`` for grounding) → on failure re-ask ONCE with the
model's own answer and the errors → on a second failure return ``fallback`` with the errors.

Retries live in one place each. Transport errors (429, 5xx, timeouts, connection errors) are retried by
the client itself (``max_retries``, with backoff and ``Retry-After``); when they still fail the result
is a ``fallback`` with the error text, never an exception. Only programming errors (a template that
needs a missing variable, a broken ``check``) raise.

OpenAI chat models are asked with ``response_format`` json_schema (strict). The schema is sent as a
dict and the content validated here, not by the client: passing the pydantic class makes the openai
client validate inside the HTTP call and raise ``ValidationError`` without the raw answer or the token
counts, which the re-ask and the log need. A server that rejects json_schema (400) is asked again with
function calling. Other chat models use their own ``with_structured_output`` default.

An output model may have an optional ``cannot_answer`` field: when the model fills it there is no
re-ask; the result is a ``fallback`` whose errors say why.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from agents.shared.call_records import CallBudget, CallCache, CallLog, sha256_of
from agents.shared.prompting import PromptTemplateFile
from agents.shared.providers import describe_model
from artefacts.errors import ModelOutputError

if TYPE_CHECKING:  # langchain is imported when a model is asked, not by an offline run
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage, BaseMessage

M = TypeVar("M", bound=BaseModel)
Status = Literal["model", "cached", "fallback"]
CANNOT_ANSWER_FIELD = "cannot_answer"
_MAX_ERRORS = 12
_MAX_ERROR_CHARS = 400
MAX_ANSWER_CHARS = 100_000  # far above any real answer (a batch of codes is ~10k): past it, a model rambles

__all__ = ["CallCache", "CallLog", "StructuredResult", "ask_structured"]


@dataclass(frozen=True)
class StructuredResult(Generic[M]):
    """What one ``ask_structured`` call gave: the answer or why there is none, and what it cost."""

    value: M | None
    status: Status
    errors: list[str]
    attempts: int
    prompt_name: str
    prompt_version: str
    prompt_sha256: str
    model: dict[str, Any]
    input_sha256: str
    cache_key: str
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    method: str | None = None
    raw_output: str | None = field(default=None, repr=False)
    rejected: list[str] = field(default_factory=list)
    """Why an earlier answer in this call was refused before the one used (the model was re-asked)."""

    @property
    def ok(self) -> bool:
        return self.value is not None and self.status != "fallback"

    def provenance(self) -> dict[str, Any]:
        """For the artefact's metadata: which prompt and model made it, and whether it fell back."""
        return {
            "prompt": self.prompt_name,
            "prompt_version": self.prompt_version,
            "prompt_sha256": self.prompt_sha256,
            "model": self.model,
            "status": self.status,
            "errors": self.errors,
        }

    def unwrap(self) -> M:
        """The value, or ``ModelOutputError`` carrying the attempts and the last raw answer."""
        if self.value is None or self.status == "fallback":
            raise ModelOutputError(
                f"{self.prompt_name} {self.prompt_version}: " + "; ".join(self.errors or ["no answer"]),
                attempts=self.attempts,
                last_output=self.raw_output,
            )
        return self.value


@dataclass
class _Outcome:
    value: BaseModel | None = None
    errors: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # why an earlier answer of this call was refused
    attempts: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    method: str | None = None
    raw_output: str | None = None


def ask_structured(
    llm: BaseChatModel,
    prompt: PromptTemplateFile,
    variables: Mapping[str, Any],
    output_model: type[M],
    *,
    check: Callable[[M], list[str]] | None = None,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> StructuredResult[M]:
    """Ask ``llm`` for an ``output_model`` answer to ``prompt`` rendered with ``variables``."""
    started = time.perf_counter()
    llm = _with_prompt_temperature(llm, prompt)
    messages = prompt.render(**variables)
    model = describe_model(llm)
    input_sha = sha256_of(dict(variables))
    key = sha256_of(
        {
            "model": model,
            "prompt": [prompt.name, prompt.version, prompt.sha256],
            "input": input_sha,
            "schema": output_model.model_json_schema(),
        }
    )
    cached = _from_cache(cache, key, output_model, check)
    budget = log.budget if log is not None else None
    if cached is not None:
        outcome, status = _Outcome(value=cached), "cached"
    elif budget is not None and budget.exhausted:
        outcome, status = _Outcome(errors=[budget.reason()]), "fallback"  # no call: the phase's time is up
    else:
        asked = time.perf_counter()
        outcome = _ask(llm, messages, output_model, check, budget)
        if budget is not None:
            budget.charge(time.perf_counter() - asked)
        status = "model" if outcome.value is not None and not outcome.errors else "fallback"
    result: StructuredResult[M] = StructuredResult(
        value=outcome.value if status != "fallback" else None,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        errors=outcome.errors,
        rejected=outcome.rejected,
        attempts=outcome.attempts,
        prompt_name=prompt.name,
        prompt_version=prompt.version,
        prompt_sha256=prompt.sha256,
        model=model,
        input_sha256=input_sha,
        cache_key=key,
        tokens_in=outcome.tokens_in,
        tokens_out=outcome.tokens_out,
        latency_ms=round((time.perf_counter() - started) * 1000),
        method=outcome.method,
        raw_output=outcome.raw_output,
    )
    if cache is not None and status == "model":
        cache.put(key, _cache_entry(result))
    if log is not None:
        log.append(_log_record(result))
    return result


def _ask(
    llm: BaseChatModel,
    messages: list[BaseMessage],
    output_model: type[M],
    check: Callable[[M], list[str]] | None,
    budget: CallBudget | None = None,
) -> _Outcome:
    asker = _StructuredAsker(llm, output_model)
    outcome = _Outcome()
    started = time.perf_counter()
    for attempt in (1, 2):
        if (
            attempt == 2
            and budget is not None
            and budget.spent + time.perf_counter() - started >= budget.seconds
        ):
            outcome.errors = [*outcome.errors, budget.reason()]  # no re-ask when the phase's time is up
            break
        outcome.attempts = attempt
        try:
            raw, parsed, parsing_error = asker.invoke(messages)
        except Exception as exc:  # noqa: BLE001 - transport errors after the client's retries: fall back
            failed = _short(_call_failure(exc))
            outcome.errors = [*outcome.errors, failed]  # after a re-ask, keep what the first answer lacked
            break
        outcome.method = asker.method
        outcome.raw_output = _raw_text(raw)
        usage: Mapping[str, Any] = raw.usage_metadata or {}
        outcome.tokens_in += usage.get("input_tokens", 0)
        outcome.tokens_out += usage.get("output_tokens", 0)
        if len(outcome.raw_output) > MAX_ANSWER_CHARS:  # not read, not kept whole, not sent back
            size = len(outcome.raw_output)
            outcome.raw_output = outcome.raw_output[:_MAX_ERROR_CHARS] + "…"
            value, errors = (
                None,
                [f"the answer is too long ({size:,} characters; at most {MAX_ANSWER_CHARS:,})"],
            )
        else:
            value, errors = _validate(raw, parsed, parsing_error, output_model, asker.method)
        if value is not None and (reason := getattr(value, CANNOT_ANSWER_FIELD, None)):
            outcome.errors = [_short(f"the model cannot answer: {reason}")]
            break
        if value is not None and check is not None:
            errors = check(value)  # type: ignore[arg-type]
        if value is not None and not errors:
            outcome.rejected, outcome.value, outcome.errors = outcome.errors, value, []
            return outcome
        outcome.errors = [_short(e) for e in errors[:_MAX_ERRORS]]
        from langchain_core.messages import AIMessage, HumanMessage

        messages = [
            *messages,
            AIMessage(outcome.raw_output or "(empty answer)"),
            HumanMessage(_reask(outcome.errors)),
        ]
    outcome.value = None
    return outcome


class _StructuredAsker:
    """``llm.with_structured_output(…, include_raw=True)`` with the method that suits the model."""

    def __init__(self, llm: BaseChatModel, output_model: type[BaseModel]) -> None:
        self.llm = llm
        self.output_model = output_model
        self.method: str | None = "json_schema" if _is_openai(llm) else None
        self._runnable = self._build()

    def _build(self) -> Any:
        if self.method == "json_schema":
            return self.llm.with_structured_output(
                _strict_schema(self.output_model), method="json_schema", strict=True, include_raw=True
            )
        if self.method == "function_calling":
            return self.llm.with_structured_output(
                self.output_model, method="function_calling", include_raw=True
            )
        return self.llm.with_structured_output(self.output_model, include_raw=True)

    def invoke(self, messages: list[BaseMessage]) -> tuple[AIMessage, Any, BaseException | None]:
        try:
            out = self._runnable.invoke(messages)
        except Exception as exc:
            if self.method != "json_schema" or not _rejects_json_schema(exc):
                raise
            self.method = "function_calling"  # the server cannot do response_format json_schema
            self._runnable = self._build()
            out = self._runnable.invoke(messages)
        return out["raw"], out.get("parsed"), out.get("parsing_error")


def _validate(
    raw: AIMessage,
    parsed: Any,
    parsing_error: BaseException | None,
    output_model: type[M],
    method: str | None,
) -> tuple[M | None, list[str]]:
    if refusal := raw.additional_kwargs.get("refusal"):
        return None, [f"the model refused: {refusal}"]
    try:
        if method == "json_schema":  # validate the content ourselves: langchain's parser repairs broken JSON
            return output_model.model_validate_json(raw.text), []
        if parsing_error is not None:
            if isinstance(parsing_error, ValidationError):
                raise parsing_error
            return None, [f"the answer could not be read: {parsing_error}"]
        if isinstance(parsed, output_model):
            return parsed, []
        if isinstance(parsed, dict):
            return output_model.model_validate(parsed), []
    except ValidationError as exc:
        return None, _validation_errors(exc)
    if raw.invalid_tool_calls:
        error = raw.invalid_tool_calls[0].get("error") or "its arguments are not valid JSON"
        return None, [f"the answer's tool call could not be read: {error}"]
    return None, ["the answer contained no structured output; answer with the requested JSON only"]


def _validation_errors(exc: ValidationError) -> list[str]:
    errors = []
    for error in exc.errors(include_url=False):
        if error["type"] == "json_invalid":
            errors.append(f"the answer is not valid JSON: {error['msg']}")
            continue
        where = ".".join(str(part) for part in error["loc"]) or "the answer"
        errors.append(f"{where}: {error['msg']}")
    return errors


def _call_failure(exc: Exception) -> str:
    """Why a call failed, in words that point at the cause."""
    if isinstance(exc, AttributeError) and "'str' object has no attribute" in str(exc):
        # the openai client hands back the body as text when it is not JSON: a web page, a proxy's notice
        return (
            "the model call failed: the server answered with something that is not a model's answer "
            "(a web page?); check provider.base_url, which for an OpenAI-compatible server usually ends in /v1"
        )
    return f"the model call failed: {type(exc).__name__}: {exc}"


def _reask(errors: list[str]) -> str:
    listed = "\n".join(f"- {error}" for error in errors)
    return (
        f"Your answer cannot be used as it is:\n{listed}\n\n"
        "Answer again with the complete, corrected answer in the same JSON format. Keep what was right; "
        "fix only what is listed. Quotes must be copied exactly from the note they cite."
    )


def _raw_text(raw: AIMessage) -> str:
    if raw.text:
        return raw.text
    calls = raw.tool_calls or []
    if calls:
        return json.dumps(calls[0].get("args", {}), ensure_ascii=False)
    invalid = raw.invalid_tool_calls or []
    if invalid:
        return str(invalid[0].get("args") or "")
    return ""


def _from_cache(
    cache: CallCache | None, key: str, output_model: type[M], check: Callable[[M], list[str]] | None
) -> M | None:
    entry = cache.get(key) if cache is not None else None
    if entry is None:
        return None
    try:
        value = output_model.model_validate(entry.get("output"))
    except ValidationError:
        return None  # the model changed shape since: ask again
    if check is not None and check(value):
        return None
    return value


def _cache_entry(result: StructuredResult[Any]) -> dict[str, Any]:
    return {
        "key": result.cache_key,
        "prompt": result.prompt_name,
        "prompt_version": result.prompt_version,
        "prompt_sha256": result.prompt_sha256,
        "model": result.model,
        "input_sha256": result.input_sha256,
        "output": result.value.model_dump(mode="json") if result.value is not None else None,
        "attempts": result.attempts,
        "tokens_in": result.tokens_in,
        "tokens_out": result.tokens_out,
    }


def _log_record(result: StructuredResult[Any]) -> dict[str, Any]:
    return {
        "prompt": result.prompt_name,
        "prompt_version": result.prompt_version,
        "prompt_sha256": result.prompt_sha256,
        "model": result.model,
        "method": result.method,
        "input_sha256": result.input_sha256,
        "cache_key": result.cache_key,
        "status": result.status,
        "attempts": result.attempts,
        "tokens_in": result.tokens_in,
        "tokens_out": result.tokens_out,
        "latency_ms": result.latency_ms,
        "errors": result.errors,
        "rejected": result.rejected,
        "output": result.value.model_dump(mode="json") if result.value is not None else None,
        "raw_output": result.raw_output if result.status == "fallback" else None,
    }


def _with_prompt_temperature(llm: BaseChatModel, prompt: PromptTemplateFile) -> BaseChatModel:
    if prompt.temperature is None or "temperature" not in type(llm).model_fields:
        return llm
    if getattr(llm, "temperature", None) == prompt.temperature:
        return llm
    return llm.model_copy(update={"temperature": prompt.temperature})


def _is_openai(llm: BaseChatModel) -> bool:
    from langchain_openai.chat_models.base import BaseChatOpenAI

    return isinstance(llm, BaseChatOpenAI)


def _strict_schema(output_model: type[BaseModel]) -> dict[str, Any]:
    """The strict JSON schema OpenAI's structured outputs accept (every property required, no extras),
    made by the openai package's own public helper."""
    import openai

    return dict(openai.pydantic_function_tool(output_model)["function"]["parameters"])


def _rejects_json_schema(exc: Exception) -> bool:
    import openai

    text = str(exc)
    return isinstance(exc, openai.BadRequestError) and ("response_format" in text or "json_schema" in text)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 1] + "…"
