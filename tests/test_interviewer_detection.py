"""Interviewers found without configuration: who asks the questions, across files, and the doubts said."""

from __future__ import annotations

from pathlib import Path

import pytest

from artefacts.notes import Corpus
from artefacts.project import InterviewSettings, Organisation, Project
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser
from tests.sources import is_file

READING = Path(__file__).parent / "fixtures" / "reading"
INTERVIEWERS = ["Marloes", "Jansen", "Pieter", "Bakker"]


def read(name: str, tmp_path: Path, language: str = "nl", **interviews: object) -> Corpus:
    project = Project(
        organisation=Organisation(name="Buurthuis De Linde"),
        language=language,
        interviews=InterviewSettings(**interviews),
    )
    pseudonymiser = Pseudonymiser(tmp_path / name / "pseudonyms.json", language=language)
    return read_corpus(READING / name, project, pseudonymiser)


def interviewees(corpus: Corpus) -> set[str]:
    return {person for interview in corpus.interviews for person in interview.participants}


@pytest.fixture(scope="module")
def buurthuis(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return read("buurthuis", tmp_path_factory.mktemp("state"))


def test_the_two_interviewers_of_seven_interviews_are_no_interviewees(buurthuis: Corpus) -> None:
    assert buurthuis.problems == []
    assert len(buurthuis.interviews) == 7
    assert len(interviewees(buurthuis)) == 7  # one per file; not 9 with Marloes and Pieter counted
    interviewers = {i.interviewer for i in buurthuis.interviews}
    assert len(interviewers) == 2 and None not in interviewers  # the notes header names Pieter too
    assert not interviewers & interviewees(buurthuis)


def test_no_interviewer_line_is_a_note(buurthuis: Corpus) -> None:
    asked = {
        turn.provenance.line_start
        for interview in buurthuis.interviews
        for turn in interview.turns
        if turn.role == "interviewer"
    }
    lines = {(n.provenance.source, n.provenance.line_start) for n in buurthuis.notes}
    questions = {
        (i.source, t.provenance.line_start)
        for i in buurthuis.interviews
        for t in i.turns
        if t.role == "interviewer"
    }
    assert asked and not lines & questions
    assert not any("hoe houd je je kennis bij" in n.text.lower() for n in buurthuis.notes)
    assert not any(n.text.rstrip().endswith("?") for n in buurthuis.notes)


def test_sure_detection_says_nothing_and_masks_the_interviewers(buurthuis: Corpus) -> None:
    assert buurthuis.warnings == []  # both ask in two or more files (Pieter also by the notes header)
    texts = " ".join(t.text for i in buurthuis.interviews for t in i.turns)
    assert not [name for name in INTERVIEWERS if name in texts]


def test_typed_notes_header_names_the_interviewee_and_is_no_note(buurthuis: Corpus) -> None:
    notes = [n for n in buurthuis.notes if is_file(n.provenance.source, "07_ton_notities.txt")]
    assert [n.provenance.line_start for n in notes] == [5, 7, 9, 11]
    assert notes[0].metadata.get("date") == "14 maart 2025"
    interview = next(i for i in buurthuis.interviews if is_file(i.source, "07_ton_notities.txt"))
    assert interview.participants == [notes[0].speaker] and interview.interviewer is not None
    assert not any(word in n.text for n in notes for word in ("Ton", "Peeters", "Interviewer", "Gesprek met"))


def test_an_asker_seen_in_one_file_is_taken_and_said_so(tmp_path: Path) -> None:
    corpus = read("doubts", tmp_path)
    enkel = next(i for i in corpus.interviews if is_file(i.source, "enkel.txt"))
    assert enkel.interviewer is not None and enkel.interviewer not in enkel.participants
    assert all(n.speaker != enkel.interviewer for n in corpus.notes)
    likely = [w for w in corpus.warnings if w.startswith("interviews/enkel.txt")]
    assert len(likely) == 1
    assert "regel 1" in likely[0] and "(3 van 3 beurten)" in likely[0]
    assert "interviews.interviewers: [Naam]" in likely[0]
    assert "Lieke" not in likely[0] and enkel.interviewer in likely[0]  # pseudonym, never the name


def test_a_conversation_where_nobody_stands_out_is_said_and_left_alone(tmp_path: Path) -> None:
    corpus = read("doubts", tmp_path)
    samen = next(i for i in corpus.interviews if is_file(i.source, "samen.txt"))
    assert samen.interviewer is None and len(samen.participants) == 2
    unknown = [w for w in corpus.warnings if w.startswith("interviews/samen.txt")]
    assert len(unknown) == 1 and "niet te zien wie de vragen stelde" in unknown[0]
    assert all(p in unknown[0] for p in samen.participants) and "Sanne" not in unknown[0]


def test_configured_interviewers_need_no_detection_and_give_no_warning(tmp_path: Path) -> None:
    corpus = read("doubts", tmp_path, interviewers=["Lieke Vermeer"])
    assert not [w for w in corpus.warnings if w.startswith("interviews/enkel.txt")]


def test_numbered_generic_labels_the_asker_is_the_interviewer(tmp_path: Path) -> None:
    corpus = read("sprekers", tmp_path)
    voedselbank = next(i for i in corpus.interviews if is_file(i.source, "voedselbank.txt"))
    roles = [t.role for t in voedselbank.turns]
    assert roles == ["interviewer", "interviewee"] * 3
    assert len(voedselbank.participants) == 1
    assert not [w for w in corpus.warnings if "voedselbank" in w]


def test_an_interviewer_label_that_recurs_is_a_turn_not_a_header(tmp_path: Path) -> None:
    corpus = read("sprekers", tmp_path)
    dialoog = next(i for i in corpus.interviews if is_file(i.source, "dialoog.txt"))
    assert [t.role for t in dialoog.turns] == ["interviewer", "interviewee"] * 2
    assert dialoog.turns[0].provenance.line_start == 1
