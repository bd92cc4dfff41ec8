"""make_chat_model and describe: offline by default, keys from the environment only, always a timeout."""

from __future__ import annotations

import pytest
from langchain_openai import AzureChatOpenAI, ChatOpenAI

from agents.initiative.needs_naming import NeedsNamingAnswer
from agents.shared.prompting import load_prompt
from agents.shared.providers import NO_KEY, describe, make_chat_model, resolve
from agents.shared.structured import ask_structured
from artefacts.errors import ConfigError
from artefacts.project import ProviderSettings
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import OpenAIServer, Reply

SECRET = "sk-very-secret"


def test_offline_gives_no_model() -> None:
    assert make_chat_model(ProviderSettings(), env={}) is None
    assert make_chat_model(ProviderSettings(name="openai"), env={"SAMEN_PROVIDER": "offline"}) is None


def test_openai_without_key_says_what_to_do() -> None:
    with pytest.raises(ConfigError) as raised:
        make_chat_model(ProviderSettings(name="openai"), env={})
    assert "set OPENAI_API_KEY or choose `provider: offline` in samen.yaml" in str(raised.value)


def test_openai_has_timeout_retries_and_key_from_env() -> None:
    settings = ProviderSettings(
        name="openai", model="gpt-4.1-mini", timeout_seconds=12, max_retries=4, temperature=0.3
    )
    llm = make_chat_model(
        settings, env={"OPENAI_API_KEY": SECRET, "OPENAI_BASE_URL": "https://proxy.example/v1"}
    )
    assert isinstance(llm, ChatOpenAI)
    assert llm.request_timeout == 12 and llm.max_retries == 4 and llm.temperature == 0.3
    assert llm.model_name == "gpt-4.1-mini" and llm.openai_api_base == "https://proxy.example/v1"
    assert llm.openai_api_key is not None and llm.openai_api_key.get_secret_value() == SECRET


def test_environment_overrides_provider_and_model() -> None:
    env = {
        "SAMEN_PROVIDER": "openai-compatible",
        "SAMEN_MODEL": "qwen3:4b",
        "SAMEN_BASE_URL": "http://127.0.0.1:11434/v1",
    }
    llm = make_chat_model(ProviderSettings(), env=env)
    assert isinstance(llm, ChatOpenAI) and llm.model_name == "qwen3:4b"
    assert llm.openai_api_base == "http://127.0.0.1:11434/v1"
    assert llm.openai_api_key is not None and llm.openai_api_key.get_secret_value() == NO_KEY
    assert resolve(ProviderSettings(), env).name == "openai-compatible"


def test_unknown_provider_in_env_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="SAMEN_PROVIDER='anthropic'"):
        make_chat_model(ProviderSettings(), env={"SAMEN_PROVIDER": "anthropic"})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (ProviderSettings(name="openai-compatible", model="m"), "server's URL"),
        (ProviderSettings(name="openai-compatible", base_url="http://localhost:8000/v1"), "model name"),
    ],
)
def test_openai_compatible_needs_url_and_model(settings: ProviderSettings, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_chat_model(settings, env={})


def test_azure() -> None:
    settings = ProviderSettings(name="azure", model="gpt-4o-deploy", base_url="https://res.openai.azure.com/")
    with pytest.raises(ConfigError, match="AZURE_OPENAI_API_KEY"):
        make_chat_model(settings, env={})
    llm = make_chat_model(settings, env={"AZURE_OPENAI_API_KEY": SECRET})
    assert isinstance(llm, AzureChatOpenAI)
    assert llm.deployment_name == "gpt-4o-deploy" and llm.openai_api_version == "2024-10-21"
    assert llm.request_timeout == settings.timeout_seconds
    endpoint_from_env = ProviderSettings(name="azure", model="d", api_version="2025-01-01-preview")
    llm = make_chat_model(
        endpoint_from_env,
        env={"AZURE_OPENAI_API_KEY": SECRET, "AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"},
    )
    assert isinstance(llm, AzureChatOpenAI) and llm.azure_endpoint == "https://x.openai.azure.com"
    assert llm.openai_api_version == "2025-01-01-preview"


def test_describe_has_no_secrets_and_only_the_host() -> None:
    settings = ProviderSettings(
        name="openai-compatible", model="llama3", base_url="http://user:pw@gpu-box:8000/v1?key=abc"
    )
    info = describe(settings, env={"OPENAI_API_KEY": SECRET})
    assert info == {
        "provider": "openai-compatible",
        "model": "llama3",
        "base_url": "http://gpu-box:8000",
        "temperature": 0.0,
    }
    assert describe(ProviderSettings(), env={})["provider"] == "offline"
    assert describe(ProviderSettings(name="openai"), env={})["model"] == "gpt-4o-mini"


def test_openai_compatible_model_from_settings_talks_to_the_server(openai_server: OpenAIServer) -> None:
    settings = ProviderSettings(
        name="openai-compatible", model="local", base_url=openai_server.url, timeout_seconds=2, max_retries=1
    )
    llm = make_chat_model(settings, env={})
    assert llm is not None
    openai_server.push(Reply.answer({"needs": [], "cannot_answer": "nothing to name"}))
    prompt = load_prompt("needs_naming")
    result = ask_structured(llm, prompt, {"language": "English", "clusters": []}, NeedsNamingAnswer)
    assert result.status == "fallback" and result.errors == ["the model cannot answer: nothing to name"]
    assert openai_server.requests[0]["model"] == "local"
    assert openai_server.paths == ["/v1/chat/completions"]


def test_a_shared_chat_model_is_built_once_per_settings_and_environment(monkeypatch) -> None:
    from agents.shared.providers import shared_chat_model

    settings = ProviderSettings(name="openai-compatible", base_url="http://127.0.0.1:9/v1", model="m")
    monkeypatch.delenv("SAMEN_PROVIDER", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "first-key")
    first = shared_chat_model(settings)
    assert isinstance(first, ChatOpenAI)
    assert shared_chat_model(settings.model_copy()) is first  # equal settings: the same client
    assert shared_chat_model(settings.model_copy(update={"model": "other"})) is not first
    monkeypatch.setenv("OPENAI_API_KEY", "second-key")
    assert shared_chat_model(settings) is not first  # a changed key is a new client
    assert shared_chat_model(ProviderSettings()) is None
