"""The chosen mix: one main online channel, a meeting format, and a newsletter when members ask for one.

Following the guide ("one fixed digital channel for everyday questions, a recurring meeting with a
consistent format"), the mix takes the best-scoring option not ruled out in each role:

- main: the best digital option for everyday conversation;
- meeting: the best physical format; a webinar besides it when the survey or the persona favours online
  meetings (its survey or habits score at least 0.7), or instead of it when every physical format is ruled out;
- broadcast: a newsletter when its survey or habits score is at least 0.7.

When the mix costs more than the budget, it drops the extras (newsletter, webinar), then takes the
cheapest option of a role that fits, and says so when none does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agents.strategy.options import ChannelSpec, option
from artefacts.strategy import ChannelOption

EXTRA_AT = 0.7


@dataclass
class Mix:
    chosen: list[str] = field(default_factory=list)  # main first
    dropped_for_budget: list[str] = field(default_factory=list)
    fits_budget: bool = True

    def cost(self, options: dict[str, ChannelOption]) -> float:
        return sum(options[i].cost_per_year or 0.0 for i in self.chosen)


def choose_mix(options: list[ChannelOption], budget: float | None) -> Mix:
    by_id = {o.id: o for o in options}
    open_ = sorted((o for o in options if not o.excluded_by), key=lambda o: -o.total)
    specs = {o.id: option(o.id) for o in open_}

    def best(*roles: str, kind: str | None = None) -> list[ChannelOption]:
        return [o for o in open_ if specs[o.id].role in roles and (kind is None or specs[o.id].kind == kind)]

    mix = Mix()
    mains = best("main")
    physical = [o for o in best("meeting") if specs[o.id].kind == "physical"]
    webinars = [o for o in best("meeting") if specs[o.id].kind == "digital"]
    broadcasts = best("broadcast")
    if mains:
        mix.chosen.append(mains[0].id)
    if physical:
        mix.chosen.append(physical[0].id)
    if webinars and (not physical or _asked_for(webinars[0])):
        mix.chosen.append(webinars[0].id)
    if broadcasts and _asked_for(broadcasts[0]):
        mix.chosen.append(broadcasts[0].id)
    if budget is not None:
        _fit(mix, budget, by_id, {"main": mains, "meeting": physical or webinars}, specs)
    return mix


def _asked_for(candidate: ChannelOption) -> bool:
    return max(candidate.scores.get("survey", 0.0), candidate.scores.get("habits", 0.0)) >= EXTRA_AT


def _fit(
    mix: Mix,
    budget: float,
    by_id: dict[str, ChannelOption],
    pools: dict[str, list[ChannelOption]],
    specs: dict[str, ChannelSpec],
) -> None:
    for extra in reversed(mix.chosen[1:]):  # the extras go first: newsletter, then a webinar beside a meetup
        if mix.cost(by_id) <= budget:
            return
        beside_physical = any(specs[i].kind == "physical" for i in mix.chosen)
        if specs[extra].role == "broadcast" or (
            specs[extra].role == "meeting" and beside_physical and specs[extra].kind == "digital"
        ):
            mix.chosen.remove(extra)
            mix.dropped_for_budget.append(extra)
    for role, pool in pools.items():
        if mix.cost(by_id) <= budget:
            return
        current = next((i for i in mix.chosen if specs[i].role == role), None)
        if current is None:
            continue
        rest = mix.cost(by_id) - (by_id[current].cost_per_year or 0.0)
        cheaper = [o for o in pool if rest + (o.cost_per_year or 0.0) <= budget]
        if cheaper:  # the best of those that fit (the pool is sorted by total)
            mix.chosen[mix.chosen.index(current)] = cheaper[0].id
            mix.dropped_for_budget.append(current)
    mix.fits_budget = mix.cost(by_id) <= budget
