"""The bad-input corpus (tests/fixtures/bad-input/cases.yaml): each kind of bad input gets a clear
error or warning naming the file (and line), and the rest of the run goes on."""

from __future__ import annotations

import os
import shutil
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from agents.test import runner
from artefacts.errors import SamenError
from flows.scaffold import load_project
from knowledge.embeddings import HashingEmbedder
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser
from knowledge.surveys import read_surveys
from tests.survey_questionnaires import questionnaire_for

CORPUS = Path(__file__).parent / "fixtures" / "bad-input"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))["cases"]
SECRET = "hunter2: the password of the server room\nroot:x:0:0:root:/root:/bin/bash\n"
GOOD_INTERVIEW = "interviews/good.txt"
GOOD_SURVEY = "surveys/good.csv"
WAIT_SECONDS = 60  # a FIFO must never make reading wait; this only ends a test that would hang


@dataclass(frozen=True)
class Said:
    """One error or warning as the user sees it."""

    file: str | None
    line: int | None
    text: str


@dataclass
class Outcome:
    said: list[Said]
    texts: list[str]  # everything read from the files: notes, or survey answers
    rest_went_on: bool


def _outside(tmp: Path) -> Path:
    outside = tmp / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "passwd").write_text(SECRET, encoding="utf-8")
    (outside / "interview.txt").write_text(
        "Interviewer: Hello?\nSam Stone: hunter2 is what I would like to share.\n", encoding="utf-8"
    )
    return outside


