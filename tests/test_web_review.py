"""The review workspace's review actions with Starlette's TestClient: approve and reject an artefact
version, the rendered artefacts and their downloads, the go/no-go gate, the survey mapping."""

from __future__ import annotations

import sys
import zipfile
from io import BytesIO

from artefacts.store import Workspace
from flows.gatekeeper import Gatekeeper
from knowledge.survey_mapping_file import read_corrections
from tests.web_project import client, form_token, gate_project, make_project, named

# -- approve and reject -----------------------------------------------------------------------------


def test_approving_a_version_goes_through_the_gatekeeper_into_the_audit_chain(tmp_path):
    root = make_project(tmp_path, "nl")
    browser = client(root)
    named(browser, "Bea Jansen")
    page = browser.get("/artefacts/needs-map/1").text
    assert "concept" not in page.split('id="approve-form"')[1].split("</form>")[0]  # no choice to make
    answer = browser.post(
        "/artefacts/needs-map/1/review",
        data={"csrf": form_token(page), "action": "approved", "note": "klopt"},
    )
    assert answer.status_code == 303
    ws = Workspace(root)
    event = list(ws.audit.events())[-1]
    assert (event.actor, event.action, event.version, event.note) == ("Bea Jansen", "approved", 1, "klopt")
    assert ws.state("needs-map", 1) == "approved" and ws.audit.verify().intact
    shown = browser.get("/artefacts/needs-map/1").text
    assert "needs-map v1: goedgekeurd door Bea Jansen." in shown and 'class="state-approved"' in shown
    twice = browser.post(
        "/artefacts/needs-map/1/review", data={"csrf": form_token(shown), "action": "approved", "note": ""}
    )
    refused = browser.get(twice.headers["location"]).text
    assert 'class="flash flash-error"' in refused  # nothing is approved twice: the gatekeeper says so
    assert sum(1 for e in ws.audit.events() if e.action == "approved") == 1


def test_a_rejection_needs_a_reason(tmp_path):
    root = make_project(tmp_path, "en")
    browser = client(root)
    named(browser)
    token = form_token(browser.get("/artefacts/needs-map/1").text)
    empty = browser.post(
        "/artefacts/needs-map/1/review", data={"csrf": token, "action": "rejected", "note": ""}
    )
    assert "Say why you reject it" in browser.get(empty.headers["location"]).text
    assert Workspace(root).state("needs-map", 1) == "draft"
    browser.post(
        "/artefacts/needs-map/1/review", data={"csrf": token, "action": "rejected", "note": "mixes two"}
    )
    assert Workspace(root).state("needs-map", 1) == "rejected"


def test_concept_hypotheses_are_approved_with_the_concept_chosen(tmp_path):
    root = gate_project(tmp_path)  # its concept-hypotheses v1 is approved with C1 chosen
    browser = client(root)
    named(browser, "Bea")
    page = browser.get("/artefacts/concept-hypotheses/1").text
    assert '<select id="choice" name="choice" required><option value="C1" selected>' in page
    token = form_token(page)
    browser.post(
        "/artefacts/concept-hypotheses/1/review",
        data={"csrf": token, "action": "approved", "note": "C2 toch", "choice": "C2"},
    )
    assert Gatekeeper(Workspace(root)).chosen_concept(1) == "C2"  # approved already: the choice is recorded


def test_advice_and_survey_results_are_decided_on_at_the_gate_not_approved(tmp_path):
    page = client(gate_project(tmp_path)).get("/artefacts/go-no-go-advice/1").text
    assert 'id="approve-form"' not in page and 'href="/gate"' in page


# -- rendered artefacts and downloads ---------------------------------------------------------------


def test_each_version_is_rendered_with_its_charts_and_offers_its_downloads(tmp_path):
    root = make_project(tmp_path, "en")
    browser = client(root)
    page = browser.get("/artefacts/needs-map/1").text
    assert "<svg" in page and "Interviewees who voiced each need" in page  # the HTML report's chart
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    for kind in ("md", "json", "html", "docx", "csv"):
        assert f'href="/artefacts/needs-map/1/download/{kind}"' in page
    word = browser.get("/artefacts/needs-map/1/download/docx")
    assert word.status_code == 200 and "attachment" in word.headers["content-disposition"]
    assert "word/document.xml" in zipfile.ZipFile(BytesIO(word.content)).namelist()
    csv = browser.get("/artefacts/needs-map/1/download/csv").text
    assert csv.startswith("note_id,source,line") and "n-9001" in csv
    assert browser.get("/artefacts/needs-map/1/download/ics").status_code == 404
    assert browser.get("/artefacts/needs-map/7").status_code == 404
    assert browser.get("/artefacts/no-such-thing/1").status_code == 404


def test_the_content_calendar_downloads_as_csv_and_ics(tmp_path, monkeypatch):
    from tests.report_project import make_project as report_project

    ws = report_project(tmp_path, "nl", monkeypatch)
    browser = client(ws.root)
    page = browser.get("/artefacts/content-calendar/1").text
    assert 'class="month"' in page  # the calendar view: month grids
    ics = browser.get("/artefacts/content-calendar/1/download/ics")
    assert ics.status_code == 200 and ics.text.startswith("BEGIN:VCALENDAR") and "<script>" not in ics.text
    csv = browser.get("/artefacts/content-calendar/1/download/csv")
    assert csv.text.startswith("date,weekday") and "'=" not in csv.text.split("\n")[0]


# -- the gate ---------------------------------------------------------------------------------------


def test_the_gate_shows_advice_thresholds_and_charts_on_one_screen(tmp_path):
    page = client(gate_project(tmp_path)).get("/gate").text
    assert 'id="criteria"' in page and "0.60" in page  # the thresholds
    assert '<img alt="Herkenning &lt;i&gt;per&lt;/i&gt; segment" src="data:image/png;base64,' in page
    assert 'name="reason"' in page and "required" in page.split('id="reason"')[1].split(">")[0]


