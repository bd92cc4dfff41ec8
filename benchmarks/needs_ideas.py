"""What each idea of issue 3 contributes to the needs map, measured against the examples' gold files.

    .venv/bin/python benchmarks/needs_ideas.py [--embedder e5] [EXAMPLE ...]

Each row adds one idea to the row above it (the last rows switch one idea off the full method), runs
phase 1 offline on a temporary copy of the example (with the interview guide of its samen.yaml passed
to the needs map), and scores the needs map: ARI and NMI (unclustered statements count as one extra
label), gold needs matched by a found need with F1 >= 0.4, the share of need statements left
unclustered, and the share of small talk kept out of the needs. The last row adds, where an example
has one, the codebook a consultant wrote from its samen.yaml alone (``codebook-from-brief.yaml``).
Prints a Markdown table and writes benchmarks/results/needs-ideas-<examples>-<embedder>.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

import agents.initiative.statement_features as statement_features  # noqa: E402
import knowledge.interviews as interviews  # noqa: E402
from agents.initiative import needs_map as needs_map_agent  # noqa: E402
from agents.initiative.statement_features import FeatureSettings  # noqa: E402
from artefacts.project import CodebookEntry, Project  # noqa: E402
from evaluations.gold import Gold  # noqa: E402
from evaluations.metrics import score_needs  # noqa: E402
from knowledge.embeddings import make_embedder  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402

NO_CONTEXT = dict(context_mix=0.0, question_cues=0.0, neighbour_cues=0.0)
LEXICONS = {  # earlier cue lexicons, for the rows that measure the method as it was
    "v1": REPO / "benchmarks" / "need_cues_v1.yaml",  # 2026-11-26
    "v2": REPO / "benchmarks" / "need_cues_v2.yaml",  # 2026-11-27, before coordination and digital tools
}


@dataclass(frozen=True)
class Idea:
    name: str
    method: str = "library"
    features: FeatureSettings = field(default_factory=FeatureSettings)
    frame: bool = True  # opening/closing talk and contact details recognised as small talk
    lexicon: str = ""  # an earlier cue lexicon (a key of LEXICONS) instead of need_cues.yaml
    guide: bool = True  # the interview guide of samen.yaml passed to the needs map
    codebook: bool = False  # the example's codebook-from-brief.yaml (a consultant's, from the brief alone)


OLD_SEEDS = FeatureSettings(own_seeds=False)  # seeds from the profile with the context added
V1 = dict(lexicon="v1", guide=False)
V2 = dict(lexicon="v2")
IDEAS = [
    Idea("statements, generic clustering (baseline)", method="plain", frame=False, guide=False),
    Idea("+ opening/closing talk → small talk", method="plain", guide=False),
    Idea(
        "+ centred vectors, need library as seeds (statement cues)",
        features=FeatureSettings(**NO_CONTEXT, own_seeds=False),
        **V1,
    ),
    Idea(
        "+ cues of the interviewer's question",
        features=FeatureSettings(context_mix=0.0, neighbour_cues=0.0, own_seeds=False),
        **V1,
    ),
    Idea(
        "+ cues of the rest of the answer", features=FeatureSettings(context_mix=0.0, own_seeds=False), **V1
    ),
    Idea("+ question embedding mixed in (method of 2026-11-26)", features=OLD_SEEDS, **V1),
    Idea(
        "+ broader generic cue lexicon, whole-word short stems", features=OLD_SEEDS, lexicon="v2", guide=False
    ),
    Idea(
        "+ interview guide: answers to one guide question pooled (method of 2026-11-27)",
        features=OLD_SEEDS,
        **V2,
    ),
    Idea("+ library needs coordination and digital tools, cues for collaboration", features=OLD_SEEDS),
    Idea("+ seeds from the statements' own words (**full method**)"),
    Idea("full − the new library needs (lexicon of 2026-11-27)", **V2),
    Idea("full − interview guide", guide=False),
    Idea("full, guide pooling weight 1", features=FeatureSettings(guide_pool=1.0)),
    Idea("full − centring", features=FeatureSettings(centre=False)),
    Idea("full − need cues (embeddings + context only)", features=FeatureSettings(cues=False)),
    Idea("full, cue block weight 2", features=FeatureSettings(cue_weight=2.0)),
    Idea("full + a codebook written from the project brief alone", codebook=True),
]
CODEBOOK = "codebook-from-brief.yaml"


@contextmanager
def cue_lexicon(name: str) -> Iterator[None]:
    """Use an earlier cue lexicon for a row (the caches of the cue patterns are cleared around it)."""
    saved = statement_features._table
    caches = (statement_features._cue_list, statement_features._cues, statement_features._cue_owner)
    if name:
        table = yaml.safe_load(LEXICONS[name].read_text(encoding="utf-8"))["needs"]
        statement_features._table = lambda: table  # type: ignore[assignment]
    for cached in caches:
        cached.cache_clear()
    try:
        yield
    finally:
        statement_features._table = saved
        for cached in caches:
            cached.cache_clear()


@contextmanager
def frame_detection(on: bool) -> Iterator[None]:
    """Switch off the opening/closing rule of ``knowledge.interviews`` for a baseline row."""
    saved = interviews.frame_turns, interviews.shares_contact_details
    if not on:
        interviews.frame_turns = lambda turns: set()  # type: ignore[assignment]
        interviews.shares_contact_details = lambda text: False  # type: ignore[assignment]
    try:
        yield
    finally:
        interviews.frame_turns, interviews.shares_contact_details = saved


def measure(example: str, idea: Idea, embedder: str) -> dict:
    folder = REPO / "examples" / example
    with frame_detection(idea.frame), cue_lexicon(idea.lexicon), tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(folder, root, ignore=shutil.ignore_patterns(".samen", "artefacts"))
        project = Project.model_validate(yaml.safe_load((root / "samen.yaml").read_text(encoding="utf-8")))
        project.embeddings.name = embedder  # type: ignore[assignment]
        corpus = read_corpus(root, project, Pseudonymiser.for_project(root, project))
        embed = make_embedder(
            project.embeddings, REPO / "benchmarks" / ".cache" / "embeddings"
        ).embed_documents
        inputs = needs_map_agent.NeedsMapInputs(
            notes=corpus.notes,
            vectors=embed([n.text for n in corpus.statements()]),
            language=project.language,
            embed=embed,
            method=idea.method,
            features=idea.features,
            guide=project.guide if idea.guide else (),
            codebook=codebook(folder) if idea.codebook else (),
        )
        needs_map = needs_map_agent.draft(inputs)
    score = score_needs(Gold.load(folder / "gold.yaml"), corpus.notes, needs_map)
    return {
        "ari": score.ari,
        "nmi": score.nmi,
        "matched": score.matched,
        "gold_needs": score.gold_needs,
        "needs_found": score.needs_found,
        "unclustered": score.unclustered_share,
        "smalltalk_out": score.smalltalk_kept_out,
    }


def codebook(folder: Path) -> list[CodebookEntry]:
    """The consultant's codebook of an example, written from its samen.yaml before reading interviews."""
    path = folder / CODEBOOK
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["codebook"]
    return [CodebookEntry.model_validate(entry) for entry in entries]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("examples", nargs="*", default=["nl-trainers", "en-makers"])
    parser.add_argument("--embedder", default="e5")
    args = parser.parse_args()
    rows = []
    print(
        "| idea | example | ARI | NMI | gold needs matched | needs found | unclustered | small talk kept out |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for idea in IDEAS:
        for example in args.examples:
            if idea.codebook and not (REPO / "examples" / example / CODEBOOK).exists():
                continue
            m = measure(example, idea, args.embedder)
            rows.append({"idea": idea.name, "example": example, **m})
            print(
                f"| {idea.name} | {example} | {m['ari']:.3f} | {m['nmi']:.3f} | {m['matched']}/{m['gold_needs']} "
                f"| {m['needs_found']} | {m['unclustered']:.0%} | {m['smalltalk_out']:.0%} |",
                flush=True,
            )
    out = REPO / "benchmarks" / "results" / f"needs-ideas-{'+'.join(args.examples)}-{args.embedder}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
