"""How far the offline features can carry need recognition, even with labels: a supervised ceiling.

    .venv/bin/python benchmarks/needs_ceiling.py [--embedder e5] [EXAMPLE ...]

For each example, the gold labels of the first half of the interviews (by file order) stand in for a
reviewer who corrected every statement; a classifier learns from them and places the need statements
of the other half. Three placements, on the same features the needs map has:

- centroid: each statement goes to the need whose mean (centred) embedding is closest, as the needs map
  places new notes into a reviewed structure;
- words + e5: logistic regression on tf-idf of the statement's and its question's word stems and the
  centred embedding;
- words + e5 + cues: the same with the library's cue profile added.

Prints ARI and accuracy on the second half; writes benchmarks/results/needs-ceiling-<embedder>.json.
If even this supervised, in-domain placement stays far below the issue's ARI 0.40, no unsupervised
method on the same features will reach it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from agents.initiative.interview_guide import asked, guide_questions  # noqa: E402
from agents.initiative.statement_features import describe, unit  # noqa: E402
from artefacts.project import Project  # noqa: E402
from evaluations.gold import SMALLTALK, Gold, match_notes  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402

EXAMPLES = ["nl-trainers", "en-makers", "nl-zorg", "nl-bieb", "nl-energie"]
_WORD = re.compile(r"[^\W\d_]{3,}")


def stems(text: str) -> str:
    return " ".join(word[:6] for word in _WORD.findall(text.lower()))


def measure(example: str, embedder: str) -> dict:
    folder = REPO / "examples" / example
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(folder, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
        project = Project.model_validate(yaml.safe_load((root / "samen.yaml").read_text(encoding="utf-8")))
        project.embeddings.name = embedder  # type: ignore[assignment]
        corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
    statements = corpus.statements()
    embed = make_embedder(project.embeddings, REPO / "benchmarks" / ".cache" / "embeddings").embed_documents
    vectors = np.asarray(embed([n.text for n in statements]), dtype=np.float32)
    labels = gold_labels(Gold.load(folder / "gold.yaml"), statements, corpus.notes)
    interviews = sorted({n.interview_id for n in statements})
    first = set(interviews[: len(interviews) // 2])
    need = [i for i, label in enumerate(labels) if label and label != SMALLTALK]
    train = [i for i in need if statements[i].interview_id in first]
    test = [i for i in need if statements[i].interview_id not in first]
    y_train, y_test = np.array([labels[i] for i in train]), np.array([labels[i] for i in test])

    centred = unit(vectors - vectors.mean(axis=0))
    names = sorted(set(y_train))
    centres = np.stack(
        [
            unit(centred[[i for i, y in zip(train, y_train, strict=True) if y == n]].mean(axis=0))
            for n in names
        ]
    )
    placed = {"centroid": np.array([names[k] for k in (centred[test] @ centres.T).argmax(axis=1)])}

    texts = [stems(n.text) for n in statements]
    questions = [stems(asked(n.context)) for n in statements]
    words = TfidfVectorizer(sublinear_tf=True).fit(
        [t + " " + q for t, q in zip(texts, questions, strict=True)]
    )
    base = hstack([words.transform(texts), 0.5 * words.transform(questions), csr_matrix(centred)]).tocsr()
    cues = describe(
        statements, vectors, project.language, embed=embed, guide=guide_questions(project.guide)
    ).cue_profile
    with_cues = hstack([base, csr_matrix(unit(cues))]).tocsr()
    for name, features in (("words + e5", base), ("words + e5 + cues", with_cues)):
        model = LogisticRegression(C=3.0, max_iter=3000).fit(features[train], y_train)
        placed[name] = model.predict(features[test])
    return {
        "example": example,
        "train": len(train),
        "test": len(test),
        **{
            name: {
                "ari": round(float(adjusted_rand_score(y_test, predicted)), 3),
                "accuracy": round(float(np.mean(predicted == y_test)), 3),
            }
            for name, predicted in placed.items()
        },
    }


def gold_labels(gold: Gold, statements: list, notes: list) -> list[str | None]:
    """Each statement's gold need: the most frequent label of the gold quotes it holds."""
    held: dict[str, list[str]] = defaultdict(list)
    for statement, note in match_notes(gold, notes):
        if note is not None:
            held[note.id].append(statement.need)
    return [Counter(held[n.id]).most_common(1)[0][0] if held[n.id] else None for n in statements]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("examples", nargs="*", default=EXAMPLES)
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    rows = []
    print("| example | train / test statements | centroid ARI (acc.) | words + e5 | words + e5 + cues |")
    print("|---|---|---|---|---|")
    for example in args.examples:
        row = measure(example, args.embedder)
        rows.append(row)
        cells = [
            f"{row[k]['ari']:.3f} ({row[k]['accuracy']:.0%})"
            for k in ("centroid", "words + e5", "words + e5 + cues")
        ]
        print(f"| {example} | {row['train']} / {row['test']} | " + " | ".join(cells) + " |", flush=True)
    out = REPO / "benchmarks" / "results" / f"needs-ceiling-{args.embedder}.json"
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
