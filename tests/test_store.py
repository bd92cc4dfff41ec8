"""The chromadb store: never chromadb's downloading default, a sync per project, read back by meaning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedding_cache import CachedEmbedder
from knowledge.embeddings import HashingEmbedder
from knowledge.hits import Passage
from knowledge.store import KnowledgeStore, collection_name
from tests.builders import note

REPO = Path(__file__).resolve().parent.parent


class CountingHashing(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def embed_documents(self, texts):
        self.asked.extend(texts)
        return super().embed_documents(texts)


TEXTS = [
    "ik wil oefeningen delen met andere trainers",
    "de velden zijn slecht",
    "ouders schreeuwen langs de lijn",
    "ik zoek oefeningen voor de jongste trainers",
]


class ReadOnly:
    """A collection that may be read but fails on any write."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name: str):
        if name in {"add", "upsert", "update", "delete"}:
            raise AssertionError(f"the store wrote ({name}) on a rerun of unchanged notes")
        return getattr(self.inner, name)


def _notes(texts: list[str], speaker: str = "P01"):
    return [note(text, line=i + 1, speaker=speaker) for i, text in enumerate(texts)]


def test_a_rerun_of_unchanged_notes_writes_nothing_and_removed_notes_disappear(tmp_path: Path) -> None:
    embedder = CountingHashing()
    store = KnowledgeStore(tmp_path / "chroma", embedder, project_id="club-0001")
    notes = _notes(TEXTS)
    first = store.sync_notes(notes)
    assert (first.added, first.updated, first.removed) == (4, 0, 0)
    writable, store.notes = store.notes, ReadOnly(store.notes)
    again = store.sync_notes(list(reversed(notes)))
    assert not again.wrote and again.unchanged == 4
    store.notes = writable
    assert embedder.asked == TEXTS  # nothing embedded twice
    kept = [notes[0], notes[2], notes[3].model_copy(update={"speaker": "P07"})]
    third = store.sync_notes(kept)
    assert (third.added, third.updated, third.removed) == (0, 1, 1)
    assert store.notes.count() == 3
    assert notes[1].id not in {h.id for h in store.evidence_for("de velden zijn slecht", k=5)}
    assert store.notes_like(notes[0].id, k=1)[0].speaker == "P07"  # the updated metadata is served


def test_evidence_for_a_claim_names_source_and_line_and_leaves_out_what_is_excluded(tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="club-0001")
    notes = _notes(TEXTS)
    store.sync_notes(notes)
    best = store.evidence_for("oefeningen delen met trainers", k=2)
    assert best[0].id == notes[0].id and (best[0].source, best[0].line) == ("interviews/a.txt", 1)
    assert best[0].similarity >= best[1].similarity
    without = store.evidence_for("oefeningen delen met trainers", k=2, exclude_ids=[notes[0].id])
    assert len(without) == 2 and without[0].id == notes[3].id
    assert notes[0].id not in {h.id for h in without}


def test_notes_like_a_note_are_its_neighbours_without_itself(tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="club-0001")
    notes = _notes(TEXTS)
    store.sync_notes(notes)
    like = store.notes_like(notes[0].id, k=2)
    assert like[0].id == notes[3].id and notes[0].id not in {h.id for h in like}
    with pytest.raises(KeyError):
        store.notes_like("n-nothere", k=1)


def test_two_projects_in_one_store_never_see_each_others_notes(tmp_path: Path) -> None:
    one = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="club-0001")
    two = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="bieb-0002")
    one.sync_notes(_notes(TEXTS[:2]))
    two.sync_notes(_notes(["de bibliotheek is te vroeg dicht"], speaker="P09"))
    assert {h.speaker for h in one.evidence_for("bibliotheek dicht", k=10)} == {"P01"}
    assert [h.speaker for h in two.evidence_for("oefeningen trainers", k=10)] == ["P09"]
    assert two.sync_notes([]).removed == 1 and one.notes.count() == 2  # a sync touches only its project


def test_reopen_in_a_new_process_uses_our_function(tmp_path: Path) -> None:
    # chromadb's default would download a model (and fail offline); query_texts must use ours.
    embedder = CachedEmbedder(HashingEmbedder(), tmp_path / "cache")
    store = KnowledgeStore(tmp_path / "chroma", embedder, project_id="club-0001")
    store.sync_notes(_notes(TEXTS))
    name = collection_name("club-0001", "notes", embedder.name)
    script = (
        "import chromadb, knowledge.chroma\n"
        "from chromadb.config import Settings\n"
        f"c = chromadb.PersistentClient(path={str(tmp_path / 'chroma')!r}, settings=Settings(anonymized_telemetry=False))\n"
        f"col = c.get_collection({name!r})\n"
        "print(col.query(query_texts=['slechte velden'], n_results=1)['documents'][0][0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "de velden zijn slecht"


PASSAGES = [
    Passage(id="nl-1", text="Interview de doelgroep voordat je begint", phase="initiative", language="nl"),
    Passage(id="en-1", text="Interview the target group before you start", phase="initiative", language="en"),
    Passage(
        id="nl-2", text="Laat de kerngroep de huisregels zelf schrijven", phase="core-group", language="nl"
    ),
    Passage(id="nl-3", text="Vraag wie een rol wil in de kerngroep", phase="core-group", language="nl"),
]


def test_guidance_for_a_phase_by_language_in_order_or_by_query(tmp_path: Path) -> None:
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="club-0001")
    assert store.sync_passages(PASSAGES).added == 4
    assert not store.sync_passages(PASSAGES).wrote
    assert [h.id for h in store.guidance("core-group", k=5, language="nl")] == ["nl-2", "nl-3"]
    ranked = store.guidance("core-group", k=1, query="wie wil een rol", language="nl")
    assert [h.id for h in ranked] == ["nl-3"] and ranked[0].similarity is not None
    assert [h.id for h in store.guidance("initiative", k=5, query="interview", language="en")] == ["en-1"]
    assert store.guidance("launch", k=3) == []
    with pytest.raises(ValueError, match="unknown phase"):
        store.guidance("kerngroep", k=1)


def test_the_library_of_typical_needs_is_part_of_the_methodology_corpus(tmp_path: Path) -> None:
    from knowledge.guidance import methodology_passages

    needs = [p for p in methodology_passages() if p.kind == "need"]
    ids = {p.id for p in needs}
    assert {"need-nl-backup", "need-en-backup", "need-nl-coordination", "need-en-digital"} <= ids
    assert all(p.phase == "initiative" and p.source.endswith(p.id.split("-", 2)[2]) for p in needs)
    store = KnowledgeStore(tmp_path / "chroma", HashingEmbedder(), project_id="club-0001")
    store.sync_passages(needs)
    hits = store.guidance("initiative", k=1, query="Vervanging en er niet alleen voor staan", language="nl")
    assert hits[0].id == "need-nl-backup" and hits[0].kind == "need"


def test_every_phase_has_guidance_in_both_languages() -> None:
    from knowledge.guidance import methodology_passages
    from knowledge.hits import GUIDANCE_PHASES

    found = {(p.phase, p.language) for p in methodology_passages()}
    assert {(phase, lang) for phase in GUIDANCE_PHASES for lang in ("nl", "en")} <= found


def test_note_vectors_come_back_in_the_order_asked(tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    store = KnowledgeStore(tmp_path / "chroma", embedder, project_id="club-0001")
    notes = _notes(TEXTS)
    store.sync_notes(notes)
    vectors = store.note_vectors([notes[2].id, notes[0].id])
    assert np.allclose(vectors, embedder.embed_documents([TEXTS[2], TEXTS[0]]), atol=1e-6)
