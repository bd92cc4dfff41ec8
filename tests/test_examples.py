"""Every example project reads cleanly and holds its gold statements, so the measurements stand on them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluations.gold import Gold, match_notes
from flows.scaffold import load_project
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser

EXAMPLES = sorted(p.parent for p in (Path(__file__).parent.parent / "examples").glob("*/gold.yaml"))


def test_every_example_is_here():
    assert {p.name for p in EXAMPLES} >= {"nl-trainers", "en-makers", "nl-zorg", "nl-bieb", "nl-energie"}


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_an_example_reads_without_problems_and_its_gold_is_found(folder: Path, tmp_path: Path):
    root = tmp_path / folder.name
    shutil.copytree(folder, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
    project = load_project(root)
    corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
    gold = Gold.load(root / "gold.yaml")
    # an example may hold a file saved in Windows-1252 on purpose: read, and said (issue 12 #5)
    assert [p for p in corpus.problems if "Windows-1252" not in p.message] == []
    assert {i.source for i in corpus.interviews} >= set(gold.champions) | set(gold.decoys)
    pairs = match_notes(gold, corpus.notes)
    found = sum(1 for _, note in pairs if note is not None)
    assert found >= 0.99 * len(pairs), f"{len(pairs) - found} gold statements not among the notes"
    assert all(i.language == project.language for i in corpus.interviews)
