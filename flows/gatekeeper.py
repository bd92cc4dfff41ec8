"""The one gatekeeper: every review action (approve, reject, mark reviewed, choose, decide) goes through here.

The flows, the CLI, the replay of recorded reviews and the Prefect gate form all call it. It checks each
state transition before anything is written to the audit log, and answers what a phase may use:

- a phase starts when the artefacts its row in the phase table requires have an approved version, and,
  behind a gate, when the gate said ``go`` for the current concept version;
- concept hypotheses are approved together with a choice of concept (``--choice C2``, or ``samen choose``);
- the survey results and the go/no-go advice are not approved: a person decides at the gate.

Everything here reads and writes the workspace only (no Prefect), so a decision stands whether or not a
flow, a server or the waiting process is still alive.
"""

from __future__ import annotations

from typing import TypeVar

from artefacts.audit import AuditEvent, ChoiceDetails, DecisionDetails, ReviewState
from artefacts.base import Artefact
from artefacts.concept import ConceptHypotheses
from artefacts.errors import GateError, ReviewError
from artefacts.phases import artefact_row, phase_of, phase_row
from artefacts.registry import ARTEFACTS
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision, GoNoGoAdvice
from flows.messages import message, state_word

A = TypeVar("A", bound=Artefact)
DECIDED_ON = GoNoGoAdvice  # the artefact a gate decision is recorded against

# What a review action may follow: a rejected version is never approved (draft a new one), an approved
# one may be withdrawn by a rejection, and nothing is approved twice.
ALLOWED: dict[str, set[ReviewState]] = {
    "approved": {"draft", "reviewed"},
    "rejected": {"draft", "reviewed", "approved"},
    "reviewed": {"draft", "reviewed"},
}


