"""Embedders and the content-hash cache (no model downloads, no network)."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from artefacts.errors import ConfigError
from artefacts.project import EmbeddingSettings
from knowledge.embedding_cache import CachedEmbedder
from knowledge.embeddings import Embedder, HashingEmbedder, make_embedder


class CountingEmbedder:
    """A fake that records every text it was asked to embed."""

    name = "counting:v1"
    dim = 8

    def __init__(self) -> None:
        self.documents: list[str] = []
        self.queries: list[str] = []

    def embed_documents(self, texts):
        self.documents.extend(texts)
        vectors = np.array([[len(t), t.count("a"), 1, 0, 0, 0, 0, 0] for t in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_query(self, text):
        self.queries.append(text)
        return self.embed_documents([text])[0]


def test_hashing_embedder_is_normalised_float32() -> None:
    vectors = HashingEmbedder().embed_documents(["hallo wereld", "hello world", ""])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 1024)
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0)
    assert isinstance(HashingEmbedder(), Embedder)


def test_cache_hits_do_not_call_the_inner_embedder(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.embed_documents(["a", "bb", "a"])
    assert inner.documents == ["a", "bb"]  # duplicates embedded once
    again = CachedEmbedder(inner, tmp_path).embed_documents(["bb", "a", "ccc"])  # a new run, same folder
    assert inner.documents == ["a", "bb", "ccc"]
    assert np.allclose(again[1], first[0]) and np.allclose(again[0], first[1])
    cached.embed_query("a")
    cached.embed_query("a")
    assert inner.queries == ["a"]


def test_cache_keys_include_the_embedder_name(tmp_path: Path) -> None:
    inner = CountingEmbedder()
    CachedEmbedder(inner, tmp_path).embed_documents(["same text"])
    other = CountingEmbedder()
    other.name = "counting:v2"
    CachedEmbedder(other, tmp_path).embed_documents(["same text"])
    assert other.documents == ["same text"]


def test_make_embedder_wraps_in_cache(tmp_path: Path) -> None:
    embedder = make_embedder(EmbeddingSettings(name="hashing"), tmp_path)
    assert isinstance(embedder, CachedEmbedder) and embedder.dim == 1024
    assert (tmp_path / "embeddings.sqlite").exists()


def test_openai_without_key_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        make_embedder(EmbeddingSettings(name="openai"))


def test_missing_sentence_transformers_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("sentence_transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ConfigError, match=r"samen\[sentence-transformers\]"):
        make_embedder(EmbeddingSettings(name="sentence-transformers"))


def test_wordllama_restores_the_root_logger() -> None:
    root = logging.getLogger()
    before = root.level
    vectors = make_embedder(EmbeddingSettings(name="wordllama")).embed_documents(
        ["trainers delen oefeningen"]
    )
    assert vectors.shape == (1, 256)
    assert root.level == before


def test_e5_embeds_a_few_texts() -> None:
    embedder = make_embedder(EmbeddingSettings(name="e5"))
    vectors = embedder.embed_documents(["oefeningen delen", "exercise sharing", "de kantine"])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert np.isclose(np.linalg.norm(embedder.embed_query("oefeningen")), 1.0, atol=1e-4)


def test_openai_embeddings_go_where_the_chat_model_was_pointed(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakes.openai_server import OpenAIServer

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with OpenAIServer() as server:
        monkeypatch.setenv("SAMEN_BASE_URL", server.url)
        embedder = make_embedder(EmbeddingSettings(name="openai"))  # no key needed for a local server
        vectors = embedder.embed_documents(["Ik zoek oefenstof", "Wie valt in?"])
    assert vectors.shape == (2, 8) and server.paths == ["/v1/embeddings"]
    assert "Ik zoek oefenstof" in server.sent_text()


def test_a_project_with_a_local_chat_server_embeds_there_too() -> None:
    from artefacts.project import Project

    project = Project.model_validate(
        {
            "organisation": {"name": "X"},
            "provider": {"name": "openai-compatible", "base_url": "http://127.0.0.1:11434/v1", "model": "m"},
            "embeddings": {"name": "openai", "model": "nomic-embed-text"},
        }
    )
    assert project.embeddings.base_url == "http://127.0.0.1:11434/v1"
    own = Project.model_validate(
        {
            "organisation": {"name": "X"},
            "provider": {"name": "openai-compatible", "base_url": "http://127.0.0.1:11434/v1", "model": "m"},
            "embeddings": {"name": "openai", "base_url": "http://127.0.0.1:8080/v1"},
        }
    )
    assert own.embeddings.base_url == "http://127.0.0.1:8080/v1"


def test_openai_itself_still_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("SAMEN_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        make_embedder(EmbeddingSettings(name="openai", base_url="https://api.openai.com/v1"))


def test_e5_runs_two_engine_calls_at_once_with_the_order_and_the_vectors_of_one_at_a_time() -> None:
    from knowledge.embeddings import E5Embedder

    texts = [f"zin nummer {i} over {'trainers' if i % 2 else 'velden'} en {'jeugd' * (i % 4)}" for i in range(90)]
    seen: list[tuple[int, int]] = []
    together = E5Embedder(batch_size=8, progress=lambda done, total: seen.append((done, total)))
    one_at_a_time = E5Embedder(batch_size=8)
    one_at_a_time.concurrent_calls = 1
    assert together.concurrent_calls == 2 and together.texts_per_round == 16
    vectors = together.embed_documents(texts)
    assert np.array_equal(vectors, one_at_a_time.embed_documents(texts))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and seen[-1] == (90, 90)
    assert len(seen) == 12  # a tick per engine call, not one at the end
