"""What embedding the methodology passages once per user saves a new project.

    .venv/bin/python benchmarks/methodology_embedding.py [--example en-makers] [--embedder e5]

Indexes the example's notes into the knowledge store of a fresh project twice: first with an empty
per-user cache (what every new project paid before: the methodology passages embedded again), then a
second fresh project with the cache that the first one filled (the passages come from the cache; only the
notes are embedded). Also times embedding the example's notes alone, the rest of a first run's embedding
work. Writes benchmarks/results/methodology-embedding-<example>-<embedder>.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from artefacts.project import EmbeddingSettings  # noqa: E402
from flows.scaffold import load_project  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402
from knowledge.guidance import methodology_passages  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.project_knowledge import index_project  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402


def _fresh_project(example: Path, into: Path) -> Path:
    shutil.copytree(example, into, ignore=shutil.ignore_patterns(".samen", "artefacts"))
    return into


def _index(root: Path, embedder_name: str, shared: Path) -> tuple[float, dict[str, object]]:
    project = load_project(root)
    notes = read_corpus(root, project, Pseudonymiser.for_project(root, project)).statements()
    embedder = make_embedder(EmbeddingSettings(name=embedder_name), root / ".samen" / "embeddings")  # type: ignore[arg-type]
    start = time.perf_counter()
    report = index_project(root, project, embedder, notes, shared_cache=shared)
    return time.perf_counter() - start, report.model_dump()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", default="en-makers")
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    example = REPO / "examples" / args.example
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shared = work / "user-cache"
        cold, cold_report = _index(_fresh_project(example, work / "first"), args.embedder, shared)
        warm, warm_report = _index(_fresh_project(example, work / "second"), args.embedder, shared)
        root = _fresh_project(example, work / "notes-only")
        project = load_project(root)
        texts = [
            n.text for n in read_corpus(root, project, Pseudonymiser.for_project(root, project)).statements()
        ]
        embedder = make_embedder(EmbeddingSettings(name=args.embedder))  # type: ignore[arg-type]
        start = time.perf_counter()
        embedder.embed_documents(texts)
        notes_only = time.perf_counter() - start
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "example": args.example,
        "embedder": args.embedder,
        "passages": len(methodology_passages()),
        "notes": len(texts),
        "index_new_project_cold_cache_s": round(cold, 2),
        "index_new_project_warm_cache_s": round(warm, 2),
        "saved_s": round(cold - warm, 2),
        "embed_notes_only_s": round(notes_only, 2),
        "cold_report": cold_report,
        "warm_report": warm_report,
    }
    out = REPO / "benchmarks" / "results" / f"methodology-embedding-{args.example}-{args.embedder}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if not k.endswith("_report")}, indent=2))


if __name__ == "__main__":
    main()
