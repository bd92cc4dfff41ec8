"""`samen cluster`: cluster any CSV of short texts with the needs map's machinery, without k."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

from agents.shared.text_clusters import TextClusters, cluster_csv
from artefacts.errors import ConfigError, InputError
from artefacts.files import write_atomic
from artefacts.project import EmbeddingSettings
from flows.messages import message
from knowledge.embeddings import make_embedder

EMBEDDERS = ("e5", "wordllama", "hashing", "openai", "sentence-transformers")


def cache_dir() -> Path:
    """Embeddings of standalone runs are cached per user, so a rerun embeds nothing twice."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "samen" / "embeddings"


def cluster_file(
    file: Path,
    text_column: str,
    out_path: Path,
    *,
    embedder_name: str = "e5",
    language: str | None = None,
    console: Console | None = None,
) -> TextClusters:
    if embedder_name not in EMBEDDERS:
        raise ConfigError(
            message(language, "unknown_embedder", name=embedder_name),
            hint=message(language, "choose_one_of", options=", ".join(EMBEDDERS)),
        )
    if not file.exists():
        raise InputError(
            message(language, "file_not_found"), path=file, hint=message(language, "check_the_path")
        )
    from flows.progress import reporting

    with reporting(console) as report:
        report.step(
            message(
                language, "step_embedding_column", column=text_column, file=file.name, embedder=embedder_name
            )
        )
        label = message(language, "progress_embedding")
        embedder = make_embedder(
            EmbeddingSettings(name=embedder_name),  # type: ignore[arg-type]
            cache_dir(),
            progress=lambda done, total: report.advance(label, done, total),
            language=language or "en",
        )
        result = cluster_csv(file, text_column, embedder, language)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out_path, result.model_dump_json(indent=2) + "\n")
    return result
