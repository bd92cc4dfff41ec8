"""Approve or reject an artefact version, with a note: what ``samen approve`` and ``samen reject`` do, and
what the review workspace's buttons do. Everything goes through the gatekeeper, so the audit chain holds."""

from __future__ import annotations

from artefacts.audit import Action, AuditEvent
from artefacts.errors import ReviewError
from artefacts.registry import artefact_model
from artefacts.store import Workspace
from flows.gatekeeper import Gatekeeper
from flows.messages import message


def review_version(
    ws: Workspace,
    action: Action,
    name: str,
    *,
    by: str,
    note: str = "",
    version: int | None = None,
    choice: str | None = None,
) -> AuditEvent | None:
    """Approve or reject version ``version`` (default: the latest) of ``name``. Concept hypotheses are
    approved with the concept chosen (``choice``); a new choice on an approved version records the choice
    and leaves the approval standing (returns None)."""
    if choice is not None and action == "approved":
        artefact_model(name, ws.language)
        version = version or ws.latest_version(name)
        choose_on_approval(ws, name, choice, by=by, note=note, version=version)
        if version is not None and ws.state(name, version) == "approved":
            return None
    return Gatekeeper(ws).review(action, name, by=by, note=note, version=version)


def choose_on_approval(
    ws: Workspace, artefact: str, choice: str, *, by: str, note: str, version: int | None
) -> None:
    """`samen approve concept-hypotheses --choice C2`: record the choice on the version being approved."""
    if artefact != "concept-hypotheses":
        language = ws.language
        raise ReviewError(
            message(language, "choice_only_concepts"), hint=message(language, "choice_only_concepts_hint")
        )
    Gatekeeper(ws).choose(choice, by=by, note=note, version=version)
