"""Issue 10's "done means", on two corpora nobody tuned the code for (tests/fixtures/corpora).

Each corpus is what a new user brings: mixed transcript exports, notes, the ``samen.yaml`` that
``samen init`` writes (no interviewer names in it). Phase 1 runs as a Prefect flow, then the concept and
the questionnaire are drafted on recorded approvals. Then: the interviewees are the true ones, no note
is a line an interviewer said, no planted personal data and no real name is in any artefact, export or
stored note, and the reading says what it was unsure of.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from knowledge.pseudonymise import MAPPING_FILE, Pseudonymiser
from tests.corpus_truth import (
    CORPORA,
    Truth,
    expected_interviewees,
    is_asked,
    leaks,
    people_found,
    same_people,
)

pytestmark = pytest.mark.slow

REVIEW = {
    "reviewer": "Test Reviewer",
    "steps": [
        {"approve": "needs-map", "note": "ok"},
        {"choose": "C1", "note": "ok"},
        {"approve": "concept-hypotheses", "note": "ok"},
        {"approve": "persona", "note": "ok"},
    ],
}


def _project(tmp_path: Path, name: str) -> Path:
    """The corpus as a user's project: interviews, samen.yaml and any surveys, not the truth files."""
    source, root = CORPORA / name, tmp_path / name
    shutil.copytree(source / "interviews", root / "interviews")
    shutil.copy(source / "samen.yaml", root / "samen.yaml")
    if (source / "surveys").is_dir():
        shutil.copytree(source / "surveys", root / "surveys")
    return root


def _texts(root: Path) -> list[tuple[str, str]]:
    """(where, text) of every file under artefacts/ and of every document and metadata value in chromadb."""
    found: list[tuple[str, str]] = []
    for path in sorted((root / "artefacts").rglob("*")):
        if path.is_file() and path.suffix != ".docx":
            found.append((str(path.relative_to(root)), path.read_text(encoding="utf-8", errors="replace")))
        elif path.suffix == ".docx":
            import docx

            paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
            found.append((str(path.relative_to(root)), "\n".join(paragraphs)))
    database = root / ".samen" / "chroma" / "chroma.sqlite3"
    if database.exists():
        with sqlite3.connect(database) as connection:
            rows = connection.execute(
                "SELECT string_value FROM embedding_metadata WHERE string_value IS NOT NULL"
            )
            found.extend(("chromadb", value) for (value,) in rows)
    return found


@pytest.mark.parametrize("name", ["bieb-vrijwilligers", "huurders"])
def test_done_means_on_a_corpus_nobody_tuned_for(prefect_api, tmp_path, name):
    from flows.cli import app

    root = _project(tmp_path, name)
    truth = Truth.load(CORPORA / name)
    review = tmp_path / "review.yaml"
    review.write_text(yaml.safe_dump(REVIEW), encoding="utf-8")
    ran = CliRunner().invoke(app, ["run", "all", "--project", str(root), "--review", str(review)])
    assert ran.exit_code == 0, ran.output

    ws = Workspace(root)
    needs_map = ws.load("needs-map")
    assert isinstance(needs_map, NeedsMap)
    assert ws.path("questionnaire", 1, ".csv").exists() and ws.path("persona", 1, ".md").exists()
    pseudonymiser = Pseudonymiser(root / MAPPING_FILE)

    found = people_found(pseudonymiser, needs_map.interviewees)
    assert same_people(found, expected_interviewees(truth)), (found, expected_interviewees(truth))
    assert len(needs_map.interviewees) == truth.count == needs_map.interviews

    asked = [
        f"{n.source}:{n.line_start} {n.text}"
        for n in needs_map.notes
        if is_asked(root, pseudonymiser.real_source(n.source), n.line_start, truth)
    ]
    assert asked == []

    texts = _texts(root)
    assert {"chromadb"} < {where for where, _ in texts}  # the stored notes were read, and the artefacts
    leaked = leaks(texts, truth)
    assert leaked == [], leaked[:10]

    shown = {real.removeprefix("interviews/"): s for s, real in pseudonymiser.sources.items()}
    about_files = [w for w in needs_map.meta.warnings if "interviews/" in w]
    expected = [shown.get(w["file"], f"interviews/{w['file']}") for w in truth.expected_warnings]
    assert len(about_files) == len(expected), about_files
    assert all(any(file in w for w in about_files) for file in expected), about_files
