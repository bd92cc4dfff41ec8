"""Phase 1 as one runner: the needs map, champions and target groups from a read, embedded corpus.

The Prefect flow (``flows/initiative.py``) wraps each step in a task; the evaluations call
:func:`run_phase1` whole. Both therefore draft the needs map the same way, chosen by
:func:`needs_path`:

- ``seeded``: a reviewer has put their name to a structure; it is the seed, and the model (when one is
  configured) only names the needs the reviewer did not write;
- ``coded``: a chat model codes each statement into a need phrase and groups the phrases
  (:func:`~agents.initiative.needs_coding.draft_coded`), then names the needs;
- ``offline``: the deterministic clustering, named by the model when one is configured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from agents.initiative import champions as champions_agent
from agents.initiative import needs_map as needs_map_agent
from agents.initiative import target_groups as target_groups_agent
from agents.initiative.needs_coding import draft_coded
from agents.initiative.needs_model import name_needs as name_with_model
from agents.initiative.statement_features import Embed, FeatureSettings
from agents.shared.chat_access import ChatAccess
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.needs_edits import Structure
from artefacts.notes import Corpus
from artefacts.project import Project

NeedsPath = Literal["seeded", "coded", "offline"]

__all__ = ["ChatAccess", "Phase1Inputs", "Phase1Result", "needs_path", "run_phase1"]

INSTRUCTIONS_LISTED = 5
INSTRUCTION_WARNING: PerLanguage[str] = PerLanguage("needs_map.instructions_left_out")


@dataclass(frozen=True)
class Phase1Inputs:
    """What phase 1 is drafted from. ``vectors`` has one row per statement of ``corpus``, in order;
    ``model`` is None offline; ``method`` and ``features`` tune the offline clustering (benchmarks)."""

    corpus: Corpus
    vectors: np.ndarray
    project: Project
    embed: Embed
    seed: Structure | None = None
    model: ChatAccess | None = None
    method: str = "library"
    features: FeatureSettings = field(default_factory=FeatureSettings)


@dataclass(frozen=True)
class Phase1Result:
    needs_map: NeedsMap
    champions: Champions
    target_groups: TargetGroups


def needs_path(inputs: Phase1Inputs) -> NeedsPath:
    """How the needs map is drafted: from the reviewer's structure, coded by the model, or offline."""
    if inputs.seed is not None:
        return "seeded"
    return "coded" if inputs.model is not None else "offline"


def cluster_needs(inputs: Phase1Inputs) -> NeedsMap:
    """The needs map before naming, by the path :func:`needs_path` chooses."""
    agent_inputs = needs_map_agent.NeedsMapInputs(
        notes=inputs.corpus.notes,
        vectors=inputs.vectors,
        language=inputs.project.language,
        seed=inputs.seed,
        embed=inputs.embed,
        method=inputs.method,
        features=inputs.features,
        guide=inputs.project.guide,
        codebook=inputs.project.codebook,
    )
    if needs_path(inputs) == "coded" and inputs.model is not None:
        model = inputs.model
        return draft_coded(agent_inputs, model.llm, cache=model.cache, log=model.log)
    return needs_map_agent.draft(agent_inputs)


def name_needs(needs_map: NeedsMap, model: ChatAccess | None) -> NeedsMap:
    """The needs named and phrased by the model; unchanged offline."""
    if model is None:
        return needs_map
    return name_with_model(needs_map, model.llm, cache=model.cache, log=model.log)


def note_reading_problems(needs_map: NeedsMap, corpus: Corpus) -> NeedsMap:
    """What the reviewer must check about the reading, as the needs map's warnings: each file (and
    line) that could not be read, with the reason and what to do, and what the reading was unsure of
    (who interviewed, the interviews' language)."""
    problems = [
        f"{p.source}{':' + str(p.line) if p.line else ''}: {p.message}{'; ' + p.hint if p.hint else ''}"
        for p in corpus.problems
    ]
    instructions = [note for note in corpus.notes if note.kind == "instruction"]
    if instructions:
        places = ", ".join(note.provenance.label() for note in instructions[:INSTRUCTIONS_LISTED])
        more = len(instructions) - INSTRUCTIONS_LISTED
        template = INSTRUCTION_WARNING.get(needs_map.meta.language, INSTRUCTION_WARNING["en"])
        problems.append(
            template.format(n=len(instructions), places=places + (f" (+{more})" if more > 0 else ""))
        )
    fresh = [w for w in [*problems, *corpus.warnings] if w not in needs_map.meta.warnings]
    needs_map.meta.warnings += fresh
    return needs_map


def rank_champions(corpus: Corpus, needs_map: NeedsMap, project: Project) -> Champions:
    return champions_agent.draft(corpus.interviews, corpus.notes, needs_map, project.language)


def map_target_groups(
    corpus: Corpus, needs_map: NeedsMap, champions: Champions, project: Project, embed: Embed
) -> TargetGroups:
    return target_groups_agent.draft(project, corpus.interviews, needs_map, champions, embed, corpus.notes)


def run_phase1(inputs: Phase1Inputs) -> Phase1Result:
    """Every step of phase 1 in order, in process (what the flow's tasks do one by one)."""
    needs_map = name_needs(cluster_needs(inputs), inputs.model)
    needs_map = note_reading_problems(needs_map, inputs.corpus)
    champions = rank_champions(inputs.corpus, needs_map, inputs.project)
    target_groups = map_target_groups(inputs.corpus, needs_map, champions, inputs.project, inputs.embed)
    return Phase1Result(needs_map=needs_map, champions=champions, target_groups=target_groups)
