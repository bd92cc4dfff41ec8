"""Chat models from the project's provider settings.

``make_chat_model`` is the only place a chat model is constructed: ``offline`` gives ``None`` (the
agents then keep their deterministic drafts); ``openai``, ``openai-compatible`` (Ollama, vLLM, LM Studio,
llama.cpp server) and ``azure`` give a langchain chat model with a timeout and the client's own retries.

Settings come from ``samen.yaml``; ``SAMEN_PROVIDER``, ``SAMEN_MODEL`` and ``SAMEN_BASE_URL`` override
them. Keys come from the environment only and never appear in ``describe``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urlsplit

from artefacts.errors import ConfigError
from artefacts.messages import FALLBACK, message
from artefacts.project import ProviderName, ProviderSettings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_AZURE_API_VERSION = "2024-10-21"  # the first GA version with structured outputs
NO_KEY = "not-needed"  # local OpenAI-compatible servers ignore the key, the client insists on one
_CLIENT_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "OPENAI_API_VERSION",
)


def resolve(
    settings: ProviderSettings, env: Mapping[str, str] = os.environ, language: str = FALLBACK
) -> ProviderSettings:
    """The settings after the ``SAMEN_*`` environment overrides."""
    update: dict[str, Any] = {}
    if provider := env.get("SAMEN_PROVIDER", "").strip():
        if provider not in get_args(ProviderName):
            choices = ", ".join(get_args(ProviderName))
            raise ConfigError(
                message(language, "provider_unknown", provider=repr(provider)),
                hint=message(language, "provider_unknown_hint", choices=choices),
            )
        update["name"] = provider
    if model := env.get("SAMEN_MODEL", "").strip():
        update["model"] = model
    if base_url := env.get("SAMEN_BASE_URL", "").strip():
        update["base_url"] = base_url
    return settings.model_copy(update=update) if update else settings


def make_chat_model(
    settings: ProviderSettings, env: Mapping[str, str] = os.environ, language: str = FALLBACK
) -> BaseChatModel | None:
    """A chat model for the settings, or ``None`` for ``offline``. Raises ``ConfigError`` when a key,
    model or endpoint is missing, written in ``language`` (the project's)."""
    settings = resolve(settings, env, language)
    if settings.name == "offline":
        return None
    if settings.name == "azure":
        return _azure(settings, env, language)
    return _openai(settings, env, language)


def shared_chat_model(settings: ProviderSettings, language: str = FALLBACK) -> BaseChatModel | None:
    """``make_chat_model`` built once per process for the same settings and environment, so every task
    of a flow shares one client. Tasks take the settings (plain data), never the model, so no chat model
    enters a task's parameters or cache key."""
    resolved = resolve(settings, os.environ, language)
    client_env = hashlib.sha256("\0".join(os.environ.get(n, "") for n in _CLIENT_ENV).encode()).hexdigest()
    return _chat_model_once(resolved.model_dump_json(), language, client_env)


@lru_cache(maxsize=8)
def _chat_model_once(settings_json: str, language: str, client_env: str) -> BaseChatModel | None:
    """Keyed on the resolved settings and a hash of the client's environment (keys, endpoints)."""
    return make_chat_model(ProviderSettings.model_validate_json(settings_json), language=language)


def _config_error(language: str, key: str) -> ConfigError:
    return ConfigError(message(language, key), hint=message(language, f"{key}_hint"))


def _openai(settings: ProviderSettings, env: Mapping[str, str], language: str) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    key = env.get("OPENAI_API_KEY", "").strip()
    if settings.name == "openai":
        if not key:
            raise _config_error(language, "provider_openai_key")
        base_url = env.get("OPENAI_BASE_URL", "").strip() or settings.base_url or "https://api.openai.com/v1"
        model = settings.model or DEFAULT_OPENAI_MODEL
    else:
        base_url = settings.base_url or env.get("OPENAI_BASE_URL", "").strip()
        if not base_url:
            raise _config_error(language, "provider_compatible_url")
        if not settings.model:
            raise _config_error(language, "provider_compatible_model")
        model, key = settings.model, key or NO_KEY
    return ChatOpenAI(
        model=model,
        temperature=settings.temperature,
        timeout=settings.timeout_seconds,
        max_retries=settings.max_retries,
        api_key=key,  # type: ignore[arg-type]  # a str is accepted and wrapped as a secret
        base_url=base_url,
    )


def _azure(settings: ProviderSettings, env: Mapping[str, str], language: str) -> BaseChatModel:
    from langchain_openai import AzureChatOpenAI

    key = env.get("AZURE_OPENAI_API_KEY", "").strip()
    if not key:
        raise _config_error(language, "provider_azure_key")
    endpoint = settings.base_url or env.get("AZURE_OPENAI_ENDPOINT", "").strip()
    if not endpoint:
        raise _config_error(language, "provider_azure_endpoint")
    if not settings.model:
        raise _config_error(language, "provider_azure_deployment")
    api_version = (
        settings.api_version or env.get("OPENAI_API_VERSION", "").strip() or DEFAULT_AZURE_API_VERSION
    )
    return AzureChatOpenAI(
        azure_endpoint=endpoint,
        azure_deployment=settings.model,
        model=settings.model,
        api_version=api_version,
        api_key=key,  # type: ignore[arg-type]
        temperature=settings.temperature,
        timeout=settings.timeout_seconds,
        max_retries=settings.max_retries,
    )


def describe(settings: ProviderSettings, env: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """What made an artefact, for its metadata: provider, model, server host, temperature. No secrets."""
    settings = resolve(settings, env)
    if settings.name == "offline":
        return {"provider": "offline", "model": None, "base_url": None, "temperature": None}
    base_url = settings.base_url
    if settings.name == "openai":
        base_url = env.get("OPENAI_BASE_URL") or base_url or "https://api.openai.com/v1"
    elif settings.name == "azure":
        base_url = base_url or env.get("AZURE_OPENAI_ENDPOINT")
    else:
        base_url = base_url or env.get("OPENAI_BASE_URL")
    model = settings.model or (DEFAULT_OPENAI_MODEL if settings.name == "openai" else None)
    return {
        "provider": settings.name,
        "model": model,
        "base_url": _host(base_url),
        "temperature": settings.temperature,
    }


def describe_model(llm: BaseChatModel) -> dict[str, Any]:
    """The same kind of description, read from a chat model object (used in cache keys and call logs)."""
    base_url = getattr(llm, "azure_endpoint", None) or getattr(llm, "openai_api_base", None)
    model = getattr(llm, "model_name", None) or getattr(llm, "model", None)
    return {
        "provider": llm._llm_type,
        "model": model if isinstance(model, str) else None,
        "base_url": _host(base_url),
        "temperature": getattr(llm, "temperature", None),
    }


def _host(url: str | None) -> str | None:
    """``scheme://host[:port]`` of a URL: enough to tell servers apart, never a path with a token."""
    if not url:
        return None
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"
