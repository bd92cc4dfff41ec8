"""One small evaluator per assertion type: ``EVALUATORS[type](subject, assertion) -> Outcome``."""

from __future__ import annotations

from collections.abc import Callable

from evaluations import domain, generic
from evaluations.calendar_rules import calendar_constraints
from evaluations.cases import ASSERTION_TYPES, Assertion
from evaluations.rubric import llm_rubric
from evaluations.subject import Outcome, Subject, outcome

Evaluator = Callable[[Subject, Assertion], Outcome]

EVALUATORS: dict[str, Evaluator] = {
    "equals": generic.equals,
    "contains": generic.contains,
    "icontains": generic.icontains,
    "regex": generic.regex,
    "not-equals": generic.negated(generic.equals),
    "not-contains": generic.negated(generic.contains),
    "not-icontains": generic.negated(generic.icontains),
    "not-regex": generic.negated(generic.regex),
    "is-json": generic.is_json,
    "is-valid-schema": generic.is_valid_schema,
    "python": generic.python,
    "similar": generic.similar,
    "llm-rubric": llm_rubric,
    "cluster-ari": domain.cluster_ari,
    "cluster-nmi": domain.cluster_nmi,
    "need-coverage": domain.need_coverage,
    "needs-matched": domain.needs_matched,
    "unclustered-share": domain.unclustered_share,
    "smalltalk-kept-out": domain.smalltalk_kept_out,
    "champions-recall": domain.champions_recall,
    "decoys-below-champions": domain.decoys_below_champions,
    "quotes-grounded": domain.quotes_grounded,
    "references-valid": domain.references_valid,
    "language": domain.language,
    "no-pii": domain.no_pii,
    "calendar-constraints": calendar_constraints,
    "schema-version": domain.schema_version,
}
assert set(EVALUATORS) == set(ASSERTION_TYPES), set(EVALUATORS) ^ set(ASSERTION_TYPES)


def evaluate(subject: Subject, assertion: Assertion) -> Outcome:
    """The outcome of one assertion; an evaluator that breaks fails the assertion and says why."""
    try:
        return EVALUATORS[assertion.type](subject, assertion)
    except Exception as exc:  # noqa: BLE001 - one broken assertion must not hide the others
        return outcome(assertion, False, detail=f"the assertion could not run: {type(exc).__name__}: {exc}")
