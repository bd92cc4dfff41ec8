"""How the needs map scales: time and peak memory of drafting it from 1,500 and 10,000 notes.

    .venv/bin/python benchmarks/needs_scale.py [--sizes 1500 10000]

The notes are the Dutch example's statements repeated (each copy a new note with its own id, vectors
jittered slightly), so the text, the cue lexicon and the clustering do real work; embedding time is left
out (it is measured in RESULTS.md: e5 embeds about 50-120 short texts a second on 2 cores). Writes
benchmarks/results/needs-scale.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agents.initiative.needs_map import NeedsMapInputs, draft  # noqa: E402
from artefacts.notes import Note, Provenance  # noqa: E402
from artefacts.project import Project  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402


def example_notes() -> tuple[Project, list[Note], np.ndarray]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        shutil.copytree(REPO / "examples" / "nl-trainers", root, ignore=shutil.ignore_patterns(".samen"))
        project = Project.model_validate(yaml.safe_load((root / "samen.yaml").read_text(encoding="utf-8")))
        corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
    statements = corpus.statements()
    embedder = make_embedder(project.embeddings, REPO / "benchmarks" / ".cache" / "embeddings")
    return project, statements, embedder.embed_documents([n.text for n in statements])


def scaled(notes: list[Note], vectors: np.ndarray, size: int, rng: np.random.Generator):
    out, rows = [], []
    for i in range(size):
        base = notes[i % len(notes)]
        copy = i // len(notes)
        source = f"{base.provenance.source}#{copy}"
        out.append(
            base.model_copy(
                update={
                    "id": Note.make_id(source, base.provenance.line_start, base.text),
                    "interview_id": f"{base.interview_id}-{copy}",
                    "speaker": f"{base.speaker}-{copy}",
                    "provenance": Provenance(
                        source=source,
                        line_start=base.provenance.line_start,
                        line_end=base.provenance.line_end,
                    ),
                }
            )
        )
        rows.append(vectors[i % len(notes)] + rng.normal(scale=0.01, size=vectors.shape[1]))
    matrix = np.asarray(rows, dtype=np.float32)
    return out, matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1500, 10000])
    args = parser.parse_args()
    project, notes, vectors = example_notes()
    rng = np.random.default_rng(0)
    results = []
    for size in args.sizes:
        many, matrix = scaled(notes, vectors, size, rng)
        started = time.perf_counter()
        needs_map = draft(NeedsMapInputs(notes=many, vectors=matrix, language="nl", guide=project.guide))
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        placed = sum(len(n.note_ids) for n in needs_map.needs) + len(needs_map.unclustered)
        results.append(
            {
                "notes": size,
                "seconds": round(seconds, 1),
                "peak_rss_mb": round(peak_mb),
                "needs": len(needs_map.needs),
                "unclustered": len(needs_map.unclustered),
                "all_notes_placed": placed == size,
            }
        )
        print(results[-1], flush=True)
    out = REPO / "benchmarks" / "results" / "needs-scale.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
