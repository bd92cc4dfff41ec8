"""One small hierarchy of errors; the CLI turns each into one clear line."""

from __future__ import annotations

from pathlib import Path


class SamenError(Exception):
    """Base class: a message a person can act on.

    ``path`` and ``line`` name where the problem is, ``hint`` what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(SamenError):
    """samen.yaml or the environment is wrong."""


class InputError(SamenError):
    """An input file (interview, survey, edit) cannot be read or understood."""


class ModelOutputError(SamenError):
    """A chat model's answer failed validation or grounding, after the re-ask."""

    def __init__(self, message: str, *, attempts: int = 0, last_output: str | None = None, **kw):
        self.attempts = attempts
        self.last_output = last_output
        super().__init__(message, **kw)


class GateError(SamenError):
    """A phase was asked to start before its gate or approvals allow it."""


class ProjectBusyError(SamenError):
    """Another run holds the project."""


class ReviewError(SamenError):
    """A review action refers to something that does not exist or is not allowed."""


class NotFoundError(SamenError):
    """An artefact or project that was asked for does not exist."""