def _zip_bomb(path: Path, part: str = "word/document.xml", megabytes: int = 120) -> None:
    """A package whose ``part`` unpacks to ``megabytes`` MB of one repeated byte (a thousandth packed)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open(part, "w", force_zip64=True) as member:
            block = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)


MAKERS: dict[str, Callable[[Path, Path], None]] = {
    "link-outside": lambda root, tmp: (root / "interviews" / "passwd.txt").symlink_to(
        _outside(tmp) / "passwd"
    ),
    "folder-link-outside": lambda root, tmp: (root / "interviews" / "shared").symlink_to(
        _outside(tmp), target_is_directory=True
    ),
    "link-dangling": lambda root, tmp: (root / "interviews" / "gone.txt").symlink_to(
        root / "interviews" / "no.txt"
    ),
    "link-inside": lambda root, tmp: (root / "interviews" / "link.txt").symlink_to(root / GOOD_INTERVIEW),
    "copy": lambda root, tmp: shutil.copy(root / GOOD_INTERVIEW, root / "interviews" / "second.txt"),
    "fifo": lambda root, tmp: os.mkfifo(root / "interviews" / "pipe.txt"),
    "participants-link-outside": lambda root, tmp: (root / "interviews" / "participants.csv").symlink_to(
        _outside(tmp) / "passwd"
    ),
    "big-line": lambda root, tmp: (root / "interviews" / "dump.txt").write_text(
        "Interviewer: " + "word " * (2 * 1024 * 1024), encoding="utf-8"
    ),
    "repeated-sentence": lambda root, tmp: (root / "interviews" / "repeat.txt").write_text(
        "Interviewer: What do you miss?\nSam Stone: " + "I want to see my colleagues. " * 20_000 + "\n"
    ),
    "repeated-within-limit": lambda root, tmp: (root / "interviews" / "repeat.txt").write_text(
        "Interviewer: What do you miss?\nSam Stone: " + "I want to see my colleagues. " * 300 + "\n"
        "Interviewer: Anything else?\nSam Stone: Time to talk.\n"
    ),
    "zip-bomb": lambda root, tmp: _zip_bomb(root / "interviews" / "bomb.docx"),
    "deep-json": lambda root, tmp: (root / "interviews" / "deep.json").write_text(
        "[" * 100_000 + "]" * 100_000
    ),
    "survey-link-outside": lambda root, tmp: (root / "surveys" / "other.csv").symlink_to(
        _outside(tmp) / "passwd"
    ),
    "survey-zip-bomb": lambda root, tmp: _zip_bomb(
        root / "surveys" / "bomb.xlsx", "xl/worksheets/sheet1.xml", megabytes=250
    ),
    "survey-fifo": lambda root, tmp: os.mkfifo(root / "surveys" / "pipe.csv"),
    "samen-fifo": lambda root, tmp: ((root / "samen.yaml").unlink(), os.mkfifo(root / "samen.yaml")),
}


def _interviews(root: Path) -> Outcome:
    project = load_project(root)
    corpus = read_corpus(root, project, Pseudonymiser(root / ".samen" / "pseudonyms.json", language="en"))
    said = [Said(p.source, p.line, p.message) for p in corpus.problems] + [
        Said(None, None, w) for w in corpus.warnings
    ]
    good = [n for n in corpus.notes if n.provenance.source == GOOD_INTERVIEW]
    texts = [n.text for n in corpus.notes] + [t.text for i in corpus.interviews for t in i.turns]
    return Outcome(said, texts, rest_went_on=len(good) >= 2)


def _surveys(root: Path) -> Outcome:
    table = read_surveys(root / "surveys", root, "en")
    said = [Said(p.source, p.line, p.message) for p in table.problems]
    texts = [value for row in table.rows for value in row.values()]
    return Outcome(said, texts, rest_went_on=GOOD_SURVEY in table.sources and len(table.rows) >= 2)


def _analysis(root: Path) -> Outcome:
    (root / GOOD_SURVEY).unlink()  # the case brings its own answers to the test questionnaire
    project = load_project(root)
    table = read_surveys(root / "surveys", root, "en")
    questionnaire = questionnaire_for("en")
    results = runner.analyse_answers(
        table, questionnaire, 1, project, root / "charts", HashingEmbedder(dim=64), None
    )
    runner.advice_on(results, questionnaire, project)
    said = [Said(None, None, w) for w in results.meta.warnings]
    return Outcome(said, [], rest_went_on=results.respondents >= 3)


def _project(root: Path) -> Outcome:
    try:
        load_project(root)
    except SamenError as error:
        shown = error.path.relative_to(root).as_posix() if error.path is not None else None
        return Outcome([Said(shown, error.line, error.message)], [], rest_went_on=True)
    return Outcome([], [], rest_went_on=True)


STAGES: dict[str, Callable[[Path], Outcome]] = {
    "interviews": _interviews,
    "surveys": _surveys,
    "analysis": _analysis,
    "project": _project,
}


def _project_for(case: dict[str, Any], tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(CORPUS / "base", root)
    own = CORPUS / case["kind"]
    if own.is_dir():
        shutil.copytree(own, root, dirs_exist_ok=True)
    if "make" in case:
        MAKERS[case["make"]](root, tmp)
    return root


def _run(stage: Callable[[Path], Outcome], root: Path) -> Outcome:
    """The stage in a thread: a reader that blocks (a FIFO) fails the case instead of hanging the run."""
    found: list[Outcome | BaseException] = []

    def work() -> None:
        try:
            found.append(stage(root))
        except BaseException as error:  # noqa: BLE001 - handed to the test
            found.append(error)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(WAIT_SECONDS)
    if worker.is_alive():
        for fifo in (p for p in root.rglob("*") if p.is_fifo()):
            with open(fifo, "w", encoding="utf-8"):  # let the blocked reader go
                pass
        pytest.fail("reading blocked (on a FIFO?)")
    if isinstance(found[0], BaseException):
        raise found[0]
    return found[0]


def test_the_corpus_has_at_least_25_kinds_and_each_folder_is_a_case() -> None:
    kinds = [case["kind"] for case in CASES]
    assert len(kinds) == len(set(kinds)) >= 25
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()} - {"base"}
    assert folders <= set(kinds), f"folders without a case: {sorted(folders - set(kinds))}"


def _params() -> list[Any]:
    """Each case; one with a ``known_gap`` is a defect found and not fixed yet: it must still fail."""
    return [
        pytest.param(
            case,
            id=case["kind"],
            marks=[pytest.mark.xfail(reason=case["known_gap"], strict=True)] if "known_gap" in case else [],
        )
        for case in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_bad_input_is_named_and_the_rest_goes_on(case: dict[str, Any], tmp_path: Path) -> None:
    root = _project_for(case, tmp_path)
    outcome = _run(STAGES[case["stage"]], root)
    fragments = [fragment.casefold() for fragment in case["says"]]
    matching = [
        said
        for said in outcome.said
        if said.file == case["file"]
        and ("line" not in case or said.line == case["line"])
        and all(fragment in said.text.casefold() for fragment in fragments)
    ]
    assert matching, f"nothing said about {case['file']} line {case.get('line')}: {outcome.said}"
    assert outcome.rest_went_on, "the good files were not read"
    if "never" in case:
        assert not any(case["never"] in text for text in outcome.texts)
    if case.get("refused") and case["file"] is not None:
        assert not any(said.file == GOOD_INTERVIEW or said.file == GOOD_SURVEY for said in outcome.said)
