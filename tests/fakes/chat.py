"""A scripted chat model that supports ``with_structured_output`` and records what it was asked.

    llm = ScriptedChatModel(script=[{"needs": [...]}, "not json", TimeoutError("slow")])

Each call takes the next script item:

- a dict or pydantic model: the structured answer, sent as a tool call to the tool bound last
  (which is how langchain's default ``with_structured_output`` reads answers);
- a str: plain assistant content without a tool call (no structured output at all);
- an ``AIMessage``: returned as it is;
- an exception (instance or class): raised, like a transport error after the client's retries.

``history`` holds the messages of every request; ``bound_tools`` the tools of the last ``bind_tools``.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import BaseModel, Field


class ScriptedChatModel(BaseChatModel):
    script: list[Any] = Field(default_factory=list)
    history: list[list[BaseMessage]] = Field(default_factory=list)
    bound_tools: list[dict[str, Any]] = Field(default_factory=list)
    temperature: float | None = None
    model_name: str = "scripted"

    @property
    def _llm_type(self) -> str:
        return "scripted-chat"

    @property
    def pending(self) -> int:
        return len(self.script)

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:  # type: ignore[override]
        # in place: copies made with model_copy (e.g. for a prompt's temperature) share the list
        self.bound_tools[:] = [convert_to_openai_tool(tool) for tool in tools]
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.history.append(list(messages))
        if not self.script:
            raise AssertionError("ScriptedChatModel: the script has no answer left")
        item = self.script.pop(0)
        if isinstance(item, BaseException) or (isinstance(item, type) and issubclass(item, BaseException)):
            raise item
        return ChatResult(generations=[ChatGeneration(message=self._message(item, messages))])

    def _message(self, item: Any, messages: list[BaseMessage]) -> AIMessage:
        if isinstance(item, AIMessage):
            return item
        usage = {
            "input_tokens": sum(len(str(m.content)) for m in messages) // 4 + 1,
            "output_tokens": len(str(item)) // 4 + 1,
        }
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        if isinstance(item, str):
            return AIMessage(content=item, usage_metadata=usage)  # type: ignore[arg-type]
        args = item.model_dump(mode="json") if isinstance(item, BaseModel) else item
        name = self.bound_tools[-1]["function"]["name"] if self.bound_tools else "answer"
        call = {"name": name, "args": args, "id": f"call-{len(self.history)}", "type": "tool_call"}
        return AIMessage(content="", tool_calls=[call], usage_metadata=usage)  # type: ignore[arg-type]

    def sent_text(self) -> str:
        """Everything sent in all requests, as one string."""
        return "\n".join(
            json.dumps(str(m.content), ensure_ascii=False) for request in self.history for m in request
        )
