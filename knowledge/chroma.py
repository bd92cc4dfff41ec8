"""chromadb's side of the store: the client (on disk or a server) and our registered embedding function.

chromadb's default embedding function downloads a model on first use (and fails offline), even when
``embedding_function=None`` is passed. So every collection is opened with ``SamenEmbeddingFunction``,
registered with chromadb so that a reopened collection (in another process, too) rebuilds it from its
stored config instead of falling back to the default. Set ``SAMEN_CHROMA_URL=http://127.0.0.1:8000`` to
use a chromadb server (``chroma run``) instead of ``<project>/.samen/chroma``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings
from chromadb.utils.embedding_functions import register_embedding_function

from artefacts.project import EmbeddingSettings
from knowledge.embeddings import Embedder, make_embedder

CHROMA_URL = "SAMEN_CHROMA_URL"


@register_embedding_function
class SamenEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb's view of a Samen embedder. Never downloads anything."""

    def __init__(self, embedder: Embedder, settings: dict[str, Any] | None = None) -> None:
        self.embedder = embedder
        self.settings = settings or {"embedder": embedder.name}

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "samen"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return dict(self.settings)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> SamenEmbeddingFunction:
        kind = str(config.get("kind", "hashing"))
        settings = EmbeddingSettings(name=kind, model=config.get("model"))  # type: ignore[arg-type]
        cache = config.get("cache_dir")
        return SamenEmbeddingFunction(make_embedder(settings, Path(cache) if cache else None), config)

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        return None


def function_for(embedder: Embedder, extra: dict[str, Any] | None = None) -> SamenEmbeddingFunction:
    """The embedding function of ``embedder``, with the config a reopening process rebuilds it from."""
    config: dict[str, Any] = {"embedder": embedder.name, "kind": embedder.name.split(":")[0]}
    cache_dir = getattr(embedder, "cache_dir", None)
    if cache_dir is not None:
        config["cache_dir"] = str(cache_dir)
    config.update(extra or {})
    return SamenEmbeddingFunction(embedder, config)


def open_client(path: Path) -> Any:
    """A chromadb server's client when ``SAMEN_CHROMA_URL`` is set, otherwise the folder ``path``."""
    settings = Settings(anonymized_telemetry=False)
    url = os.environ.get(CHROMA_URL)
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


LEGACY_COLLECTIONS = ("notes_", "methodology_")


def drop_legacy_collections(client: Any) -> list[str]:
    """Delete the collections of before project ids (``notes_e5``, ``methodology_e5``…) from a project's
    own folder; returns their names. Never call it on a shared server: others may still read them."""
    dropped = []
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if name.startswith(LEGACY_COLLECTIONS):
            client.delete_collection(name)
            dropped.append(name)
    return dropped
