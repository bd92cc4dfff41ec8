"""Clustering without k, c-TF-IDF keywords and the text-cluster wrapper."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from agents.shared.clustering import SHORT_TEXTS, UNCLUSTERED, cluster_vectors, ward_split_cut
from agents.shared.keywords import label_from_keywords, stop_words, top_keywords
from agents.shared.text_clusters import cluster_csv, cluster_texts, read_text_column
from artefacts.errors import InputError
from knowledge.embeddings import HashingEmbedder


def blobs(
    k: int, per: int, dim: int = 64, spread: float = 0.15, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((k, dim))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    sizes = [per + (i % 3) * per // 2 for i in range(k)]  # unequal sizes
    points = np.vstack(
        [
            c + spread * rng.standard_normal((s, dim)) / np.sqrt(dim) * 4
            for c, s in zip(centres, sizes, strict=True)
        ]
    )
    truth = np.repeat(np.arange(k), sizes)
    return points / np.linalg.norm(points, axis=1, keepdims=True), truth


@pytest.mark.parametrize("k", [4, 9, 20])
def test_finds_the_blobs_without_k(k: int) -> None:
    points, truth = blobs(k, 20, seed=k)
    result = cluster_vectors(points)
    assert len(result.labels) == len(points)
    assert len(result.clusters) == k
    assert adjusted_rand_score(truth, result.labels) > 0.9


def cone(k: int, per: int, noise: float, dim: int = 64, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Broad topics inside one narrow cone, as e5 embeds sentences: a common direction, a small topic
    direction per group, much noise."""
    rng = np.random.default_rng(seed)
    common = np.zeros(dim)
    common[0] = 1.0
    centres = rng.standard_normal((k, dim))
    centres[:, 0] = 0
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noisy = [common + 0.35 * c + noise * rng.standard_normal((per, dim)) / np.sqrt(dim) for c in centres]
    points = np.vstack(noisy)
    return points / np.linalg.norm(points, axis=1, keepdims=True), np.repeat(np.arange(k), per)


def test_broad_overlapping_topics_keep_the_groups_the_split_test_found() -> None:
    """Five broad topics whose silhouette is below 0.1: the needs map's rule of thumb makes √(n/2) = 12
    clusters of them; short texts keep the five the tree shows."""
    points, truth = cone(5, 60, noise=0.9)
    assert len(np.unique(ward_split_cut(points, SHORT_TEXTS.split_ratio))) == 5
    needs_rule = cluster_vectors(points)
    short_texts = cluster_vectors(points, SHORT_TEXTS)
    assert len(needs_rule.clusters) == 12
    assert len(short_texts.clusters) == 5
    assert adjusted_rand_score(truth, short_texts.labels) > adjusted_rand_score(truth, needs_rule.labels) + 0.2


def test_short_texts_without_structure_still_get_groups() -> None:
    """Where the split test finds one or two groups in 300 texts, the rule of thumb still gives √(n/2)."""
    points, _ = cone(5, 60, noise=1.3)
    assert len(np.unique(ward_split_cut(points, SHORT_TEXTS.split_ratio))) <= 2
    assert len(cluster_vectors(points, SHORT_TEXTS).clusters) == 12


def test_outliers_are_unclustered_not_dropped() -> None:
    points, _ = blobs(5, 20, seed=3)
    rng = np.random.default_rng(9)
    strays = rng.standard_normal((4, points.shape[1]))
    strays /= np.linalg.norm(strays, axis=1, keepdims=True)
    result = cluster_vectors(np.vstack([points, strays]))
    assert len(result.labels) == len(points) + 4
    assert (result.labels[-4:] == UNCLUSTERED).all()
    assert (result.labels[:-4] != UNCLUSTERED).mean() > 0.95


def test_clusters_are_described() -> None:
    points, _ = blobs(3, 15, seed=1)
    result = cluster_vectors(points)
    sizes = [c.size for c in result.clusters]
    assert sizes == sorted(sizes, reverse=True)
    for cluster in result.clusters:
        similarity = points[cluster.members] @ cluster.centroid
        assert np.all(np.diff(similarity) <= 1e-5)  # closest first
        assert 0.5 < cluster.cohesion <= 1.0


def test_too_few_points_are_all_unclustered() -> None:
    assert cluster_vectors(np.eye(2, 8)).labels.tolist() == [UNCLUSTERED, UNCLUSTERED]


def test_ctfidf_keywords_are_distinctive_not_stop_words() -> None:
    texts = [
        "eh ik wil gewoon oefeningen delen met trainers",
        "nou ja, oefeningen van andere clubs zien, zeg maar",
        "echt, oefeningen voor de jeugd, weet je",
        "de velden zijn gewoon slecht",
        "eh de velden en het materiaal, nou",
        "ja de velden liggen er echt slecht bij",
    ]
    keywords = top_keywords(texts, [0, 0, 0, 1, 1, 1], language="nl", n=3)
    assert keywords[0][0] == "oefeningen" and keywords[1][0] == "velden"
    fillers = stop_words("nl")
    assert not any(word in fillers for words in keywords.values() for word in words)
    assert "maar" not in keywords[0] and "weet" not in keywords[0]
    assert label_from_keywords(["trainer", "trainers", "velden", "jeugd"]) == "trainer, velden, jeugd"


def test_cluster_texts_keeps_every_text() -> None:
    topics = [
        "oefeningen delen met trainers",
        "velden zijn slecht onderhouden",
        "ouders schreeuwen langs de lijn",
    ]
    texts = [
        f"{topic} {suffix}"
        for topic in topics
        for suffix in ["", "!", "?", "echt", "nou", "hoor", "ja", "eh"]
    ]
    texts.append("qqqq zzzz")
    result = cluster_texts(texts, HashingEmbedder(), language="nl")
    assert len(result.assignments) == len(texts)
    assert len(result.clusters) == 3
    assert result.assignments[-1] == UNCLUSTERED
    assert {"velden", "slecht", "onderhouden"} in [set(c.keywords) for c in result.clusters]
    assert all(1 <= len(c.examples) <= 5 and c.size == 8 for c in result.clusters)


def test_cluster_csv_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("id;antwoord\n1;oefeningen delen\n2;\n", encoding="utf-8")
    with pytest.raises(InputError, match="id, antwoord"):
        cluster_csv(path, "text", HashingEmbedder())
    result = cluster_csv(path, "antwoord", HashingEmbedder())
    assert result.assignments == [UNCLUSTERED, UNCLUSTERED]


def test_a_csv_with_doubled_quotes_after_the_first_4kb_is_read_whole(tmp_path: Path) -> None:
    """Issue 15: csv.Sniffer guessed doublequote=False on the first 4 KB of Banking77, so a later field
    with "" was cut or mangled. The survey reader's delimiter test reads it as Excel writes it."""
    rows = [f"how do I top up card number {i} please,top_up" for i in range(200)]
    rows.append('"my card says ""declined"", what now?",card_declined')
    rows.append('"is the ""pending"" state normal, or not",pending')
    path = tmp_path / "banking.csv"
    path.write_text("text,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    texts = read_text_column(path, "text")
    assert len(texts) == 202
    assert texts[-2] == 'my card says "declined", what now?'
    assert texts[-1] == 'is the "pending" state normal, or not'
