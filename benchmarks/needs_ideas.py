"""What each idea of issue 3 contributes to the needs map, measured against the examples' gold files.

    .venv/bin/python benchmarks/needs_ideas.py [--embedder e5] [EXAMPLE ...]

Each row adds one idea to the row above it (the last rows switch one idea off the full method), runs
phase 1 offline on a temporary copy of the example, and scores the needs map: ARI and NMI (unclustered
statements count as one extra label), gold needs matched by a found need with F1 >= 0.4, the share of
need statements left unclustered, and the share of small talk kept out of the needs. Prints a
Markdown table and writes benchmarks/results/needs-ideas-<examples>-<embedder>.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import knowledge.interviews as interviews  # noqa: E402
from agents.statement_features import FeatureSettings  # noqa: E402
from evaluations.gold import Gold  # noqa: E402
from evaluations.metrics import score_needs  # noqa: E402
from evaluations.phase1 import run_phase1  # noqa: E402

NO_CONTEXT = dict(context_mix=0.0, question_cues=0.0, neighbour_cues=0.0)


@dataclass(frozen=True)
class Idea:
    name: str
    method: str = "library"
    features: FeatureSettings = field(default_factory=FeatureSettings)
    frame: bool = True  # opening/closing talk and contact details recognised as small talk


IDEAS = [
    Idea("statements, generic clustering (baseline)", method="plain", frame=False),
    Idea("+ opening/closing talk → small talk", method="plain"),
    Idea("+ centred vectors, need library as seeds (statement cues)", features=FeatureSettings(**NO_CONTEXT)),
    Idea("+ cues of the interviewer's question", features=FeatureSettings(context_mix=0.0, neighbour_cues=0.0)),
    Idea("+ cues of the rest of the answer", features=FeatureSettings(context_mix=0.0)),
    Idea("+ question embedding mixed in (full method)"),
    Idea("full − centring", features=FeatureSettings(centre=False)),
    Idea("full − need cues (embeddings + context only)", features=FeatureSettings(cues=False)),
    Idea("full, cue block weight 2", features=FeatureSettings(cue_weight=2.0)),
]


@contextmanager
def frame_detection(on: bool) -> Iterator[None]:
    """Switch off the opening/closing rule of ``knowledge.interviews`` for a baseline row."""
    saved = interviews.frame_turns, interviews.shares_contact_details
    if not on:
        interviews.frame_turns = lambda turns: set()  # type: ignore[assignment]
        interviews.shares_contact_details = lambda text: False  # type: ignore[assignment]
    try:
        yield
    finally:
        interviews.frame_turns, interviews.shares_contact_details = saved


def measure(example: str, idea: Idea, embedder: str) -> dict:
    folder = REPO / "examples" / example
    with frame_detection(idea.frame):
        result = run_phase1(
            folder,
            embedder=embedder,
            cache_dir=REPO / "benchmarks" / ".cache" / "embeddings",
            method=idea.method,
            features=idea.features,
        )
    score = score_needs(Gold.load(folder / "gold.yaml"), result.corpus.notes, result.needs_map)
    return {
        "ari": score.ari,
        "nmi": score.nmi,
        "matched": score.matched,
        "gold_needs": score.gold_needs,
        "needs_found": score.needs_found,
        "unclustered": score.unclustered_share,
        "smalltalk_out": score.smalltalk_kept_out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("examples", nargs="*", default=["nl-trainers", "en-makers"])
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    rows = []
    print("| idea | example | ARI | NMI | gold needs matched | needs found | unclustered | small talk kept out |")
    print("|---|---|---|---|---|---|---|---|")
    for idea in IDEAS:
        for example in args.examples:
            m = measure(example, idea, args.embedder)
            rows.append({"idea": idea.name, "example": example, **m})
            print(
                f"| {idea.name} | {example} | {m['ari']:.3f} | {m['nmi']:.3f} | {m['matched']}/{m['gold_needs']} "
                f"| {m['needs_found']} | {m['unclustered']:.0%} | {m['smalltalk_out']:.0%} |",
                flush=True,
            )
    out = REPO / "benchmarks" / "results" / f"needs-ideas-{'+'.join(args.examples)}-{args.embedder}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
