"""read_corpus over a small project: notes with exact provenance, roles, metadata, privacy, bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from artefacts.notes import Corpus
from artefacts.project import InterviewSettings, Organisation, Project
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser

FIXTURES = Path(__file__).parent / "fixtures"
REAL_NAMES = [
    "Jan",
    "De Vries",
    "Anna",
    "Smit",
    "Sarah",
    "Johnson",
    "Priya",
    "Kees",
    "Fatima",
    "Lotte",
    "Tom",
    "Peters",
]
REAL_DATA = ["jan.devries@school.nl", "06-12345678", "7946", "sarahjohnson"]


def project(**interviews: object) -> Project:
    return Project(organisation=Organisation(name="Gemeente"), interviews=InterviewSettings(**interviews))


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Pseudonymiser]:
    mapping = tmp_path_factory.mktemp("state") / ".samen" / "pseudonyms.json"
    pseudonymiser = Pseudonymiser(mapping, language="nl")
    return read_corpus(FIXTURES, project(), pseudonymiser), pseudonymiser


def notes_of(corpus: Corpus, source: str) -> list[tuple[str, str, str]]:
    return [(n.provenance.label(), n.speaker, n.kind) for n in corpus.notes if n.provenance.source == source]


def test_all_fixture_files_are_read_without_problems(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, _ = read
    # notities.txt is saved in Windows-1252 on purpose: read, and said so where the reviewer looks
    assert [(p.source, p.line, p.message.split(",")[0]) for p in corpus.problems] == [
        ("interviews/notities.txt", 1, "gelezen als Windows-1252")
    ]
    assert [i.source for i in corpus.interviews] == [
        "interviews/en-nurse.txt",
        "interviews/groep.json",
        "interviews/nl-docent.md",
        "interviews/notities.txt",
        "interviews/sessie.srt",
        "interviews/teams.vtt",
        "interviews/zoom.vtt",
    ]


def test_notes_have_exact_lines_speakers_and_kinds(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, pseudonymiser = read
    jan = pseudonymiser.speaker("Jan de Vries")
    assert notes_of(corpus, "interviews/nl-docent.md") == [
        ("interviews/nl-docent.md:11", jan, "process"),
        ("interviews/nl-docent.md:13-14", jan, "statement"),
        ("interviews/nl-docent.md:16", jan, "statement"),
        ("interviews/nl-docent.md:18", jan, "statement"),
        ("interviews/nl-docent.md:20", jan, "smalltalk"),
    ]
    sarah = pseudonymiser.speaker("Sarah Johnson")
    assert [(label, kind) for label, _, kind in notes_of(corpus, "interviews/en-nurse.txt")] == [
        ("interviews/en-nurse.txt:2", "process"),
        ("interviews/en-nurse.txt:4", "statement"),
        ("interviews/en-nurse.txt:5", "statement"),  # "Another thing is…"
        ("interviews/en-nurse.txt:5", "statement"),  # "Also, …"
        ("interviews/en-nurse.txt:7", "statement"),
    ]
    assert {speaker for _, speaker, _ in notes_of(corpus, "interviews/en-nurse.txt")} == {sarah}
    assert [label for label, _, _ in notes_of(corpus, "interviews/groep.json")] == [
        "interviews/groep.json:5",
        "interviews/groep.json:6-9",
        "interviews/groep.json:11",
    ]
    assert notes_of(corpus, "interviews/teams.vtt")[-1][2] == "smalltalk"  # "Mm-hm."
    srt = [n for n in corpus.notes if n.provenance.source == "interviews/sessie.srt"]
    assert [(n.provenance.label(), n.provenance.cue) for n in srt] == [
        ("interviews/sessie.srt:7-11", "00:00:03,600"),
        ("interviews/sessie.srt:19", "00:00:11,100"),
    ]


def test_roles_context_and_ids(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, pseudonymiser = read
    docent = next(i for i in corpus.interviews if i.source == "interviews/nl-docent.md")
    anna = pseudonymiser.speaker("Anna Smit", "interviewer")
    assert anna.startswith("I") and docent.interviewer == anna
    assert [t.role for t in docent.turns] == ["interviewer", "interviewee"] * 4
    assert all(n.speaker.startswith("P") for n in corpus.notes)  # the interviewer's turns are no notes
    note = next(n for n in corpus.notes if n.provenance.label() == "interviews/nl-docent.md:13-14")
    assert note.context == "Wat mis je het meest in je werk?"
    assert note.text.endswith("Wat ik wil zeggen: we zitten allemaal op ons eigen eiland en dat is zonde.")
    assert note.id == note.make_id("interviews/nl-docent.md", 13, note.text)
    assert note.interview_id == docent.id == "nl-docent-md"
    group = next(i for i in corpus.interviews if i.source == "interviews/groep.json")
    assert group.participants == [pseudonymiser.speaker("Priya"), pseudonymiser.speaker("Kees")]


def test_metadata_front_matter_wins_over_participants_csv(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, pseudonymiser = read
    docent = next(i for i in corpus.interviews if i.source == "interviews/nl-docent.md")
    assert docent.metadata == {
        "role": "docent",
        "segment": "onderwijs",
        "age_band": "40-49",
        "location": "Zwolle",
    }
    kees = next(n for n in corpus.notes if n.speaker == pseudonymiser.speaker("Kees"))
    assert kees.metadata == {
        "role": "conciërge",
        "segment": "facilitair",
        "age_band": "50-59",
        "location": "Utrecht",
    }
    nurse = next(n for n in corpus.notes if n.provenance.source == "interviews/en-nurse.txt")
    assert nurse.metadata["location"] == "Leeds"


def test_language_per_interview(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, _ = read
    languages = {i.source.split("/")[1]: i.language for i in corpus.interviews}
    assert languages == {
        "en-nurse.txt": "en",
        "groep.json": "nl",
        "nl-docent.md": "nl",
        "notities.txt": "nl",
        "sessie.srt": "nl",
        "teams.vtt": "nl",
        "zoom.vtt": "en",
    }
    assert all(n.language == languages[n.provenance.source.split("/")[1]] for n in corpus.notes)


def test_no_real_name_or_contact_detail_reaches_a_note(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, _ = read
    fields = [f for n in corpus.notes for f in (n.text, n.context, n.speaker, *n.metadata.values())]
    fields += [t.text for i in corpus.interviews for t in i.turns]
    for field in fields:
        for secret in REAL_NAMES:
            assert not re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", field, re.IGNORECASE), (secret, field)
        for secret in REAL_DATA:
            assert secret not in field
    zoom = next(i for i in corpus.interviews if i.source == "interviews/zoom.vtt")
    assert zoom.turns[-1].text == f"Thanks, {zoom.participant}."


def test_instructions_in_a_transcript_are_a_note_kept_out_of_the_needs(
    read: tuple[Corpus, Pseudonymiser],
) -> None:
    corpus, _ = read
    [note] = [n for n in corpus.notes if "Ignore previous instructions" in n.text]
    assert note.kind == "instruction" and note.provenance.label() == "interviews/zoom.vtt:9-13"


def test_a_rerun_gives_the_same_corpus(read: tuple[Corpus, Pseudonymiser]) -> None:
    corpus, pseudonymiser = read
    again = read_corpus(FIXTURES, project(), Pseudonymiser(pseudonymiser.mapping_path))
    assert again == corpus


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    shutil.copytree(FIXTURES / "interviews", folder)
    (folder / "kapot.json").write_text('[\n  {"speaker": "A", "text": "Hoi"},\n  {"speaker": "B",, }\n]\n')
    (folder / "kapot.docx").write_bytes(b"not a zip at all")
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "alleen-vragen.txt").write_text("Interviewer: Hallo?\nInterviewer: Is daar iemand?\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "~$kapot.docx").write_bytes(b"\x00")
    seen: list[str] = []
    corpus = read_corpus(tmp_path, project(), Pseudonymiser(tmp_path / "map.json"), on_file=seen.append)
    problems = {(p.source, p.line): p for p in corpus.problems}
    assert set(problems) == {
        ("interviews/alleen-vragen.txt", None),
        ("interviews/kapot.docx", None),
        ("interviews/kapot.json", 3),
        ("interviews/leeg.txt", None),
        ("interviews/notities.txt", 1),  # read as Windows-1252, with a warning
        ("interviews/scan.pdf", None),
    }
    assert problems[("interviews/kapot.json", 3)].message.startswith("geen geldige JSON")
    assert (
        problems[("interviews/alleen-vragen.txt", None)].message
        == "geen gespreksbeurten van een geïnterviewde gevonden"
    )
    assert problems[("interviews/leeg.txt", None)].hint
    assert len(corpus.interviews) == 7
    assert seen == sorted(seen) and "interviews/.DS_Store" not in seen and len(seen) == 12


def test_participants_csv_problems_name_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Interviewer: Wat mis je?\nRespondent: Een plek om te sparren met anderen.\n"
    )
    (folder / "participants.csv").write_text("file,segment\na.txt,zorg\n,zorg\nb.txt,ict\na.txt,zorg,extra\n")
    corpus = read_corpus(tmp_path, project(), Pseudonymiser(tmp_path / "map.json"))
    assert sorted((p.line, p.message.split(" ")[0]) for p in corpus.problems) == [
        (3, "de"),
        (4, "er"),
        (5, "de"),
    ]
    assert all(p.source == "interviews/participants.csv" for p in corpus.problems)
    assert corpus.notes[0].metadata == {"segment": "zorg"}


def test_unlabelled_alternate_and_front_matter_language(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "---\nlanguage: en\nparticipant: Joke Smit\n---\nWat mis je?\n\nEen plek om met anderen te sparren, zegt Joke.\n\n"
        "En verder?\n\nMeer tijd om samen te leren.\n"
    )
    corpus = read_corpus(tmp_path, project(unlabelled="alternate"), Pseudonymiser(tmp_path / "map.json"))
    assert corpus.interviews[0].language == "en"
    assert [(n.provenance.label(), n.context, n.text) for n in corpus.notes] == [
        ("interviews/a.txt:7", "Wat mis je?", "Een plek om met anderen te sparren, zegt P01."),
        ("interviews/a.txt:11", "En verder?", "Meer tijd om samen te leren."),
    ]


def test_a_missing_folder_is_a_problem(tmp_path: Path) -> None:
    corpus = read_corpus(tmp_path, project(folder="gesprekken"), Pseudonymiser(tmp_path / "map.json"))
    assert [(p.source, p.message) for p in corpus.problems] == [
        ("gesprekken", "de interviewmap bestaat niet")
    ]


def test_a_first_name_in_participants_csv_is_the_front_matter_person(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\nparticipant: Fatima El Amrani\n---\nInterviewer: Wat doe je?\nFatima: Ik coördineer de jeugd.\n"
    )
    (folder / "b.md").write_text(
        "Interviewer: Wat doe je?\nFatima: Ik train de meiden.\nInterviewer: Mooi.\n"
    )
    (folder / "participants.csv").write_text(
        "file,speaker,segment\na.md,Fatima,coördinator\nb.md,Fatima,trainer\n"
    )
    pseudonymiser = Pseudonymiser(tmp_path / "map.json")
    corpus = read_corpus(tmp_path, project(), pseudonymiser)
    assert [(n.speaker, n.metadata["segment"]) for n in corpus.notes] == [
        ("P01", "coördinator"),
        ("P02", "trainer"),
    ]
    assert [p.name for p in pseudonymiser.people if p.role == "interviewee"] == ["Fatima El Amrani", "Fatima"]
