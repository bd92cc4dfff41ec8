"""SurveyResults: exact statistics on a tiny table, segments, roles, open answers, charts, renderers."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.test.survey_analysis import analyse, wilson_interval
from artefacts.project import Organisation, Project
from artefacts.render_markdown import render_markdown
from artefacts.render_survey_html import render_survey_html
from knowledge.embeddings import HashingEmbedder
from knowledge.surveys import SurveyTable, read_surveys
from tests.test_surveys import CHANNELS, ROLES, TEXTS, folder_with, questionnaire, write_ms_forms_xlsx

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLUMNS = ["Tijdstempel", *(TEXTS[f"Q0{i}"] for i in range(1, 9)), "Opmerking"]
# Q01 scores 5, 4, 4, 2, 3 and a blank: n 5, mean 3.6, top-two 3/5.
ANSWERS = [
    ["t1", "5", "Mee eens", "Helemaal mee eens", ROLES[4], "Online, via Teams, Nieuwsbrief", "Docent po", "30-45",
     "Lesmateriaal delen met collega's", "x"],
    ["t2", "Mee eens", "4", "Oneens", ROLES[4], "Nieuwsbrief", "Docent po", "30-45",
     "Lesmateriaal delen en ontvangen", ""],
    ["t3", "4", "Neutraal", "", ROLES[3], "", "Docent vo", "ouder dan 45", "Sparren over klassenmanagement", ""],
    ["t4", "Mee oneens", "2", "3", ROLES[0], "Fysieke bijeenkomsten", "Docent vo", "ouder dan 45", "", ""],
    ["t5", "Neutraal", "Helemaal mee oneens", "5", ROLES[1], "WhatsApp-groep, Podcast", "Ondersteuner",
     "jonger dan 30", "Sparren over klassenmanagement en orde", ""],
    ["t6", "", "weet niet", "4", "", "Online, via Teams", "", "", "Lesmateriaal delen, graag!", ""],
]  # fmt: skip


@pytest.fixture(scope="module")
def embedder() -> HashingEmbedder:
    return HashingEmbedder(dim=256)


def project(language: str = "nl") -> Project:
    return Project(organisation=Organisation(name="Scholengroep"), language=language)


def tiny_table() -> SurveyTable:
    return SurveyTable(sources=["surveys/a.csv"], columns=COLUMNS,
                       rows=[dict(zip(COLUMNS, row, strict=True)) for row in ANSWERS], problems=[])  # fmt: skip


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, embedder: HashingEmbedder):
    folder = tmp_path_factory.mktemp("artefacts") / "test"
    return analyse(tiny_table(), questionnaire(), 2, project(), folder / "charts", embedder), folder


def test_wilson_interval_by_hand() -> None:
    # p = 0.6, n = 5, z = 1.644854, z² = 2.705543: the roots of (1 + z²/n)p² − (2·0.6 + z²/n)p + 0.36 = 0
    low, high = wilson_interval(3, 5)
    assert low == pytest.approx(0.272483, abs=1e-6) and high == pytest.approx(0.857294, abs=1e-6)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    assert wilson_interval(10, 10)[1] == 1.0


def test_likert_statistics_exact(results) -> None:
    survey, _ = results
    q01 = next(s for s in survey.items if s.item_id == "Q01")
    assert (q01.n, q01.blanks) == (5, 1)
    assert list(q01.distribution.values()) == [0, 1, 1, 2, 1]
    assert q01.mean == 3.6 and q01.top2_share == 0.6
    assert (q01.ci_low, q01.ci_high) == (0.2725, 0.8573)
    q02 = next(s for s in survey.items if s.item_id == "Q02")
    assert (q02.n, q02.blanks) == (5, 0)  # "weet niet" is not on the scale: left out and noted
    assert q02.mean == pytest.approx((4 + 4 + 3 + 2 + 1) / 5)
    assert any(note.startswith("Q02: 1 antwoord(en) niet op de schaal") for note in survey.meta.notes)


def test_choices_roles_and_segments(results) -> None:
    survey, _ = results
    assert survey.respondents == 6
    q05 = next(s for s in survey.items if s.item_id == "Q05")
    assert q05.distribution == {CHANNELS[0]: 2, CHANNELS[1]: 1, CHANNELS[2]: 2, CHANNELS[3]: 1, "Anders": 1}
    assert (q05.n, q05.blanks) == (5, 1)
    assert survey.role_willingness == dict(zip(ROLES, [1, 1, 0, 1, 2], strict=True))
    assert survey.willing_to_pull == 2
    assert [(s.segment, s.n) for s in survey.segments] == [
        ("Docent po", 2),
        ("Docent vo", 2),
        ("Ondersteuner", 1),
    ]
    po_q01 = next(s for s in survey.segments[0].items if s.item_id == "Q01")
    assert (po_q01.n, po_q01.mean, po_q01.top2_share) == (2, 4.5, 1.0)
    assert "Q06" not in {s.item_id for s in survey.segments[0].items}


def test_mapping_and_open_answers(results) -> None:
    survey, _ = results
    remark = next(m for m in survey.mapping if m.column == "Opmerking")
    assert survey.unmapped_columns == [] and (remark.item_id, remark.block) == (None, "open")  # by meaning
    assert "Tijdstempel" not in {m.column for m in survey.mapping}
    clusters = survey.open_answers["Q08"]
    assert sum(c.size for c in clusters) == 5
    assert survey.meta.based_on == {"questionnaire": 2} and survey.meta.language == "nl"


def test_charts_are_png_files_beside_the_artefact(results) -> None:
    survey, folder = results
    assert [c.id for c in survey.charts] == ["likert", "roles"]
    assert survey.charts[0].title == "Antwoorden op de stellingen"
    for chart in survey.charts:
        assert chart.path.startswith("charts/")
        data = (folder / chart.path).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 1000


def test_same_input_same_numbers(results, tmp_path: Path, embedder: HashingEmbedder) -> None:
    survey, _ = results
    again = analyse(tiny_table(), questionnaire(), 2, project(), tmp_path / "charts", embedder)
    assert again.content_equals(survey)


def test_personal_data_never_reaches_the_results(tmp_path: Path, embedder: HashingEmbedder) -> None:
    folder = folder_with(tmp_path, "microsoft-forms-excel-nl.csv")
    write_ms_forms_xlsx(folder / "ms.xlsx")
    table = read_surveys(folder, tmp_path)
    survey = analyse(table, questionnaire(), 1, project(), tmp_path / "artefacts" / "charts", embedder)
    dump = survey.model_dump_json().casefold()
    assert survey.respondents == 5
    for secret in ("joris", "van dam", "fatima", "el amrani", "school.nl", "sanne", "de wit", "piet", "jansen",
                   "voorbeeld.nl"):  # fmt: skip
        assert secret not in dump
    assert survey.willing_to_pull == 2


def test_markdown_and_html_reports(results) -> None:
    survey, folder = results
    markdown = render_markdown(survey, version=1)
    assert (
        "## Stellingen" in markdown and "| Q01 |" in markdown and "60%" in markdown and "27%–86%" in markdown
    )
    assert f"![Antwoorden op de stellingen]({survey.charts[0].path})" in markdown
    assert "## Per segment" in markdown and "Docent po (n=2)" in markdown
    assert "### Q04" not in markdown  # the role ladder has a section of its own
    page = render_survey_html(survey, folder, version=1)
    assert "<h1>Enquêteresultaten · versie 1</h1>" in page
    assert page.count("data:image/png;base64,iVBORw0KGgo") == 2
    english = survey.model_copy(update={"meta": survey.meta.model_copy(update={"language": "en"})})
    assert "<h2>Statements</h2>" in render_survey_html(english, folder)
