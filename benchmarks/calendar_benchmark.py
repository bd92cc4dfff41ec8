"""How long phases 4 and 5 take offline, and whether the calendar's rules hold, for trials of several lengths.

    PYTHONPATH=. .venv/bin/python benchmarks/calendar_benchmark.py

For each project (a Dutch library with NL holidays, an English allotment association with England's bank
holidays) and trial length it drafts the channel plan, the calendar, the plan of approach and the .ics, and
prints a Markdown table: seconds per step (best of 3), items, days without an item that are not kept free,
events on a public holiday without a mark, and the most items one core-group member has in one week.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.plan.content_calendar import draft_content_calendar  # noqa: E402
from agents.plan.plan_of_approach import draft_plan_of_approach  # noqa: E402
from agents.strategy.channel_plan import draft_channel_plan  # noqa: E402
from artefacts.calendar_export import to_csv, to_ics  # noqa: E402
from tests.phase45_builders import allotments_gb, library_nl  # noqa: E402


def best_of(runs: int, step: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    print(
        "| project | weeks | channel plan s | calendar s | plan s | csv+ics s | items | uncovered days | unmarked holiday events | max items/member/week |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, build in (("nl-library", library_nl), ("gb-allotments", allotments_gb)):
        for weeks in (12, 52, 104):
            inputs = build(trial_weeks=weeks)
            t_plan, plan = best_of(3, lambda: draft_channel_plan(inputs))  # noqa: B023
            with_plan = inputs.with_drafted(plan)
            t_cal, calendar = best_of(3, lambda: draft_content_calendar(with_plan))  # noqa: B023
            with_cal = with_plan.with_drafted(calendar)
            t_poa, _ = best_of(3, lambda: draft_plan_of_approach(with_cal))  # noqa: B023
            t_exp, _ = best_of(3, lambda: (to_csv(calendar), to_ics(calendar)))  # noqa: B023
            days = {calendar.start + dt.timedelta(days=i) for i in range(weeks * 7)}
            covered = {item.date for item in calendar.items} | {h.date for h in calendar.holidays}
            public = {h.date for h in calendar.holidays if h.kind == "public"}
            unmarked = sum(1 for item in calendar.items if item.date in public and not item.holiday)
            manager = inputs.project.community_manager
            week = Counter(
                (item.owner, (item.date - calendar.start).days // 7)
                for item in calendar.items
                if item.owner != manager
            )
            print(
                f"| {name} | {weeks} | {t_plan:.3f} | {t_cal:.3f} | {t_poa:.3f} | {t_exp:.3f} | {len(calendar.items)} "
                f"| {len(days - covered)} | {unmarked} | {max(week.values())} |"
            )


if __name__ == "__main__":
    main()
