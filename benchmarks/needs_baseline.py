"""The needs map and champions against the examples' gold files.

    .venv/bin/python benchmarks/needs_baseline.py [--embedder e5|wordllama|hashing] [EXAMPLE ...]

Prints a table and writes benchmarks/results/needs-<example>-<embedder>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from evaluations.gold import Gold  # noqa: E402
from evaluations.metrics import score_champions, score_needs  # noqa: E402
from evaluations.phase1 import run_phase1  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("examples", nargs="*", default=["nl-trainers", "en-makers"])
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    out_dir = REPO / "benchmarks" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in args.examples:
        folder = REPO / "examples" / name
        started = time.perf_counter()
        result = run_phase1(
            folder, embedder=args.embedder, cache_dir=REPO / "benchmarks" / ".cache" / "embeddings"
        )
        gold = Gold.load(folder / "gold.yaml")
        needs = score_needs(gold, result.corpus.notes, result.needs_map)
        champions = score_champions(gold, result.champions)
        seconds = time.perf_counter() - started
        print(
            f"\n{name} ({args.embedder}, {seconds:.1f} s): {len(result.corpus.statements())} statements read"
        )
        print(
            f"  ARI {needs.ari:.3f}  NMI {needs.nmi:.3f}  ARI(clustered) {needs.ari_clustered_only:.3f}  "
            f"needs found {needs.needs_found}  gold matched {needs.matched}/{needs.gold_needs} (F1≥0.4)  "
            f"unclustered {needs.unclustered_share:.0%}  small talk kept out {needs.smalltalk_kept_out:.0%}  "
            f"gold statements found {needs.found}/{needs.gold_statements}"
        )
        for match in needs.matches:
            print(f"    {match.gold:<14} → {match.need or '-':<5} F1 {match.f1:.2f}")
        print(f"  champions ranks {champions.champion_ranks}  decoys {champions.decoy_ranks}")
        record = {
            "example": name,
            "embedder": args.embedder,
            "seconds": round(seconds, 1),
            "needs": needs.model_dump(),
            "champions": champions.model_dump(),
        }
        (out_dir / f"needs-{name}-{args.embedder}.json").write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
