"""How long phase 3's offline drafts take as the survey grows (issue 11).

    PYTHONPATH=. .venv/bin/python benchmarks/core_group_drafting.py [rows ...]

Builds the food-bank inputs of tests/core_group_builders.py, writes a survey of ``rows`` answer rows
(a third offer an active role), and times the three drafters (core group, charter, stakeholder brief)
on it: the median of five runs each, in milliseconds. The core group re-reads the survey files.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agents.core_group.runner import DRAFTERS  # noqa: E402
from tests.core_group_builders import LADDER, TEXTS, inputs  # noqa: E402

RUNS = 5


def _survey(root: Path, rows: int) -> None:
    t, ladder = TEXTS["nl"], LADDER["nl"]
    lines = [f"Tijdstempel;Naam;{t['role_q']};{t['segment_q']};{t['day_q']}"]
    lines += [
        f"2026-11-01;Persoon {i};{ladder[i % 5]};{t['segments'][i % 3]};{t['days'][i % 2]}"
        for i in range(rows)
    ]
    (root / "surveys" / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(sizes: list[int]) -> None:
    print("| survey rows | candidates | core group ms | charter ms | brief ms |")
    print("|---|---|---|---|---|")
    for rows in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            phase = inputs("nl", root)
            _survey(root, rows)
            timings: dict[str, float] = {}
            drafted = phase
            for name, drafter in DRAFTERS.items():
                runs = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    artefact = drafter(drafted)
                    runs.append((time.perf_counter() - start) * 1000)
                timings[name] = statistics.median(runs)
                drafted = drafted.with_drafted(artefact)
            candidates = len(drafted.artefacts["core-group"].candidates)  # type: ignore[attr-defined]
            print(
                f"| {rows} | {candidates} | {timings['core-group']:.1f} | {timings['charter-draft']:.1f} "
                f"| {timings['stakeholder-brief']:.1f} |"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
