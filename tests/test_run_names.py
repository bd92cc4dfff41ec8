"""Issue 13, the Prefect UI path: a phase's flow run is named after the organisation and the phase in the
project's language, and tagged per project, so a reviewer sent a link knows what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import pipeline
from flows.context import ProjectContext
from flows.run_names import project_tags, run_name, slug
from flows.scaffold import scaffold


def _project(tmp_path: Path, name: str, language: str) -> Path:
    root = tmp_path / "p"
    scaffold(root, name=name, language=language)
    return root


@pytest.mark.parametrize(
    ("language", "phase", "expected"),
    [
        ("nl", "test", "Sportbond Oost · Toetsen"),
        ("en", "core-group", "Sportbond Oost · Support and core group"),
    ],
)
def test_a_run_is_named_after_the_organisation_and_the_phase_in_the_projects_language(
    tmp_path, language, phase, expected
) -> None:
    root = _project(tmp_path, "Sportbond Oost", language)
    assert run_name(root, phase) == expected


def test_a_folder_without_a_readable_samen_yaml_names_the_phase_alone(tmp_path) -> None:
    assert run_name(tmp_path, "initiative") == "initiative"


def test_tags_name_the_project_by_a_slug_that_survives_accents_and_punctuation(tmp_path) -> None:
    root = _project(tmp_path, "Stichting Café 't Hoekje!", "nl")
    assert project_tags(root, "plan") == ["samen", "project:stichting-cafe-t-hoekje", "phase:plan"]
    assert slug("***") == "project"


def test_the_pipeline_runs_each_phase_flow_inside_the_projects_tags(tmp_path, monkeypatch) -> None:
    from prefect.context import TagsContext

    root = _project(tmp_path, "Buurthuis De Brug", "nl")
    seen: list[set[str]] = []

    def initiative(project_root: str) -> dict[str, int]:
        seen.append(set(TagsContext.get().current_tags))
        return {}

    monkeypatch.setattr("flows.initiative.initiative", initiative)
    lines: list[str] = []
    pipeline._run_one(ProjectContext.open(root), "initiative", lines, wait=False, timeout=1, stop_early=False)
    assert seen == [{"samen", "project:buurthuis-de-brug", "phase:initiative"}]
