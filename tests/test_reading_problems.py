"""Files that cannot be read, a project with none readable, and interviews in another language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agents.initiative.runner import note_reading_problems
from artefacts.errors import InputError
from artefacts.notes import Corpus
from artefacts.project import Organisation, Project
from flows.cli import run_cli
from knowledge.ingest import read_corpus, require_statements
from knowledge.pseudonymise import Pseudonymiser
from tests.builders import empty_needs_map

READING = Path(__file__).parent / "fixtures" / "reading"


def project(language: str = "nl") -> Project:
    return Project(organisation=Organisation(name="Stichting Wijkkracht"), language=language)


def read(root: Path, language: str = "nl") -> Corpus:
    return read_corpus(root, project(language), Pseudonymiser(root / ".samen" / "p.json", language=language))


def broken_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kapot.docx").write_bytes(b"PK\x03\x04 dit is geen echt docx-bestand")
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "foto.txt").write_bytes(bytes(range(256)) * 8)


def test_each_unreadable_file_is_named_with_its_reason_in_the_needs_map_warnings(tmp_path: Path) -> None:
    shutil.copytree(READING / "sprekers", tmp_path, dirs_exist_ok=True)
    broken_files(tmp_path / "interviews")
    corpus = read(tmp_path)
    assert {p.source for p in corpus.problems} == {
        "interviews/kapot.docx",
        "interviews/leeg.txt",
        "interviews/foto.txt",
    }
    assert len(corpus.interviews) == 2  # the readable files go on
    warnings = note_reading_problems(empty_needs_map(), corpus).meta.warnings
    for name in ("kapot.docx", "leeg.txt", "foto.txt"):
        [line] = [w for w in warnings if w.startswith(f"interviews/{name}")]
        assert len(line) > len(f"interviews/{name}: ") + 10 and "; " in line  # reason; what to do


def test_a_project_in_which_no_file_can_be_read_stops_with_one_clear_error(tmp_path: Path) -> None:
    broken_files(tmp_path / "interviews")
    corpus = read(tmp_path)
    with pytest.raises(InputError) as caught:
        require_statements(corpus, tmp_path, project())
    text = str(caught.value)
    assert "interviews" in text and "3 bestanden" in text and "kapot.docx" in text
    assert "Naam: tekst" in (caught.value.hint or "")


def test_an_empty_interviews_folder_says_where_to_put_the_transcripts(tmp_path: Path) -> None:
    (tmp_path / "interviews").mkdir()
    with pytest.raises(InputError, match="geen interviewbestanden in interviews"):
        require_statements(read(tmp_path), tmp_path, project())


def test_readable_statements_need_no_error(tmp_path: Path) -> None:
    shutil.copytree(READING / "sprekers", tmp_path, dirs_exist_ok=True)
    require_statements(read(tmp_path), tmp_path, project())


def test_english_interviews_in_a_dutch_project_are_said_with_how_to_switch(tmp_path: Path) -> None:
    shutil.copytree(READING / "exports", tmp_path, dirs_exist_ok=True)
    corpus = read(tmp_path, "nl")
    [warning] = corpus.warnings
    assert "Engels (5 van 5)" in warning and "`language: en`" in warning
    assert warning in note_reading_problems(empty_needs_map(), corpus).meta.warnings
    assert read(tmp_path, "en").warnings == []


def test_dutch_interviews_in_an_english_project_are_said_too(tmp_path: Path) -> None:
    shutil.copytree(READING / "buurthuis", tmp_path, dirs_exist_ok=True)
    [warning] = read(tmp_path, "en").warnings
    assert "Dutch (7 of 7)" in warning and "`language: nl`" in warning


def test_a_warning_is_carried_once_when_the_needs_map_is_drafted_again(tmp_path: Path) -> None:
    shutil.copytree(READING / "exports", tmp_path, dirs_exist_ok=True)
    corpus = read(tmp_path, "nl")
    needs_map = note_reading_problems(note_reading_problems(empty_needs_map(), corpus), corpus)
    assert len(needs_map.meta.warnings) == 1


@pytest.mark.parametrize(("fixture", "language"), [("exports", "en"), ("buurthuis", "nl")])
def test_init_takes_the_language_of_the_interviews_already_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, language: str
) -> None:
    shutil.copytree(READING / fixture, tmp_path / "new")
    assert run_cli(["init", str(tmp_path / "new")]) == 0
    text = (tmp_path / "new" / "samen.yaml").read_text(encoding="utf-8")
    assert f"language: {language}" in text
    assert f"language: {language}" in capsys.readouterr().err


def test_init_without_interviews_or_with_language_given_is_as_before(tmp_path: Path) -> None:
    assert run_cli(["init", str(tmp_path / "empty")]) == 0
    assert "language: nl" in (tmp_path / "empty" / "samen.yaml").read_text(encoding="utf-8")
    shutil.copytree(READING / "exports", tmp_path / "given")
    assert run_cli(["init", str(tmp_path / "given"), "--language", "nl"]) == 0
    assert "language: nl" in (tmp_path / "given" / "samen.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_flow_stops_before_chromadb_when_no_file_can_be_read(
    prefect_api: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.scaffold import scaffold

    scaffold(tmp_path / "p", name="Stichting Wijkkracht", language="nl")
    broken_files(tmp_path / "p" / "interviews")
    code = run_cli(["run", "initiative", "--project", str(tmp_path / "p")])
    err = capsys.readouterr().err
    assert code == 1
    last = [line for line in err.splitlines() if line.strip()][-1]
    assert last.startswith("fout: interviews: geen van de 3 bestanden in interviews")
    assert "kapot.docx" in last and "Expected IDs" not in err
