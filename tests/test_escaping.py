"""Issue 12 defect #2: nothing active from a transcript or a model reaches an output.

Every artefact, in Dutch and English, gets an attack in every text it holds (``tests.inert.poisoned``):
HTML, ``javascript:`` links and images, an http link, table pipes, headings, quotes, list markers and
spreadsheet formulas. Then its Markdown (also as a viewer with raw HTML on renders it), its HTML page, the
phase reports and the index, its Word document, every CSV, the form-builder JSON and the iCalendar file
are checked for what the program that opens them would act on — and for the words still being shown.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from artefacts.base import Artefact
from artefacts.calendar_export import to_csv as calendar_csv
from artefacts.calendar_export import to_ics
from artefacts.docx_export import artefact_docx
from artefacts.exports import CHAMPION_COLUMNS, NEEDS_COLUMNS, champion_rows, needs_rows, serialise
from artefacts.html_report import artefact_html, write_report
from artefacts.markdown_html import markdown_to_html
from artefacts.needs_edits import edits_from_markdown
from artefacts.questionnaire_export import to_csv as questionnaire_csv
from artefacts.questionnaire_export import to_form_json, to_markdown
from artefacts.render_markdown import render_markdown
from artefacts.safe_text import csv_cell, md_text, md_unescape, plain_text, safe_link, write_csv
from artefacts.store import Workspace
from tests.inert import (
    block_structure,
    csv_problems,
    docx_problems,
    docx_text,
    form_json_problems,
    html_problems,
    markdown_problems,
    poisoned,
    table_problems,
    visible_text,
)

LANGUAGES = ("nl", "en")
ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[hier](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](http://evil.example)",
    "| a | b |",
    "# Kop",
    "> citaat",
    "1. eerste",
    "- punt",
    '=HYPERLINK("http://evil.example")',
    "<http://evil.example>",
    "[ref]: javascript:alert(1)",
    "**vet** _schuin_ `code` ~~weg~~",
    "a &lt;script&gt; b",
    "regel een\n\n# regel twee\n| x |",
]


def every_artefact(language: str) -> dict[str, Artefact]:
    """One of each artefact of the six phases, filled as the builders of their own tests fill them."""
    from agents.launch.launch_plan import compose
    from tests import core_group_builders as cg
    from tests import launch_builders as lb
    from tests import report_project as rp

    found: dict[str, Artefact] = dict(lb.artefacts(language))
    needs_map = cg.needs_map(language)
    found |= {
        "needs-map": needs_map,
        "champions": cg.champions(language, needs_map),
        "target-groups": cg.target_groups(language),
        "questionnaire": cg.questionnaire(language),
        "survey-results": cg.survey_results(language),
        "content-calendar": rp.calendar(language),
        "launch-plan": compose(lb.inputs(language)),
    }
    return found


NAMES = sorted(every_artefact("en"))


@pytest.fixture(scope="module")
def artefacts() -> dict[str, dict[str, tuple[Artefact, Artefact]]]:
    """Per language and name: (the artefact, the artefact with an attack in every text)."""
    return {lang: {name: (a, poisoned(a)) for name, a in every_artefact(lang).items()} for lang in LANGUAGES}


# --- the functions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("attack", ATTACKS)
def test_md_text_shows_the_words_and_makes_no_markup(attack: str) -> None:
    markdown = f"- {md_text(attack)}\n\n| {md_text(attack)} | b |\n|---|---|\n| {md_text(attack)} | b |\n"
    assert markdown_problems(markdown) == []
    assert table_problems(markdown) == []
    assert block_structure(markdown) == block_structure("- x\n\n| x | b |\n|---|---|\n| x | b |\n")
    page = markdown_to_html(markdown)
    assert "<a " not in page and "<img" not in page and "<em>" not in page and "<code>" not in page
    shown = attack.replace("\n", " ")
    assert visible_text(page).count(shown) == 3  # escaped, not dropped
    assert md_unescape(md_text(attack)) == shown


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("http://example.org/a?b=c", True),
        ("HTTPS://example.org", True),
        ("mailto:ann@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:image/png;base64,AAAA", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("charts/a.png", False),
    ],
)
def test_safe_link_keeps_http_https_and_mailto_only(url: str, kept: bool) -> None:
    assert bool(safe_link(url)) is kept


def test_a_relative_link_is_kept_only_where_asked() -> None:
    assert safe_link("charts/a.png", relative=True) == "charts/a.png"
    assert safe_link("//evil.example/a.png", relative=True) == ""


def test_the_html_refuses_script_data_and_vbscript_links_and_images() -> None:
    page = markdown_to_html(
        "[a](javascript:alert(1)) [b](vbscript:x) [c](data:text/html,x) ![d](data:image/png;base64,AA) "
        "![e](javascript:alert(1)) [f](JAVASCRIPT:x) [g](java&#x09;script:x) <img src=x onerror=alert(1)>"
    )
    assert html_problems(page) == []
    assert "<a " not in page and "<img" not in page and "&lt;img" in page


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=x", "'\t=x"),
        ("gewoon", "gewoon"),
        (-3, -3),
        (2.5, 2.5),
        (None, ""),
    ],
)
def test_csv_cells_are_formula_safe_and_numbers_stay_numbers(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_one_csv_writer_for_rows_and_mappings() -> None:
    text = write_csv(["n", "text"], [[-3, "=cmd|' /C calc'!A0"], {"n": 4, "text": "@x"}])
    assert list(csv.reader(io.StringIO(text))) == [["n", "text"], ["-3", "'=cmd|' /C calc'!A0"], ["4", "'@x"]]
    assert csv_problems(text, numeric=("n",)) == []


def test_plain_text_keeps_the_words_and_forms_no_tag() -> None:
    assert plain_text("<b>vet</b> & <script>x</script>") == "‹b›vet‹/b› & ‹script›x‹/script›"


# --- every artefact's outputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_markdown_of_every_artefact_is_inert_and_keeps_its_shape(artefacts, language: str, name: str) -> None:
    clean, attacked = artefacts[language][name]
    markdown = render_markdown(attacked, version=3)
    assert "HACKED" in markdown, "the poisoning reached no text of this artefact"
    assert markdown_problems(markdown) == []
    assert table_problems(markdown) == []
    assert block_structure(markdown) == block_structure(render_markdown(clean, version=3))
    assert "<script>alert(1)</script>" in visible_text(markdown_to_html(markdown))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NAMES)
def test_html_and_word_of_every_artefact_are_inert(artefacts, tmp_path, language: str, name: str) -> None:
    _, attacked = artefacts[language][name]
    page = artefact_html(attacked, version=1, folder=tmp_path)
    assert html_problems(page) == []
    assert "<script>alert(1)</script>" in visible_text(page)
    document = artefact_docx(attacked, version=1)
    assert docx_problems(document) == []
    assert "HACKED" in docx_text(document)  # the words are in the document, as text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_csv_and_the_form_json_are_safe(artefacts, language: str) -> None:
    arts = {name: pair[1] for name, pair in artefacts[language].items()}
    needs_csv = serialise(needs_rows(arts["needs-map"]), NEEDS_COLUMNS, "csv")
    champions_csv = serialise(champion_rows(arts["champions"]), CHAMPION_COLUMNS, "csv")
    exports = {
        "needs": (needs_csv, ("line",)),
        "champions": (champions_csv, ("rank", "score")),
        "calendar": (calendar_csv(arts["content-calendar"]), ()),
        "questionnaire": (questionnaire_csv(arts["questionnaire"]), ()),
    }
    for export, (text, numeric) in exports.items():
        assert "HACKED" in text, export
        assert csv_problems(text, numeric) == [], export
    assert "<script" not in exports["questionnaire"][0]  # survey tools may show question text as HTML
    form = to_form_json(arts["questionnaire"])
    assert "HACKED" in form and form_json_problems(form) == []
    assert "‹script›" in json.loads(form)["title"]
    ics = to_ics(arts["content-calendar"]).decode("utf-8")
    assert "HACKED" in ics and "<script" not in ics and "<img" not in ics
    questionnaire_md = to_markdown(arts["questionnaire"])
    assert markdown_problems(questionnaire_md) == [] and "HACKED" in questionnaire_md


def test_a_negative_number_in_a_numeric_column_stays_a_number() -> None:
    from tests import core_group_builders as cg

    needs_map = cg.needs_map("nl")
    champions = cg.champions("nl", needs_map)
    champions.champions[0].score = -3.0
    text = serialise(champion_rows(champions), CHAMPION_COLUMNS, "csv")
    assert list(csv.DictReader(io.StringIO(text)))[0]["score"] == "-3.0"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_written_report_index_and_phase_pages_are_inert(
    artefacts, tmp_path, monkeypatch, language
) -> None:
    from tests.report_project import later_rows

    later_rows(monkeypatch)
    root = tmp_path / language
    root.mkdir()
    (root / "samen.yaml").write_text(f"organisation:\n  name: '<b>Org</b>'\nlanguage: {language}\n", "utf-8")
    ws = Workspace(root)
    for _, attacked in artefacts[language].values():
        ws.save(attacked)
    index = write_report(ws, title="<script>alert('t')</script>")
    pages = sorted(ws.artefacts_dir.rglob("*.html"))
    assert index in pages and len(pages) >= len(artefacts[language]) + 2
    for page in pages:
        assert html_problems(page.read_text(encoding="utf-8")) == [], page.name
    assert "<script>alert('t')</script>" in visible_text(index.read_text(encoding="utf-8"))  # as text
    for document in ws.artefacts_dir.rglob("*.docx"):
        assert docx_problems(document.read_bytes()) == [], document.name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_prefect_artifact_gets_the_same_neutralised_markdown(artefacts, tmp_path, monkeypatch, language):
    import flows.publish as publish

    sent: list[str] = []
    monkeypatch.setattr(publish, "create_markdown_artifact", lambda **kw: sent.append(kw["markdown"]))
    root = tmp_path / language
    root.mkdir()
    (root / "samen.yaml").write_text(f"language: {language}\n", "utf-8")
    ws = Workspace(root)
    for name in ("needs-map", "content-calendar", "launch-plan"):
        publish.save_and_publish(ws, artefacts[language][name][1])
    assert len(sent) == 3
    for markdown in sent:
        assert "HACKED" in markdown and markdown_problems(markdown) == [] and table_problems(markdown) == []
    csv_text = next(ws.artefacts_dir.rglob("content-calendar.v1.csv")).read_text(encoding="utf-8")
    assert csv_problems(csv_text) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_editable_section_reads_back_escaped_titles_unchanged(artefacts, language) -> None:
    _, attacked = artefacts[language]["needs-map"]
    markdown = render_markdown(attacked, version=1)
    assert (
        edits_from_markdown(markdown, attacked, by="Ann", base_version=1, path=Path("needs-map.v1.md")) == []
    )
    renamed = markdown.replace(f"### N01 · {md_text(attacked.needs[0].title)}", "### N01 · <b>Nieuw</b> | x")
    edits = edits_from_markdown(renamed, attacked, by="Ann", base_version=1, path=Path("needs-map.v1.md"))
    assert [(e.op, e.title) for e in edits] == [("rename", "<b>Nieuw</b> | x")]


def _attacked_inputs(inputs):  # PhaseInputs with an attack in every text of every artefact it holds
    import dataclasses

    return dataclasses.replace(inputs, artefacts={k: poisoned(v) for k, v in inputs.artefacts.items()})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_offline_drafts_of_phases_3_to_6_carry_attacked_input_inertly(language: str) -> None:
    """The real drafters copy upstream text (names, quotes, concept words) into their own sentences."""
    from agents.core_group.charter import draft_charter
    from agents.core_group.core_group import draft_core_group
    from agents.core_group.stakeholders import draft_brief
    from agents.launch.launch_plan import compose
    from agents.plan.content_calendar import draft_content_calendar
    from agents.plan.plan_of_approach import draft_plan_of_approach
    from agents.strategy.channel_plan import draft_channel_plan
    from tests import core_group_builders as cg
    from tests import launch_builders as lb
    from tests import phase45_builders as p45

    drafted: list[Artefact] = []
    phase3 = _attacked_inputs(cg.inputs(language))
    drafted += [draft(phase3) for draft in (draft_core_group, draft_charter, draft_brief)]
    phase45 = _attacked_inputs(p45.library_nl() if language == "nl" else p45.allotments_gb())
    for draft, name in (
        (draft_channel_plan, "channel-plan"),
        (draft_content_calendar, "content-calendar"),
        (draft_plan_of_approach, "plan-of-approach"),
    ):
        drafted.append(draft(phase45))
        phase45.artefacts[name] = drafted[-1]
    drafted.append(compose(_attacked_inputs(lb.inputs(language))))
    carried = 0
    for artefact in drafted:
        markdown = render_markdown(artefact, version=1)
        carried += "HACKED" in markdown
        assert markdown_problems(markdown) == [], type(artefact).artefact_name
        assert table_problems(markdown) == [], type(artefact).artefact_name
    assert carried >= 5  # the attack did reach most drafts
    calendar = next(a for a in drafted if type(a).artefact_name == "content-calendar")
    assert csv_problems(calendar_csv(calendar)) == []
    assert "<script" not in to_ics(calendar).decode("utf-8")


def test_the_survey_page_escapes_and_embeds_no_file_from_outside_its_folder(tmp_path) -> None:
    from artefacts.render_survey_html import render_survey_html
    from artefacts.survey import Chart
    from tests import core_group_builders as cg

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the page")
    folder = tmp_path / "artefacts" / "2b-test"
    folder.mkdir(parents=True)
    results = poisoned(cg.survey_results("nl"))
    results.charts = [Chart(id="c1", title="<script>alert(1)</script>", path="../../secret.png")]
    page = render_survey_html(results, folder, version=1)
    assert html_problems(page) == [] and "HACKED" in visible_text(page)
    assert "data:image/png" not in page and "<script>alert(1)</script>" in visible_text(page)
