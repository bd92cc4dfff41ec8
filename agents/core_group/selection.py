"""A first selection for the core group when there are more candidates than it holds, by rules.

The pool is ordered volunteers before staff: champions from the interviews (their drive is on record, with
quotes), then survey respondents who would lead, then those who would contribute; champions who
organise because it is their job come last. Then, segment by segment in turn, the first in the pool
from that segment joins, until the target size is reached; the rest of the pool fills up what the
segments could not. Last, every charter role without anyone in the selection gets the first in the pool
who fits it (the selection may then pass the target, never the method's maximum).
"""

from __future__ import annotations

from collections.abc import Callable

from artefacts.core_group import Candidate


def pool_order(candidate: Candidate) -> tuple[int, int]:
    if candidate.staff:
        return 3, 0
    if candidate.source == "champion":
        return 0, 0
    return (1 if "host" in candidate.roles or "meetup-organiser" in candidate.roles else 2), 0


def select(
    candidates: list[Candidate],
    segments: list[str],
    covers: Callable[[Candidate, str], bool],
    roles: list[str],
    target: int,
    maximum: int,
) -> list[str]:
    pool = sorted(candidates, key=pool_order)  # stable: the order within each kind stays
    chosen: list[Candidate] = []
    progress = True
    while len(chosen) < target and progress:
        progress = False
        for segment in segments:
            if len(chosen) >= target:
                break
            pick = next((c for c in pool if c not in chosen and covers(c, segment)), None)
            if pick is not None:
                chosen.append(pick)
                progress = True
    chosen += [c for c in pool if c not in chosen][: max(0, target - len(chosen))]
    for role in roles:
        if len(chosen) >= maximum:
            break
        if not any(role in c.roles for c in chosen):
            pick = next((c for c in pool if c not in chosen and role in c.roles), None)
            if pick is not None:
                chosen.append(pick)
    return [c.person for c in chosen]
