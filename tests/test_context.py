"""The project is opened once: one parse of samen.yaml and one set of services while the file is unchanged."""

from __future__ import annotations

import os

import pytest

from artefacts.messages import project_language
from flows.context import ProjectContext
from flows.scaffold import scaffold


def test_the_project_is_parsed_once_while_samen_yaml_is_unchanged(tmp_path, monkeypatch):
    import flows.context

    scaffold(tmp_path / "p", name="Bond", language="nl")
    root = tmp_path / "p"
    parsed = []
    real = flows.context.load_project
    monkeypatch.setattr(flows.context, "load_project", lambda r: parsed.append(r) or real(r))
    flows.context._open.cache_clear()
    first = ProjectContext.open(root)
    assert ProjectContext.open(str(root)) is first and first.workspace is ProjectContext.open(root).workspace
    assert len(parsed) == 1
    with pytest.raises(AttributeError):
        first.project = first.project  # type: ignore[misc]  # frozen
    path = root / "samen.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("language: nl", "language: en"), encoding="utf-8"
    )
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    changed = ProjectContext.open(root)
    assert changed is not first and changed.project.language == "en" and len(parsed) == 2


def test_the_project_language_follows_an_edit_of_samen_yaml(tmp_path):
    scaffold(tmp_path / "p", name="Bond", language="nl")
    path = tmp_path / "p" / "samen.yaml"
    assert project_language(tmp_path / "p") == "nl"
    path.write_text(
        path.read_text(encoding="utf-8").replace("language: nl", "language: en"), encoding="utf-8"
    )
    os.utime(path, ns=(2, 2))
    assert project_language(tmp_path / "p") == "en"
    assert project_language(tmp_path / "nowhere") == "en"
