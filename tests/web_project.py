"""A small stored project for the review workspace's fast tests: a needs map of three needs whose notes
carry the injection corpus's attack texts, in Dutch or English, embedded with the hashing embedder."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from artefacts.base import ArtefactMeta, Quote
from artefacts.initiative import Intensity, Need, NeedsMap, NoteEntry
from artefacts.store import Workspace
from flows.web.access import Access
from flows.web.app import create_app

REPO = Path(__file__).resolve().parent.parent
INJECTION = REPO / "tests" / "fixtures" / "injection"
BASE = "http://127.0.0.1:8765"

TEXTS = {
    "en": [
        ["We swap drills with other coaches every week", "I want to learn drills from coaches at other clubs",
         "Exchanging exercises with trainers would help me most"],
        ["Covering each other's sessions when a coach is ill", "Who covers my sessions when I am ill",
         "A backup coach for my sessions when I am ill"],
        ["The paperwork for the federation eats my evenings", "Forms and permits take too much time",
         "Administration is the worst part of coaching"],
    ],
    "nl": [
        ["We ruilen elke week oefeningen met andere trainers", "Ik wil oefenstof leren van trainers bij andere clubs",
         "Oefeningen uitwisselen met collega-trainers helpt mij het meest"],
        ["Elkaars trainingen overnemen als een trainer ziek is", "Wie neemt mijn trainingen over als ik ziek ben",
         "Een invaller die mijn trainingen overneemt als ik ziek ben"],
        ["Het papierwerk voor de bond kost mijn avonden", "Formulieren en vergunningen kosten te veel tijd",
         "Administratie is het ergste van trainer zijn"],
    ],
}  # fmt: skip
TITLES = {
    "en": ["Exchanging drills", "Backup when ill", "Paperwork"],
    "nl": ["Oefenstof uitwisselen", "Invallen bij ziekte", "Papierwerk"],
}


def attack_lines(language: str) -> list[str]:
    """The HTML attacks of the injection corpus, as an interviewee said them (speaker label dropped)."""
    path = INJECTION / language / "interviews" / "04-html.txt"
    lines = [
        line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines() if ":" in line
    ]
    return [line for line in lines if "<" in line]


def needs_map(language: str) -> NeedsMap:
    notes: list[NoteEntry] = []
    needs: list[Need] = []
    attacks = attack_lines(language)
    question = "What would a community give you?" if language == "en" else "Wat zou een community je geven?"
    line = 1
    for number, (texts, title) in enumerate(zip(TEXTS[language], TITLES[language], strict=True), start=1):
        ids = []
        for text in texts:
            line += 2
            entry = NoteEntry(id=f"n-{line:04d}", text=text, source="interviews/01_P01.txt", line_start=line,
                              line_end=line, speaker=f"P0{number}", context=question)  # fmt: skip
            notes.append(entry)
            ids.append(entry.id)
        quote = Quote(note_id=ids[0], text=texts[0], source="interviews/01_P01.txt", line_start=3, line_end=3,
                      speaker=f"P0{number}")  # fmt: skip
        needs.append(
            Need(id=f"N0{number}", title=title, statement=texts[0], note_ids=ids, voiced_by=[f"P0{number}"],
                 evidence=[quote], intensity=Intensity(score=0.5, label="medium", reach=0.5, depth=1.0, emphasis=0))
        )  # fmt: skip
    hostile = NoteEntry(id="n-9001", text=attacks[0], source="interviews/02_P04.txt", line_start=2, line_end=2,
                        speaker="P04", context=f"{question} <b>bold?</b>")  # fmt: skip
    chat = NoteEntry(id="n-9002", text="Nice weather today", source="interviews/02_P04.txt", line_start=1,
                     line_end=1, speaker="P04", kind="smalltalk")  # fmt: skip
    needs[0].title = f"{TITLES[language][0]} {attacks[1]}"[:90]
    needs[0].note_ids.append(hostile.id)
    meta = ArtefactMeta(language=language, warnings=[f"P04 may be an interviewer {attacks[2]}"])
    return NeedsMap(meta=meta, needs=needs, notes=[*notes, hostile, chat], interviews=2,
                    interviewees=["P01", "P02", "P03", "P04"])  # fmt: skip


def make_project(tmp_path: Path, language: str = "en") -> Path:
    root = tmp_path / f"web-{language}"
    root.mkdir()
    name = "Riverside <Rowing>" if language == "en" else "Sportbond <Oost>"
    (root / "samen.yaml").write_text(
        f"organisation:\n  name: '{name}'\nlanguage: {language}\nembeddings:\n  name: hashing\n",
        encoding="utf-8",
    )
    Workspace(root).save(needs_map(language))
    return root


def client(root: Path, access: Access | None = None, **kwargs) -> TestClient:  # noqa: ANN003
    return TestClient(create_app(root, access=access, **kwargs), base_url=BASE, follow_redirects=False)


def form_token(page: str) -> str:
    marker = 'name="csrf" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def post_form(browser: TestClient, path: str, pairs: list[tuple[str, str]]):  # noqa: ANN201 - a response
    """Post a form whose fields repeat (ticked checkboxes), as a browser does."""
    body = urlencode(pairs)
    return browser.post(path, content=body, headers={"content-type": "application/x-www-form-urlencoded"})


def named(browser: TestClient, name: str = "Ann de Wit") -> None:
    """Give the reviewer's name once, as the page asks."""
    token = form_token(browser.get("/reviewer").text)
    answer = browser.post("/reviewer", data={"csrf": token, "name": name, "next": "/"})
    assert answer.status_code == 303


# 1x1 transparent PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def gate_project(tmp_path: Path) -> Path:
    """Just before the gate (tests/gate_project.py) plus survey results with a column mapping and a chart,
    and the advice on them: what `samen run test` leaves when the answers are in."""
    from agents.test.go_no_go import advise
    from artefacts.survey import Chart, ColumnMapping, Questionnaire
    from flows.context import ProjectContext
    from tests.gate_project import make_project as before_the_gate
    from tests.phase2_builders import results

    root = before_the_gate(tmp_path)
    ws = Workspace(root)
    found = results()
    found.mapping = [
        ColumnMapping(column="Ik herken mij <b>hierin</b>", item_id="Q01", score=0.9, block="recognition",
                      stats_id="Q01", confidence=0.9, source="wording", reason="de kop is de tekst van Q01"),
        ColumnMapping(column="Wat zou je doen?", item_id=None, score=0.2, block="open", stats_id="C07",
                      confidence=0.4, source="meaning", reason="open antwoorden"),
    ]  # fmt: skip
    charts = ws.folder("survey-results") / "charts"
    charts.mkdir(parents=True)
    (charts / "recognition.png").write_bytes(PNG)
    found.charts = [
        Chart(id="recognition", title="Herkenning <i>per</i> segment", path="charts/recognition.png")
    ]
    found.meta.based_on = {"concept-hypotheses": 1}
    ws.save(found)
    advice = advise(found, ws.load(Questionnaire), ProjectContext.open(root).project)
    advice.meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1, "survey-results": 1}
    for criterion in advice.criteria:
        if criterion.name == "recognition":
            criterion.columns = ["Ik herken mij <b>hierin</b>"]
    ws.save(advice)
    return root
