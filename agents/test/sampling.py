"""The sampling plan of the questionnaire: whom to send it to, and how many answers the decision needs.

The number comes from Cochran's formula for estimating a proportion,

    n0 = z² · p · (1 − p) / e²

with ``z`` the two-sided normal quantile of the confidence level, ``e`` the margin of error and ``p`` the
expected proportion (0.5, the worst case, when nothing is known). When the population is known the
finite population correction shrinks it: ``n = n0 / (1 + (n0 − 1) / N)``. The result is rounded up.

    required_sample(0.05, 0.95) == 385     required_sample(0.1, 0.9) == 68
    required_sample(0.1, 0.9, population=200) == 51
"""

from __future__ import annotations

import math
from statistics import NormalDist

from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypothesis, Persona
from artefacts.initiative import TargetGroups
from artefacts.project import Project
from artefacts.survey import SamplingPlan

MARGIN = 0.1
CONFIDENCE = 0.9
PER_SEGMENT = 30  # the methodology's floor for comparing segments; below 20 percentages become shaky

RATIONALE: PerLanguage[str] = PerLanguage("sampling.rationale")
POPULATION: PerLanguage[list[str]] = PerLanguage("sampling.population")
COMPARE: PerLanguage[str] = PerLanguage("sampling.compare")
NO_SEGMENTS: PerLanguage[str] = PerLanguage("sampling.no_segments")


def required_sample(
    margin: float = MARGIN, confidence: float = CONFIDENCE, population: int | None = None, p: float = 0.5
) -> int:
    """Completed answers needed to estimate a share within ±``margin`` at ``confidence`` (Cochran, with
    finite population correction when ``population`` is given)."""
    if not 0 < margin < 1:
        raise ValueError(f"margin must lie between 0 and 1, not {margin}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie between 0 and 1, not {confidence}")
    if not 0 < p < 1:
        raise ValueError(f"p must lie between 0 and 1, not {p}")
    if population is not None and population < 1:
        raise ValueError(f"population must be at least 1, not {population}")
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    n0 = z * z * p * (1 - p) / (margin * margin)
    if population is not None:
        n0 = n0 / (1 + (n0 - 1) / population)
    n = math.ceil(round(n0, 9))  # round first: 384.0000000001 is 384, not 385
    return max(1, min(n, population) if population is not None else n)


def segments_of(concept: ConceptHypothesis, target_groups: TargetGroups) -> list[str]:
    """The target groups the concept (and so its persona) is for; all groups when it names none."""
    known = [group.name for group in target_groups.groups]
    named = [name for name in concept.target_groups if name in known or not known]
    return named or known or list(concept.target_groups)


def sampling_plan(
    persona: Persona,
    target_groups: TargetGroups,
    concept: ConceptHypothesis,
    project: Project,
    *,
    margin: float = MARGIN,
    confidence: float = CONFIDENCE,
    population: int | None = None,
) -> SamplingPlan:
    """Segments to send the questionnaire to and the answers the decision needs, with the reasoning."""
    language = project.language if project.language in RATIONALE else "en"
    segments = segments_of(concept, target_groups)
    n = required_sample(margin, confidence, population)
    unknown, known = POPULATION[language]
    rationale = RATIONALE[language].format(
        margin=_number(margin * 100, language),
        confidence=_number(confidence * 100, language),
        n=n,
        population=unknown if population is None else known.format(N=population),
        persona=persona.name,
        segments=", ".join(segments) if segments else NO_SEGMENTS[language],
        compare=COMPARE[language].format(per_segment=PER_SEGMENT, total=PER_SEGMENT * len(segments))
        if len(segments) > 1
        else "",
    )
    return SamplingPlan(
        segments=segments,
        population=population,
        margin_of_error=margin,
        confidence=confidence,
        required_responses=n,
        rationale=rationale,
    )


def _number(value: float, language: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "nl" else text
