"""Which artefacts exist, which phase makes each, and where they are stored."""

from __future__ import annotations

from artefacts.base import Artefact
from artefacts.concept import ConceptHypotheses, Persona
from artefacts.errors import NotFoundError
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.messages import FALLBACK, message
from artefacts.survey import GoNoGoAdvice, Questionnaire, SurveyResults

PHASES: tuple[str, ...] = ("initiative", "concept", "test", "core-group", "strategy", "plan", "launch")

PHASE_FOLDERS: dict[str, str] = {
    "initiative": "1-initiative",
    "concept": "2a-concept",
    "test": "2b-test",
    "core-group": "3-core-group",
    "strategy": "4-strategy",
    "plan": "5-plan",
    "launch": "6-launch",
}

ARTEFACTS: dict[str, type[Artefact]] = {
    model.artefact_name: model
    for model in (
        NeedsMap,
        Champions,
        TargetGroups,
        ConceptHypotheses,
        Persona,
        Questionnaire,
        SurveyResults,
        GoNoGoAdvice,
    )
}


def artefact_model(name: str, language: str = FALLBACK) -> type[Artefact]:
    try:
        return ARTEFACTS[name]
    except KeyError:
        known = ", ".join(sorted(ARTEFACTS))
        raise NotFoundError(
            message(language, "unknown_artefact", name=name),
            hint=message(language, "unknown_artefact_hint", known=known),
        ) from None


def phase_artefacts(phase: str) -> list[str]:
    return [name for name, model in ARTEFACTS.items() if model.phase == phase]
