"""What escaping costs: ``md_text`` per note, and the Markdown of a large needs map and calendar.

    python benchmarks/escaping_benchmark.py [--needs 40] [--notes 20] [--days 84]

Reuses the synthetic artefacts of ``deliverables_benchmark`` (notes that hold ``<b>`` markup) and prints
one line per step, best of five. Compare with the same script on a commit before ``artefacts/safe_text``
by timing ``render_markdown`` there (the script's last two lines need only that).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from deliverables_benchmark import best, calendar, needs_map  # noqa: E402

from artefacts.render_markdown import render_markdown  # noqa: E402

NOTE = (
    "We ruilen <script>alert(1)</script> onderdelen | a | b | en [hier](javascript:alert(1)) # Kop "
    '=HYPERLINK("x") **vet** _schuin_ en nog wat gewone woorden over wat werkt en wat niet.'
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--needs", type=int, default=40)
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--days", type=int, default=84)
    args = parser.parse_args()
    try:
        from artefacts.safe_text import md_text
    except ImportError:  # a commit before the escaping
        md_text = None
    if md_text is not None:
        calls = 10_000
        seconds = best(lambda: [md_text(NOTE) for _ in range(calls)], rounds=5)
        print(f"md_text, {len(NOTE)}-char note:      {seconds / calls * 1e6:8.1f} µs")
    big = needs_map(args.needs, args.notes)
    print(
        f"needs map {args.needs}x{args.notes}, Markdown:  {best(lambda: render_markdown(big), 5) * 1e3:8.1f} ms"
    )
    cal = calendar(args.days)
    print(f"calendar {args.days} days, Markdown:    {best(lambda: render_markdown(cal), 5) * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
