"""What the evaluations run is what the flows run: phases 2a and 2b through their runners, in process."""

from __future__ import annotations

import pytest

from artefacts.base import ArtefactMeta
from artefacts.initiative import TargetGroups
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


def test_the_concept_step_gets_the_project_store_only_when_a_model_will_read_it(tmp_path):
    from flows.concept import concept_inputs
    from flows.context import ProjectContext
    from flows.scaffold import scaffold
    from knowledge.store import KnowledgeStore
    from tests.builders import empty_needs_map

    root = tmp_path / "p"
    scaffold(root, name="Bond", language="nl")
    path = root / "samen.yaml"
    text = path.read_text(encoding="utf-8").replace("  name: e5", "  name: hashing")
    path.write_text(text, encoding="utf-8")
    groups = TargetGroups(meta=ArtefactMeta(language="nl"), groups=[])
    offline = concept_inputs(ProjectContext.open(root), empty_needs_map(), groups, "")
    assert offline.model is None and offline.knowledge is None  # offline nothing opens chromadb
    import yaml

    settings = yaml.safe_load(text)
    settings["provider"] = {"name": "openai-compatible", "model": "m", "base_url": "http://127.0.0.1:9/v1"}
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    with_model = concept_inputs(ProjectContext.open(root), empty_needs_map(), groups, "")
    assert with_model.model is not None and isinstance(with_model.knowledge, KnowledgeStore)