class Gatekeeper:
    """Review actions and the questions phases ask, over one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    @property
    def language(self) -> str:
        return self.ws.language

    def _say(self, key: str, **values: object) -> str:
        return message(self.language, key, **values)

    # -- review actions -------------------------------------------------------------------------
    def review(
        self, action: str, name: str, *, by: str, note: str = "", version: int | None = None
    ) -> AuditEvent:
        """Approve, reject or mark reviewed version ``version`` (default: latest) of artefact ``name``."""
        self._need_by(by)
        model = self.ws.model_of(name)
        self._check_reviewed(model.artefact_name)
        chosen = version or self.ws.latest_version(model)
        if chosen is None or chosen not in self.ws.versions(model):
            self.ws.load(model, version)  # raises a clear NotFoundError
        assert chosen is not None
        self._check_transition(action, model.artefact_name, chosen)
        choose = artefact_row(model.artefact_name).review == "choose"
        if action == "approved" and choose and self.chosen_concept(chosen) is None:
            ids = ", ".join(c.id for c in self.ws.load(ConceptHypotheses, chosen).concepts)
            raise ReviewError(
                self._say("approve_needs_choice", version=chosen, ids=ids),
                hint=self._say("approve_needs_choice_hint", version=chosen, project=self.ws.root, by=by),
            )
        event = AuditEvent(actor=by, action=action, artefact=model.artefact_name, version=chosen, note=note)  # type: ignore[arg-type]
        return self.ws.audit.append(event)

    def _check_reviewed(self, name: str) -> None:
        row = artefact_row(name)
        if not row.reviewed:
            key = "not_reviewed_decide" if row.review == "decide" else "not_reviewed_evidence"
            raise ReviewError(self._say(key, name=name), hint=self._say("decide_hint", project=self.ws.root))

    def _check_transition(self, action: str, name: str, version: int) -> None:
        state = self.ws.state(name, version)
        if state not in ALLOWED[action]:
            raise ReviewError(
                self._say(
                    "transition_refused",
                    name=name,
                    version=version,
                    state=state_word(self.language, state),
                    action=state_word(self.language, action),
                ),
                hint=self._say(f"transition_hint_{state}", phase=phase_of(name).name, project=self.ws.root),
            )

    def choose(self, concept_id: str, *, by: str, note: str = "", version: int | None = None) -> int:
        """Record that ``by`` chose ``concept_id`` on a concept-hypotheses version (default: the latest)."""
        self._need_by(by)
        hypotheses = self.ws.load(ConceptHypotheses, version)
        chosen_version = version or self.ws.latest_version(ConceptHypotheses)
        assert chosen_version is not None
        ids = [concept.id for concept in hypotheses.concepts]
        concept = concept_id.strip().upper()
        if concept not in ids:
            raise ReviewError(
                self._say("no_such_concept", version=chosen_version, concept=concept_id),
                hint=self._say("choose_one_of", options=", ".join(ids)),
            )
        if self.ws.state(ConceptHypotheses, chosen_version) == "rejected":
            raise ReviewError(
                self._say("choose_rejected", version=chosen_version),
                hint=self._say("transition_hint_rejected", phase="concept", project=self.ws.root),
            )
        self.ws.audit.append(
            AuditEvent(
                actor=by,
                action="chosen",
                artefact=ConceptHypotheses.artefact_name,
                version=chosen_version,
                note=note,
                details=ChoiceDetails(concept=concept),
            )
        )
        return chosen_version

    def decide(self, decision: GateDecision, basis: GateBasis) -> AuditEvent:
        """Write a gate decision to the audit log, with the versions it was based on."""
        if basis.advice_version is None:
            raise GateError(
                self._say("no_advice_yet"), hint=self._say("put_answers_hint", project=self.ws.root)
            )
        if decision.concept_id.upper() != basis.concept_id:
            raise GateError(
                self._say("wrong_concept", tested=basis.concept_id, decided=decision.concept_id),
                hint=self._say("wrong_concept_hint", tested=basis.concept_id),
            )
        details = DecisionDetails(
            decision=decision.decision,
            concept=basis.concept_id,
            versions=basis.versions(),
            decided_at=decision.decided_at,
        )
        event = AuditEvent(
            actor=decision.reviewer,
            action="decided",
            artefact=DECIDED_ON.artefact_name,
            version=basis.advice_version,
            note=decision.reason,
            details=details,
        )
        return self.ws.audit.append(event)

    def _need_by(self, by: str) -> None:
        require_reviewer(by, self.language)

    # -- what a phase may use -------------------------------------------------------------------
    def require_approved(self, kind: type[A], *, before: str) -> tuple[int, A]:
        """The latest approved version of ``kind``, or a GateError that says what to do."""
        found = self.ws.latest_approved(kind)
        if found is not None:
            return found
        name = kind.artefact_name
        latest = self.ws.latest_version(kind)
        if latest is None:
            hint = self._say("run_first", producer=phase_of(name).name, project=self.ws.root)
            raise GateError(self._say("needs_approved_none", before=before, name=name), hint=hint)
        state = state_word(self.language, self.ws.state(kind, latest))
        raise GateError(
            self._say("needs_approved_state", before=before, name=name, version=latest, state=state),
            hint=self._say("review_then_approve", name=name, project=self.ws.root),
        )

    def chosen_concept(self, version: int) -> str | None:
        """The concept chosen on concept-hypotheses ``version`` (the last choice recorded), if any."""
        chosen = None
        for event in self.ws.audit.history(ConceptHypotheses.artefact_name):
            if event.choice is not None and event.version == version:
                chosen = event.choice.concept
        return chosen

    def current_concept(self) -> tuple[int, ConceptHypotheses, str]:
        """The approved concept-hypotheses version the test builds on, and the concept chosen on it."""
        version, hypotheses = self.require_approved(ConceptHypotheses, before=self._say("before_test"))
        chosen = self.chosen_concept(version)
        if chosen is None:
            ids = ", ".join(concept.id for concept in hypotheses.concepts)
            raise GateError(
                self._say("no_concept_chosen", version=version, ids=ids),
                hint=self._say("no_concept_chosen_hint", project=self.ws.root, version=version),
            )
        return version, hypotheses, chosen

    def require_phase(self, phase: str, *, before: str) -> dict[str, int]:
        """The approved version of each artefact ``phase``'s row requires; a GateError for the first one
        missing, saying what to do. Behind a gate, the gate's ``go`` is required too."""
        row = phase_row(phase)
        if row.after_gate is not None:
            self.require_go()
        return {
            name: self.require_approved(self.ws.model_of(name), before=before)[0] for name in row.requires
        }

    def missing_for(self, requires: tuple[str, ...]) -> list[str]:
        """Which of the artefacts ``requires`` names have no approved version yet (one that no phase of this
        version drafts yet has none)."""
        return [name for name in requires if name not in ARTEFACTS or self.ws.latest_approved(name) is None]

    # -- the go/no-go gate ----------------------------------------------------------------------
    def decisions(self) -> list[tuple[AuditEvent, DecisionDetails]]:
        """Every gate decision recorded, oldest first."""
        return [
            (event, event.decision)
            for event in self.ws.audit.history(DECIDED_ON.artefact_name)
            if event.decision is not None
        ]

    def recorded_decision(self, basis: GateBasis) -> GateDecision | None:
        """The last decision recorded for this concept version and advice version, if any."""
        found = [
            (event, details)
            for event, details in self.decisions()
            if details.concept == basis.concept_id
            and details.versions.get("concept-hypotheses") == basis.concept_version
            and details.versions.get("go-no-go-advice") == basis.advice_version
        ]
        return _as_decision(*found[-1]) if found else None

    def revision_note(self) -> str:
        """The reviewer's note of the latest ``revise`` decision: every later concept draft answers it."""
        notes = [event.note for event, details in self.decisions() if details.decision == "revise"]
        return notes[-1] if notes else ""

    def require_go(self) -> GateDecision:
        """The recorded ``go`` for the current concept version; otherwise a GateError saying why and what to do."""
        try:
            version, _, concept = self.current_concept()
        except GateError as exc:
            raise GateError(self._say("go_needed_first", error=exc.message), hint=exc.hint) from None
        found = [
            (event, details)
            for event, details in self.decisions()
            if details.concept == concept and details.versions.get("concept-hypotheses") == version
        ]
        if not found:
            stale = self.invalidated()
            raise GateError(
                " ".join([self._say("go_none", concept=concept, version=version), *stale]),
                hint=self._say("go_how", project=self.ws.root),
            )
        last = _as_decision(*found[-1])
        if last.decision != "go":
            raise GateError(
                self._say(
                    "go_other",
                    concept=concept,
                    version=version,
                    decision=last.decision,
                    reviewer=last.reviewer,
                    reason=last.reason,
                ),
                hint=self._say("go_other_hint"),
            )
        return last

    def go_evidence(self) -> tuple[GateDecision, dict[str, int]]:
        """The recorded ``go`` (as :meth:`require_go`) and the versions of the evidence it rests on."""
        go = self.require_go()
        for _event, details in reversed(self.decisions()):
            if details.concept == go.concept_id and details.decided_at == go.decided_at:
                return go, dict(details.versions)
        return go, {}  # pragma: no cover - require_go found it among the same decisions

    def current_basis(self) -> GateBasis:
        """The basis a decision made now applies to: the current concept and its latest go/no-go advice."""
        version, _, concept = self.current_concept()
        for advice_version in reversed(self.ws.versions(DECIDED_ON)):
            advice = self.ws.load(DECIDED_ON, advice_version)
            based_on = advice.meta.based_on
            if advice.concept_id == concept and based_on.get("concept-hypotheses") == version:
                return GateBasis(
                    concept_id=concept,
                    concept_version=version,
                    questionnaire_version=based_on.get("questionnaire"),
                    survey_results_version=based_on.get("survey-results"),
                    advice_version=advice_version,
                )
        raise GateError(
            self._say("no_advice_for_concept", concept=concept, version=version),
            hint=self._say("put_answers_hint", project=self.ws.root),
        )

    def invalidated(self) -> list[str]:
        """The last decision at the gate, when an input it rested on has a newer version now: what changed."""
        decisions = self.decisions()
        if not decisions:
            return []
        event, details = decisions[-1]
        changed = []
        for name, version in details.versions.items():
            latest = self.ws.latest_version(name)
            if latest is not None and latest != version:
                changed.append(self._say("changed_since", name=name, was=version, now=latest))
        if not changed:
            return []
        return [
            self._say(
                "decision_invalidated",
                decision=details.decision,
                reviewer=event.actor,
                date=f"{details.decided_at:%Y-%m-%d}",
                concept=details.concept,
                changes="; ".join(changed),
            )
        ]


def require_reviewer(by: str, language: str | None) -> None:
    """Every review action names the person who takes it (it goes into the audit log)."""
    if not by.strip():
        raise ReviewError(message(language, "who_decides"), hint=message(language, "who_decides_hint"))


def _as_decision(event: AuditEvent, details: DecisionDetails) -> GateDecision:
    return GateDecision(
        decision=details.decision,
        reviewer=event.actor,
        reason=event.note,
        concept_id=details.concept,
        decided_at=details.decided_at,
    )


def same_decision(a: GateDecision | None, b: GateDecision) -> bool:
    return a is not None and (a.decision, a.reviewer, a.reason, a.concept_id) == (
        b.decision,
        b.reviewer,
        b.reason,
        b.concept_id,
    )
