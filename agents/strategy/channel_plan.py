"""Phase 4 offline: the channel plan from the persona, the survey, the concept and ``samen.yaml``.

Every option of the catalogue is scored on every criterion (:mod:`agents.strategy.scoring`), ruled out
where a constraint says so, and the mix is chosen by role (:mod:`agents.strategy.mix`). Each option says
why it was chosen, ruled out or passed over, and rests on what it was scored from; what ``samen.yaml``
does not say is listed as an assumption, and what a reviewer must check is a warning.
"""

from __future__ import annotations

from collections.abc import Mapping

from agents.shared.phase_inputs import PhaseInputs
from agents.strategy.method import COMBINING, WEIGHING, cite
from agents.strategy.mix import Mix, choose_mix
from agents.strategy.options import ChannelSpec, channel_options
from agents.strategy.scoring import criteria, eu_only, excluded_by, score, total
from agents.strategy.signals import Signals, read_signals
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.grounds import Grounds
from artefacts.project import Project
from artefacts.strategy import ChannelOption, ChannelPlan
from artefacts.survey import Questionnaire, SurveyResults

TEXTS: PerLanguage[Mapping[str, str]] = PerLanguage("channel_plan.texts")
ROLE_KEYS = {"main": "role_main", "meeting": "role_meeting", "broadcast": "role_broadcast"}
TIME_WORDS = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "weekend", "avond",
    "ochtend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "evening",
    "morning",
)  # fmt: skip


def chosen_concept(inputs: PhaseInputs) -> ConceptHypothesis:
    concepts = inputs.get(ConceptHypotheses)
    for concept in concepts.concepts:
        if concept.id == inputs.concept_id:
            return concept
    raise KeyError(inputs.concept_id)


def draft_channel_plan(inputs: PhaseInputs) -> ChannelPlan:
    project, language = inputs.project, inputs.language
    concept = chosen_concept(inputs)
    persona = inputs.find(Persona)
    survey = inputs.find(SurveyResults)
    signals = read_signals(project, concept, persona, survey, inputs.find(Questionnaire))
    matrix = criteria(signals, concept.community_type, language)
    channel_constraints = [c for c in project.means.constraints if not _about_time(c)]
    options = []
    for spec in channel_options():
        scores = score(spec, signals)
        options.append(
            ChannelOption(
                id=spec.id,
                name=spec.name(language),
                kind=spec.kind,
                role=spec.role,
                purpose=spec.purpose(language),
                scores=scores,
                total=total(scores, matrix),
                cost_per_year=spec.cost_per_year,
                excluded_by=excluded_by(spec, channel_constraints),
                grounds=_grounds(spec, signals, language),
            )
        )
    budget = project.means.budget_per_year
    _exclude_over_budget(options, budget, project.means.currency, language)
    mix = choose_mix(options, budget)
    by_id = {o.id: o for o in options}
    words = TEXTS[language]
    for o in options:
        o.chosen = o.id in mix.chosen
        if o.chosen:  # the mix follows the guide on combining an online channel with meeting in person
            o.grounds.guidance += cite(language, COMBINING)
        o.reason = _reason(o, by_id, mix, signals, words)
    plan = ChannelPlan(
        meta=ArtefactMeta(language=language),
        concept_id=concept.id,
        criteria=matrix,
        options=sorted(options, key=lambda o: (not o.chosen, bool(o.excluded_by), -o.total)),
        mix=mix.chosen,
        budget_per_year=budget,
        currency=project.means.currency,
        cost_of_mix=mix.cost(by_id),
        explanation=_explanation(mix, by_id, budget, project.means.currency, words),
        assumptions=_assumptions(project, signals, persona, survey, words),
    )
    plan.meta.warnings = _warnings(project, options, mix, channel_constraints, words)
    return plan


def _about_time(constraint: str) -> bool:
    lowered = constraint.lower()
    return any(word in lowered for word in TIME_WORDS)


def _grounds(spec: ChannelSpec, signals: Signals, language: str) -> Grounds:
    traits = signals.persona.get(spec.id, [])
    settings = ["means.hours_per_week", "means.budget_per_year", "means.constraints"]
    if spec.id in signals.uses_already:
        settings.append("means.uses_already")
    if spec.id in signals.on_offer:
        settings.append("channels")
    return Grounds(
        need_ids=sorted({n for t in traits for n in t.need_ids}),
        note_ids=sorted({n for t in traits for n in t.note_ids}),
        survey_items=list(signals.survey_items),
        artefacts=["persona", "concept-hypotheses"] + (["survey-results"] if signals.survey_items else []),
        settings=settings,
        guidance=cite(language, WEIGHING),
    )


