"""Fast checks of what the realistic corpora (tests/fixtures/corpora) exposed, on material written here,
and of the corpora's own truth files (so the slow "done means" test compares with something real)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from artefacts.notes import Corpus
from artefacts.project import Organisation, Project
from knowledge.ingest import read_corpus
from knowledge.note_kinds import is_frame_turn
from knowledge.pseudonymise import Pseudonymiser
from tests.corpus_truth import CORPORA, Truth

QUESTIONS = ["Hoe lang doe je dit al?", "Wat vind je lastig?", "Wat zou helpen?", "Wil je meedoen?"]


def read(root: Path, files: dict[str, str], language: str = "nl") -> Corpus:
    folder = root / "interviews"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    project = Project(organisation=Organisation(name="Wijkcentrum De Esch"), language=language)
    return read_corpus(root, project, Pseudonymiser(root / ".samen" / "pseudonyms.json", language=language))


def dialogue(asker: str, answerer: str, answers: list[str]) -> str:
    return "".join(f"{asker}: {q}\n{answerer}: {a}\n" for q, a in zip(QUESTIONS, answers, strict=False))


ANSWERS = [
    "Al vier jaar, elke zaterdag in de moestuin.",
    "Dat ik niet weet wie er de week erna komt, het rooster klopt nooit.",
    "Een vaste groep die elkaar kent, zodat je kunt ruilen als je niet kunt.",
    "Ja, ik wil het rooster wel bijhouden voor de hele tuin.",
]


def test_a_doubt_in_a_file_whose_name_holds_a_name_is_said_without_the_name(tmp_path: Path) -> None:
    corpus = read(tmp_path, {"02_lieke_de_boer.txt": dialogue("Anja Visser", "Lieke de Boer", ANSWERS)})
    assert len(corpus.warnings) == 1
    warning = corpus.warnings[0]
    assert warning.startswith("interviews/02_P01.txt") and "lieke" not in warning.casefold()
    assert corpus.interviews[0].source == "interviews/02_P01.txt"


def test_a_first_name_label_of_an_interviewer_known_elsewhere_is_that_interviewer(tmp_path: Path) -> None:
    files = {
        "a.txt": dialogue("Anja Visser", "Kees Bos", ANSWERS),
        "b.txt": dialogue("Anja Visser", "Ria Smit", ANSWERS),
        "c.txt": dialogue("ANJA", "TON", ANSWERS),
    }
    corpus = read(tmp_path, files)
    interviewers = {i.source: i.interviewer for i in corpus.interviews}
    assert interviewers["interviews/c.txt"] == interviewers["interviews/a.txt"] is not None
    assert corpus.warnings == []  # she asks in three files: nothing to doubt
    assert len({p for i in corpus.interviews for p in i.participants}) == 3


def test_each_item_of_a_list_in_typed_notes_is_its_own_note(tmp_path: Path) -> None:
    notes = (
        "---\ninterviewee: Joke Smit\n---\n\n# Notities\n\n"
        "- Joke zit sinds vorig jaar in het bestuur van de moestuin. Ze doet de financien.\n"
        "- Wil een vaste ploeg voor het onderhoud van de kas\n"
        "* Mist overleg met de andere tuinen in de wijk.\n"
        "1. Biedt aan de eerste ruildag te organiseren.\n"
    )
    corpus = read(tmp_path, {"notes.md": notes})
    texts = [n.text for n in corpus.notes]
    assert texts[0].endswith("Ze doet de financien.") and not texts[0].startswith("-")
    assert texts[1:] == [
        "Wil een vaste ploeg voor het onderhoud van de kas",
        "Mist overleg met de andere tuinen in de wijk.",
        "Biedt aan de eerste ruildag te organiseren.",
    ]
    assert [n.provenance.line_start for n in corpus.notes][-3:] == [8, 9, 10]


@pytest.mark.parametrize(
    ("turn", "frame"),
    [
        ("Je helpt bij de voedselbank. Wat doe je daar?", False),
        ("Wat gaat er goed?", False),
        ("What went well?", False),
        ("Ja, hij neemt op. Is dat goed voor je, dat ik het opneem?", True),
        ("Hoe is het met je?", True),
        ("Alles goed?", True),
    ],
)
def test_a_short_question_of_substance_opens_no_frame(turn: str, frame: bool) -> None:
    assert is_frame_turn(turn) is frame


def test_answers_after_a_short_first_question_are_statements(tmp_path: Path) -> None:
    text = (
        "Spreker 1: Staat hij al aan? Dat rode lampje?\n"
        "Spreker 2: Ja, hij neemt op. Is dat goed voor je?\n"
        "Spreker 1: Ja hoor.\n"
        "Spreker 2: Wat doe je bij de tuin?\n"
        "Spreker 1: Ik geef les aan kinderen uit de buurt, elke woensdag, over groente kweken.\n"
        "Spreker 2: Wat gaat er goed?\n"
        "Spreker 1: De kinderen komen graag en de ouders helpen steeds vaker mee.\n"
    )
    corpus = read(tmp_path, {"opname.txt": text})
    kinds = {n.text[:14]: n.kind for n in corpus.notes}
    assert kinds == {
        "Staat hij al a": "process",
        "Ja hoor.": "smalltalk",
        "Ik geef les aa": "statement",
        "De kinderen ko": "statement",
    }


def _file_text(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["bieb-vrijwilligers", "huurders"])
def test_the_corpus_truth_matches_its_files(name: str) -> None:
    truth = Truth.load(CORPORA / name)
    files = {p.name for p in (CORPORA / name / "interviews").iterdir()}
    assert set(truth.interviewees) == set(truth.interviewers) == files
    assert truth.count == sum(len(v) for v in truth.interviewees.values())
    for item in truth.planted:
        where = (
            item.file if item.kind == "file_name" else _file_text(CORPORA / name / "interviews" / item.file)
        )
        assert item.pattern().search(where), f"{item.text!r} is not in {item.file}"
    settings = yaml.safe_load((CORPORA / name / "samen.yaml").read_text(encoding="utf-8"))
    assert settings["interviews"]["interviewers"] == []  # as `samen init` writes it


def test_front_matter_naming_two_people_in_one_string_gives_two_interviewees(tmp_path: Path) -> None:
    text = (
        "---\nparticipants: Joke Smit; Ahmet Kaya\ninterviewer: Anja Visser\n---\n\n"
        "Anja: Wat doen jullie in de tuin?\n"
        "Joke: Ik doe de kas, al drie jaar, en ik wil graag een vaste ploeg voor het water geven.\n"
        "Ahmet: En ik doe de composthoop, maar ik mis overleg met de andere tuinen in de wijk.\n"
    )
    corpus = read(tmp_path, {"paar.md": text})
    (interview,) = corpus.interviews
    assert len(interview.participants) == 2
    assert all(";" not in p and p.startswith("P") for p in interview.participants)


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Samira el Idrissi; Karim el Idrissi", ["Samira el Idrissi", "Karim el Idrissi"]),
        ("Jan en Piet de Wit", ["Jan", "Piet de Wit"]),
        ("Ann & Bob", ["Ann", "Bob"]),
        (["Ria Smit", "Kees"], ["Ria Smit", "Kees"]),
        ("Marloes Jansen", ["Marloes Jansen"]),
    ],
)
def test_names_under_splits_a_string_of_several_names(value: object, names: list[str]) -> None:
    from knowledge.speakers import names_under

    assert names_under({"participants": value}, ["participants"]) == names


def test_a_note_taker_who_only_greets_asks_and_thanks_is_no_interviewee_and_that_is_said(
    tmp_path: Path,
) -> None:
    text = (
        "Anja Visser: Goedemorgen Kees. Tim schuift aan, hij schrijft mee.\n"
        "Tim Kok: Hoi Kees, ik zeg verder weinig.\n"
        f"{dialogue('Anja Visser', 'Kees Bos', ANSWERS)}"
        "Tim Kok: Mag ik nog iets vragen: wie maakt dat rooster nu?\n"
        "Kees Bos: Niemand eigenlijk, dat is het probleem, we appen het maar een beetje rond.\n"
        "Anja Visser: Tim, heb jij nog iets?\n"
        "Tim Kok: Nee, dank je wel!\n"
    )
    corpus = read(tmp_path, {"a.txt": text, "b.txt": dialogue("Anja Visser", "Ria Smit", ANSWERS)})
    a = next(i for i in corpus.interviews if i.source == "interviews/a.txt")
    assert len(a.participants) == 1
    assert all(n.speaker == a.participant for n in corpus.notes if n.interview_id == a.id)
    assert len(corpus.warnings) == 1 and corpus.warnings[0].startswith("interviews/a.txt")


def test_two_interviewees_who_both_tell_stay_two_interviewees(tmp_path: Path) -> None:
    text = (
        "Anja Visser: Wat doen jullie in de tuin?\n"
        "Joke Smit: Ik doe de kas, al drie jaar, en ik wil graag een vaste ploeg voor het water geven.\n"
        "Ahmet Kaya: En ik de compost. Wie regelt dat eigenlijk?\n"
        "Anja Visser: Wat zou helpen?\n"
        "Joke Smit: Een rooster dat iedereen kan zien, en af en toe samen koffie drinken na het werk.\n"
        "Ahmet Kaya: Ja. Ik mis overleg met de andere tuinen in de wijk, we weten niets van elkaar.\n"
    )
    corpus = read(tmp_path, {"paar.txt": text, "b.txt": dialogue("Anja Visser", "Ria Smit", ANSWERS)})
    paar = next(i for i in corpus.interviews if i.source == "interviews/paar.txt")
    assert len(paar.participants) == 2
