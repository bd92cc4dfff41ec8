"""Evaluation cases as YAML, in the shape promptfoo users know: ``vars``, ``assert`` with type/value/threshold."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from artefacts.errors import InputError

AssertionType = Literal[
    "ari",
    "nmi",
    "needs-matched",
    "unclustered-share",
    "smalltalk-kept-out",
    "quotes-grounded",
    "output-language",
    "schema-valid",
    "champions-top",
    "decoys-below-champions",
]


class Assertion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: AssertionType
    value: str | int | float | None = None
    threshold: float | None = Field(default=None, description="Minimum (maximum for shares of failures).")


class CaseVars(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project: str = Field(description="Project folder, relative to the repository root.")
    embedder: str | None = None
    gold: str = "gold.yaml"


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    target: Literal["phase1"] = "phase1"
    offline: bool = Field(default=True, description="Runs with no model: part of CI.")
    vars: CaseVars
    assert_: list[Assertion] = Field(alias="assert")
    source: str = ""


def load_cases(folder: Path | None = None) -> list[Case]:
    paths = (
        sorted(folder.glob("*.yaml"))
        if folder
        else sorted(
            Path(str(p))
            for p in resources.files("evaluations").joinpath("cases").iterdir()
            if str(p).endswith(".yaml")
        )
    )
    cases = []
    for path in paths:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            cases.append(Case.model_validate({**data, "source": path.name}))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(
                f"not valid YAML: {exc}", path=path, line=mark.line + 1 if mark else None
            ) from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(
                f"not a valid case: {'.'.join(map(str, first['loc']))}: {first['msg']}", path=path
            ) from exc
    return cases
