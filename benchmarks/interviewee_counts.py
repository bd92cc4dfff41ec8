"""Who was interviewed, who asked, and what personal data got through: reading measured against truth.

    python benchmarks/interviewee_counts.py [CORPUS_DIR ...]

By default every folder with a ``truth.yaml`` under ``tests/fixtures/corpora``, ``examples`` and
``tests/fixtures/reading``. Each is copied to a temporary folder and read as ``samen run initiative``
reads it (parsers, speakers, interviewer detection, pseudonymisation; no Prefect, no embedding). Per
corpus: files read, interviewees true vs found, interviewers true vs found (and how many pseudonyms
the named ones got: more than true means one person was split in two), notes made of an
interviewer's line, planted personal data still in the corpus (by kind), and the reading's warnings.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from flows.scaffold import load_project, scaffold  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402
from tests.corpus_truth import Truth, measure  # noqa: E402

SEARCHED = ("tests/fixtures/corpora", "examples", "tests/fixtures/reading")


def corpora(arguments: list[str]) -> list[Path]:
    if arguments:
        return [Path(a).resolve() for a in arguments]
    root = HERE.parent
    found = {p.parent for folder in SEARCHED for p in (root / folder).glob("*/truth.yaml")}
    found |= {
        p.parent.parent for folder in SEARCHED for p in (root / folder).glob("*/interviews/participants.csv")
    }
    return sorted(found, key=lambda p: (SEARCHED.index(_searched(p)), p.name))


def _shown(path: Path) -> str:
    return f"{_searched(path)}/{path.name}"


def _searched(path: Path) -> str:
    """The folder of SEARCHED a corpus is in, or its own parent for one given on the command line."""
    return next((f for f in SEARCHED if path.parent == HERE.parent / f), str(path.parent))


def run(source: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / source.name
        shutil.copytree(source, root)
        truth = Truth.load(root)
        if not (root / "samen.yaml").exists():  # a test fixture: the project `samen init` would make
            scaffold(root, name=source.name, language=truth.language)
        project = load_project(root)
        pseudonymiser = Pseudonymiser.for_project(root, project)
        started = time.perf_counter()
        corpus = read_corpus(root, project, pseudonymiser)
        seconds = time.perf_counter() - started
        found = measure(root, corpus, pseudonymiser, truth)
    leaked = ", ".join(f"{k} {n}" for k, n in sorted(found.leaked.items())) or "0"
    if not truth.planted:
        leaked = "n/a (none planted)"
    askers, asked = "n/a", "n/a"  # who asked is not known for the examples
    if truth.interviewers_known:
        askers = f"{found.interviewers_true} / {found.interviewers_found} / {found.interviewer_pseudonyms}"
        asked = str(len(found.interviewer_notes))
    print(
        f"| {_shown(source)} | {found.files} "
        f"| {found.interviewees_true} / {found.interviewees_found} | {askers} | {asked} "
        f"| {leaked} | {len(corpus.warnings)} | {len(corpus.problems)} | {seconds:.2f} |"
    )
    for line in [*found.wrong_interviewees, *found.wrong_interviewers, *found.interviewer_notes]:
        print(f"    {line}", file=sys.stderr)
    for warning in corpus.warnings:
        print(f"    warning: {warning}", file=sys.stderr)
    for problem in corpus.problems:
        print(f"    problem: {problem.source}: {problem.message}", file=sys.stderr)


def main() -> None:
    print(
        "| corpus | files | interviewees true / found | interviewers true / found / pseudonyms "
        "| interviewer lines as notes | planted data leaked | warnings | problems | read s |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for source in corpora(sys.argv[1:]):
        run(source)


if __name__ == "__main__":
    main()
