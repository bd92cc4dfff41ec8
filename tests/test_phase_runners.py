"""What the evaluations run is what the flows run: phases 2a and 2b through their runners, in process."""

from __future__ import annotations

import pytest

from evaluations.phase2 import run_phase2


@pytest.fixture(scope="module")
def trainers(examples_dir, tmp_path_factory):  # noqa: ANN001, ANN201
    return run_phase2(
        examples_dir / "nl-trainers", embedder="hashing", cache_dir=tmp_path_factory.mktemp("embeddings")
    )


def test_the_runners_draft_phase_2_end_to_end_on_the_example(trainers):
    assert trainers.persona.concept_id == "C1" and trainers.test.questionnaire.concept_id == "C1"
    results, advice = trainers.test.results, trainers.test.advice
    assert results is not None and advice is not None
    assert results.respondents > 0
    assert advice.recommendation in ("go", "no-go", "revise") and advice.concept_id == "C1"
    assert advice.meta.language == "nl" and trainers.concepts.meta.language == "nl"
    need_ids = {need.id for need in trainers.phase1.needs_map.needs}
    assert all(set(c.need_ids) <= need_ids for c in trainers.concepts.concepts)


def test_the_flow_task_and_the_runner_draft_the_same_concepts(trainers, examples_dir, tmp_path):
    """The flow's draft-concepts task is the runner's step: same inputs, same hypotheses."""
    import shutil

    from flows.concept import draft_concepts

    root = tmp_path / "project"
    shutil.copytree(examples_dir / "nl-trainers", root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
    first = trainers.phase1
    groups = first.target_groups.with_titles_from(first.needs_map)
    from_the_task = draft_concepts.fn(str(root), first.needs_map, groups, "")  # the task's body, no Prefect
    assert from_the_task.content_equals(trainers.concepts)
    revised = draft_concepts.fn(str(root), first.needs_map, groups, "meer nadruk op ouders")
    assert revised.revision_note == "meer nadruk op ouders" and not revised.content_equals(trainers.concepts)
