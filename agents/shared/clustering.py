"""Clustering of embedded texts without being told the number of clusters.

Shared by the needs map and ``samen cluster``. The method, measured in ``benchmarks/RESULTS.md``:

1. **Ward tree** on the L2-normalised vectors (on a sample of ``max_tree_points`` when there are more).
2. **Cut by a scale-free split test**: walking down from the root, a node is split when the cost of
   the merge that made it (Ward's increase in squared error) exceeds ``split_ratio`` times the mean
   squared distance of its points to their centroid, i.e. when its two halves lie further apart than
   the node's own spread explains. No number of clusters is given; the ratio does not depend on the
   embedder's scale (e5's crowded cone and wordllama's spread-out sphere give similar counts).
   When that finds fewer than √(n/2) poorly separated clusters (silhouette < 0.1) in 40 or more points,
   the data are weakly structured and k-means (with restarts) makes √(n/2) clusters instead (the
   classic rule of thumb), so the reader still gets groups.
3. **k-means refinement** on all points, seeded with the centroids of the cut.
4. **Unclustered (-1)**: points much further from their centroid than is usual in the data (median +
   ``outlier_mads`` robust deviations of the cosine distance), and clusters smaller than ``min_size``.
   Nothing is dropped: every input has a label.

Memory: the tree needs one condensed distance matrix of the (sampled) points, ~140 MB at 6,000.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

UNCLUSTERED = -1


@dataclass(frozen=True)
class ClusterSettings:
    min_size: int = 3
    split_ratio: float = 6.0
    outlier_mads: float = 3.0
    max_tree_points: int = 6000
    rule_of_thumb_from: int = 40
    weak_silhouette: float = 0.1
    seed: int = 0
    # Subtract the mean vector before clustering: e5 puts every text in a narrow cone, whose common
    # direction carries no topic; without it the differences that do are a small part of each vector.
    centre: bool = False
    # When the split test finds at least this many clusters its cut stands, whatever the silhouette: broad
    # topics overlap in an embedding (SIB-200's 7 topics: silhouette 0.04) and still have a real structure.
    # None: the silhouette decides (the needs map's spoken statements, where 2 found means none).
    structure_from: int | None = None


# `samen cluster` and any CSV of short texts, measured on CLINC150, Banking77, xSID-nl and SIB-200 en/nl
# (benchmarks/topics_benchmark.py): the split ratio at which the number of clusters found is nearest the
# number of labels across fine intents and broad topics alike.
SHORT_TEXTS = ClusterSettings(split_ratio=7.0, centre=True, structure_from=3)


@dataclass
class Cluster:
    id: int
    centroid: np.ndarray
    members: np.ndarray = field(repr=False)  # indices into the input, closest to the centroid first
    cohesion: float  # mean cosine similarity of the members to the centroid

    @property
    def size(self) -> int:
        return int(self.members.shape[0])


@dataclass
class ClusterResult:
    labels: np.ndarray  # one per input, UNCLUSTERED for points that fit no cluster
    clusters: list[Cluster]

    @property
    def unclustered(self) -> np.ndarray:
        return np.flatnonzero(self.labels == UNCLUSTERED)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def ward_split_cut(points: np.ndarray, split_ratio: float) -> np.ndarray:
    """Labels from cutting the Ward tree of ``points`` top-down with the split test (see module doc)."""
    n = points.shape[0]
    if n < 3:
        return np.zeros(n, dtype=int)
    tree = linkage(points.astype(np.float64), method="ward")
    children = tree[:, :2].astype(int)
    sse = np.zeros(2 * n - 1)
    ratio = np.zeros(n - 1)
    for i, (a, b) in enumerate(children):
        cost = tree[i, 2] ** 2 / 2.0  # scipy's Ward height is sqrt(2 * increase in squared error)
        sse[n + i] = sse[a] + sse[b] + cost
        spread = sse[n + i] / tree[i, 3]
        ratio[i] = cost / spread if spread > 0 else (np.inf if cost > 0 else 0.0)
    labels = np.empty(n, dtype=int)
    stack = [2 * n - 2]
    next_label = 0
    while stack:
        node = stack.pop()
        if node >= n and ratio[node - n] > split_ratio:
            stack.extend(children[node - n])
            continue
        members = [node]  # a cluster root: label all leaves below it
        while members:
            current = members.pop()
            if current < n:
                labels[current] = next_label
            else:
                members.extend(children[current - n])
        next_label += 1
    return labels


def _at_least_rule_of_thumb(points: np.ndarray, labels: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    """Weakly structured data (spoken statements without context, say) make the split test stop after
    one or two splits, which helps no reader. When the few groups found are not well separated either
    (silhouette below ``weak_silhouette``), make √(n/2) clusters, the classic rule of thumb (Mardia, Kent
    & Bibby, 1979); clear structure is left as the split test found it."""
    n = points.shape[0]
    floor = max(2, round((n / 2) ** 0.5))
    found = len(np.unique(labels))
    if n < settings.rule_of_thumb_from or found >= floor:
        return labels
    if settings.structure_from is not None and found >= settings.structure_from:
        return labels
    if found > 1 and silhouette_score(points, labels, metric="cosine") >= settings.weak_silhouette:
        return labels
    # Without clear structure there is no tree worth cutting: k-means with restarts finds the better partition.
    return KMeans(n_clusters=floor, n_init=10, random_state=settings.seed).fit_predict(points).astype(int)


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    ids = np.unique(labels[labels >= 0])
    return np.vstack([vectors[labels == i].mean(axis=0) for i in ids])


def _mark_unclustered(vectors: np.ndarray, labels: np.ndarray, settings: ClusterSettings) -> np.ndarray:
    labels = labels.copy()
    centroids = _unit(_centroids(vectors, labels))
    ids = np.unique(labels)
    index = np.searchsorted(ids, labels)
    distance = 1.0 - np.einsum("ij,ij->i", vectors, centroids[index])
    median = float(np.median(distance))
    mad = float(np.median(np.abs(distance - median))) * 1.4826
    if mad > 0:
        labels[distance > median + settings.outlier_mads * mad] = UNCLUSTERED
    for cluster_id in ids:
        if np.count_nonzero(labels == cluster_id) < settings.min_size:
            labels[labels == cluster_id] = UNCLUSTERED
    return labels


def _describe(vectors: np.ndarray, labels: np.ndarray) -> ClusterResult:
    """Renumber clusters by size (largest first) and sort each one's members by closeness."""
    ids = [i for i in np.unique(labels) if i != UNCLUSTERED]
    ids.sort(key=lambda i: (-np.count_nonzero(labels == i), i))
    new_labels = np.full(labels.shape[0], UNCLUSTERED, dtype=int)
    clusters: list[Cluster] = []
    for new_id, old_id in enumerate(ids):
        members = np.flatnonzero(labels == old_id)
        centroid = _unit(vectors[members].mean(axis=0))
        similarity = vectors[members] @ centroid
        order = np.argsort(-similarity, kind="stable")
        new_labels[members] = new_id
        clusters.append(
            Cluster(new_id, centroid.astype(np.float32), members[order], float(similarity.mean()))
        )
    return ClusterResult(labels=new_labels, clusters=clusters)