def test_a_decision_at_the_gate_is_recorded_as_samen_decide_records_it(tmp_path):
    root = gate_project(tmp_path)
    browser = client(root)
    named(browser, "Bea")
    token = form_token(browser.get("/gate").text)
    short = browser.post("/gate/decide", data={"csrf": token, "decision": "go", "reason": "ok"})
    assert 'role="alert"' in browser.get(short.headers["location"]).text  # a reason of three letters or more
    assert Gatekeeper(Workspace(root)).decisions() == []
    browser.post("/gate/decide", data={"csrf": token, "decision": "go", "reason": "genoeg herkenning"})
    [(event, details)] = Gatekeeper(Workspace(root)).decisions()
    assert (event.actor, details.decision, details.concept, event.note) == (
        "Bea",
        "go",
        "C1",
        "genoeg herkenning",
    )
    assert details.versions == {
        "concept-hypotheses": 1,
        "questionnaire": 1,
        "survey-results": 1,
        "go-no-go-advice": 1,
    }
    assert Workspace(root).audit.verify().intact
    page = browser.get("/gate").text
    assert "vastgelegd: go voor concept C1" in page  # the CLI's own lines
    assert "Vastgelegd bij dit advies: go door Bea" in page and 'id="replace"' in page


def test_a_second_decision_shows_what_it_replaces_and_needs_the_confirmation(tmp_path):
    root = gate_project(tmp_path)
    browser = client(root)
    named(browser, "Bea")
    token = form_token(browser.get("/gate").text)
    browser.post("/gate/decide", data={"csrf": token, "decision": "go", "reason": "genoeg herkenning"})
    named(browser, "Cor")
    unconfirmed = browser.post(
        "/gate/decide", data={"csrf": token, "decision": "revise", "reason": "te vaag"}
    )
    assert "vink" in browser.get(unconfirmed.headers["location"]).text
    assert len(Gatekeeper(Workspace(root)).decisions()) == 1
    browser.post(
        "/gate/decide", data={"csrf": token, "decision": "revise", "reason": "te vaag", "replace": "yes"}
    )
    decisions = Gatekeeper(Workspace(root)).decisions()
    assert [d.decision for _, d in decisions] == ["go", "revise"] and decisions[1][1].replaces == decisions[
        0
    ][0].seq


def test_the_gate_before_the_answers_says_what_is_missing(tmp_path):
    page = client(make_project(tmp_path, "en")).get("/gate").text
    assert 'role="alert"' in page and 'id="decide-form"' not in page


# -- the survey mapping -----------------------------------------------------------------------------


def test_the_survey_mapping_shows_each_column_its_criterion_and_confidence(tmp_path):
    page = client(gate_project(tmp_path)).get("/survey").text
    row = page.split("Ik herken mij &lt;b&gt;hierin&lt;/b&gt;")[1].split("</tr>")[0]
    assert "<td>Q01</td>" in row and "<td>recognition</td>" in row and "90 %" in row
    assert "<b>hierin</b>" not in page


def test_a_correction_writes_mapping_yaml_and_reruns_the_analysis_in_the_background(tmp_path):
    root = gate_project(tmp_path)
    ran = tmp_path / "ran.txt"
    command = [
        sys.executable,
        "-c",
        f"import pathlib; pathlib.Path({str(ran)!r}).write_text('ok'); print('analysed')",
    ]
    browser = client(root, rerun_command=command)
    named(browser, "Bea")
    token = form_token(browser.get("/survey").text)
    bad = browser.post("/survey/mapping", data={"csrf": token, "column": "Wat zou je doen?", "value": "Q99"})
    assert 'role="alert"' in browser.get(bad.headers["location"]).text and not ran.exists()
    browser.post("/survey/mapping", data={"csrf": token, "column": "Wat zou je doen?", "value": "Q07"})
    browser.app.state.site.rerun.wait(30)
    assert read_corrections(root / "surveys" / "mapping.yaml", "nl") == {"Wat zou je doen?": "Q07"}
    assert ran.read_text() == "ok"
    page = browser.get("/survey").text
    assert "De analyse is opnieuw gedraaid" in page and "analysed" in page


def test_a_failed_rerun_says_so_and_what_the_gate_still_rests_on(tmp_path):
    root = gate_project(tmp_path)
    browser = client(
        root, rerun_command=[sys.executable, "-c", "import sys; print('survey unreadable'); sys.exit(1)"]
    )
    named(browser)
    token = form_token(browser.get("/survey").text)
    browser.post("/survey/mapping", data={"csrf": token, "column": "Wat zou je doen?", "value": "open"})
    browser.app.state.site.rerun.wait(30)
    page = browser.get("/survey").text
    assert 'role="alert"' in page and "afsluitcode 1" in page and "survey unreadable" in page


def test_a_correction_keeps_every_other_line_of_mapping_yaml(tmp_path):
    from knowledge.survey_mapping_file import set_correction

    path = tmp_path / "mapping.yaml"
    path.write_text('# mine\ncolumns:\n  "A": "Q01"  # checked\n  "B": "open?"  # unsure\n', encoding="utf-8")
    set_correction(path, "B", "Q02", "en", comment="by me")
    assert (
        path.read_text(encoding="utf-8")
        == '# mine\ncolumns:\n  "A": "Q01"  # checked\n  "B": "Q02"  # by me\n'
    )
    set_correction(path, "C: with colon", "ignore", "en", comment="new")
    assert read_corrections(path, "en") == {"A": "Q01", "B": "Q02", "C: with colon": "ignore"}
