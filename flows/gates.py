"""The approval chain between phases, and the go/no-go gate's record in the audit log.

Everything here reads and writes the workspace only (no Prefect), so the CLI can answer quickly and a
decision stands whether or not a flow, a server or the waiting process is still alive.

- phase 2a (concept) needs an approved needs map;
- the persona and questionnaire are drafted for the *chosen* concept (``samen choose C2``);
- phase 2b (test) needs an approved concept-hypotheses version with a chosen concept;
- the survey analysis needs an approved questionnaire;
- phase 3 needs a recorded ``go`` for the current concept version (:func:`require_go`).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from artefacts.audit import AuditEvent
from artefacts.base import Artefact
from artefacts.concept import ConceptHypotheses
from artefacts.errors import GateError, ReviewError
from artefacts.store import Workspace
from artefacts.survey import GateDecision
from flows.messages import language_of, message, state_word

DECIDED_ON = "go-no-go-advice"  # the artefact a gate decision is recorded against


class GateBasis(BaseModel):
    """What a gate decision is based on: the concept and the versions of the evidence."""

    model_config = ConfigDict(extra="forbid")

    concept_id: str
    concept_version: int
    questionnaire_version: int | None = None
    survey_results_version: int | None = None
    advice_version: int | None = None

    def versions(self) -> dict[str, int]:
        pairs = {
            "concept-hypotheses": self.concept_version,
            "questionnaire": self.questionnaire_version,
            "survey-results": self.survey_results_version,
            "go-no-go-advice": self.advice_version,
        }
        return {name: version for name, version in pairs.items() if version is not None}


def require_approved(workspace: Workspace, name: str, *, before: str) -> tuple[int, Artefact]:
    """The latest approved version of ``name``, or a GateError that says what to do."""
    found = workspace.latest_approved(name)
    if found is not None:
        return found
    latest = workspace.latest_version(name)
    language = language_of(workspace)
    if latest is None:
        producer = {"needs-map": "initiative", "concept-hypotheses": "concept", "questionnaire": "test"}.get(
            name
        )
        hint = message(language, "run_first", producer=producer, project=workspace.root) if producer else None
        raise GateError(message(language, "needs_approved_none", before=before, name=name), hint=hint)
    state = state_word(language, workspace.state(name, latest))
    raise GateError(
        message(language, "needs_approved_state", before=before, name=name, version=latest, state=state),
        hint=message(language, "review_then_approve", name=name, project=workspace.root),
    )


# -- choosing a concept --------------------------------------------------------------------------
def chosen_concept(workspace: Workspace, version: int) -> str | None:
    """The concept chosen on concept-hypotheses ``version`` (the last choice recorded), if any."""
    chosen = None
    for event in workspace.audit.history("concept-hypotheses"):
        if event.action == "chosen" and event.version == version:
            chosen = str(event.details.get("concept"))
    return chosen


def record_choice(
    workspace: Workspace, concept_id: str, *, by: str, note: str = "", version: int | None = None
) -> int:
    """Record that ``by`` chose ``concept_id`` on a concept-hypotheses version (default: the latest)."""
    hypotheses = workspace.load("concept-hypotheses", version)
    assert isinstance(hypotheses, ConceptHypotheses)
    chosen_version = version or workspace.latest_version("concept-hypotheses")
    assert chosen_version is not None
    ids = [concept.id for concept in hypotheses.concepts]
    if concept_id.upper() not in ids:
        language = language_of(workspace)
        raise ReviewError(
            message(language, "no_such_concept", version=chosen_version, concept=concept_id),
            hint=message(language, "choose_one_of", options=", ".join(ids)),
        )
    workspace.audit.append(
        AuditEvent(
            actor=by,
            action="chosen",
            artefact="concept-hypotheses",
            version=chosen_version,
            note=note,
            details={"concept": concept_id.upper()},
        )
    )
    return chosen_version


def current_concept(workspace: Workspace) -> tuple[int, ConceptHypotheses, str]:
    """The approved concept-hypotheses version the test builds on, and the concept chosen on it."""
    language = language_of(workspace)
    before = message(language, "before_test")
    version, hypotheses = require_approved(workspace, "concept-hypotheses", before=before)
    assert isinstance(hypotheses, ConceptHypotheses)
    chosen = chosen_concept(workspace, version)
    if chosen is None:
        ids = ", ".join(concept.id for concept in hypotheses.concepts)
        raise GateError(
            message(language, "no_concept_chosen", version=version, ids=ids),
            hint=message(language, "no_concept_chosen_hint", project=workspace.root, version=version),
        )
    return version, hypotheses, chosen


def revision_note(workspace: Workspace) -> str:
    """The reviewer's note of the latest ``revise`` decision: every later concept draft answers it."""
    notes = [event.note for event in _decided(workspace) if event.details.get("decision") == "revise"]
    return notes[-1] if notes else ""


