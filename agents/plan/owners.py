"""Who does each calendar item: the core group's candidates, spread evenly, none overloaded.

Rules: a core-group member does at most ``MAX_PER_WEEK`` items a week (the guide: "an hour or two a week
is as much as most of them can give") and at most one item a day; an item that asks for a role (welcoming,
hosting, moderating) goes first to the candidates of the charter's matching role; among those allowed,
the one with the fewest items this week, then overall, takes it. The community manager (``samen.yaml``)
fills what nobody else can take, and is watched against the hours of ``means.hours_per_week``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from artefacts.core_group import CharterDraft, CoreGroup

MAX_PER_WEEK = 2
ROLE_WORDS = {  # a kind of work → words in a charter role's id or name that mean it
    "welcome": ("welcom", "welkom", "buddy", "maatje", "onboard", "gastvr", "greeter"),
    "host": ("host", "gastheer", "gastvr", "organis", "organiz", "trekker", "lead", "facilit"),
    "moderate": ("moder", "redact", "editor", "beheer", "curat"),
}


@dataclass
class Owners:
    people: list[str]
    manager: str
    by_work: dict[str, list[str]] = field(default_factory=dict)
    per_week: Counter[tuple[str, int]] = field(default_factory=Counter)
    overall: Counter[str] = field(default_factory=Counter)
    busy: set[tuple[str, dt.date, dt.time | None]] = field(default_factory=set)
    manager_minutes: Counter[int] = field(default_factory=Counter)  # week → minutes

    def assign(self, day: dt.date, week: int, start: dt.time | None, minutes: int, work: str = "") -> str:
        """The owner of an item on ``day`` (week ``week``): see the module's rules."""
        preferred = [p for p in self.by_work.get(work, []) if p in self.people]
        for pool in (preferred, self.people):
            allowed = [p for p in pool if self._free(p, day, week)]
            if allowed:
                chosen = min(
                    allowed, key=lambda p: (self.per_week[(p, week)], self.overall[p], self.people.index(p))
                )
                self._book(chosen, day, week, start)
                return chosen
        return self.take(day, week, start, minutes)

    def take(
        self, day: dt.date, week: int, start: dt.time | None, minutes: int, person: str | None = None
    ) -> str:
        """Book ``person`` (the community manager when None) for an item, without the weekly limit."""
        owner = person or self.manager
        self._book(owner, day, week, start)
        if owner == self.manager:
            self.manager_minutes[week] += minutes
        return owner

    def free(self, person: str, day: dt.date, week: int) -> bool:
        return self._free(person, day, week)

    def _free(self, person: str, day: dt.date, week: int) -> bool:
        booked_today = any(owner == person and date == day for owner, date, _ in self.busy)
        return self.per_week[(person, week)] < MAX_PER_WEEK and not booked_today

    def _book(self, person: str, day: dt.date, week: int, start: dt.time | None) -> None:
        self.per_week[(person, week)] += 1
        self.overall[person] += 1
        self.busy.add((person, day, start))


def owners_from(core: CoreGroup | None, charter: CharterDraft | None, manager: str) -> Owners:
    """The core group's candidates (in the core group's order, then those only the charter names); only its
    first selection when the core group proposes one (``CoreGroup.proposed``, from phase 3's drafts)."""
    people = [c.person for c in core.candidates] if core else []
    proposed = list(getattr(core, "proposed", []) or [])
    if proposed:
        people = [p for p in people if p in proposed]
    roles = charter.roles if charter else []
    for role in roles:
        people += [p for p in role.candidates if p not in people]
    by_work: dict[str, list[str]] = {}
    for work, words in ROLE_WORDS.items():
        for role in roles:
            if any(word in f"{role.id} {role.name}".lower() for word in words):
                by_work.setdefault(work, []).extend(
                    p for p in role.candidates if p not in by_work.get(work, [])
                )
        if core:
            for c in core.candidates:
                if any(
                    any(word in r.lower() for word in words) for r in c.roles
                ) and c.person not in by_work.get(work, []):
                    by_work.setdefault(work, []).append(c.person)
    return Owners(people=[p for p in people if p != manager], manager=manager, by_work=by_work)
