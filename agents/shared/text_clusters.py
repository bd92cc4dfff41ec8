"""Cluster a list of short texts into labelled groups: what ``samen cluster FILE.csv`` returns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import Field

from agents.shared.clustering import SHORT_TEXTS, UNCLUSTERED, ClusterSettings, cluster_vectors
from agents.shared.keywords import label_from_keywords, top_keywords
from artefacts.base import Strict
from artefacts.errors import InputError
from artefacts.messages import message
from knowledge.embeddings import Embedder
from knowledge.surveys import sniff_delimiter


class TextCluster(Strict):
    id: int = Field(ge=0, description="Cluster number; 0 is the largest.")
    label: str = Field(description="Short label: the top two or three keywords.")
    size: int = Field(ge=1)
    cohesion: float = Field(
        description="Mean cosine similarity of the members to the cluster centre (the vectors centred on the mean "
        "of all texts first)."
    )
    keywords: list[str] = Field(default_factory=list, description="Most distinctive words (c-TF-IDF).")
    examples: list[str] = Field(default_factory=list, description="Texts closest to the centre, best first.")
    members: list[int] = Field(
        default_factory=list, description="Input positions, closest to the centre first."
    )


class TextClusters(Strict):
    schema_version: int = 1
    embedder: str = Field(description="Name of the embedder that made the vectors.")
    assignments: list[int] = Field(
        description="Cluster id per input text, in input order; -1 is unclustered."
    )
    clusters: list[TextCluster] = Field(default_factory=list)
    unclustered: int = Field(default=0, ge=0, description="How many texts fit no cluster.")


def cluster_texts(
    texts: list[str],
    embedder: Embedder,
    language: str | None = None,
    settings: ClusterSettings | None = None,
    examples: int = 5,
) -> TextClusters:
    """Embed, cluster (the number of clusters comes from the data), and describe every cluster."""
    if not texts:
        return TextClusters(embedder=embedder.name, assignments=[])
    result = cluster_vectors(embedder.embed_documents(texts), settings or SHORT_TEXTS)
    labels = [int(label) for label in result.labels]
    keywords = top_keywords(texts, labels, language)
    clusters = [
        TextCluster(
            id=cluster.id,
            label=label_from_keywords(keywords.get(cluster.id, [])),
            size=cluster.size,
            cohesion=round(cluster.cohesion, 4),
            keywords=keywords.get(cluster.id, []),
            examples=[texts[i] for i in cluster.members[:examples]],
            members=[int(i) for i in cluster.members],
        )
        for cluster in result.clusters
    ]
    return TextClusters(
        embedder=embedder.name,
        assignments=labels,
        clusters=clusters,
        unclustered=sum(1 for label in labels if label == UNCLUSTERED),
    )


def read_text_column(path: Path, text_column: str, language: str | None = None) -> list[str]:
    """The values of one column of a CSV file (delimiter found as for surveys; empty cells kept as empty
    texts)."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(message(language, "cannot_read_file", error=error), path=path) from error
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=sniff_delimiter(content))
    columns = reader.fieldnames or []
    if text_column not in columns:
        raise InputError(
            message(language, "no_such_column", column=repr(text_column)),
            path=path,
            hint=message(
                language, "no_such_column_hint", columns=", ".join(columns) or message(language, "no_columns")
            ),
        )
    return [(row.get(text_column) or "").strip() for row in reader]


def cluster_csv(
    path: Path, text_column: str, embedder: Embedder, language: str | None = None
) -> TextClusters:
    """Cluster the texts of one CSV column; rows with an empty cell are assigned -1."""
    texts = read_text_column(path, text_column, language)
    filled = [i for i, text in enumerate(texts) if text]
    result = cluster_texts([texts[i] for i in filled], embedder, language)
    assignments = [UNCLUSTERED] * len(texts)
    for position, label in zip(filled, result.assignments, strict=True):
        assignments[position] = label
    for cluster in result.clusters:
        cluster.members = [filled[i] for i in cluster.members]
    return result.model_copy(
        update={"assignments": assignments, "unclustered": assignments.count(UNCLUSTERED)}
    )
