"""The command line: one clear line per error, exit codes, review and export commands."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from agents.initiative.needs_map import NeedsMapInputs, draft
from artefacts.store import Workspace
from flows.cli import run_cli
from flows.scaffold import scaffold
from tests.builders import blob_vectors, note, on_hashing_embedder


@pytest.fixture()
def project(tmp_path):
    root = tmp_path / "proj"
    scaffold(root, name="Sportbond", language="nl")
    on_hashing_embedder(root)
    notes = [
        note(f"uitspraak {i} over onderwerp {i % 3}", speaker=f"P0{i % 4}", line=i + 1) for i in range(15)
    ]
    notes.append(note("iets heel anders dan de rest", speaker="P09", line=40))
    groups = [i % 3 for i in range(15)] + [7]
    needs_map = draft(NeedsMapInputs(notes=notes, vectors=blob_vectors(groups), language="nl"))
    Workspace(root).save(needs_map)
    return root


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_writes_a_commented_project_file_and_refuses_to_overwrite(tmp_path, capsys):
    code, _, _ = _run(capsys, "init", str(tmp_path / "new"), "--name", "De Bond", "--language", "nl")
    assert code == 0
    text = (tmp_path / "new" / "samen.yaml").read_text(encoding="utf-8")
    assert 'name: "De Bond"' in text and "# samen.yaml — het projectbestand" in text
    assert (tmp_path / "new" / "interviews").is_dir()
    code, _, err = _run(capsys, "init", str(tmp_path / "new"))
    assert code == 1 and "er is al een samen.yaml" in err  # the project language (nl by default)


def test_errors_are_one_line_with_file_and_fix(tmp_path, capsys):
    code, out, err = _run(capsys, "status", "--project", str(tmp_path))
    assert code == 1 and out == ""
    assert "no samen.yaml" in err and "samen init" in err and "Traceback" not in err
    bad = tmp_path / "samen.yaml"
    bad.write_text("organisation:\n  name: X\nlanguage: fr\n", encoding="utf-8")
    code, _, err = _run(capsys, "status", "--project", str(tmp_path))
    assert code == 1 and "samen.yaml:3" in err and "language" in err


def test_usage_errors_exit_2(capsys):
    code, _, _ = _run(capsys, "run", "nonsense")
    assert code == 2


def test_approve_and_reject_land_in_the_audit_log_and_status(project, capsys):
    code, _, err = _run(capsys, "approve", "needs-map", "--project", str(project))
    assert code == 1 and "--by" in err
    code, _, _ = _run(
        capsys, "approve", "needs-map", "--project", str(project), "--by", "Anna", "--note", "klopt"
    )
    assert code == 0
    code, out, _ = _run(capsys, "status", "--project", str(project), "--json")
    status = json.loads(out)
    initiative = next(p for p in status["phases"] if p["phase"] == "initiative")
    assert initiative["artefacts"][0]["state"] == "approved"
    code, _, _ = _run(
        capsys, "reject", "needs-map", "--project", str(project), "--by", "Bram", "--note", "te grof"
    )
    events = list(Workspace(project).audit.events())
    assert [(e.actor, e.action, e.note) for e in events[-2:]] == [
        ("Anna", "approved", "klopt"),
        ("Bram", "rejected", "te grof"),
    ]
    code, _, err = _run(capsys, "approve", "champions", "--project", str(project), "--by", "Anna")
    assert code == 1 and "er is nog geen 'champions' opgesteld" in err


def test_export_needs_gives_one_row_per_note(project, capsys):
    code, out, _ = _run(capsys, "export", "needs", "--project", str(project), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    needs_map = Workspace(project).load("needs-map")
    assert len(rows) == len(needs_map.notes)
    assert list(rows[0])[:7] == ["note_id", "source", "line", "speaker", "text", "need_id", "need_title"]
    for row in rows:
        if row["note_id"] in needs_map.unclustered:
            assert row["need_id"] == "" and row["need_title"] == ""
        else:
            assert row["need_title"] == needs_map.need(row["need_id"]).title


def test_review_takes_in_edits_from_the_rendered_file(project, capsys):
    ws = Workspace(project)
    needs_map = ws.load("needs-map")
    md = ws.path("needs-map", 1, ".md")
    first = needs_map.needs[0]
    md.chmod(0o644)
    md.write_text(
        md.read_text(encoding="utf-8").replace(
            f"### {first.id} · {first.title}", f"### {first.id} · Oefenstof"
        ),
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "review", "needs-map", "--project", str(project), "--by", "Anna")
    assert code == 0 and "1 wijziging" in err
    assert ws.versions("needs-map") == [1, 2]
    assert ws.load("needs-map").need(first.id).title == "Oefenstof"
    assert ws.load("needs-map", 1).need(first.id).title == first.title  # v1 untouched
    assert ws.state("needs-map", 2) == "draft"
    assert (project / ".samen" / "edits" / "needs-map.jsonl").read_text(encoding="utf-8").count("rename") == 1


def test_needs_commands_merge_and_move(project, capsys):
    ws = Workspace(project)
    needs_map = ws.load("needs-map")
    a, b = needs_map.needs[0].id, needs_map.needs[1].id
    code, _, _ = _run(capsys, "needs", "merge", a, b, "--project", str(project), "--by", "Anna")
    assert code == 0
    merged = ws.load("needs-map")
    assert b not in {n.id for n in merged.needs}
    moved = merged.need(a).note_ids[0]
    code, _, _ = _run(capsys, "needs", "move", moved, "--to", "X", "--project", str(project), "--by", "Anna")
    assert code == 0 and moved in ws.load("needs-map").unclustered
    code, _, err = _run(capsys, "needs", "rename", "N99", "Iets", "--project", str(project), "--by", "Anna")
    assert code == 1 and "er is geen behoefte 'N99'" in err


def test_cluster_command_writes_assignments_in_input_order(tmp_path, capsys):
    data = tmp_path / "texts.csv"
    rows = (
        ["text"]
        + [f"share training drills {i}" for i in range(6)]
        + [f"someone to cover when ill {i}" for i in range(6)]
    )
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, _ = _run(
        capsys, "cluster", str(data), "--text-column", "text", "--out", str(out), "--embedder", "hashing"
    )
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert len(result["assignments"]) == 12
    assert len(set(result["assignments"][:6])) == 1 and len(set(result["assignments"][6:])) == 1
    assert result["assignments"][0] != result["assignments"][6]
    assert {"id", "label", "size", "keywords", "examples"} <= set(result["clusters"][0])
    code, _, err = _run(
        capsys, "cluster", str(data), "--text-column", "tekst", "--out", str(out), "--embedder", "hashing"
    )
    assert code == 1 and "no column 'tekst'" in err


def test_a_review_file_that_is_a_fifo_is_refused_by_name_without_waiting(project, tmp_path, capsys):
    fifo = tmp_path / "review.yaml"
    os.mkfifo(fifo)
    code, out, err = _run(capsys, "replay", str(fifo), "--project", str(project))
    assert code != 0 and "review.yaml" in out + err and "FIFO" in out + err


def test_a_rendered_needs_map_replaced_by_a_link_out_of_the_project_is_never_read(project, tmp_path, capsys):
    ws = Workspace(project)
    rendered = ws.path("needs-map", ws.latest_version("needs-map"), ".md")
    secret = tmp_path / "secret.md"
    secret.write_text("## N01 · hunter2\n", encoding="utf-8")
    rendered.unlink()
    rendered.symlink_to(secret)
    code, out, err = _run(capsys, "review", "needs-map", "--project", str(project), "--by", "Sanne")
    assert code != 0 and "outside the project" in (out + err).replace(
        "buiten het project", "outside the project"
    )
    assert "hunter2" not in out + err
