"""Clustering short texts without k: Samen against BERTopic with its defaults and k-means told the true k,
on the same embeddings, side by side in one run.

    .venv/bin/python benchmarks/topics_benchmark.py                 # every set below, e5
    .venv/bin/python benchmarks/topics_benchmark.py --sets sib200-nl xsid-nl --embedder e5

Sets: the public labelled sets in benchmarks/data (CLINC150 and Banking77: many fine intents; xSID-nl:
16 intents; SIB-200 en/nl: 7 broad topics) and the five example projects' gold needs (statements with a
need in gold.yaml; small talk left out). Per method: ARI and NMI (unclustered points count as one more
cluster, so leaving points out is not free), clusters found, the share left unclustered, and seconds.

- **Samen**: ``samen cluster``'s machinery (:func:`agents.shared.clustering.cluster_vectors` with
  ``SHORT_TEXTS``), not told k.
- **BERTopic**: ``BERTopic()`` with every default (UMAP to 5 dimensions, HDBSCAN with min_topic_size 10,
  its outliers as topic -1), given the same embeddings; UMAP seeded (``random_state=42``, otherwise its
  default parameters) so a rerun gives the same figures. Needs ``pip install -e '.[benchmarks]'`` and
  ``pip install --no-deps bertopic`` (``make benchmarks`` does both; sentence-transformers is not needed
  when the embeddings are given).
- **k-means, true k**: scikit-learn's KMeans with ``n_init=10`` told the number of gold labels — the
  ceiling a method without k is measured against.

Writes benchmarks/results/topics-<embedder>.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from agents.shared.clustering import SHORT_TEXTS, cluster_vectors  # noqa: E402
from artefacts.project import EmbeddingSettings  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402

sys.path.insert(0, str(HERE))
from cluster_benchmark import load_csv, load_gold  # noqa: E402
from cluster_benchmark import score as cluster_score  # noqa: E402

PUBLIC = ("clinc150", "banking77", "xsid-nl", "sib200-en", "sib200-nl")
EXAMPLES = ("nl-trainers", "en-makers", "nl-zorg", "nl-bieb", "nl-energie")


def load(name: str) -> tuple[list[str], list[str]]:
    if name in EXAMPLES:
        return load_gold(REPO / "examples" / name / "gold.yaml")
    return load_csv(HERE / "data" / f"{name}.csv", "text", "label")


def score(truth: np.ndarray, labels: np.ndarray, seconds: float) -> dict[str, float]:
    """cluster_benchmark's scores (unclustered points as one more cluster), with the seconds taken."""
    scored = cluster_score(truth, labels)
    return {
        "ari": scored["ari"],
        "nmi": scored["nmi"],
        "clusters": scored["clusters"],
        "unclustered": scored["unclustered_share"],
        "seconds": round(seconds, 2),
    }


def samen(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    return cluster_vectors(vectors, SHORT_TEXTS).labels


def kmeans_true_k(vectors: np.ndarray, k: int) -> np.ndarray:
    return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors)


def bertopic(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        topics, _ = BERTopic(umap_model=umap_model).fit_transform(texts, embeddings=vectors)
    return np.asarray(topics, dtype=int)


def measure(name: str, embedder_name: str) -> dict[str, object]:
    texts, gold = load(name)
    truth = np.unique(np.asarray(gold), return_inverse=True)[1]
    k = int(truth.max() + 1)
    embedder = make_embedder(EmbeddingSettings(name=embedder_name), HERE / ".cache")  # type: ignore[arg-type]
    vectors = np.asarray(embedder.embed_documents(texts), dtype=np.float32)
    row: dict[str, object] = {"set": name, "texts": len(texts), "true_k": k}
    methods = {
        "samen": lambda: samen(vectors, texts),
        "bertopic": lambda: bertopic(vectors, texts),
        "kmeans_true_k": lambda: kmeans_true_k(vectors, k),
    }
    for method, run in methods.items():
        started = time.perf_counter()
        try:
            labels = run()
        except ImportError as exc:
            row[method] = {"error": f"not installed: {exc.name} (make benchmarks installs it)"}
            continue
        row[method] = score(truth, np.asarray(labels), time.perf_counter() - started)
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = (
        "| set | texts | true k | Samen ARI / NMI | found | uncl. | s | BERTopic ARI / NMI | found | uncl. | s "
        "| k-means (true k) ARI / NMI | s | Samen ≥ BERTopic | Samen ≥ k-means |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines = [head]
    for row in rows:
        cells = [str(row["set"]), str(row["texts"]), str(row["true_k"])]
        for method in ("samen", "bertopic"):
            m = row[method]
            assert isinstance(m, dict)
            if "error" in m:
                cells += ["—", "—", "—", "—"]
                continue
            cells += [f"{m['ari']:.3f} / {m['nmi']:.3f}", str(m["clusters"]), f"{m['unclustered']:.0%}",
                      f"{m['seconds']:.1f}"]  # fmt: skip
        km = row["kmeans_true_k"]
        assert isinstance(km, dict)
        cells += [f"{km['ari']:.3f} / {km['nmi']:.3f}", f"{km['seconds']:.1f}"]
        ours, bt = row["samen"], row["bertopic"]
        assert isinstance(ours, dict) and isinstance(bt, dict)
        cells.append("—" if "error" in bt else ("yes" if ours["ari"] >= bt["ari"] else "no"))
        cells.append("yes" if ours["ari"] >= km["ari"] - 0.005 else "no")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", nargs="*", default=[*PUBLIC, *EXAMPLES])
    parser.add_argument("--embedder", default="e5", choices=["e5", "wordllama", "hashing"])
    args = parser.parse_args()
    rows = []
    for name in args.sets:
        rows.append(measure(name, args.embedder))
        print(f"{name}: done", file=sys.stderr, flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    out = HERE / "results" / f"topics-{args.embedder}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    print(f"\n(JSON: {out.relative_to(REPO)}; 'Samen ≥ k-means' allows 0.005 of ARI)")


if __name__ == "__main__":
    main()
