"""Clustering statements with the library of typical community needs as soft seeds.

The number of needs is not given. It comes from the data, through the library: every typical need
(``knowledge/lexicons/need_cues.yaml``) that at least ``min_size`` statements lean towards most
strongly in their own words (the seed profile; their context only when too few seeds come from that)
becomes a seed; k-means on the combined features (``agents.initiative.statement_features``) starts
from the seeds' centres, so statements move to the need their meaning, question and cues fit best,
and a seed that attracts too few keeps no cluster. Statements far from every centre (median + a few
robust deviations, and never more than a tenth) stay unclustered. Without enough seeds (a corpus that speaks none of the library's
words), the generic clustering of ``agents.shared.clustering`` runs on the same features instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans

from agents.initiative.statement_features import StatementFeatures, unit
from agents.shared.clustering import UNCLUSTERED, ClusterSettings, cluster_vectors

MIN_SEEDS = 2
OUTLIER_QUANTILE = 0.9


@dataclass(frozen=True)
class SeedSettings:
    min_size: int = 3
    outlier_mads: float = 3.0
    seed: int = 0


@dataclass
class SeededClusters:
    labels: np.ndarray  # one per statement; UNCLUSTERED (-1) when it fits no need
    library_need: dict[int, str]  # cluster label -> the library need that seeded it


def seed_labels(profile: np.ndarray, min_size: int) -> np.ndarray:
    """The library need each statement leans to most (index into the profile), -1 for no cue at all."""
    if profile.size == 0:
        return np.full(profile.shape[0], UNCLUSTERED, dtype=int)
    strongest = profile.argmax(axis=1)
    leaning = np.where(profile.max(axis=1) > 0, strongest, UNCLUSTERED)
    counts = np.bincount(leaning[leaning >= 0], minlength=profile.shape[1])
    return np.where((leaning >= 0) & (counts[np.maximum(leaning, 0)] >= min_size), leaning, UNCLUSTERED)


def cluster_with_seeds(features: StatementFeatures, settings: SeedSettings | None = None) -> SeededClusters:
    settings = settings or SeedSettings()
    points = unit(np.asarray(features.vectors, dtype=np.float64))
    n = points.shape[0]
    if n < settings.min_size:
        return SeededClusters(np.full(n, UNCLUSTERED, dtype=int), {})
    seeds = seed_labels(features.cue_profile, settings.min_size)
    if features.seed_profile is not None:
        own = seed_labels(features.seed_profile, settings.min_size)
        if len({int(s) for s in own if s >= 0}) >= MIN_SEEDS:
            seeds = own
    seeded = sorted({int(s) for s in seeds if s >= 0})
    if len(seeded) < MIN_SEEDS:
        generic = cluster_vectors(points, ClusterSettings(min_size=settings.min_size, seed=settings.seed))
        return SeededClusters(generic.labels, {})
    centres = np.stack([points[seeds == s].mean(axis=0) for s in seeded])
    labels = KMeans(len(seeded), init=centres, n_init=1, random_state=settings.seed).fit_predict(points)
    labels = _mark_outliers(points, labels.astype(int), settings)
    library_need: dict[int, str] = {}
    for label in sorted({int(x) for x in labels if x >= 0}):
        leaning = seeds[labels == label]
        leaning = leaning[leaning >= 0]
        if leaning.size:
            library_need[label] = features.need_ids[int(np.bincount(leaning).argmax())]
    return SeededClusters(labels, library_need)


def _mark_outliers(points: np.ndarray, labels: np.ndarray, settings: SeedSettings) -> np.ndarray:
    labels = labels.copy()
    ids = sorted(set(labels.tolist()))
    centres = {i: unit(points[labels == i].mean(axis=0)) for i in ids}
    distance = np.array([1.0 - float(points[k] @ centres[label]) for k, label in enumerate(labels)])
    median = float(np.median(distance))
    mad = float(np.median(np.abs(distance - median))) * 1.4826
    if mad > 0:  # far by the robust rule, and among the farthest tenth: tight data keeps its clusters
        far = (distance > median + settings.outlier_mads * mad) & (
            distance >= np.quantile(distance, OUTLIER_QUANTILE)
        )
        labels[far] = UNCLUSTERED
    for cluster_id in ids:
        if np.count_nonzero(labels == cluster_id) < settings.min_size:
            labels[labels == cluster_id] = UNCLUSTERED
    return labels
