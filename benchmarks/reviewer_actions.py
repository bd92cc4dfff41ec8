"""Reviewer actions needed to bring each example's draft needs map to its gold map, before and after the
review suggestions (closest needs per note, least-sure notes first, re-placing the rest with the
reviewer's moves as seeds). See evaluations/reviewer_simulation.py for how the reviewer is simulated.

    .venv/bin/python benchmarks/reviewer_actions.py [--embedder e5|hashing] [--batch 5] [--write] [EXAMPLE ...]

Offline; the phase-1 drafts are made as `samen run initiative` makes them (without Prefect), the vectors
come from the same embedder through the benchmark's embedding cache.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from agents.initiative.interview_guide import guide_questions  # noqa: E402
from agents.initiative.statement_features import describe, unit  # noqa: E402
from evaluations.gold import Gold, match_notes  # noqa: E402
from evaluations.phase1 import run_phase1  # noqa: E402
from evaluations.reviewer_simulation import simulate  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402

EXAMPLES = ["nl-trainers", "en-makers", "nl-zorg", "nl-bieb", "nl-energie"]
CACHE = REPO / "benchmarks" / ".cache" / "embeddings"
SMALLTALK = "smalltalk"


def measure(name: str, embedder: str, batch: int) -> list[str]:
    folder = REPO / "examples" / name
    started = time.perf_counter()
    result = run_phase1(folder, embedder=embedder, cache_dir=CACHE)
    embed = make_embedder(result.project.embeddings, CACHE).embed_documents
    statements = result.corpus.statements()
    raw = np.asarray(embed([n.text for n in statements]))
    guide = guide_questions(result.project.guide) if result.project.guide else ()
    spaces = {
        "embedding, centred": unit(raw - raw.mean(axis=0)),
        "clustering features": describe(
            statements,
            raw,
            result.project.language,
            embed=embed,
            guide=guide,
            codebook=result.project.codebook,
        ).vectors,
    }
    labels: dict[str, Counter[str]] = {}
    for statement, note in match_notes(Gold.load(folder / "gold.yaml"), result.corpus.notes):
        if note is not None:
            labels.setdefault(note.id, Counter())[statement.need] += 1
    gold = {
        note_id: (None if label == SMALLTALK else label)
        for note_id, counts in labels.items()
        for label in [counts.most_common(1)[0][0]]
    }
    rows = []
    for space, matrix in spaces.items():
        vectors = dict(zip([n.id for n in statements], matrix, strict=True))
        before = simulate(result.needs_map, vectors, gold, suggestions=False)
        after = simulate(result.needs_map, vectors, gold, suggestions=True)
        replaced = simulate(result.needs_map, vectors, gold, suggestions=True, replacing=True, batch=batch)
        share = after.moves_from_suggestions / after.moves if after.moves else 0.0
        scanned = 1 - after.needs_scanned / before.needs_scanned if before.needs_scanned else 0.0
        rows.append(
            f"| {date.today()} | {name} | {embedder} | {space} | {len(gold)} | {before.misplaced_at_start} | "
            f"{before.merges}/{before.dissolves}/{before.splits} | {before.actions} | {before.needs_scanned} | "
            f"{after.actions} | {after.needs_scanned} ({scanned:.0%} fewer) | {share:.0%} | "
            f"{replaced.actions} ({replaced.replacements} re-placements; fixed {replaced.fixed_by_replacement}, "
            f"broke {replaced.broken_by_replacement}) | {time.perf_counter() - started:.0f} s |"
        )
    return rows


HEADER = [
    "| date | example | embedder | vectors | labelled notes | misplaced | merges/dissolves/splits | "
    "actions before | needs scanned before | actions with suggestions | needs scanned with suggestions | "
    "moves picked from the 3 closest | actions with re-placing too | seconds |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="*", default=EXAMPLES)
    parser.add_argument("--embedder", default="e5", choices=("e5", "hashing"))
    parser.add_argument("--batch", type=int, default=5, help="moves before each re-placement")
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows = list(HEADER)
    for name in args.examples:
        found = measure(name, args.embedder, args.batch)
        rows += found
        print("\n".join(found), flush=True)
    print("\n".join(rows))
    if args.write:
        with (REPO / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as results:
            results.write("\n" + "\n".join(rows) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
