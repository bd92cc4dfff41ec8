"""Evaluation cases as YAML, in the shape promptfoo users know.

A case file holds a ``description``, an optional ``defaultTest`` (vars, target and assertions every test of
the file shares) and ``tests``: each a ``description``, the ``target`` under test (an artefact name, so the
agent that drafts it), ``vars`` (the inputs) and ``assert`` entries with ``type``, ``value``, ``threshold``,
``weight`` and ``metric``. ``evaluations/cases/schema.json`` is the JSON schema of the file (editors
validate with it: the first line of a case file names it); :func:`case_schema` makes it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from artefacts.errors import InputError

REPO = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases"
SCHEMA_FILE = CASES_DIR / "schema.json"

Target = Literal[
    "needs-map",
    "champions",
    "target-groups",
    "concept-hypotheses",
    "persona",
    "questionnaire",
    "survey-results",
    "go-no-go-advice",
    "core-group",
    "charter-draft",
    "stakeholder-brief",
    "channel-plan",
    "content-calendar",
    "plan-of-approach",
    "launch-plan",
]
AssertionType = Literal[
    # generic (promptfoo's names)
    "equals",
    "contains",
    "icontains",
    "regex",
    "is-json",
    "is-valid-schema",
    "python",
    "similar",
    "llm-rubric",
    "not-equals",
    "not-contains",
    "not-icontains",
    "not-regex",
    # domain (Samen's)
    "cluster-ari",
    "cluster-nmi",
    "need-coverage",
    "needs-matched",
    "unclustered-share",
    "smalltalk-kept-out",
    "champions-recall",
    "decoys-below-champions",
    "quotes-grounded",
    "references-valid",
    "language",
    "no-pii",
    "calendar-constraints",
    "schema-version",
]
ASSERTION_TYPES: tuple[str, ...] = get_args(AssertionType)


class Assertion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: AssertionType = Field(
        description="What is checked; 'not-' before equals/contains/icontains/regex negates."
    )
    value: Any = Field(
        default=None, description="What the assertion compares with (text, number, list, rubric)."
    )
    threshold: float | None = Field(
        default=None,
        description="Minimum score to pass (for shares of failures such as unclustered-share: maximum).",
    )
    weight: float = Field(default=1.0, ge=0, description="Weight of this assertion in the test's score.")
    metric: str | None = Field(
        default=None, description="Name the pass rate is reported and gated under (default: the type)."
    )
    path: str | None = Field(
        default=None,
        description="Samen's addition: the part of the artefact's JSON to check, e.g. 'needs.*.title'. "
        "Without it, text assertions read the artefact as a person reads it (its Markdown).",
    )

    @property
    def metric_name(self) -> str:
        return self.metric or self.type


class CaseVars(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project: str | None = Field(default=None, description="Project folder, relative to the repository root.")
    gold: str = Field(default="gold.yaml", description="Gold file, relative to the project folder.")
    embedder: str | None = Field(
        default=None, description="Embedder instead of samen.yaml's (e5, wordllama…)."
    )
    choice: str = Field(default="C1", description="The concept chosen and tested (and given 'go').")
    decided_on: dt.date = Field(
        default=dt.date(2027, 1, 8),
        description="Day of the simulated 'go'; the trial starts the Monday after.",
    )
    surveys: bool = Field(default=True, description="Analyse the answers in the project's surveys/ folder.")
    add_interviews: list[str] = Field(
        default_factory=list,
        description="Transcripts (files or folders, relative to the repository) added to the project's "
        "interviews, e.g. prompt-injection transcripts.",
    )
    planted: str | None = Field(
        default=None, description="A planted.yaml listing personal data that must not leave the machine."
    )


class TestSpec(BaseModel):
    """One test as written in a file (fields left out come from ``defaultTest``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    __test__ = False

    id: str | None = Field(default=None, description="Short id; default: the file name and the target.")
    description: str | None = None
    target: Target | None = Field(default=None, description="The artefact (and so the agent) under test.")
    vars: dict[str, Any] = Field(default_factory=dict)
    assert_: list[Assertion] = Field(default_factory=list, alias="assert")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Free tags (language, kind…).")


class CaseFile(BaseModel):
    """A case file: promptfoo's ``description``, ``defaultTest`` and ``tests``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    description: str
    default_test: TestSpec = Field(default_factory=TestSpec, alias="defaultTest")
    tests: list[TestSpec] = Field(min_length=1)


class Case(BaseModel):
    """One test, resolved: what runs and what is checked."""

    model_config = ConfigDict(extra="forbid")

    id: str
    description: str
    target: Target
    vars: CaseVars
    asserts: list[Assertion]
    metadata: dict[str, Any] = Field(default_factory=dict)
    source: str = ""


def case_schema() -> dict[str, Any]:
    """The JSON schema of a case file (``evaluations/cases/schema.json``)."""
    schema = CaseFile.model_json_schema(by_alias=True)
    schema["$defs"]["TestSpec"]["properties"]["vars"] = {"$ref": "#/$defs/CaseVars"}
    schema["$defs"]["CaseVars"] = CaseVars.model_json_schema()
    schema["title"] = "Samen evaluation cases"
    return schema


def write_schema(path: Path = SCHEMA_FILE) -> None:
    path.write_text(json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_cases(pattern: str | None = None, folder: Path = CASES_DIR) -> list[Case]:
    """The cases of every file matching ``pattern`` (a glob, relative to ``folder`` or the working directory
    or absolute; ``*.yaml`` in ``folder`` by default); a test id may follow after ``#`` (``file.yaml#id``)."""
    pattern, _, only = (pattern or "*.yaml").partition("#")
    paths = _matching(pattern, folder)
    if not paths:
        raise InputError(f"no case files match {pattern!r}", path=folder)
    cases = [case for path in paths for case in load_file(path)]
    if only:
        cases = [c for c in cases if re.fullmatch(only.replace("*", ".*"), c.id.split("#", 1)[-1])]
    return cases


def _matching(pattern: str, folder: Path) -> list[Path]:
    given = Path(pattern)
    if given.is_absolute():
        return sorted(p for p in given.parent.glob(given.name) if p.suffix in (".yaml", ".yml"))
    found = sorted(folder.glob(pattern)) or sorted(Path.cwd().glob(pattern))
    return [p for p in found if p.is_file() and p.suffix in (".yaml", ".yml")]


def load_file(path: Path) -> list[Case]:
    """The tests of one case file, each merged with the file's ``defaultTest``; errors name file and line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        suite = CaseFile.model_validate(data)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {exc}", path=path, line=mark.line + 1 if mark else None) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise InputError(f"not a valid case file: {where}: {first['msg']}", path=path) from exc
    cases: list[Case] = []
    seen: set[str] = set()
    for number, test in enumerate(suite.tests, start=1):
        cases.append(_resolve(path, suite, test, number, seen))
    return cases


def _resolve(path: Path, suite: CaseFile, test: TestSpec, number: int, seen: set[str]) -> Case:
    default = suite.default_test
    target = test.target or default.target
    if target is None:
        raise InputError(f"test {number} names no target (an artefact such as needs-map)", path=path)
    try:
        variables = CaseVars.model_validate({**default.vars, **test.vars})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(
            f"test {number}: vars.{'.'.join(map(str, first['loc']))}: {first['msg']}", path=path
        ) from exc
    if variables.project is None:
        raise InputError(f"test {number} names no project in its vars", path=path)
    short = test.id or target
    if short in seen:
        short = f"{short}-{number}"
    seen.add(short)
    return Case(
        id=f"{path.stem}#{short}",
        description=test.description or default.description or suite.description,
        target=target,
        vars=variables,
        asserts=[*default.assert_, *test.assert_],
        metadata={**default.metadata, **test.metadata},
        source=path.name,
    )
