"""Reading survey exports (Google Forms, Microsoft Forms CSV and XLSX, plain CSV) and mapping columns."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from artefacts.base import ArtefactMeta
from artefacts.survey import QuestionItem, Questionnaire, SamplingPlan
from knowledge.survey_answers import likert_score, split_choices
from knowledge.survey_columns import column_score, map_columns
from knowledge.surveys import MASK, read_surveys

FIXTURES = Path(__file__).parent / "fixtures" / "surveys"
NL_LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
ROLES = ["Ik lees alleen mee", "Ik reageer af en toe", "Ik deel zelf kennis", "Ik help bijeenkomsten organiseren",
         "Ik wil de kar trekken"]  # fmt: skip
CHANNELS = ["Online, via Teams", "Fysieke bijeenkomsten", "Nieuwsbrief", "WhatsApp-groep"]
SEGMENTS = ["Docent po", "Docent vo", "Ondersteuner"]
TEXTS = {
    "Q01": "Ik herken mezelf in de beschrijving van een startende docent die collega's zoekt om mee te sparren.",
    "Q02": "Een community over het delen van lesmateriaal zou mijn werk makkelijker maken.",
    "Q03": "Ik zou uit mezelf tijd willen steken in zo'n community.",
    "Q04": "Welke rol zou jij in de community willen nemen?",
    "Q05": "Hoe zou je het liefst meedoen?",
    "Q06": "In welke functie werk je?",
    "Q07": "Wat is je leeftijd?",
    "Q08": "Wat zou jij in deze community willen halen of brengen?",
}


def questionnaire(language: str = "nl") -> Questionnaire:
    def item(item_id: str, block: str, kind: str, options: list[str] | None = None, theme: str | None = None):
        return QuestionItem(
            id=item_id,
            block=block,
            kind=kind,
            text=TEXTS[item_id],
            options=options or [],
            theme=theme,
        )

    return Questionnaire(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        title="Community voor docenten",
        intro="Fijn dat je meedoet.",
        likert_labels=NL_LABELS,
        items=[
            item("Q01", "recognition", "likert", NL_LABELS),
            item("Q02", "relevance", "likert", NL_LABELS),
            item("Q03", "motivation", "likert", NL_LABELS),
            item("Q04", "role", "single", ROLES, "role-ladder"),
            item("Q05", "channels", "multiple", CHANNELS),
            item("Q06", "background", "single", SEGMENTS, "segment"),
            item("Q07", "background", "single", ["jonger dan 30", "30-45", "ouder dan 45"], "age"),
            item("Q08", "open", "open"),
        ],
        sampling=SamplingPlan(segments=SEGMENTS, required_responses=68),
    )


def folder_with(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "surveys"
    folder.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, folder / Path(name).name)
    return folder


def write_ms_forms_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", *TEXTS.values()])
    sheet.append([1, datetime(2026, 11, 26, 14, 3), datetime(2026, 11, 26, 14, 9), "sanne@voorbeeld.nl",
                  "Sanne de Wit", 5, 4.0, "Mee eens", ROLES[4], "Online, via Teams;Nieuwsbrief;", "Docent po",
                  "30-45", "Sanne hier: ik wil graag meedenken."])  # fmt: skip
    sheet.append([2, datetime(2026, 11, 27, 9, 0), datetime(2026, 11, 27, 9, 4), "piet@voorbeeld.nl",
                  "Piet Jansen", 2, None, 3, ROLES[0], None, "Docent vo", "ouder dan 45", None])  # fmt: skip
    workbook.save(path)


def test_google_forms_dutch_locale(tmp_path: Path) -> None:
    table = read_surveys(folder_with(tmp_path, "google-forms-nl.csv"), tmp_path)
    assert table.problems == []
    assert table.sources == ["surveys/google-forms-nl.csv"]
    assert table.columns[0] == "Tijdstempel" and len(table.rows) == 4
    assert table.rows[0]["Tijdstempel"] == "26-11-2026 14:03:12"
    assert table.rows[0][TEXTS["Q05"]] == "Online, via Teams, Nieuwsbrief"


def test_google_forms_english_locale(tmp_path: Path) -> None:
    table = read_surveys(folder_with(tmp_path, "google-forms-en.csv"), tmp_path)
    assert table.problems == [] and table.columns[0] == "Timestamp"
    assert [r[TEXTS["Q01"]] for r in table.rows] == ["Strongly agree", "Disagree"]
    assert table.rows[0]["Timestamp"] == "2026/11/26 2:03:12 PM GMT+1"


def test_microsoft_forms_csv_from_dutch_excel(tmp_path: Path) -> None:
    table = read_surveys(folder_with(tmp_path, "microsoft-forms-excel-nl.csv"), tmp_path)
    assert table.problems == []
    assert table.columns[:4] == ["ID", "Begintijd", "Tijd van voltooien", "Laatst gewijzigd"]
    assert "E-mail" not in table.columns and "Naam" not in table.columns
    assert len(table.rows) == 3
    first = table.rows[0]
    assert first[TEXTS["Q01"]] == "5" and first[TEXTS["Q05"]] == "Online, via Teams;Nieuwsbrief;"
    open_answer = first[TEXTS["Q08"]]
    assert "\n" in open_answer and "Joris" not in open_answer and "joris.vandam" not in open_answer
    assert MASK in open_answer


def test_microsoft_forms_csv_in_windows_1252_with_excel_sep_line(tmp_path: Path) -> None:
    folder = tmp_path / "surveys"
    folder.mkdir()
    text = f"sep=;\r\nID;Naam;{TEXTS['Q03']};{TEXTS['Q08']}\r\n1;Anaïs Dubois;4;Graag café-avonden\r\n"
    (folder / "ms.csv").write_bytes(text.encode("cp1252"))
    table = read_surveys(folder, tmp_path)
    assert [(p.line, "Windows-1252" in p.message) for p in table.problems] == [(3, True)]  # read, said
    assert table.rows == [{"ID": "1", TEXTS["Q03"]: "4", TEXTS["Q08"]: "Graag café-avonden"}]


def test_microsoft_forms_xlsx(tmp_path: Path) -> None:
    folder = tmp_path / "surveys"
    folder.mkdir()
    write_ms_forms_xlsx(folder / "Enquête.xlsx")
    table = read_surveys(folder, tmp_path)
    assert table.problems == [] and table.sources == ["surveys/Enquête.xlsx"]
    assert "Naam" not in table.columns and "E-mail" not in table.columns
    first, second = table.rows
    assert first["Begintijd"] == "2026-11-26 14:03:00"
    assert first[TEXTS["Q01"]] == "5" and first[TEXTS["Q02"]] == "4"
    assert first[TEXTS["Q08"]] == f"{MASK} hier: ik wil graag meedenken."
    assert second[TEXTS["Q02"]] == "" and second[TEXTS["Q05"]] == ""


def test_plain_csv_and_files_together(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "plain.csv", "google-forms-nl.csv", "microsoft-forms-excel-nl.csv")
    table = read_surveys(folder, tmp_path)
    assert len(table.sources) == 3 and len(table.rows) == 4 + 3 + 2
    assert all(set(row) == set(table.columns) for row in table.rows)
    assert table.columns.count(TEXTS["Q02"]) == 1  # the same header in two files is one column


def test_broken_files_reported_while_others_are_read(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, "google-forms-nl.csv", "broken/stray-fields.csv", "broken/not-a-workbook.xlsx"
    )
    table = read_surveys(folder, tmp_path)
    assert "surveys/google-forms-nl.csv" in table.sources
    by_source = {p.source: p for p in table.problems}
    assert by_source["surveys/stray-fields.csv"].line == 3
    assert "5 fields" in by_source["surveys/stray-fields.csv"].message
    assert "Excel" in by_source["surveys/not-a-workbook.xlsx"].message
    assert by_source["surveys/not-a-workbook.xlsx"].hint
    assert len(table.rows) == 4 + 2  # the good rows of the broken CSV are kept


def test_empty_and_missing_folder(tmp_path: Path) -> None:
    assert read_surveys(tmp_path / "nope", tmp_path).problems[0].message.startswith("the surveys folder")
    (tmp_path / "surveys").mkdir()
    (tmp_path / "surveys" / "leeg.csv").write_text("")
    table = read_surveys(tmp_path / "surveys", tmp_path)
    assert table.sources == [] and table.problems[0].source == "surveys/leeg.csv"


def test_mapping_tolerates_edits_and_reports_unknown_columns(tmp_path: Path) -> None:
    table = read_surveys(folder_with(tmp_path, "google-forms-nl.csv"), tmp_path)
    mapping = {m.column: m for m in map_columns(table.columns, questionnaire())}
    assert "Tijdstempel" not in mapping
    edited = mapping[table.columns[1]]
    assert edited.item_id == "Q01" and 0.6 <= edited.score < 1
    assert mapping[TEXTS["Q08"]].item_id == "Q08" and mapping[TEXTS["Q08"]].score == 1
    assert mapping["Opmerkingen voor de onderzoeker"].item_id is None
    assert sorted(m.item_id for m in mapping.values() if m.item_id) == [f"Q0{i}" for i in range(1, 9)]


def test_mapping_by_item_id_grid_header_and_one_item_per_column() -> None:
    q = questionnaire()
    assert column_score("Q03", "Q03", TEXTS["Q03"]) == 1
    grid = f"Hoe eens ben je het met deze stellingen? [{TEXTS['Q02']}]"
    assert column_score(grid, "Q02", TEXTS["Q02"]) == 1
    mapping = map_columns([TEXTS["Q06"], TEXTS["Q06"] + " (2)"], q)
    assert [m.item_id for m in mapping] == ["Q06", None]


@pytest.mark.parametrize(
    ("answer", "score"),
    [("Helemaal mee eens", 5), (" helemaal  EENS ", 5), ("Oneens", 2), ("mee oneens", 2), ("Neutraal", 3),
     ("Strongly disagree", 1), ("agree", 4), ("4", 4), ("1.0", 1), ("5 - Helemaal mee eens", 5),
     ("", None), ("weet ik niet", None), ("7", None)],
)  # fmt: skip
def test_likert_labels_and_numbers(answer: str, score: int | None) -> None:
    assert likert_score(answer, NL_LABELS) == score


def test_multiple_choice_split_keeps_options_with_commas() -> None:
    assert split_choices("Online, via Teams, Nieuwsbrief", CHANNELS) == (
        ["Online, via Teams", "Nieuwsbrief"],
        [],
    )
    assert split_choices("Online, via Teams;WhatsApp-groep;", CHANNELS) == (
        ["Online, via Teams", "WhatsApp-groep"],
        [],
    )
    assert split_choices("nieuwsbrief, Podcast", CHANNELS) == (["Nieuwsbrief"], ["Podcast"])


def test_personal_columns_are_dropped_by_their_header_asides_or_their_answers(tmp_path: Path) -> None:
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "typeform.csv").write_text(
        "#,Your email (optional),Contact,Uw naam,Wat vindt u ervan?\n"
        "r1,ann@voorbeeld.nl,ann.b@werk.nl,Ann Bos,Prima; mail ann.b@werk.nl maar\n"
        "r2,,piet@voorbeeld.nl,Piet,Goed\n",
        encoding="utf-8",
    )
    table = read_surveys(folder, tmp_path)
    assert table.columns == ["#", "Wat vindt u ervan?"]
    assert "@" not in table.rows[0]["Wat vindt u ervan?"] and MASK in table.rows[0]["Wat vindt u ervan?"]