def _exclude_over_budget(
    options: list[ChannelOption], budget: float | None, currency: str, language: str
) -> None:
    if budget is None:
        return
    rule = TEXTS[language]["over_budget_rule"].format(budget=_money(budget, currency))
    for o in options:
        if not o.excluded_by and (o.cost_per_year or 0.0) > budget:
            o.excluded_by = rule


def _reason(
    o: ChannelOption, by_id: dict[str, ChannelOption], mix: Mix, signals: Signals, w: Mapping[str, str]
) -> str:
    if o.excluded_by:
        return w["reason_excluded"].format(constraint=o.excluded_by)
    evidence = _evidence(o, signals, w)
    if o.chosen:
        role = w[ROLE_KEYS[o.role]]
        return w["reason_chosen"].format(role=role, purpose=o.purpose, total=f"{o.total:.2f}") + evidence
    if o.id in mix.dropped_for_budget:
        return w["reason_budget"] + evidence
    rival = next((by_id[i] for i in mix.chosen if by_id[i].role == o.role), None)
    if rival is not None and o.kind == "digital" and rival.kind == "physical":
        return w["reason_physical_first"].format(rival=rival.name) + evidence
    if rival is None:
        return w["reason_not_needed"] + evidence
    return (
        w["reason_passed"].format(rival=rival.name, rival_total=f"{rival.total:.2f}", total=f"{o.total:.2f}")
        + evidence
    )


def _evidence(o: ChannelOption, signals: Signals, w: Mapping[str, str]) -> str:
    parts = []
    if signals.persona.get(o.id):
        parts.append(w["why_persona"])
    if o.id in signals.uses_already:
        parts.append(w["why_uses"].format(entry=signals.uses_already[o.id]))
    if o.id in signals.on_offer:
        parts.append(w["why_offer"].format(entry=signals.on_offer[o.id]))
    if signals.survey_share.get(o.id):
        parts.append(w["why_survey"].format(share=f"{signals.survey_share[o.id]:.0%}"))
    return (" " + w["why"].format(parts="; ".join(parts))) if parts else ""


def _money(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.0f}".replace(",", ".")


def _explanation(
    mix: Mix, by_id: dict[str, ChannelOption], budget: float | None, currency: str, w: Mapping[str, str]
) -> str:
    lines = [w["mix_intro"]]
    for option_id in mix.chosen:
        o = by_id[option_id]
        lines.append(w["mix_line"].format(role=w[ROLE_KEYS[o.role]], name=o.name, purpose=o.purpose))
    cost = _money(mix.cost(by_id), currency)
    if budget is None:
        lines.append(w["mix_cost_unknown"].format(cost=cost))
    elif mix.fits_budget:
        lines.append(w["mix_cost"].format(cost=cost, budget=_money(budget, currency)))
    else:
        lines.append(w["mix_cost_over"].format(cost=cost, budget=_money(budget, currency)))
    lines.append(w["mix_together"])
    return " ".join(lines)


def _assumptions(
    project: Project,
    signals: Signals,
    persona: Persona | None,
    survey: SurveyResults | None,
    w: Mapping[str, str],
) -> list[str]:
    found = [w["assume_estimates"]]
    if project.means.budget_per_year is None:
        found.append(w["assume_budget"])
    elif project.means.currency != "EUR":
        found.append(w["assume_currency"].format(currency=project.means.currency))
    if signals.hours_assumed:
        found.append(w["assume_hours"].format(hours=f"{signals.hours:g}"))
    if not signals.survey_share:
        found.append(w["assume_survey"] if survey is not None else w["assume_no_survey"])
    if not any(signals.persona.values()):
        found.append(w["assume_persona"] if persona is not None else w["assume_no_persona"])
    options = channel_options()
    for entry in project.channels:  # on offer but not in the catalogue: not scored, and said so
        if not any(spec.named_in(entry) for spec in options):
            found.append(w["assume_unknown_channel"].format(channel=entry))
    if signals.ages_from == "assumed":
        found.append(w["assume_ages"])
    if not project.means.constraints:
        found.append(w["assume_constraints"])
    return found


def _warnings(
    project: Project, options: list[ChannelOption], mix: Mix, constraints: list[str], w: Mapping[str, str]
) -> list[str]:
    found = []
    used = {o.excluded_by for o in options}
    for constraint in constraints:
        if constraint not in used and not eu_only(constraint):
            found.append(w["warn_constraint"].format(constraint=constraint))
    for o in options:  # what members want most, ruled out: the reviewer weighs the compromise
        if o.excluded_by and (o.scores.get("survey") == 1.0 or o.scores.get("habits") == 1.0):
            found.append(w["warn_preferred_excluded"].format(name=o.name, constraint=o.excluded_by))
    if not mix.fits_budget:
        found.append(w["warn_budget"])
    if not any(o.role == "main" for o in options if o.chosen):
        found.append(w["warn_no_main"])
    if project.means.budget_per_year is None:
        found.append(w["warn_no_budget"])
    return found
