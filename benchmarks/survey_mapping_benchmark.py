"""How well an organisation's own survey is mapped by meaning: accuracy per fixture and calibration.

    python benchmarks/survey_mapping_benchmark.py                 # e5 (the bundled default)
    python benchmarks/survey_mapping_benchmark.py --embedder hashing
    python benchmarks/survey_mapping_benchmark.py --write         # and appends the tables to RESULTS.md

Every export under tests/fixtures/surveys-own, tests/fixtures/corpora/*/surveys (both used to tune the
rules) and tests/fixtures/surveys-heldout (written after the tuning, never tuned on) is mapped alone
(read as the flow reads it, mapped against a Samen questionnaire in the survey's language, without the
needs map: those fixtures have none) and compared with the column → criterion truth beside it
(``truth.yaml``). A column is right when its block is one the truth allows. Calibration: of the columns
Samen marks sure (confidence ≥ ``SURE``), the share that is wrong — those are the ones a reviewer is not
told to check; of the columns flagged unsure, the share that is right.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from knowledge.embeddings import E5Embedder, Embedder, HashingEmbedder  # noqa: E402
from knowledge.survey_mapping import SURE, propose_mapping  # noqa: E402
from knowledge.surveys import read_surveys  # noqa: E402
from tests.survey_questionnaires import questionnaire_for  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class Case:
    name: str
    path: Path
    language: str
    truth: dict[str, list[str]]


@dataclass
class Outcome:
    case: Case
    right: int
    total: int
    sure_wrong: int
    sure: int
    unsure_right: int
    unsure: int
    wrong: list[str]


def cases() -> list[Case]:
    found = []
    for folder in ("surveys-own", "surveys-heldout"):
        own = yaml.safe_load((FIXTURES / folder / "truth.yaml").read_text(encoding="utf-8"))
        for name, spec in own["files"].items():
            path = FIXTURES / folder / name
            found.append(Case(f"{folder}/{name}", path, spec["language"], _allowed(spec["columns"])))
    for truth_path in sorted(FIXTURES.glob("corpora/*/surveys/truth.yaml")):
        truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
        language = "en" if truth_path.parts[-3] == "huurders" else "nl"
        for path in sorted(truth_path.parent.iterdir()):
            if path.suffix in (".csv", ".xlsx"):
                name = f"corpora/{truth_path.parts[-3]}/{path.name}"
                found.append(Case(name, path, language, _allowed(truth["columns"])))
    return found


def _allowed(columns: dict[str, str | list[str]]) -> dict[str, list[str]]:
    return {column: [value] if isinstance(value, str) else list(value) for column, value in columns.items()}


def measure(case: Case, embedder: Embedder) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "surveys").mkdir()
        shutil.copy(case.path, root / "surveys" / case.path.name)
        table = read_surveys(root / "surveys", root, language=case.language)
    mapping = propose_mapping(
        table.columns, table.rows, questionnaire_for(case.language), embedder, case.language
    )
    outcome = Outcome(case, 0, 0, 0, 0, 0, 0, [])
    for found in mapping:
        allowed = case.truth.get(found.column)
        if allowed is None:
            raise SystemExit(f"{case.name}: column {found.column!r} has no truth; add it to truth.yaml")
        right = (found.block or "unmapped") in allowed
        outcome.total += 1
        outcome.right += right
        if found.confidence >= SURE:
            outcome.sure += 1
            outcome.sure_wrong += not right
        else:
            outcome.unsure += 1
            outcome.unsure_right += right
        if not right:
            outcome.wrong.append(
                f"{found.column[:48]!r} → {found.block} ({found.confidence:.2f}; truth {'/'.join(allowed)})"
            )
    return outcome


def table(outcomes: list[Outcome], embedder: str) -> list[str]:
    rows = [
        "| date | embedder | fixture | columns | right | accuracy | sure | wrong among sure | unsure | right among unsure |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    heldout = [o for o in outcomes if o.case.name.startswith("surveys-heldout/")]
    tuned = [o for o in outcomes if o not in heldout]
    sums = [_sum("all tuned-on", tuned), _sum("all held-out", heldout), _sum("all", outcomes)]
    for o in [*outcomes, *sums]:
        rows.append(
            f"| {date.today()} | {embedder} | {o.case.name} | {o.total} | {o.right} | {o.right / max(o.total, 1):.2f} "
            f"| {o.sure} | {_share(o.sure_wrong, o.sure)} | {o.unsure} | {_share(o.unsure_right, o.unsure)} |"
        )
    return rows


def _sum(name: str, outcomes: list[Outcome]) -> Outcome:
    total = Outcome(Case(name, Path(), "", {}), 0, 0, 0, 0, 0, 0, [])
    for o in outcomes:
        for key in ("right", "total", "sure_wrong", "sure", "unsure_right", "unsure"):
            setattr(total, key, getattr(total, key) + getattr(o, key))
    return total


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embedder", choices=("e5", "hashing"), default="e5")
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    embedder: Embedder = E5Embedder() if args.embedder == "e5" else HashingEmbedder(dim=256)
    outcomes = [measure(case, embedder) for case in cases()]
    rows = table(outcomes, args.embedder)
    print("\n".join(rows))
    wrong = [f"- {o.case.name}: {w}" for o in outcomes for w in o.wrong]
    print("\nWrong mappings:\n" + ("\n".join(wrong) or "- none"))
    if args.write:
        with (HERE / "RESULTS.md").open("a", encoding="utf-8") as out:
            out.write(f"\n## Own surveys mapped by meaning ({args.embedder})\n\n")
            out.write(f"`python benchmarks/survey_mapping_benchmark.py`; sure = confidence ≥ {SURE:.0%}.\n\n")
            out.write("\n".join(rows) + "\n\nWrong mappings:\n\n" + ("\n".join(wrong) or "- none") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
