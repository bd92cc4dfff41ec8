"""The chromadb store: never chromadb's downloading default, nothing embedded twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from artefacts.notes import Note, Provenance
from knowledge.embedding_cache import CachedEmbedder
from knowledge.embeddings import HashingEmbedder
from knowledge.store import KnowledgeStore, Passage

REPO = Path(__file__).resolve().parent.parent


class CountingHashing(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def embed_documents(self, texts):
        self.asked.extend(texts)
        return super().embed_documents(texts)


def _notes(texts: list[str]) -> list[Note]:
    return [
        Note(
            id=Note.make_id("a.txt", i + 1, text),
            interview_id="i-a",
            speaker="P1",
            text=text,
            provenance=Provenance(source="interviews/a.txt", line_start=i + 1, line_end=i + 1),
        )
        for i, text in enumerate(texts)
    ]


TEXTS = [
    "ik wil oefeningen delen met andere trainers",
    "de velden zijn slecht",
    "ouders schreeuwen langs de lijn",
]


def test_add_notes_twice_embeds_once(tmp_path: Path) -> None:
    embedder = CountingHashing()
    store = KnowledgeStore(tmp_path / "chroma", embedder)
    notes = _notes(TEXTS)
    first = store.add_notes(notes)
    second = store.add_notes(list(reversed(notes)))
    assert embedder.asked == TEXTS
    assert np.allclose(second, first[::-1], atol=1e-6)
    hits = store.similar_notes("oefeningen voor trainers", k=1)
    assert hits[0].id == notes[0].id and hits[0].metadata["line_start"] == 1


def test_reopen_in_a_new_process_uses_our_function(tmp_path: Path) -> None:
    # chromadb's default would download a model (and fail offline); query_texts must use ours.
    store = KnowledgeStore(tmp_path / "chroma", CachedEmbedder(HashingEmbedder(), tmp_path / "cache"))
    store.add_notes(_notes(TEXTS))
    store.add_passages([Passage(id="p1", text="Begin met interviews", phase="initiative", language="nl")])
    script = (
        "import chromadb, knowledge.store\n"
        "from chromadb.config import Settings\n"
        f"c = chromadb.PersistentClient(path={str(tmp_path / 'chroma')!r}, settings=Settings(anonymized_telemetry=False))\n"
        "col = c.get_collection('notes_hashing')\n"
        "print(col.query(query_texts=['slechte velden'], n_results=1)['documents'][0][0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "de velden zijn slecht"


def test_methodology_is_filtered_by_language(tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder())
    passages = [
        Passage(
            id="nl-1",
            text="Interview de doelgroep voordat je een community start",
            phase="initiative",
            language="nl",
        ),
        Passage(
            id="en-1",
            text="Interview the target group before starting a community",
            phase="initiative",
            language="en",
        ),
    ]
    assert store.add_passages(passages) == 2
    assert store.add_passages(passages) == 0
    hits = store.search_methodology("interview target group", language="nl", k=5)
    assert [h.id for h in hits] == ["nl-1"] and hits[0].metadata["phase"] == "initiative"


def test_the_library_of_typical_needs_is_part_of_the_methodology_corpus(tmp_path):
    from knowledge.guidance import methodology_passages

    needs = [p for p in methodology_passages() if p.kind == "need"]
    ids = {p.id for p in needs}
    assert {"need-nl-backup", "need-en-backup", "need-nl-coordination", "need-en-digital"} <= ids
    assert all(p.phase == "initiative" and p.source.endswith(p.id.split("-", 2)[2]) for p in needs)
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder())
    store.add_passages(needs)
    hits = store.search_methodology("Vervanging en er niet alleen voor staan", language="nl", k=1)
    assert hits[0].id == "need-nl-backup" and hits[0].metadata["kind"] == "need"