# -- the gate's record ----------------------------------------------------------------------------
def _decided(workspace: Workspace) -> list[AuditEvent]:
    return [event for event in workspace.audit.history(DECIDED_ON) if event.action == "decided"]


def _as_decision(event: AuditEvent) -> GateDecision:
    decided_at = event.details.get("decided_at")
    return GateDecision(
        decision=event.details["decision"],  # type: ignore[arg-type]
        reviewer=event.actor,
        reason=event.note,
        concept_id=str(event.details.get("concept")),
        decided_at=datetime.fromisoformat(str(decided_at)) if decided_at else event.at,
    )


def _versions(event: AuditEvent) -> dict[str, object]:
    versions = event.details.get("versions")
    return versions if isinstance(versions, dict) else {}


def _matches(event: AuditEvent, basis: GateBasis) -> bool:
    versions = _versions(event)
    return (
        event.details.get("concept") == basis.concept_id
        and versions.get("concept-hypotheses") == basis.concept_version
        and versions.get("go-no-go-advice") == basis.advice_version
    )


def recorded_decision(workspace: Workspace, basis: GateBasis) -> GateDecision | None:
    """The last decision recorded for this concept version and advice version, if any."""
    found = [event for event in _decided(workspace) if _matches(event, basis)]
    return _as_decision(found[-1]) if found else None


def record_decision(workspace: Workspace, decision: GateDecision, basis: GateBasis) -> AuditEvent:
    """Write the decision to the audit log, with the versions it was based on."""
    if basis.advice_version is None:
        language = language_of(workspace)
        raise GateError(
            message(language, "no_advice_yet"),
            hint=message(language, "put_answers_hint", project=workspace.root),
        )
    if decision.concept_id != basis.concept_id:
        language = language_of(workspace)
        raise GateError(
            message(language, "wrong_concept", tested=basis.concept_id, decided=decision.concept_id),
            hint=message(language, "wrong_concept_hint", tested=basis.concept_id),
        )
    event = AuditEvent(
        actor=decision.reviewer,
        action="decided",
        artefact=DECIDED_ON,
        version=basis.advice_version,
        note=decision.reason,
        details={
            "decision": decision.decision,
            "concept": decision.concept_id,
            "versions": basis.versions(),
            "decided_at": decision.decided_at.isoformat(),
        },
    )
    return workspace.audit.append(event)


def same_decision(a: GateDecision | None, b: GateDecision) -> bool:
    return a is not None and (a.decision, a.reviewer, a.reason, a.concept_id) == (
        b.decision,
        b.reviewer,
        b.reason,
        b.concept_id,
    )


def require_go(workspace: Workspace) -> GateDecision:
    """The recorded ``go`` for the current concept version; otherwise a GateError saying why and what to do."""
    language = language_of(workspace)
    try:
        version, _, concept = current_concept(workspace)
    except GateError as exc:
        raise GateError(message(language, "go_needed_first", error=exc.message), hint=exc.hint) from None
    found = [
        event
        for event in _decided(workspace)
        if event.details.get("concept") == concept and _versions(event).get("concept-hypotheses") == version
    ]
    if not found:
        raise GateError(
            message(language, "go_none", concept=concept, version=version),
            hint=message(language, "go_how", project=workspace.root),
        )
    last = _as_decision(found[-1])
    if last.decision != "go":
        raise GateError(
            message(
                language,
                "go_other",
                concept=concept,
                version=version,
                decision=last.decision,
                reviewer=last.reviewer,
                reason=last.reason,
            ),
            hint=message(language, "go_other_hint"),
        )
    return last


def current_basis(workspace: Workspace) -> GateBasis:
    """The basis a decision made now applies to: the current concept and its latest go/no-go advice."""
    version, _, concept = current_concept(workspace)
    for advice_version in reversed(workspace.versions(DECIDED_ON)):
        advice = workspace.load(DECIDED_ON, advice_version)
        based_on = advice.meta.based_on
        if getattr(advice, "concept_id", None) == concept and based_on.get("concept-hypotheses") == version:
            return GateBasis(
                concept_id=concept,
                concept_version=version,
                questionnaire_version=based_on.get("questionnaire"),
                survey_results_version=based_on.get("survey-results"),
                advice_version=advice_version,
            )
    language = language_of(workspace)
    raise GateError(
        message(language, "no_advice_for_concept", concept=concept, version=version),
        hint=message(language, "put_answers_hint", project=workspace.root),
    )
