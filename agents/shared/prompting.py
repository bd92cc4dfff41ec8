"""Prompt templates as versioned files: ``prompts/<agent>/vN.md``.

A file is YAML front matter (``name``, ``version``, ``description``, ``input_model``, ``output_model``,
optional ``temperature``) and a body with two sections, each opened by a line that reads exactly
``## system`` or ``## user``. Each section is a Jinja2 template rendered with ``StrictUndefined``.
See ``prompts/README.md``.

Data never becomes template: the sections are split before rendering, rendered with Jinja2 only, and
wrapped as messages, so a transcript containing ``{braces}``, ``{{ jinja }}`` or a ``## user`` line is
text. Every value printed by ``{{ … }}`` has ``<data>`` tags defused, so data cannot close the
``<data>`` block it is placed in.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.meta
import yaml
from pydantic import BaseModel

from artefacts.base import PromptRef
from artefacts.errors import ConfigError
from artefacts.yaml_data import parse as parse_yaml

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_SECTION = re.compile(r"^##[ \t]+(system|user)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_VERSION = re.compile(r"^v(\d+)$")
_DATA_TAG = re.compile(r"<(/?\s*data\b)", re.IGNORECASE)
_REQUIRED = ("name", "version", "description", "input_model", "output_model")
LANGUAGE_NAMES = {"nl": "Dutch (Nederlands)", "en": "English"}


def language_name(code: str) -> str:
    """How a prompt names the language to write in ('Dutch (Nederlands)' for ``nl``); English otherwise."""
    return LANGUAGE_NAMES.get(code, "English")


def _defuse(value: Any) -> Any:
    """Jinja ``finalize``: data may not open or close a ``<data>`` block (``<data>`` → ``‹data>``)."""
    return _DATA_TAG.sub(r"‹\1", value) if isinstance(value, str) else value


_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_defuse,
)


@dataclass(frozen=True)
class PromptTemplateFile:
    """One prompt version, read from its file."""

    path: Path
    name: str
    version: str
    description: str
    input_model: str
    output_model: str
    system: str
    user: str
    sha256: str
    temperature: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def prompt_ref(self) -> PromptRef:
        """Which prompt an artefact was drafted with: name, version and the file's hash."""
        return PromptRef(name=self.name, version=self.version, sha256=self.sha256)

    @cached_property
    def _templates(self) -> tuple[jinja2.Template, jinja2.Template]:
        return _ENV.from_string(self.system), _ENV.from_string(self.user)

    def render(self, **variables: Any) -> list[BaseMessage]:
        """A system and a user message. A variable the template needs but is not given raises
        ``jinja2.UndefinedError``; extra variables are ignored."""
        from langchain_core.messages import HumanMessage, SystemMessage  # when a model is asked

        system, user = self._templates
        return [
            SystemMessage(system.render(**variables).strip()),
            HumanMessage(user.render(**variables).strip()),
        ]

    def render_model(self, inputs: BaseModel) -> list[BaseMessage]:
        """Render from an instance of the input model (its fields are the variables)."""
        return self.render(**{name: getattr(inputs, name) for name in type(inputs).model_fields})

    def variables(self) -> set[str]:
        """The variables the template uses and does not define itself."""
        found: set[str] = set()
        for source in (self.system, self.user):
            found |= jinja2.meta.find_undeclared_variables(_ENV.parse(source))
        return found

    def input_class(self) -> type[BaseModel]:
        return _import_model(self.input_model, self.path)

    def output_class(self) -> type[BaseModel]:
        return _import_model(self.output_model, self.path)

    def check_variables(self) -> list[str]:
        """Differences between the template's variables and the input model's fields."""
        fields = set(self.input_class().model_fields)
        used = self.variables()
        errors = [
            f"{self.path}: uses {name!r}, which {self.input_model} does not have"
            for name in sorted(used - fields)
        ]
        errors += [f"{self.path}: never uses {self.input_model}.{name}" for name in sorted(fields - used)]
        return errors

    @property
    def ref(self) -> str:
        """``name@version#sha`` (short), for logs and artefact metadata."""
        return f"{self.name}@{self.version}#{self.sha256[:12]}"


