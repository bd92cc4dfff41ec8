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
    if latest is None:
        producer = {"needs-map": "initiative", "concept-hypotheses": "concept", "questionnaire": "test"}.get(name)
        hint = f"run `samen run {producer} --project {workspace.root}` first" if producer else None
        raise GateError(f"{before} needs an approved {name}, and none has been drafted yet", hint=hint)
    raise GateError(
        f"{before} needs an approved {name}; {name} v{latest} is {workspace.state(name, latest)}",
        hint=f"review it, then `samen approve {name} --project {workspace.root} --by YOUR-NAME`",
    )


# -- choosing a concept --------------------------------------------------------------------------
def chosen_concept(workspace: Workspace, version: int) -> str | None:
    """The concept chosen on concept-hypotheses ``version`` (the last choice recorded), if any."""
    chosen = None
    for event in workspace.audit.history("concept-hypotheses"):
        if event.action == "chosen" and event.version == version:
            chosen = str(event.details.get("concept"))
    return chosen


def record_choice(workspace: Workspace, concept_id: str, *, by: str, note: str = "", version: int | None = None) -> int:
    """Record that ``by`` chose ``concept_id`` on a concept-hypotheses version (default: the latest)."""
    hypotheses = workspace.load("concept-hypotheses", version)
    assert isinstance(hypotheses, ConceptHypotheses)
    chosen_version = version or workspace.latest_version("concept-hypotheses")
    assert chosen_version is not None
    ids = [concept.id for concept in hypotheses.concepts]
    if concept_id.upper() not in ids:
        raise ReviewError(f"concept-hypotheses v{chosen_version} has no concept '{concept_id}'",
                          hint=f"choose one of: {', '.join(ids)}")
    workspace.audit.append(AuditEvent(actor=by, action="chosen", artefact="concept-hypotheses",
                                      version=chosen_version, note=note, details={"concept": concept_id.upper()}))
    return chosen_version


def current_concept(workspace: Workspace) -> tuple[int, ConceptHypotheses, str]:
    """The approved concept-hypotheses version the test builds on, and the concept chosen on it."""
    version, hypotheses = require_approved(workspace, "concept-hypotheses", before="the test (phase 2b)")
    assert isinstance(hypotheses, ConceptHypotheses)
    chosen = chosen_concept(workspace, version)
    if chosen is None:
        ids = ", ".join(concept.id for concept in hypotheses.concepts)
        raise GateError(
            f"no concept has been chosen on concept-hypotheses v{version} ({ids})",
            hint=f"`samen choose C1 --project {workspace.root} --by YOUR-NAME --version {version}`",
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
    return (event.details.get("concept") == basis.concept_id
            and versions.get("concept-hypotheses") == basis.concept_version
            and versions.get("go-no-go-advice") == basis.advice_version)


def recorded_decision(workspace: Workspace, basis: GateBasis) -> GateDecision | None:
    """The last decision recorded for this concept version and advice version, if any."""
    found = [event for event in _decided(workspace) if _matches(event, basis)]
    return _as_decision(found[-1]) if found else None


def record_decision(workspace: Workspace, decision: GateDecision, basis: GateBasis) -> AuditEvent:
    """Write the decision to the audit log, with the versions it was based on."""
    if basis.advice_version is None:
        raise GateError("there is no go/no-go advice to decide on yet",
                        hint=f"put survey answers in surveys/ and run `samen run test --project {workspace.root}`")
    if decision.concept_id != basis.concept_id:
        raise GateError(f"the test was run for concept {basis.concept_id}, not {decision.concept_id}",
                        hint=f"decide on {basis.concept_id}, or choose and approve another concept and test it")
    event = AuditEvent(
        actor=decision.reviewer, action="decided", artefact=DECIDED_ON, version=basis.advice_version,
        note=decision.reason,
        details={"decision": decision.decision, "concept": decision.concept_id, "versions": basis.versions(),
                 "decided_at": decision.decided_at.isoformat()},
    )
    return workspace.audit.append(event)


def same_decision(a: GateDecision | None, b: GateDecision) -> bool:
    return a is not None and (a.decision, a.reviewer, a.reason, a.concept_id) == (
        b.decision, b.reviewer, b.reason, b.concept_id)


def require_go(workspace: Workspace) -> GateDecision:
    """The recorded ``go`` for the current concept version; otherwise a GateError saying why and what to do."""
    try:
        version, _, concept = current_concept(workspace)
    except GateError as exc:
        raise GateError(f"phase 3 needs a recorded go at the go/no-go gate; first: {exc.message}",
                        hint=exc.hint) from None
    found = [event for event in _decided(workspace)
             if event.details.get("concept") == concept and _versions(event).get("concept-hypotheses") == version]
    how = (f"run `samen run test --project {workspace.root}`, then "
           f"`samen decide go --project {workspace.root} --by YOUR-NAME --reason \"…\"`")
    if not found:
        raise GateError(f"phase 3 needs a recorded go for concept {concept} (concept-hypotheses v{version}); "
                        "no decision has been recorded for it", hint=how)
    last = _as_decision(found[-1])
    if last.decision != "go":
        raise GateError(f"phase 3 needs a go, but the decision for concept {concept} (concept-hypotheses "
                        f"v{version}) is {last.decision} by {last.reviewer}: {last.reason}",
                        hint="after revise: `samen run concept` drafts a new version; after no-go the "
                        "closing summary in artefacts/2b-test/ says what was learned")
    return last


def current_basis(workspace: Workspace) -> GateBasis:
    """The basis a decision made now applies to: the current concept and its latest go/no-go advice."""
    version, _, concept = current_concept(workspace)
    for advice_version in reversed(workspace.versions(DECIDED_ON)):
        advice = workspace.load(DECIDED_ON, advice_version)
        based_on = advice.meta.based_on
        if getattr(advice, "concept_id", None) == concept and based_on.get("concept-hypotheses") == version:
            return GateBasis(concept_id=concept, concept_version=version,
                             questionnaire_version=based_on.get("questionnaire"),
                             survey_results_version=based_on.get("survey-results"), advice_version=advice_version)
    raise GateError(f"there is no go/no-go advice for concept {concept} (concept-hypotheses v{version}) yet",
                    hint=f"put the survey answers in surveys/ and run `samen run test --project {workspace.root}`")
