"""How long the deliverables take: the launch plan's offline draft, the Word export and the HTML report.

    python benchmarks/deliverables_benchmark.py [--needs 40] [--notes 20] [--days 84]

Builds a synthetic project under a temporary folder (a needs map of NEEDS needs with NOTES notes each,
a content calendar of DAYS days with two items a day, a channel plan and a launch plan), then times each
step (best of three) and prints one line per step.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import artefacts.html_report as html_report  # noqa: E402
import artefacts.phases as phases  # noqa: E402
import artefacts.registry as registry  # noqa: E402
from agents.launch.launch_plan import compose  # noqa: E402
from artefacts.base import ArtefactMeta, Quote  # noqa: E402
from artefacts.docx_export import artefact_docx  # noqa: E402
from artefacts.initiative import Intensity, Need, NeedsMap, NoteEntry  # noqa: E402
from artefacts.plan import CalendarItem, ContentCalendar  # noqa: E402
from artefacts.store import Workspace  # noqa: E402
from artefacts.strategy import ChannelPlan  # noqa: E402
from tests.launch_builders import artefacts, inputs  # noqa: E402


def best(step: Callable[[], object], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def needs_map(needs: int, notes: int) -> NeedsMap:
    entries, found = [], []
    for n in range(needs):
        ids = []
        for k in range(notes):
            note_id = f"n-{n}-{k}"
            text = f"Statement {k} about need {n}: we want to share what works <b>and</b> what does not."
            entries.append(NoteEntry(id=note_id, text=text, source=f"interviews/p{k}.txt", line_start=k + 1,
                                     line_end=k + 1, speaker=f"P{k:02d}"))  # fmt: skip
            ids.append(note_id)
        quotes = [Quote(note_id=ids[0], text=entries[-notes].text, source="interviews/p0.txt", line_start=1,
                        line_end=1, speaker="P00")]  # fmt: skip
        found.append(Need(id=f"N{n + 1:02d}", title=f"Need {n + 1}", statement="A statement.", note_ids=ids,
                          voiced_by=[f"P{k:02d}" for k in range(notes)], evidence=quotes,
                          intensity=Intensity(score=0.5, label="medium", reach=0.5, depth=1, emphasis=0.1)))  # fmt: skip
    return NeedsMap(meta=ArtefactMeta(language="en"), needs=found, notes=entries, interviews=notes)


def calendar(days: int) -> ContentCalendar:
    start = dt.date(2027, 1, 4)
    items = [
        CalendarItem(id=f"i{d}-{k}", date=start + dt.timedelta(days=d), channel="forum", format="post",
                     kind="content", title=f"Item {d}.{k}", description="What happens, for whom, why.", owner="P01")
        for d in range(days) for k in range(2)
    ]  # fmt: skip
    return ContentCalendar(meta=ArtefactMeta(language="en"), concept_id="C1", start=start,
                           end=start + dt.timedelta(days=days - 1), country="GB", items=items)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--needs", type=int, default=40)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--days", type=int, default=84)
    args = parser.parse_args()
    extra = {"strategy": (ChannelPlan,), "plan": (ContentCalendar,)}
    table = tuple(
        dataclasses.replace(row, artefacts=tuple(phases.ArtefactRow(m) for m in extra[row.name]))
        if row.name in extra and not row.artefacts else row
        for row in phases.PHASE_TABLE
    )  # fmt: skip
    phases.PHASE_TABLE = html_report.PHASE_TABLE = table
    for models in extra.values():
        registry.ARTEFACTS.update({m.artefact_name: m for m in models})
    source = inputs("en")
    big = needs_map(args.needs, args.notes)
    plan = compose(source)
    print(f"launch plan, offline draft:        {best(lambda: compose(source)) * 1000:8.1f} ms")
    print(f"launch plan, .docx:                {best(lambda: artefact_docx(plan, version=1)) * 1000:8.1f} ms")
    print(
        f"needs map {args.needs}x{args.notes} notes, .docx: {best(lambda: artefact_docx(big, version=1)) * 1000:8.1f} ms"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "samen.yaml").write_text("organisation:\n  name: Bench\nlanguage: en\n", encoding="utf-8")
        ws = Workspace(root)
        for artefact in (big, artefacts("en")["channel-plan"], calendar(args.days), plan):
            ws.save(artefact)
        first = best(lambda: html_report.write_report(ws, title="Bench"), rounds=1)
        again = best(lambda: html_report.write_report(ws, title="Bench"))
        size = sum(p.stat().st_size for p in ws.artefacts_dir.rglob("*.html")) / 1024
    print(f"report, first time (4 artefacts):  {first * 1000:8.1f} ms")
    print(f"report, again (index, phases):     {again * 1000:8.1f} ms   ({size:.0f} KiB of HTML)")


if __name__ == "__main__":
    main()
