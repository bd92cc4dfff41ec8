"""The evaluation cases: promptfoo's shape with a JSON schema, every agent of every phase, both languages,
injection and personal-data cases; and what a broken case file is told."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from artefacts.errors import InputError
from artefacts.phases import PHASE_TABLE
from evaluations.cases import (
    ASSERTION_TYPES,
    CASES_DIR,
    REPO,
    SCHEMA_FILE,
    case_schema,
    load_cases,
    load_file,
)
from evaluations.evaluators import EVALUATORS
from evaluations.projects import read_project

CASES = load_cases()


def test_the_schema_file_is_the_schema_of_the_case_model():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == case_schema(), (
        "regenerate: python -c 'from evaluations.cases import write_schema; write_schema()'"
    )


@pytest.mark.parametrize("path", sorted(CASES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_case_file_validates_against_the_schema_and_names_it(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    jsonschema.validate(yaml.safe_load(text), case_schema())


def test_thirty_cases_or_more_cover_every_artefact_of_all_six_phases_in_both_languages():
    assert len(CASES) >= 30
    artefacts = {item.name for row in PHASE_TABLE for item in row.artefacts}
    assert {case.target for case in CASES} == artefacts
    languages = {read_project(REPO / str(case.vars.project)).language for case in CASES}
    assert languages == {"nl", "en"}
    projects = {case.vars.project for case in CASES}
    assert {"examples/nl-trainers", "examples/en-makers"} <= projects
    injected = [c for c in CASES if "injection" in str(c.vars.project) or c.vars.add_interviews]
    assert {read_project(REPO / str(c.vars.project)).language for c in injected} == {"nl", "en"}
    assert any(c.vars.planted for c in CASES)


def test_every_assertion_type_has_an_evaluator_and_the_cases_use_the_generic_and_domain_ones():
    assert set(EVALUATORS) == set(ASSERTION_TYPES)
    used = {a.type for case in CASES for a in case.asserts}
    wanted = {"contains", "icontains", "not-contains", "regex", "not-regex", "is-valid-schema", "python",
              "similar", "llm-rubric", "cluster-ari", "cluster-nmi", "need-coverage", "champions-recall",
              "quotes-grounded", "references-valid", "language", "no-pii", "calendar-constraints",
              "schema-version"}  # fmt: skip
    assert wanted <= used


def test_default_test_is_merged_into_each_test_and_ids_say_file_and_test(tmp_path: Path):
    path = tmp_path / "suite.yaml"
    path.write_text(
        "description: two tests\n"
        "defaultTest:\n  vars: {project: examples/en-makers}\n  assert: [{type: is-valid-schema}]\n"
        "tests:\n"
        "  - {target: needs-map, assert: [{type: cluster-ari, threshold: 0.2}]}\n"
        "  - {id: late, target: launch-plan, vars: {choice: c2}}\n",
        encoding="utf-8",
    )
    first, second = load_file(path)
    assert first.id == "suite#needs-map" and second.id == "suite#late"
    assert [a.type for a in first.asserts] == ["is-valid-schema", "cluster-ari"]
    assert second.vars.project == "examples/en-makers" and second.vars.choice == "c2"
    assert first.description == "two tests"
    assert [c.id for c in load_cases(str(path) + "#late")] == ["suite#late"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "description: x\ntests:\n  - {target: needs-map, vars: {project: p}, assert: [{type: ari}]}\n",
            "tests.0.assert.0.type",
        ),
        ("description: x\ntests:\n  - {vars: {project: p}}\n", "names no target"),
        ("description: x\ntests:\n  - {target: needs-map}\n", "names no project"),
        ("description: x\ntests:\n  - {target: needs-map, vars: {projekt: p}}\n", "vars.projekt"),
        ("description: x\ntests: [\n", "not valid YAML"),
    ],
)
def test_a_broken_case_file_is_one_error_naming_the_file_and_what_is_wrong(
    tmp_path: Path, text: str, said: str
):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_file(path)
    assert said in str(caught.value) and "broken.yaml" in str(caught.value)


def test_a_glob_that_matches_nothing_says_so():
    with pytest.raises(InputError, match="no case files match"):
        load_cases("nothing-*.yaml")
