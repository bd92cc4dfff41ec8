"""A project's knowledge: its own id and collections, methodology embedded once per user, one index call."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from artefacts.errors import ConfigError
from artefacts.project import Organisation, Project
from knowledge.embeddings import HashingEmbedder
from knowledge.guidance import methodology_passages
from knowledge.project_id import ID_FILE, project_id, slug
from knowledge.project_knowledge import index_project, open_knowledge
from tests.builders import note


class CountingHashing(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    def embed_documents(self, texts):
        self.asked += len(texts)
        return super().embed_documents(texts)


def _project(name: str = "Bibliotheek Oost") -> Project:
    return Project(organisation=Organisation(name=name), language="nl")


def test_a_project_id_is_made_once_and_kept_in_the_state_folder(tmp_path: Path) -> None:
    first = project_id(tmp_path, "Bibliotheek Oost!")
    assert first.startswith("bibliotheek-oost-") and len(first) == len("bibliotheek-oost-") + 8
    assert project_id(tmp_path, "Another name later") == first
    assert (tmp_path / ID_FILE).read_text().strip() == first
    assert project_id(tmp_path / "other", "Bibliotheek Oost!") != first  # same organisation, own id
    assert slug("Ça va, Zoë & co") == "ca-va-zoe-co" and slug("???") == "project"


def test_a_damaged_project_id_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / ID_FILE).parent.mkdir(parents=True)
    (tmp_path / ID_FILE).write_text("Not An Id!\n")
    with pytest.raises(ConfigError) as error:
        project_id(tmp_path, "x")
    assert error.value.path == tmp_path / ID_FILE


def test_methodology_is_embedded_once_per_user_and_a_rerun_writes_nothing(tmp_path: Path) -> None:
    shared = tmp_path / "user-cache"
    first_embedder, second_embedder = CountingHashing(), CountingHashing()
    notes = [note("ik wil oefeningen delen", line=1), note("de velden zijn slecht", line=2)]
    one = index_project(tmp_path / "one", _project(), first_embedder, notes, shared_cache=shared)
    passages = len(methodology_passages())
    assert one.passages.added == passages and one.notes.added == 2
    assert first_embedder.asked == passages + 2
    two = index_project(tmp_path / "two", _project(), second_embedder, notes[:1], shared_cache=shared)
    assert two.passages.added == passages and second_embedder.asked == 1  # passages from the user's cache
    assert two.project_id != one.project_id
    again = index_project(tmp_path / "one", _project(), first_embedder, notes, shared_cache=shared)
    assert not again.notes.wrote and not again.passages.wrote
    store = open_knowledge(tmp_path / "one", _project(), HashingEmbedder(), shared_cache=shared)
    guidance = store.guidance("core-group", k=3, language="nl")
    assert len(guidance) == 3 and {g.phase for g in guidance} == {"core-group"}
    assert store.evidence_for("velden", k=1)[0].line == 2


def test_the_collections_of_before_project_ids_are_dropped_from_the_projects_folder(tmp_path: Path) -> None:
    from knowledge.chroma import open_client

    client = open_client(tmp_path / ".samen" / "chroma")
    client.create_collection("notes_e5")
    client.create_collection("methodology_e5")
    store = open_knowledge(tmp_path, _project(), HashingEmbedder(), shared_cache=tmp_path / "cache")
    names = {c if isinstance(c, str) else c.name for c in store.client.list_collections()}
    assert names == {store.notes.name, store.methodology.name}
    assert all(name.startswith(store.project_id) for name in names)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_two_projects_on_one_chroma_server_keep_their_notes_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chromadb

    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        monkeypatch.setenv("SAMEN_CHROMA_URL", f"http://127.0.0.1:{port}")
        shared = tmp_path / "user-cache"
        index_project(
            tmp_path / "club",
            _project("VV Club"),
            HashingEmbedder(),
            [note("de velden zijn slecht")],
            passages=[],
            shared_cache=shared,
        )
        index_project(
            tmp_path / "bieb",
            _project(),
            HashingEmbedder(),
            [note("de velden rond de bibliotheek zijn slecht", speaker="P09")],
            passages=[],
            shared_cache=shared,
        )
        club = open_knowledge(tmp_path / "club", _project("VV Club"), HashingEmbedder(), shared_cache=shared)
        assert [h.speaker for h in club.evidence_for("velden slecht", k=10)] == ["P01"]
        assert not (tmp_path / "club" / ".samen" / "chroma").exists()  # the server holds the data
    finally:
        server.terminate()
        server.wait(timeout=30)
