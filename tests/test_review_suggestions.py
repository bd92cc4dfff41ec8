"""Issue 13: suggestions that make the reviewer's hour on the needs map count, and the simulated reviewer
that measures them (evaluations/reviewer_simulation.py)."""

from __future__ import annotations

import numpy as np
import pytest

from agents.initiative.needs_map import NeedsMapInputs, draft
from agents.initiative.review_suggestions import closest_needs, replace_rest, review_order
from artefacts.initiative import NeedsMap
from evaluations.reviewer_simulation import simulate, with_membership
from tests.builders import blob_vectors, note

GROUPS = [0] * 8 + [1] * 8 + [2] * 8


@pytest.fixture()
def drafted() -> tuple[NeedsMap, dict[str, np.ndarray], dict[str, int]]:
    notes = [
        note(f"uitspraak {i} over onderwerp {g}", speaker=f"P0{i % 5}", line=i + 1)
        for i, g in enumerate(GROUPS)
    ]
    vectors = blob_vectors(GROUPS, seed=3)
    needs_map = draft(NeedsMapInputs(notes=notes, vectors=vectors, language="nl"))
    truth = {n.id: g for n, g in zip(notes, GROUPS, strict=True)}
    return needs_map, {n.id: v for n, v in zip(notes, vectors, strict=True)}, truth


def _need_of_group(needs_map: NeedsMap, truth: dict[str, int]) -> dict[int, str]:
    return {truth[need.note_ids[0]]: need.id for need in needs_map.needs}


def _plant(needs_map: NeedsMap, truth: dict[str, int], moves: int) -> tuple[NeedsMap, list[str]]:
    """Put ``moves`` notes of group 0 in group 1's need: the draft's mistakes."""
    of = _need_of_group(needs_map, truth)
    where = {e.id: None for e in needs_map.notes}
    for need in needs_map.needs:
        where.update(dict.fromkeys(need.note_ids, need.id))
    wrong = [n for n in sorted(where) if truth[n] == 0 and where[n] == of[0]][:moves]
    where.update(dict.fromkeys(wrong, of[1]))
    return with_membership(needs_map, where), wrong


def test_the_draft_separates_the_three_blobs(drafted) -> None:
    needs_map, _, truth = drafted
    assert len(needs_map.needs) == 3 and len(_need_of_group(needs_map, truth)) == 3


def test_a_misplaced_note_is_offered_the_need_it_belongs_to_first(drafted) -> None:
    needs_map, vectors, truth = drafted
    planted, wrong = _plant(needs_map, truth, 2)
    of = _need_of_group(needs_map, truth)
    for note_id in wrong:
        suggested = closest_needs(planted, vectors, note_id, k=3)
        assert suggested[0].need_id == of[0] and len(suggested) == 3
        assert suggested[0].similarity > suggested[1].similarity


def test_the_least_sure_notes_come_first_and_the_placed_ones_not_at_all(drafted) -> None:
    needs_map, vectors, truth = drafted
    planted, wrong = _plant(needs_map, truth, 2)
    order = review_order(planted, vectors)
    assert set(order[:2]) == set(wrong)
    assert wrong[0] not in review_order(planted, vectors, {wrong[0]: planted.needs[0].id})


def test_re_placing_moves_untouched_notes_by_the_reviewers_seeds_and_never_a_placed_one(drafted) -> None:
    needs_map, vectors, truth = drafted
    planted, wrong = _plant(needs_map, truth, 3)
    of = _need_of_group(needs_map, truth)
    placed = {wrong[0]: of[0], wrong[1]: of[1]}  # the reviewer even keeps one where it was
    moves = replace_rest(planted, vectors, placed)
    assert moves == {wrong[2]: of[0]}  # the untouched mistake follows; the placed ones stay


def test_with_suggestions_the_simulated_reviewer_scans_fewer_needs_for_the_same_moves(drafted) -> None:
    needs_map, vectors, truth = drafted
    planted, _ = _plant(needs_map, truth, 6)
    gold = {n: str(g) for n, g in truth.items()}
    before = simulate(planted, vectors, gold, suggestions=False)
    after = simulate(planted, vectors, gold, suggestions=True)
    assert before.moves == before.misplaced_at_start == 6 and before.looked_at == len(GROUPS)
    assert before.needs_scanned == 6 * 3  # every column, for every move
    assert after.moves == 6 and after.moves_from_suggestions == 6  # the right need always among the three
    assert after.needs_scanned == 6 * 3  # here there are only three needs: no gain, and no loss


def test_re_placing_in_the_simulation_fixes_untouched_mistakes_and_costs_one_action_each_time(
    drafted,
) -> None:
    needs_map, vectors, truth = drafted
    planted, _ = _plant(needs_map, truth, 6)
    gold = {n: str(g) for n, g in truth.items()}
    before = simulate(planted, vectors, gold, suggestions=False)
    replaced = simulate(planted, vectors, gold, suggestions=True, replacing=True, batch=2)
    assert replaced.replacements >= 1 and replaced.fixed_by_replacement >= 1
    assert replaced.broken_by_replacement == 0
    assert replaced.actions < before.actions and replaced.moves < before.moves


def test_structure_counts_merges_and_dissolves_small_talk(drafted) -> None:
    needs_map, vectors, truth = drafted
    gold = {
        n: ("samen" if g in (0, 1) else None) for n, g in truth.items()
    }  # 0 and 1 are one need; 2 is talk
    cost = simulate(needs_map, vectors, gold, suggestions=False)
    assert (cost.merges, cost.dissolves, cost.splits, cost.moves) == (1, 1, 0, 0)
