"""The phase-1 runner that the flow's tasks wrap and the evaluations call: which path drafts the needs
map, and what a recording chat model is asked on each path."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.initiative import runner as phase1
from artefacts.needs_edits import Structure
from evaluations.phase1 import run_phase1
from tests.fakes.chat import ScriptedChatModel

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "en-makers"


@pytest.fixture(scope="module")
def offline():
    return run_phase1(EXAMPLE, embedder="hashing")


def _inputs(offline, **changes) -> phase1.Phase1Inputs:
    from knowledge.embeddings import make_embedder

    embed = make_embedder(offline.project.embeddings).embed_documents
    vectors = embed([n.text for n in offline.corpus.statements()])
    return phase1.Phase1Inputs(
        corpus=offline.corpus, vectors=vectors, project=offline.project, embed=embed, **changes
    )


def _unreachable() -> ScriptedChatModel:
    """A model whose every call fails like a server that is down, and that records what it was sent."""
    return ScriptedChatModel(script=[TimeoutError("down")] * 200)


def _asked(llm: ScriptedChatModel) -> list[str]:
    kinds = {"Code each statement": "coding", "Group these need phrases": "merging", "Cluster N": "naming"}
    found = []
    for request in llm.history:
        user = str(request[-1].content)
        found.append(next((kind for marker, kind in kinds.items() if marker in user), "other"))
    return found


def test_offline_drafts_all_three_artefacts(offline) -> None:
    assert offline.needs_map.needs and offline.champions.champions is not None
    assert offline.target_groups.groups
    assert offline.needs_map.meta.drafted_by == "deterministic" and offline.needs_map.meta.prompts == []


def test_the_path_follows_the_seed_and_the_model(offline) -> None:
    seed = Structure.of(offline.needs_map)
    model = phase1.ChatAccess(_unreachable())
    assert phase1.needs_path(_inputs(offline)) == "offline"
    assert phase1.needs_path(_inputs(offline, model=model)) == "coded"
    assert phase1.needs_path(_inputs(offline, model=model, seed=seed)) == "seeded"
    assert phase1.needs_path(_inputs(offline, seed=seed)) == "seeded"


def test_with_a_model_statements_are_coded_then_needs_named(offline) -> None:
    llm = _unreachable()
    result = phase1.run_phase1(_inputs(offline, model=phase1.ChatAccess(llm)))
    asked = _asked(llm)
    assert asked[0] == "coding" and "naming" in asked and "merging" not in asked  # no codes: nothing to group
    assert asked.index("naming") > max(i for i, kind in enumerate(asked) if kind == "coding")
    assert result.needs_map.meta.fallback and "TimeoutError" in result.needs_map.meta.fallback
    assert [p.name for p in result.needs_map.meta.prompts] == ["needs_naming"]


def test_a_reviewers_structure_is_the_seed_and_is_only_named(offline) -> None:
    llm = _unreachable()
    seed = Structure.of(offline.needs_map)
    result = phase1.run_phase1(_inputs(offline, model=phase1.ChatAccess(llm), seed=seed))
    assert set(_asked(llm)) == {"naming"}
    assert [n.id for n in result.needs_map.needs] == [n.id for n in offline.needs_map.needs]
