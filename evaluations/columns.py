"""The columns of the matrix: a provider (offline or a chat model) with the prompt versions it is asked with.

    --provider offline --provider openai --model gpt-4o-mini      two columns
    --prompt-version needs_coding=v1 --prompt-version needs_coding=v2   one column per version (with a model)

Versions of different agents combine; versions of one agent each make a column. Offline no prompt is asked,
so the offline column is one, whatever the versions. A model column always has the offline column beside it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args
from urllib.parse import urlsplit

from artefacts.errors import ConfigError
from artefacts.project import ProviderName, ProviderSettings


@dataclass(frozen=True)
class Column:
    provider: str = "offline"
    model: str | None = None
    base_url: str | None = None
    prompt_versions: tuple[tuple[str, str], ...] = ()
    timeout_seconds: float = 120.0
    max_retries: int = 2
    budget_seconds: float = 900.0

    @property
    def offline(self) -> bool:
        return self.provider == "offline"

    @property
    def label(self) -> str:
        base = self.provider if not self.model else f"{self.provider}:{self.model}"
        versions = " ".join(f"{agent}={version}" for agent, version in self.prompt_versions)
        return f"{base} {versions}".strip()

    @property
    def host(self) -> str | None:
        """``scheme://host[:port]`` of the server: enough to tell servers apart, never a path with a token."""
        if not self.base_url:
            return None
        parts = urlsplit(self.base_url if "://" in self.base_url else f"http://{self.base_url}")
        return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"

    @property
    def slug(self) -> str:
        return "".join(ch if ch.isalnum() or ch in "-_=" else "_" for ch in self.label)[:80]

    def settings(self) -> ProviderSettings:
        """The provider settings of this column: what ``samen.yaml``'s ``provider:`` would say."""
        name = self.provider
        if name == "openai" and self.base_url:  # any OpenAI-compatible server, with or without a key
            name = "openai-compatible"
        return ProviderSettings(
            name=name,  # type: ignore[arg-type]
            model=self.model,
            base_url=self.base_url,
            timeout_seconds=self.timeout_seconds,
            max_retries=self.max_retries,
            budget_seconds=self.budget_seconds,
        )


def make_columns(
    providers: Sequence[str] = (),
    prompt_versions: Sequence[str] = (),
    *,
    model: str | None = None,
    base_url: str | None = None,
    timeout_seconds: float = 120.0,
    max_retries: int = 2,
) -> list[Column]:
    """The columns for ``samen eval``'s options; errors name the option and the fix."""
    names = list(dict.fromkeys(providers or ["offline"]))
    known = get_args(ProviderName)
    for name in names:
        if name not in known:
            raise ConfigError(
                f"--provider {name!r} is not a provider", hint=f"choose one of {', '.join(known)}"
            )
    if any(name != "offline" for name in names) and "offline" not in names:
        names.insert(0, "offline")  # the model's row is read next to the offline row
    combos = version_combinations(prompt_versions)
    columns = []
    for name in names:
        if name == "offline":
            columns.append(Column())
            continue
        for combo in combos:
            columns.append(
                Column(
                    provider=name,
                    model=model,
                    base_url=base_url,
                    prompt_versions=combo,
                    timeout_seconds=timeout_seconds,
                    max_retries=max_retries,
                )
            )
    return columns


def version_combinations(given: Sequence[str]) -> list[tuple[tuple[str, str], ...]]:
    """``["a=v1", "a=v2", "b=v1"]`` → ``[(a=v1, b=v1), (a=v2, b=v1)]``; ``[()]`` when none is given."""
    by_agent: dict[str, list[str]] = {}
    for item in given:
        agent, sep, version = item.partition("=")
        agent, version = agent.strip(), version.strip()
        if not sep or not agent or not version.startswith("v") or not version[1:].isdigit():
            raise ConfigError(
                f"--prompt-version {item!r} is not AGENT=vN",
                hint="for example --prompt-version needs_coding=v1",
            )
        check_prompt_version(agent, version)
        by_agent.setdefault(agent, [])
        if version not in by_agent[agent]:
            by_agent[agent].append(version)
    if not by_agent:
        return [()]
    agents = sorted(by_agent)
    return [
        tuple(zip(agents, choice, strict=True))
        for choice in itertools.product(*(by_agent[a] for a in agents))
    ]


def check_prompt_version(agent: str, version: str) -> None:
    """The version exists, and every step that asks ``agent``'s prompt gives what that version renders."""
    from agents.shared.model_step import ModelStep
    from agents.shared.prompting import load_prompt

    prompt = load_prompt(agent, version)
    for step in _steps(ModelStep):
        if getattr(step, "prompt", None) != agent:
            continue
        given = step.input_model.model_fields  # type: ignore[attr-defined]
        missing = prompt.variables() - set(given)
        if missing:
            raise ConfigError(
                f"prompt {agent}/{version} needs {', '.join(sorted(missing))}, which {step.__name__} "
                f"does not give ({step.input_model.__name__})",  # type: ignore[attr-defined]
                path=prompt.path,
                hint="compare versions whose variables the agent fills in (see prompts/README.md)",
            )


def _steps(base: type) -> list[type]:
    import agents.concept.runner  # noqa: F401 - the steps register as subclasses on import
    import agents.core_group.runner  # noqa: F401
    import agents.initiative.runner  # noqa: F401
    import agents.launch.runner  # noqa: F401
    import agents.plan.runner  # noqa: F401
    import agents.strategy.runner  # noqa: F401
    import agents.test.runner  # noqa: F401

    found: list[type] = []
    todo: list[type] = list(base.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if "prompt" in vars(cls) or hasattr(cls, "prompt")]