def cluster_vectors(vectors: np.ndarray, settings: ClusterSettings | None = None) -> ClusterResult:
    """Cluster L2-normalised vectors; the number of clusters comes from the data."""
    settings = settings or ClusterSettings()
    vectors = _unit(np.asarray(vectors, dtype=np.float32))
    if settings.centre and vectors.shape[0] > 1:
        vectors = _unit(vectors - vectors.mean(axis=0))
    n = vectors.shape[0]
    if n < settings.min_size:
        return ClusterResult(labels=np.full(n, UNCLUSTERED, dtype=int), clusters=[])
    rng = np.random.default_rng(settings.seed)
    sample = (
        np.sort(rng.choice(n, settings.max_tree_points, replace=False))
        if n > settings.max_tree_points
        else None
    )
    tree_points = vectors if sample is None else vectors[sample]
    cut = ward_split_cut(tree_points, settings.split_ratio)
    cut = _at_least_rule_of_thumb(tree_points, cut, settings)
    seeds = _centroids(tree_points, cut)
    if seeds.shape[0] > 1:
        kmeans = KMeans(n_clusters=seeds.shape[0], init=seeds, n_init=1, random_state=settings.seed)
        labels = kmeans.fit_predict(vectors).astype(int)
    else:
        labels = np.zeros(n, dtype=int)
    return _describe(vectors, _mark_unclustered(vectors, labels, settings))
