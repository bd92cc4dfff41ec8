"""Issue 12 #4: a bad survey file never changes the gate's basis, and the same people exported from
two tools count once."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from artefacts.errors import InputError
from artefacts.store import Workspace
from knowledge.surveys import read_surveys

QUESTIONS = [
    "Ik herken de behoefte aan collega's buiten mijn team ontmoeten",
    "Ik zou een avond per maand willen vrijmaken",
    "Ik wil anderen helpen met vragen over roosters",
    "Ik zou een bijeenkomst willen organiseren",
    "Hoe belangrijk is kennis delen voor je werk",
    "Wat mis je het meest?",
]
LABELS = ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"]
OPEN = ["Tijd", "Een plek om vragen te stellen", "", "Contact met de regio", "Weet ik niet"]


def surveys(tmp_path: Path) -> Path:
    folder = tmp_path / "surveys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (b"", None, "empty"),
        (b"Tijdstempel;Vraag 1;Vraag 2\r\n", 1, "only a header"),
        (b"sep=;\r\n\r\nTijdstempel;Vraag 1\r\n\r\n", 3, "only a header"),
        ("Tijdstempel;Vraag\n1;Neutraal\n2;Eens – ja\n".encode() + b"3;caf\xe9\n", 4, "UTF-8"),
    ],
    ids=["empty", "header-only", "header-only-after-sep-line", "mixed-utf8"],
)
def test_an_unreadable_survey_file_is_unread_with_its_file_and_line(
    tmp_path: Path, content: bytes, line: int | None, fragment: str
) -> None:
    (surveys(tmp_path) / "answers.csv").write_bytes(content)
    table = read_surveys(tmp_path / "surveys", tmp_path, "en")
    assert [(p.source, p.line) for p in table.unread] == [("surveys/answers.csv", line)]
    assert fragment in table.unread[0].message
    assert table.rows == []


def test_mixed_bytes_are_never_decoded_as_a_code_page(tmp_path: Path) -> None:
    """Before: charset-normalizer's guess turned every "Neutraal" into something else, and the advice flipped."""
    text = "Tijdstempel;Stelling\n" + "".join(f"{i};Neutraal\n" for i in range(20)) + "20;Eens – zeker\n"
    (surveys(tmp_path) / "answers.csv").write_bytes(text.encode("utf-8") + b"21;Oneens \x96 nee\n")
    table = read_surveys(tmp_path / "surveys", tmp_path, "nl")
    assert table.rows == [] and [p.line for p in table.unread] == [23]


def test_require_readable_names_the_file_and_line(tmp_path: Path) -> None:
    from flows.survey import require_readable

    folder = surveys(tmp_path)
    (folder / "good.csv").write_text("Tijdstempel;Vraag\n1;Eens\n", encoding="utf-8")
    (folder / "later.csv").write_text("Tijdstempel;Vraag\n", encoding="utf-8")
    table = read_surveys(folder, tmp_path, "en")
    with pytest.raises(InputError) as caught:
        require_readable(table, tmp_path)
    assert caught.value.path == tmp_path / "surveys" / "later.csv" and caught.value.line == 1
    assert "previous ones stay current" in caught.value.message


@pytest.mark.slow
def test_a_header_only_survey_keeps_the_previous_results_and_advice(
    prefect_api, tmp_path, monkeypatch
) -> None:  # noqa: ANN001
    import flows.survey
    from flows.survey import test_phase
    from tests.gate_project import make_project, stub_agents

    real_reading = flows.survey.read_answers
    stub_agents(monkeypatch)
    monkeypatch.setattr(flows.survey, "read_answers", real_reading)
    root = make_project(tmp_path)
    assert test_phase(str(root)).status == "waiting"
    ws = Workspace(root)
    before = (ws.latest_version("survey-results"), ws.latest_version("go-no-go-advice"))
    (root / "surveys" / "answers.csv").write_text("Tijdstempel;Q\n", encoding="utf-8")
    with pytest.raises(InputError, match="answers.csv"):
        test_phase(str(root))
    assert (ws.latest_version("survey-results"), ws.latest_version("go-no-go-advice")) == before == (1, 1)


def _people(count: int) -> list[list[str]]:
    rng = random.Random(85)
    # the open answer differs per person, as it does in real answers: nobody else's row is the same
    return [
        [rng.choice(LABELS) for _ in QUESTIONS[:-1]] + [f"{rng.choice(OPEN)} ({i})"] for i in range(count)
    ]


def _google(people: list[list[str]]) -> str:
    header = ["Tijdstempel", *(f"{n}. {q}" for n, q in enumerate(QUESTIONS, start=1))]
    rows = [
        [f"2024/03/{1 + i % 28:02d} 10:{i % 60:02d}:00 CET", *answers] for i, answers in enumerate(people)
    ]
    return "\n".join(",".join(f'"{cell}"' for cell in row) for row in [header, *rows]) + "\n"


def _ms_forms(people: list[list[str]]) -> str:
    # another tool: its own metadata, no numbering, a question mark here and there, a blank line end,
    # 1-5 numbers where Google wrote labels for one question, and dates the Dutch way
    header = [
        "ID",
        "Begintijd",
        "Tijd van voltooien",
        "E-mail",
        "Naam",
        *(f"{q}?".replace("??", "?") for q in QUESTIONS),
    ]
    rows = []
    for i, answers in enumerate(people):
        shown = [str(LABELS.index(a) + 1) if n == 4 else a for n, a in enumerate(answers[:-1])]
        rows.append(
            [
                str(i + 1),
                f"{1 + i % 28}-3-2024 10:{i % 60:02d}",
                f"{1 + i % 28}-3-2024 10:{i % 60:02d}",
                "anonymous",
                "",
                *shown,
                answers[-1] + " ",
            ]
        )
    return "\r\n".join(";".join(row) for row in [header, *rows]) + "\r\n"


def test_the_same_85_people_from_google_and_ms_forms_count_once(tmp_path: Path) -> None:
    people = _people(85)
    folder = surveys(tmp_path)
    (folder / "google.csv").write_text(_google(people), encoding="utf-8")
    (folder / "ms-forms.csv").write_text(_ms_forms(people), encoding="utf-8-sig")
    table = read_surveys(folder, tmp_path, "nl")
    assert table.unread == []
    assert len(table.rows) + table.duplicates_dropped == 170
    assert len(table.rows) == 85


def test_different_people_with_the_same_questions_in_two_files_all_count(tmp_path: Path) -> None:
    people = _people(170)
    folder = surveys(tmp_path)
    (folder / "google.csv").write_text(_google(people[:85]), encoding="utf-8")
    (folder / "ms-forms.csv").write_text(_ms_forms(people[85:]), encoding="utf-8-sig")
    table = read_surveys(folder, tmp_path, "nl")
    assert len(table.rows) == 170 and table.duplicates_dropped == 0
