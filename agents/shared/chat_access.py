"""What a model step needs to be asked: the chat model, with the project's call cache and call log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agents.shared.call_records import CallCache, CallLog

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


@dataclass(frozen=True)
class ChatAccess:
    """A chat model with the project's call cache and call log; None instead of one means offline."""

    llm: BaseChatModel
    cache: CallCache | None = None
    log: CallLog | None = None


def services(model: ChatAccess | None) -> dict[str, Any]:
    """The keyword arguments the agents' ``draft`` functions take (``llm``, ``cache``, ``log``);
    ``{"llm": None}`` offline."""
    if model is None:
        return {"llm": None}
    return {"llm": model.llm, "cache": model.cache, "log": model.log}
