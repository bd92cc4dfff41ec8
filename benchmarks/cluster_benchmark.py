"""Clustering benchmark: our method (no k) against k-means told the true k, on the same embeddings.

    python benchmarks/cluster_benchmark.py --data benchmarks/data/clinc150.csv \
        --text-column text --label-column label --embedder e5
    python benchmarks/cluster_benchmark.py --gold examples/nl-trainers/gold.yaml --embedder e5

Writes benchmarks/results/cluster-<dataset>-<embedder>.json; with --write also appends a row to
benchmarks/RESULTS.md (tracked: only when a figure is meant to be kept). topics_benchmark.py is the
side-by-side run over every set, BERTopic included.
Vectors are cached under benchmarks/.cache/ (gitignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import yaml
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from agents.shared.clustering import cluster_vectors  # noqa: E402
from artefacts.project import EmbeddingSettings  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402


def load_csv(path: Path, text_column: str, label_column: str) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get(text_column) or "").strip()]
    return [r[text_column] for r in rows], [r[label_column] for r in rows]


def load_gold(path: Path) -> tuple[list[str], list[str]]:
    """Quotes and their need from a gold.yaml; smalltalk and unlabelled statements are left out."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = [
        (s["quote"], str(s["need"]))
        for s in gold.get("statements", [])
        if s.get("need") and s["need"] != "smalltalk" and s.get("quote")
    ]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def score(truth: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    clustered = labels >= 0
    as_label = np.where(clustered, labels, labels.max() + 1)  # unclustered as one extra cluster
    return {
        "ari": round(float(adjusted_rand_score(truth, as_label)), 4),
        "nmi": round(float(normalized_mutual_info_score(truth, as_label)), 4),
        "ari_clustered": round(float(adjusted_rand_score(truth[clustered], labels[clustered])), 4),
        "unclustered_share": round(float(1 - clustered.mean()), 4),
        "clusters": int(len(set(labels[clustered].tolist()))),
    }


def run(texts: list[str], labels: list[str], embedder_name: str) -> dict:
    truth = np.unique(np.asarray(labels), return_inverse=True)[1]
    true_k = int(truth.max() + 1)
    embedder = make_embedder(EmbeddingSettings(name=embedder_name), HERE / ".cache")  # type: ignore[arg-type]
    started = time.perf_counter()
    vectors = embedder.embed_documents(texts)
    embed_seconds = time.perf_counter() - started
    started = time.perf_counter()
    kmeans = KMeans(n_clusters=true_k, n_init=10, random_state=0).fit_predict(vectors)
    kmeans_result = {**score(truth, kmeans), "seconds": round(time.perf_counter() - started, 2)}
    started = time.perf_counter()
    ours = cluster_vectors(vectors).labels
    ours_result = {**score(truth, ours), "seconds": round(time.perf_counter() - started, 2)}
    return {
        "embedder": embedder.name,
        "texts": len(texts),
        "true_k": true_k,
        "embed_seconds": round(embed_seconds, 2),
        "kmeans_true_k": kmeans_result,
        "ours_no_k": ours_result,
        "meets_bar": ours_result["ari"] >= kmeans_result["ari"]
        and ours_result["nmi"] >= kmeans_result["nmi"],
    }


def write(report: dict, dataset: str, embedder_name: str, keep: bool = False) -> None:
    (HERE / "results").mkdir(exist_ok=True)
    out = HERE / "results" / f"cluster-{dataset}-{embedder_name}.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    if not keep:
        return
    table = HERE / "RESULTS.md"
    if not table.exists():
        table.write_text(
            "# Clustering benchmark\n\nARI/NMI count unclustered points as one extra cluster; "
            "'ARI cl.' is on clustered points only.\n\n"
            "| date | dataset | embedder | n | true k | k-means(true k) ARI / NMI | ours: k found | ARI / NMI "
            "| ARI cl. | unclustered | ours s | meets bar |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
            encoding="utf-8",
        )
    km, us = report["kmeans_true_k"], report["ours_no_k"]
    row = (
        f"| {date.today()} | {dataset} | {embedder_name} | {report['texts']} | {report['true_k']} "
        f"| {km['ari']:.3f} / {km['nmi']:.3f} | {us['clusters']} | {us['ari']:.3f} / {us['nmi']:.3f} "
        f"| {us['ari_clustered']:.3f} | {us['unclustered_share']:.1%} | {us['seconds']} | "
        f"{'yes' if report['meets_bar'] else 'no'} |\n"
    )
    with table.open("a", encoding="utf-8") as handle:
        handle.write(row)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, help="CSV file with a text and a label column")
    parser.add_argument("--gold", type=Path, help="gold.yaml of an example project (quote, need)")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--embedder", default="e5", choices=["e5", "wordllama", "hashing", "openai"])
    parser.add_argument("--name", help="dataset name in the report (default: from the file)")
    parser.add_argument("--write", action="store_true", help="append the row to benchmarks/RESULTS.md")
    args = parser.parse_args()
    if args.gold:
        texts, labels = load_gold(args.gold)
        dataset = args.name or args.gold.parent.name
    elif args.data:
        texts, labels = load_csv(args.data, args.text_column, args.label_column)
        dataset = args.name or args.data.stem
    else:
        parser.error("give --data or --gold")
    write(run(texts, labels, args.embedder), dataset, args.embedder, keep=args.write)


if __name__ == "__main__":
    main()
