"""Broad themes over needs: needs whose centres lie close are grouped, so a reviewer can zoom out."""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

from artefacts.initiative import Need, Theme


def group_themes(needs: list[Need], centres: dict[str, np.ndarray], language: str) -> list[Theme]:
    """Average-linkage grouping of need centres; a theme needs two or more needs."""
    if len(needs) < 4:
        return []
    matrix = np.stack([centres[need.id] for need in needs])
    distances = 1.0 - np.clip(matrix @ matrix.T, -1.0, 1.0)
    condensed = distances[np.triu_indices(len(needs), k=1)]
    tree = linkage(condensed, method="average")
    # Cut where needs are closer to each other than needs typically are.
    cut = float(np.percentile(condensed, 20))
    labels = fcluster(tree, t=cut, criterion="distance")
    themes: list[Theme] = []
    for label in sorted(set(labels.tolist())):
        members = [need for need, lab in zip(needs, labels, strict=True) if lab == label]
        if len(members) < 2:
            continue
        lead = max(members, key=lambda n: len(n.note_ids))
        theme_id = f"T{len(themes) + 1}"
        themes.append(Theme(id=theme_id, title=lead.title, need_ids=[n.id for n in members]))
        for need in members:
            need.theme = theme_id
    return themes
