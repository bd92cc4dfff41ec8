"""Keywords per cluster by class-based TF-IDF (c-TF-IDF, as in BERTopic), and short labels from them.

All texts of a cluster are treated as one document. A word scores high for a cluster when it is
frequent there (tf, normalised by the cluster's word count) and rare across clusters
(idf = log(1 + A / f), A the mean number of words per cluster, f the word's count over all clusters).
Stop words and spoken fillers of Dutch and English come from ``knowledge/lexicons/stopwords.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from artefacts.yaml_data import parse as parse_yaml

TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_'’-]+(?:[-'’][^\W\d_]+)*\b"


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    text = resources.files("knowledge").joinpath("lexicons/stopwords.yaml").read_text(encoding="utf-8")
    return parse_yaml(text)


def _languages(language: str | None) -> list[str]:
    return [language] if language in ("nl", "en") else ["nl", "en"]


def stop_words(language: str | None = None) -> frozenset[str]:
    """Stop words and one-word fillers for ``nl`` or ``en``; both when the language is unknown."""
    lexicon = _lexicon()
    words: set[str] = set()
    for lang in _languages(language):
        words.update(lexicon[lang].split())
    return frozenset(words)


def strip_fillers(text: str, language: str | None = None) -> str:
    """Remove multi-word spoken fillers ("zeg maar", "you know") before words are counted."""
    fillers = [f for lang in _languages(language) for f in _lexicon()["fillers"][lang]]
    pattern = r"\b(?:" + "|".join(re.escape(f) for f in sorted(fillers, key=len, reverse=True)) + r")\b"
    return re.sub(pattern, " ", text.lower())


def class_tfidf(
    texts: Sequence[str], labels: Sequence[int], language: str | None = None
) -> tuple[list[int], list[str], np.ndarray]:
    """c-TF-IDF matrix: (cluster ids, vocabulary, scores[cluster, word]). Label -1 is left out."""
    clusters = sorted({int(label) for label in labels if label >= 0})
    if not clusters:
        return [], [], np.zeros((0, 0))
    joined = {c: [] for c in clusters}  # type: dict[int, list[str]]
    for text, label in zip(texts, labels, strict=True):
        if label >= 0:
            joined[int(label)].append(strip_fillers(text, language))
    vectorizer = CountVectorizer(
        token_pattern=TOKEN_PATTERN, lowercase=True, stop_words=sorted(stop_words(language))
    )
    try:
        counts = vectorizer.fit_transform([" ".join(joined[c]) for c in clusters]).toarray().astype(float)
    except ValueError:  # nothing but stop words
        return clusters, [], np.zeros((len(clusters), 0))
    words = counts.sum(axis=1, keepdims=True)
    tf = counts / np.where(words == 0, 1.0, words)
    mean_words = float(words.mean())
    frequency = counts.sum(axis=0)
    idf = np.log(1.0 + mean_words / np.where(frequency == 0, 1.0, frequency))
    return clusters, list(vectorizer.get_feature_names_out()), tf * idf


def top_keywords(
    texts: Sequence[str], labels: Sequence[int], language: str | None = None, n: int = 8
) -> dict[int, list[str]]:
    """The ``n`` most distinctive words of every cluster (label -1 excluded)."""
    clusters, vocabulary, scores = class_tfidf(texts, labels, language)
    result: dict[int, list[str]] = {}
    for row, cluster in enumerate(clusters):
        if not vocabulary:
            result[cluster] = []
            continue
        order = np.argsort(-scores[row], kind="stable")[:n]
        result[cluster] = [vocabulary[i] for i in order if scores[row, i] > 0]
    return result


def distinct_keywords(keywords: Sequence[str], size: int = 3) -> list[str]:
    """The top keywords, skipping near-duplicates: the same first five letters (oefening, oefeningen)
    or one word the start of the other (club, clubs)."""
    chosen: list[str] = []
    for word in keywords:
        if not any(_near(word, other) for other in chosen):
            chosen.append(word)
        if len(chosen) == size:
            break
    return chosen


def _near(a: str, b: str) -> bool:
    return a[:5] == b[:5] or a.startswith(b) or b.startswith(a)


def label_from_keywords(keywords: Sequence[str], size: int = 3) -> str:
    """A short label: the top distinct keywords."""
    chosen = distinct_keywords(keywords, size)
    return ", ".join(chosen) if chosen else "(no keywords)"
