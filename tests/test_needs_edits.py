"""Editing the rendered needs map in a text editor, and the CLI-style edits, as structure changes."""

from __future__ import annotations

import pytest

from agents.initiative.needs_map import NeedsMapInputs, draft
from artefacts.errors import InputError, ReviewError
from artefacts.needs_edits import NeedsEdit, Structure, edits_from_markdown
from artefacts.render_markdown import render_markdown
from tests.builders import blob_vectors, note


@pytest.fixture()
def needs_map():
    notes = [
        note(f"uitspraak {i} over onderwerp {i % 3}", speaker=f"P0{i % 4}", line=i + 1) for i in range(15)
    ]
    return draft(NeedsMapInputs(notes=notes, vectors=blob_vectors([i % 3 for i in range(15)]), language="nl"))


def _edit(text: str, needs_map, tmp_path):
    return edits_from_markdown(text, needs_map, by="Anna", base_version=1, path=tmp_path / "needs-map.v1.md")


def test_unchanged_rendering_gives_no_edits(needs_map, tmp_path):
    assert _edit(render_markdown(needs_map, version=1), needs_map, tmp_path) == []


def test_rename_move_and_split_are_read_from_the_markdown(needs_map, tmp_path):
    text = render_markdown(needs_map, version=1)
    first, second = needs_map.needs[0], needs_map.needs[1]
    text = text.replace(f"### {first.id} · {first.title}", f"### {first.id} · Oefenstof delen")
    moving = first.note_ids[0]
    line = next(x for x in text.splitlines() if x.startswith(f"- [{moving}]"))
    text = text.replace(line + "\n", "")
    text = text.replace(f"### {second.id} · {second.title}\n", f"### {second.id} · {second.title}\n{line}\n")
    splitting = second.note_ids[:2]
    split_lines = [next(x for x in text.splitlines() if x.startswith(f"- [{n}]")) for n in splitting]
    for line_ in split_lines:
        text = text.replace(line_ + "\n", "")
    text = text.replace(
        "<!-- samen:edit-end -->",
        "### nieuw · Eigen behoefte\n" + "\n".join(split_lines) + "\n\n<!-- samen:edit-end -->",
    )
    edits = _edit(text, needs_map, tmp_path)
    ops = {e.op: e for e in edits}
    assert ops["rename"].need == first.id and ops["rename"].title == "Oefenstof delen"
    assert ops["move"].to == second.id and ops["move"].note_ids == [moving]
    assert ops["split"].title == "Eigen behoefte" and set(ops["split"].note_ids) == set(splitting)
    structure = Structure.of(needs_map)
    for edit in edits:
        structure.apply(edit)
    assert structure.assignment[moving] == second.id
    new_id = structure.assignment[splitting[0]]
    assert new_id not in {n.id for n in needs_map.needs} and structure.titles[new_id] == "Eigen behoefte"


def test_unknown_ids_in_the_markdown_are_reported_with_their_line(needs_map, tmp_path):
    text = render_markdown(needs_map, version=1).replace("### N01 ·", "### N77 ·")
    with pytest.raises(InputError) as info:
        _edit(text, needs_map, tmp_path)
    assert info.value.line is not None and "N77" in str(info.value)
    assert text.splitlines()[info.value.line - 1].startswith("### N77")


def test_missing_edit_markers_are_an_error(needs_map, tmp_path):
    with pytest.raises(InputError, match="bewerkbare deel van de behoeftekaart"):
        _edit("# nothing here", needs_map, tmp_path)


def test_structure_edits_refuse_unknown_needs_and_notes(needs_map):
    structure = Structure.of(needs_map)
    with pytest.raises(ReviewError, match="geen behoefte 'N42'"):
        structure.apply(NeedsEdit(op="rename", need="N42", title="x", by="A", base_version=1))
    with pytest.raises(ReviewError, match="geen notitie"):
        structure.apply(NeedsEdit(op="move", note_ids=["n-0000000000"], to=None, by="A", base_version=1))


def test_moving_every_note_away_removes_the_need(needs_map):
    structure = Structure.of(needs_map)
    gone = needs_map.needs[2]
    structure.apply(
        NeedsEdit(op="move", note_ids=gone.note_ids, to=needs_map.needs[0].id, by="A", base_version=1)
    )
    assert gone.id not in structure.titles


def test_a_need_a_note_was_moved_out_of_stays_though_it_is_small_now(needs_map):
    # the reviewer drags one card out of a column: the column stays with what is left (the board, the CLI)
    from agents.initiative.needs_map import rebuild

    small = needs_map.needs[2]
    structure = Structure.of(needs_map)
    keep = 2
    structure.apply(
        NeedsEdit(op="move", note_ids=small.note_ids[keep:], to=needs_map.needs[0].id, by="A", base_version=1)
    )
    edited = rebuild(needs_map, structure, blob_vectors([i % 3 for i in range(15)]))
    assert [need.note_ids for need in edited.needs if need.id == small.id] == [small.note_ids[:keep]]
