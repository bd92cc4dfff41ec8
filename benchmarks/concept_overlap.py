"""How far the offline concept alternatives differ, and how coherent their personas are.

For each project: the basis of its target groups, the number of alternatives, the largest pairwise
overlap between them (Jaccard of need ids, and of the words of what they are about: see
agents/concept/concept_overlap.py), and for the personas of all alternatives the share of their quotes
said by people of the concept's first target group (1.0: every quote from one kind of member).

    python benchmarks/concept_overlap.py examples/nl-trainers examples/en-makers tests/fixtures/projects/nl-buurthuis
    python benchmarks/concept_overlap.py --embedder hashing examples/nl-bieb
"""

from __future__ import annotations

import argparse
from pathlib import Path

from agents.concept import concepts, persona
from agents.concept.concept_overlap import pairwise_overlap
from evaluations.phase1 import run_phase1


def measure(root: Path, embedder: str | None) -> dict[str, object]:
    phase1 = run_phase1(root, embedder=embedder)
    groups = phase1.target_groups.with_titles_from(phase1.needs_map)
    drafted = concepts.draft(phase1.needs_map, groups, phase1.project)
    pairs = pairwise_overlap(drafted, phase1.project.organisation.name)
    members = {g.name: set(g.participants) for g in groups.groups}
    own = total = 0
    for concept in drafted.concepts:
        result = persona.draft(
            drafted, concept.id, phase1.needs_map, groups, phase1.champions, phase1.project
        )
        lead = members.get(concept.target_groups[0], set()) if concept.target_groups else set()
        own += sum(q.speaker in lead for q in result.quotes)
        total += len(result.quotes)
    return {
        "project": root.name,
        "basis": ",".join(sorted({g.basis for g in groups.groups})),
        "concepts": len(drafted.concepts),
        "need_overlap_max": max((p[2] for p in pairs), default=0.0),
        "word_overlap_max": max((p[3] for p in pairs), default=0.0),
        "persona_quotes_from_lead_group": round(own / total, 3) if total else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="+", type=Path)
    parser.add_argument("--embedder", default=None, help="e5, hashing, … (default: the project's own)")
    args = parser.parse_args()
    rows = [measure(root, args.embedder) for root in args.projects]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
