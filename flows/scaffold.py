"""`samen init`: a new project folder with a commented samen.yaml and the folders it expects."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from artefacts.errors import ConfigError, InputError
from artefacts.files import write_new
from artefacts.project import Project
from flows.messages import message

FOLDERS = ("interviews", "surveys", "artefacts")
DEFAULT_LANGUAGE = "nl"


def project_language(directory: Path) -> tuple[str, tuple[int, int] | None]:
    """The language for a new project in ``directory``: that of the interviews already in
    ``directory/interviews`` when it is Dutch or English (with how many of how many files), else nl."""
    from knowledge.language import folder_language

    found = folder_language(directory / "interviews")
    if found is None or found[0] not in ("nl", "en"):
        return DEFAULT_LANGUAGE, None
    code, count, read = found
    return code, (count, read)


def scaffold(directory: Path, *, name: str, language: str = "nl", country: str = "NL") -> Path:
    """Create ``directory`` with samen.yaml and the project folders; never overwrite a samen.yaml."""
    if language not in ("nl", "en"):
        raise ConfigError(
            message(None, "language_unsupported", code=language),
            hint=message(None, "language_unsupported_hint"),
        )
    target = directory / "samen.yaml"
    if target.exists():
        raise ConfigError(
            message(language, "project_exists"), path=target, hint=message(language, "project_exists_hint")
        )
    template = (
        resources.files("flows").joinpath("templates", f"samen.{language}.yaml").read_text(encoding="utf-8")
    )
    text = template.format(name=name.replace('"', "'"), language=language, country=country.upper())
    Project.model_validate(yaml.safe_load(text))  # the template itself must always be valid
    directory.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS:
        (directory / folder).mkdir(exist_ok=True)
    write_new(target, text)
    return target


def load_project(directory: Path) -> Project:
    """Read and validate ``samen.yaml``; errors name the file, the line and the setting."""
    path = directory / "samen.yaml"
    if not path.exists():
        raise ConfigError(
            message(None, "no_project"),
            path=directory,
            hint=message(None, "no_project_hint", directory=directory),
        )
    from knowledge.safe_files import read_settings_text

    try:
        text = read_settings_text(path, str(path), (directory,))
    except InputError as exc:
        raise ConfigError(exc.message, path=path, line=exc.line, hint=exc.hint) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", exc)
        raise ConfigError(message(None, "not_yaml", problem=problem), path=path, line=line) from exc
    if not isinstance(data, dict):
        raise ConfigError(message(None, "not_settings"), path=path)
    from pydantic import ValidationError

    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        raise _settings_error(exc, data, text, path) from exc


def _settings_error(exc: Any, data: dict[str, Any], text: str, path: Path) -> ConfigError:
    """Every invalid setting with its line, in file order: one run of `samen` shows them all."""
    language = data.get("language") if data.get("language") in ("nl", "en") else None
    found = []
    for error in exc.errors():
        setting = ".".join(str(part) for part in error["loc"])
        found.append((_line_of(text, [str(part) for part in error["loc"]]), setting, error["msg"]))
    found.sort(key=lambda item: (item[0] is None, item[0] or 0))
    line, setting, problem = found[0]
    said = message(language, "bad_setting", setting=setting, problem=problem)
    if len(found) > 1:
        each = [
            message(
                language, "bad_setting_at", line=at if at is not None else "?", setting=name, problem=text
            )
            for at, name, text in found
        ]
        said = message(language, "bad_settings", count=len(found), problems="; ".join(each))
    return ConfigError(said, path=path, line=line, hint=message(language, "bad_setting_hint"))


def _line_of(text: str, loc: list[str]) -> int | None:
    """The line of the deepest key of ``loc`` found in block-style YAML (``thresholds`` → ``recogniton``)."""
    found, indent, keys = None, -1, [part for part in loc if not part.isdigit()]
    lines = text.splitlines()
    start = 0
    for key in keys:
        for number in range(start, len(lines)):
            line = lines[number]
            stripped = line.lstrip(" -")
            depth = len(line) - len(stripped)
            if line.strip() and depth <= indent and number > start:
                return found  # left the parent's block without meeting the key
            if depth > indent and stripped.startswith(f"{key}:"):
                found, indent, start = number + 1, depth, number + 1
                break
        else:
            return found
    return found


def require_file(path: Path) -> Path:
    if not path.exists():
        raise InputError(message(None, "file_not_found"), path=path, hint=message(None, "check_the_path"))
    return path