def prompts_root() -> Path:
    """The folder of the packaged prompts (``prompts/`` beside the code)."""
    return Path(str(resources.files("prompts")))


def versions(agent: str, root: Path | None = None) -> list[str]:
    """The versions of an agent's prompt, oldest first (``v1``, ``v2``, … ``v10``)."""
    folder = (root or prompts_root()) / agent
    found = [p.stem for p in folder.glob("v*.md") if _VERSION.match(p.stem)]
    return sorted(found, key=lambda v: int(v[1:]))


_CHOSEN: ContextVar[Mapping[str, str] | None] = ContextVar("samen_prompt_versions", default=None)


@contextmanager
def prompt_versions(chosen: Mapping[str, str]) -> Iterator[None]:
    """Within the block (and this thread or task), ``load_prompt(agent)`` reads ``chosen[agent]``
    whatever version the agent asks for: how ``samen eval --prompt-version needs_coding=v1`` compares
    versions through the agents' own code."""
    token = _CHOSEN.set({**(_CHOSEN.get() or {}), **chosen})
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def load_prompt(agent: str, version: str | None = None, *, root: Path | None = None) -> PromptTemplateFile:
    """Read ``prompts/<agent>/<version>.md``; the latest version when ``version`` is None, the one
    chosen with :func:`prompt_versions` when there is one."""
    root = root or prompts_root()
    version = (_CHOSEN.get() or {}).get(agent, version)
    if version is None:
        found = versions(agent, root)
        if not found:
            raise ConfigError(f"no prompt versions for agent {agent!r}", path=root / agent, hint="add v1.md")
        version = found[-1]
    path = root / agent / f"{version}.md"
    if not path.is_file():
        raise ConfigError(f"prompt {agent}/{version} does not exist", path=path)
    return parse_prompt(path.read_text(encoding="utf-8"), path)


def parse_prompt(text: str, path: Path) -> PromptTemplateFile:
    """Parse a prompt file's text; errors name the file and what is wrong."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ConfigError(
            "prompt file must start with YAML front matter between '---' lines", path=path, line=1
        )
    try:
        meta = parse_yaml(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"front matter is not valid YAML: {exc}", path=path) from exc
    if not isinstance(meta, dict):
        raise ConfigError("front matter must be a mapping", path=path, line=2)
    missing = [key for key in _REQUIRED if not meta.get(key)]
    if missing:
        raise ConfigError(f"front matter lacks {', '.join(missing)}", path=path, line=2)
    sections = _sections(text[match.end() :], path)
    for source in sections.values():
        try:
            _ENV.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            line = text[: text.find(source)].count("\n") + (exc.lineno or 1)
            raise ConfigError(f"template syntax error: {exc.message}", path=path, line=line) from exc
    temperature = meta.get("temperature")
    return PromptTemplateFile(
        path=path,
        name=str(meta["name"]),
        version=str(meta["version"]),
        description=str(meta["description"]).strip(),
        input_model=str(meta["input_model"]),
        output_model=str(meta["output_model"]),
        system=sections["system"],
        user=sections["user"],
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        temperature=float(temperature) if temperature is not None else None,
        metadata=meta,
    )


def _sections(body: str, path: Path) -> dict[str, str]:
    heads = list(_SECTION.finditer(body))
    names = [m.group(1).lower() for m in heads]
    if names != ["system", "user"]:
        raise ConfigError(
            f"prompt body must have a '## system' and then a '## user' section, found {names or 'none'}",
            path=path,
        )
    system = body[heads[0].end() : heads[1].start()]
    user = body[heads[1].end() :]
    return {"system": system.strip("\n"), "user": user.strip("\n")}


def _import_model(dotted: str, path: Path) -> type[BaseModel]:
    module_name, _, attr = dotted.rpartition(".")
    try:
        model = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigError(f"cannot import {dotted!r}: {exc}", path=path) from exc
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ConfigError(f"{dotted!r} is not a pydantic model", path=path)
    return model
