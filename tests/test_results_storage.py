"""Prefect's persisted results live under the project, and a rerun is still served from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.builders import on_hashing_embedder


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def test_samen_run_runs_the_phases_with_results_under_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline
    from flows.cli import run_cli
    from flows.scaffold import scaffold

    root = tmp_path / "proj"
    scaffold(root, name="Sportbond", language="nl")
    seen: list[Path] = []

    def recording_run_phases(*args: object, **kwargs: object) -> str:
        from prefect.settings import get_current_settings

        seen.append(Path(get_current_settings().results.local_storage_path))
        return "ok"

    monkeypatch.setattr(flows.pipeline, "run_phases", recording_run_phases)
    assert run_cli(["run", "initiative", "--project", str(root)]) == 0
    assert seen == [root.resolve() / ".samen" / "results"]


@pytest.mark.slow
def test_a_run_writes_results_under_the_project_and_a_rerun_is_served_from_them(
    prefect_api, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect import flow, task
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    import flows.initiative
    from flows.initiative import initiative
    from flows.runtime import project_results

    root = tmp_path / "en-makers"
    shutil.copytree(examples_dir / "en-makers", root)
    on_hashing_embedder(root)
    # Prefect's default folder (~/.prefect/storage), made private to this test: other processes on the
    # machine write to the real one.
    prefect_storage = tmp_path / "prefect-storage"

    @task
    def double(x: int) -> int:
        return 2 * x

    @flow
    def control() -> int:
        return double(21)

    with temporary_settings(updates={PREFECT_RESULTS_LOCAL_STORAGE_PATH: prefect_storage}):
        assert control() == 42
        assert _files(prefect_storage)  # without project_results, results land in Prefect's folder
        before = _files(prefect_storage)
        with project_results(root) as folder:
            versions = initiative(str(root))
        assert _files(prefect_storage) == before  # nothing new in Prefect's folder
    assert folder == root.resolve() / ".samen" / "results"
    stored = _files(folder)
    assert len(stored) >= 5  # the tasks' results and the cache records that key them

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("read-interviews ran again: its cached result was not found")

    monkeypatch.setattr(flows.initiative, "read_corpus", no_reading)
    with (
        temporary_settings(updates={PREFECT_RESULTS_LOCAL_STORAGE_PATH: prefect_storage}),
        project_results(root),
    ):
        assert initiative(str(root)) == versions
    assert _files(prefect_storage) == before
    assert stored <= _files(folder)
