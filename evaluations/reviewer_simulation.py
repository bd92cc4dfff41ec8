"""A simulated reviewer who brings a draft needs map to a gold map, counting the actions it takes.

The reviewer knows the gold label of every gold-labelled note (a need, or none for small talk) and
works as a person would in the review workspace:

1. Structure first: each draft need stands for the gold need most of its labelled notes carry; draft
   needs that stand for the same gold need are merged (one action per merge), a draft need that is mostly
   small talk is dissolved (one action), and a gold need no draft need stands for is made by a split
   (one action; its notes are then moved one by one).
2. Then notes: every labelled note not in the need it belongs to is moved, one action each.

Without suggestions the reviewer reads every note to find the misplaced ones and, for each, looks through
the columns (``needs_scanned``: every need) to find where it goes. With suggestions the reviewer reads the
notes least sure of their need first (``review_order``) and picks the target from the three closest needs
when it is among them (three scanned), else looks through them all; "off-topic" is one button. With
``replacing``, after every ``batch`` moves the reviewer asks Samen to re-place the untouched notes with the
moves as seeds (``replace_rest``, one action), which may fix, and may also break, other notes; until no
labelled note is misplaced. Renaming needs costs the same both ways and is left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from agents.initiative.review_suggestions import closest_needs, membership, replace_rest, review_order
from artefacts.initiative import NeedsMap

NEW_NEED = "N9"  # ids of the needs the reviewer makes: N900, N901… (never a draft's id in these examples)


@dataclass
class ReviewCost:
    merges: int = 0
    dissolves: int = 0
    splits: int = 0
    moves: int = 0
    replacements: int = 0  # "re-place the rest" asked for
    looked_at: int = 0  # notes the reviewer read to find the misplaced ones
    moves_from_suggestions: int = 0  # moves whose target was among the note's closest needs
    needs_scanned: int = 0  # needs the reviewer looks through to find where a note goes (one per column)
    misplaced_at_start: int = 0
    fixed_by_replacement: int = 0
    broken_by_replacement: int = 0
    history: list[int] = field(default_factory=list)  # misplaced labelled notes after each replacement

    @property
    def actions(self) -> int:
        return self.merges + self.dissolves + self.splits + self.moves + self.replacements


def with_membership(needs_map: NeedsMap, where: Mapping[str, str | None]) -> NeedsMap:
    """The map with its notes placed as ``where`` says (needs keep their ids; empty needs stay, empty)."""
    needs = []
    for need in needs_map.needs:
        ids = [note_id for note_id, need_id in where.items() if need_id == need.id]
        needs.append(need.model_copy(update={"note_ids": ids}))
    unclustered = [note_id for note_id, need_id in where.items() if need_id is None]
    return needs_map.model_copy(update={"needs": needs, "unclustered": unclustered})


def _structure(
    needs_map: NeedsMap, gold: Mapping[str, str | None], cost: ReviewCost
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Merge, dissolve and split as the gold map asks; return where every note is then, and the need
    each labelled note belongs in."""
    where = membership(needs_map)
    stands_for: dict[str, str | None] = {}
    for need in needs_map.needs:
        labels = Counter(gold[n] for n in need.note_ids if n in gold)
        stands_for[need.id] = labels.most_common(1)[0][0] if labels else "?"
    representative: dict[str, str] = {}
    for need in needs_map.needs:
        label = stands_for[need.id]
        if label is None:  # mostly small talk: its notes go to unclustered in one action
            cost.dissolves += 1
            where.update(dict.fromkeys(need.note_ids))
        elif label == "?":
            continue  # no labelled note: nothing the gold map says about it
        elif label in representative:
            cost.merges += 1
            where.update(dict.fromkeys(need.note_ids, representative[label]))
        else:
            representative[label] = need.id
    for k, label in enumerate(
        sorted({lab for lab in gold.values() if lab is not None} - set(representative))
    ):
        cost.splits += 1
        representative[label] = f"{NEW_NEED}{k:02d}"
    target = {
        note_id: (representative[label] if label is not None else None) for note_id, label in gold.items()
    }
    return where, target


def _misplaced(where: Mapping[str, str | None], target: Mapping[str, str | None]) -> set[str]:
    return {note_id for note_id, need_id in target.items() if where.get(note_id) != need_id}


def simulate(
    needs_map: NeedsMap,
    vectors: Mapping[str, np.ndarray],
    gold: Mapping[str, str | None],
    *,
    suggestions: bool,
    replacing: bool = False,
    batch: int = 5,
) -> ReviewCost:
    """The actions a reviewer needs to bring ``needs_map`` to the gold map; ``gold`` is note id → gold
    need (None: small talk) for the labelled notes."""
    cost = ReviewCost()
    where, target = _structure(needs_map, gold, cost)
    extra = sorted({t for t in target.values() if t and t.startswith(NEW_NEED)})
    current = with_membership(_with_new_needs(needs_map, extra), where)
    misplaced_now = _misplaced(where, target)
    cost.misplaced_at_start = len(misplaced_now)
    columns = len(current.needs)
    if not suggestions:  # every note read, the unclustered list too when a labelled note is in it
        cost.looked_at = sum(1 for need_id in where.values() if need_id is not None)
        if any(where.get(n) is None for n in misplaced_now):
            cost.looked_at += sum(1 for need_id in where.values() if need_id is None)
        cost.moves = cost.misplaced_at_start
        cost.needs_scanned = cost.moves * columns
        return cost
    unclustered_read = False
    placed: dict[str, str | None] = {}
    while misplaced := _misplaced(where, target):
        order = [n for n in review_order(current, vectors, placed) if n in gold]
        stray = sorted(n for n in misplaced if where.get(n) is None and n not in placed)
        if stray and not unclustered_read:  # the unclustered list is read whole, once
            cost.looked_at += sum(1 for need_id in where.values() if need_id is None) - len(stray)
            unclustered_read = True
        moved = 0
        for note_id in order + stray:
            cost.looked_at += 1
            if note_id in misplaced:
                if target[note_id] is None:  # "off-topic" is one button next to the note
                    cost.moves_from_suggestions += 1
                    cost.needs_scanned += 1
                else:
                    near = set()
                    if note_id in vectors:
                        near = {s.need_id for s in closest_needs(current, vectors, note_id, placed=placed)}
                    found = target[note_id] in near
                    cost.moves_from_suggestions += found
                    cost.needs_scanned += len(near) if found else len(near) + columns
                cost.moves += 1
                moved += 1
            placed[note_id] = where[note_id] = target[note_id]  # moved, or confirmed by reading it
            if replacing and moved == batch:
                break
        current = with_membership(current, where)
        left = _misplaced(where, target)
        if not left:
            break
        if moved == 0 or not replacing:  # what the order did not show: by hand, searching every column
            cost.moves += len(left)
            cost.needs_scanned += len(left) * columns
            break
        moves = replace_rest(current, vectors, placed)
        cost.replacements += 1
        where.update(moves)
        current = with_membership(current, where)
        after = _misplaced(where, target)
        cost.fixed_by_replacement += len(left - after)
        cost.broken_by_replacement += len(after - left)
        cost.history.append(len(after))
    return cost


def _with_new_needs(needs_map: NeedsMap, ids: list[str]) -> NeedsMap:
    """The map with the needs the reviewer made by splitting, empty until notes are moved in."""
    if not ids:
        return needs_map
    template = needs_map.needs[0]
    new = [template.model_copy(update={"id": need_id, "note_ids": []}) for need_id in ids]
    return needs_map.model_copy(update={"needs": [*needs_map.needs, *new]})
