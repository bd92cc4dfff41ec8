"""The HTML deliverables: a page per version, a report per phase with charts, the index; escaped and
self-contained, in Dutch and English."""

from __future__ import annotations

import re

import pytest

from artefacts.html_report import INDEX, environment, write_report
from artefacts.markdown_html import markdown_to_html
from tests.report_project import SCRIPT, make_project


def test_the_environment_autoescapes() -> None:
    assert environment().autoescape is True
    assert "&lt;b&gt;" in environment().from_string("{{ x }}").render(x="<b>")


def test_markdown_html_has_no_raw_html_and_no_script_links() -> None:
    html = markdown_to_html(f"# T {SCRIPT}\n\n[x](javascript:alert(1))\n\n| a |\n|---|\n| <img src=x> |\n")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "<table>" in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_report_writes_every_deliverable_escaped_and_self_contained(
    tmp_path, monkeypatch, language: str
) -> None:
    ws = make_project(tmp_path, language, monkeypatch)
    index = write_report(ws, title="Bibliotheek <Oost>")
    assert index == ws.artefacts_dir / INDEX
    pages = {path.relative_to(ws.artefacts_dir).as_posix(): path.read_text(encoding="utf-8")
             for path in ws.artefacts_dir.rglob("*.html")}  # fmt: skip
    assert {"index.html", "1-initiative/needs-map.v1.html", "1-initiative/report.html",
            "5-plan/report.html", "6-launch/launch-plan.v1.html"} <= set(pages)  # fmt: skip
    for name, page in pages.items():
        assert "<script" not in page, name
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), name  # nothing from outside
    assert "&lt;script&gt;" in pages["1-initiative/report.html"] and "&lt;script&gt;" in pages["index.html"]
    assert "Bibliotheek &lt;Oost&gt;" in pages["index.html"]
    assert (ws.artefacts_dir / "6-launch" / "launch-plan.v1.docx").is_file()


def test_the_index_lists_each_version_with_state_and_links(tmp_path, monkeypatch) -> None:
    ws = make_project(tmp_path, "nl", monkeypatch)
    from artefacts.audit import AuditEvent

    ws.audit.append(AuditEvent(actor="Ann", action="approved", artefact="needs-map", version=1))
    page = write_report(ws, title="Bieb").read_text(encoding="utf-8")
    row = re.search(r"<tr><td>Behoeftekaart</td>.*?</tr>", page, re.S)
    assert row and "v1" in row.group() and "goedgekeurd" in row.group()
    for suffix in ("html", "md", "docx", "json"):
        assert f'href="1-initiative/needs-map.v1.{suffix}"' in row.group()
    assert 'href="6-launch/report.html"' in page and "6 · Lanceren en community management" in page
    assert "Nog niets opgesteld." in page  # phases without artefacts say so


def test_the_charts_are_inline_svg_and_a_month_grid(tmp_path, monkeypatch) -> None:
    ws = make_project(tmp_path, "en", monkeypatch)
    write_report(ws, title="Riverside")
    needs = (ws.artefacts_dir / "1-initiative" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in needs and "Interviewees who voiced each need" in needs and ">2</text>" in needs
    channels = (ws.artefacts_dir / "4-strategy" / "report.html").read_text(encoding="utf-8")
    assert channels.count('fill="#08519c"') == 2  # both options of the mix highlighted
    plan = (ws.artefacts_dir / "5-plan" / "report.html").read_text(encoding="utf-8")
    assert [m for m in ("March 2027", "April 2027", "May 2027") if f"<h3>{m}</h3>" in plan] == [
        "March 2027", "April 2027", "May 2027",
    ]  # fmt: skip
    assert "King&#39;s Day" in plan and 'class="holiday"' in plan
    assert "Item 0 &lt;script&gt;" in plan


def test_versions_are_written_once_and_the_index_again(tmp_path, monkeypatch) -> None:
    ws = make_project(tmp_path, "en", monkeypatch)
    write_report(ws, title="R")
    page = ws.artefacts_dir / "1-initiative" / "needs-map.v1.html"
    page.write_text("kept", encoding="utf-8")
    (ws.artefacts_dir / INDEX).write_text("old", encoding="utf-8")
    write_report(ws, title="R")
    assert page.read_text(encoding="utf-8") == "kept" and (ws.artefacts_dir / INDEX).read_text() != "old"


def test_samen_report_and_samen_docx(tmp_path, monkeypatch, capsys) -> None:
    import io

    import docx

    from flows.cli import run_cli

    ws = make_project(tmp_path, "en", monkeypatch)
    assert run_cli(["report", "--project", str(ws.root)]) == 0
    captured = capsys.readouterr()
    assert str(ws.artefacts_dir / INDEX) in captured.out and "HTML index" in captured.err
    target = tmp_path / "plan.docx"
    assert run_cli(["docx", "launch-plan", "--project", str(ws.root), "--out", str(target)]) == 0
    headings = [
        p.text
        for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert headings == ["Launch plan"]
    assert run_cli(["docx", "no-such-thing", "--project", str(ws.root)]) == 1
    assert "unknown artefact" in capsys.readouterr().err


def test_evidence_and_advice_are_not_shown_as_drafts_waiting_for_approval(tmp_path, monkeypatch) -> None:
    from tests.launch_builders import artefacts

    ws = make_project(tmp_path, "en", monkeypatch)
    built = artefacts("en")
    ws.save(built["survey-results"])
    ws.save(built["go-no-go-advice"])
    page = write_report(ws, title="R").read_text(encoding="utf-8")
    assert re.search(r"Survey results</td><td>v1</td><td[^>]*>evidence read at the go/no-go gate", page)
    assert re.search(r"Go/no-go advice</td><td>v1</td><td[^>]*>decided on at the go/no-go gate", page)
