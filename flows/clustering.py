"""`samen cluster`: cluster any CSV of short texts with the needs map's machinery, without k."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

from agents.text_clusters import TextClusters, cluster_csv
from artefacts.errors import ConfigError, InputError
from artefacts.project import EmbeddingSettings
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
        raise ConfigError(f"unknown embedder '{embedder_name}'", hint=f"choose one of: {', '.join(EMBEDDERS)}")
    if not file.exists():
        raise InputError("file not found", path=file, hint="check the path")
    from flows.progress import reporting

    with reporting(console) as report:
        report.step(f"embedding the '{text_column}' column of {file.name} ({embedder_name})")
        embedder = make_embedder(
            EmbeddingSettings(name=embedder_name),  # type: ignore[arg-type]
            cache_dir(),
            progress=lambda done, total: report.advance("embedding", done, total),
        )
        result = cluster_csv(file, text_column, embedder, language)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return result
