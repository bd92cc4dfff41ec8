"""`samen notes like`: the notes most like one note, with the need each sits in, from the real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.initiative.needs_map import NeedsMapInputs, draft
from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from flows.cli import run_cli
from flows.cli.notes import notes_like
from flows.context import ProjectContext
from flows.scaffold import scaffold
from knowledge.project_knowledge import index_project
from tests.builders import blob_vectors, note, on_hashing_embedder
from tests.fakes.retrieval import RecordingRetriever

TOPICS = (
    "oefeningen delen met trainers van andere clubs",
    "velden slecht onderhouden na de regen",
    "invaller zoeken bij ziekte van de trainer",
)


@pytest.fixture()
def project(tmp_path: Path) -> tuple[Path, NeedsMap]:
    """A Dutch project with three topics of five notes, its needs map saved and its store indexed."""
    root = tmp_path / "proj"
    scaffold(root, name="Sportbond", language="nl")
    on_hashing_embedder(root)
    notes = [note(f"{TOPICS[i % 3]} variant {i}", speaker=f"P0{i % 4}", line=i + 1) for i in range(15)]
    needs_map = draft(
        NeedsMapInputs(notes=notes, vectors=blob_vectors([i % 3 for i in range(15)]), language="nl")
    )
    Workspace(root).save(needs_map)
    context = ProjectContext.open(root)
    index_project(root, context.project, context.embedder, notes, shared_cache=tmp_path / "user-cache")
    return root, needs_map


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _need_of(needs_map: NeedsMap, note_id: str) -> str:
    return next(n.id for n in needs_map.needs if note_id in n.note_ids)


def test_notes_like_prints_the_notes_of_the_same_topic_with_their_need(project, capsys) -> None:
    root, needs_map = project
    asked = needs_map.notes[0]
    code, out, err = _run(capsys, "notes", "like", asked.id, "--project", str(root), "--k", "3")

    assert code == 0, err
    assert f"Notities die lijken op {asked.id} ({_need_of(needs_map, asked.id)})" in err
    assert "notitie" in out and "behoefte" in out and "bron:regel" in out
    same_topic = [n for n in needs_map.notes if n.text.startswith(TOPICS[0]) and n.id != asked.id]
    shown = [n for n in same_topic if n.id in out]
    assert len(shown) == 3 and all(f"interviews/a.txt:{n.line_start}" in out for n in shown)
    assert not any(n.id in out for n in needs_map.notes if not n.text.startswith(TOPICS[0]))


def test_notes_like_as_json(project, capsys) -> None:
    root, needs_map = project
    asked = needs_map.notes[1]
    code, out, _ = _run(capsys, "notes", "like", asked.id, "--project", str(root), "--json")

    assert code == 0
    found = json.loads(out)
    assert found["note_id"] == asked.id and found["text"] == asked.text and found["needs_map_version"] == 1
    assert len(found["notes"]) == 5 and asked.id not in [n["id"] for n in found["notes"]]
    similarities = [n["similarity"] for n in found["notes"]]
    assert similarities == sorted(similarities, reverse=True)
    first = found["notes"][0]
    assert first["text"].startswith(TOPICS[1]) and first["need"] == _need_of(needs_map, first["id"])


def test_an_unknown_note_is_one_line_with_the_fix(project, capsys) -> None:
    root, _ = project
    code, out, err = _run(capsys, "notes", "like", "n-0000000000", "--project", str(root))

    assert code == 1 and out == ""
    assert "notitie n-0000000000 staat niet in de kennisbank" in err and "samen run initiative" in err
    assert "Traceback" not in err


def test_a_note_in_no_need_and_a_project_without_needs_map() -> None:
    stray = note("iets heel anders dan de rest", speaker="P09", line=40)
    notes = [note(f"{TOPICS[0]} variant {i}", line=i + 1) for i in range(5)]
    needs_map = draft(NeedsMapInputs(notes=notes, vectors=blob_vectors([0] * 5), language="nl"))
    knowledge = RecordingRetriever.from_needs_map(needs_map)
    knowledge.notes.append(knowledge.notes[0].model_copy(update={"id": stray.id, "text": f"{TOPICS[0]} ook"}))

    found = notes_like(knowledge, notes[0].id, k=5, needs_map=needs_map)
    without_map = notes_like(knowledge, notes[0].id, k=5, needs_map=None)

    assert knowledge.asked("notes_like") == [{"note_id": notes[0].id, "k": 5}] * 2
    assert stray.id in [n.id for n in found.notes]
    assert next(n.need for n in found.notes if n.id == stray.id) is None
    assert all(n.need is None for n in without_map.notes) and without_map.text == ""
