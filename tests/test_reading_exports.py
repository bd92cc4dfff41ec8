"""Otter.ai, Rev, Descript and Zoom chat .txt exports and Teams .docx transcripts read as turns."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from artefacts.notes import Corpus
from artefacts.project import Organisation, Project
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser
from tests.sources import is_file

EXPORTS = Path(__file__).parent / "fixtures" / "reading" / "exports"
NAMES = ["Gareth", "Lloyd", "Denise", "Okafor", "Raj", "Patel", "Priya", "Nair", "Joan", "Whitfield"]
NAMES += ["Tom Reilly", "Aisha", "Bello", "Speaker", "From", "Everyone", "otter.ai"]
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def read(root: Path, tmp_path: Path) -> Corpus:
    project = Project(organisation=Organisation(name="Millbrook Housing"), language="en")
    return read_corpus(root, project, Pseudonymiser(tmp_path / "pseudonyms.json", language="en"))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return read(EXPORTS, tmp_path_factory.mktemp("state"))


def roles(corpus: Corpus, name: str) -> list[str]:
    return [t.role for t in next(i for i in corpus.interviews if is_file(i.source, name)).turns]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("otter_denise.txt", ["interviewer", "interviewee"] * 3),
        ("otter_speakers.txt", ["interviewer", "interviewee"] * 3),
        ("rev_raj.txt", ["interviewer", "interviewee"] * 3),
        ("descript_joan.txt", ["interviewer", "interviewee"] * 3),
        (
            "zoom_chat_forum.txt",
            ["interviewer", "interviewee", "interviewee", "interviewer"] + ["interviewee"] * 2,
        ),
    ],
)
def test_each_export_is_read_as_turns_of_who_spoke(exports: Corpus, name: str, expected: list[str]) -> None:
    assert roles(exports, name) == expected


def test_one_interviewee_per_interview_and_two_in_the_chat(exports: Corpus) -> None:
    assert exports.problems == [] and exports.warnings == []
    assert len({p for i in exports.interviews for p in i.participants}) == 6


def test_no_name_timestamp_or_export_line_leaks_into_notes(exports: Corpus) -> None:
    texts = [n.text for n in exports.notes]
    assert texts and not [t for t in texts if TIME.search(t)]
    assert not [(name, t) for t in texts for name in NAMES if name in t]


def test_otter_lines_keep_their_place_in_the_file(exports: Corpus) -> None:
    notes = [n for n in exports.notes if is_file(n.provenance.source, "otter_denise.txt")]
    assert [n.provenance.line_start for n in notes][:2] == [5, 11]
    assert notes[1].provenance.cue == "0:12"


def teams_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_teams_docx_transcript_is_read_as_turns(tmp_path: Path) -> None:
    folder = tmp_path / "project" / "interviews"
    folder.mkdir(parents=True)
    shutil.copy(EXPORTS / "interviews" / "rev_raj.txt", folder)  # Gareth asks in a second file too
    (folder / "teams_mei.docx").write_bytes(
        teams_docx(
            [
                "Transcript",
                "12 March 2025, 10:00am",
                "Gareth Lloyd started transcription",
                "Gareth Lloyd   0:03",
                "Hello Mei, what brought you to the tenants' meetings?",
                "Mei Chen   0:09",
                "My neighbour. I go because the heating in our block fails every winter and alone nobody listens.",
                "Gareth Lloyd   0:27",
                "What would you want from a tenants' network?",
                "Mei Chen   0:31\nA shared list of repairs, so we can chase them together.",
                "Gareth Lloyd stopped transcription",
            ]
        )
    )
    corpus = read(tmp_path / "project", tmp_path)
    assert corpus.problems == []
    assert roles(corpus, "teams_mei.docx") == ["interviewer", "interviewee"] * 2
    notes = [n for n in corpus.notes if is_file(n.provenance.source, "teams_mei.docx")]
    assert {n.provenance.line_start for n in notes} == {7, 10}
    texts = " ".join(n.text for n in notes)
    assert "heating" in texts and "shared list of repairs" in texts
    assert not TIME.search(texts) and not any(w in texts for w in ("Mei", "Chen", "Gareth", "transcription"))
