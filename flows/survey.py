"""Phase 2b, Test: the questionnaire, the survey results, the go/no-go advice, and the gate.

- needs an approved concept-hypotheses version with a chosen concept (and that concept's persona);
- drafts the questionnaire and writes its exports beside it (``questionnaire.vN.csv``, ``.form.json``);
- when ``surveys/`` holds answers and the questionnaire is approved: survey results (``.html`` beside),
  go/no-go advice, then THE GATE (:mod:`flows.gate`): a decision recorded for this concept version and
  advice version lets the flow continue; otherwise it waits (``wait=True``: paused for a typed decision)
  or records that it waits and returns.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import INPUTS, TASK_SOURCE

from agents.test import runner as phase2b
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.errors import InputError
from artefacts.files import write_once
from artefacts.initiative import NeedsMap, TargetGroups
from artefacts.store import Workspace
from artefacts.survey import GateBasis, GateDecision, GoNoGoAdvice, Questionnaire, SurveyResults
from flows.closing import write_closing_summary
from flows.context import ProjectContext
from flows.gate import GateRecord, clear_record, wait_for_decision, write_record
from flows.gatekeeper import Gatekeeper, same_decision
from flows.messages import language_of, message
from flows.model_step import chat_access
from flows.phase_outcome import PhaseOutcome
from flows.progress import reporter
from flows.publish import save_and_publish
from flows.run_names import flow_run_name
from knowledge.safe_files import MAX_SURVEY_BYTES, content_digest
from knowledge.survey_mapping_file import MAPPING_FILE, read_corrections, update_mapping_file
from knowledge.surveys import survey_files as listed_surveys


def survey_files(root: Path) -> list[Path]:
    return listed_surveys(root / "surveys")


def surveys_digest(root: Path) -> str:
    """What keys the reading's cache: the name and content of each file; a file that may not be read
    (a link out of the project, a FIFO) by its name and why, never opened."""
    digest = hashlib.sha256()
    for path in survey_files(root):
        digest.update(path.name.encode())
        digest.update(content_digest(path, (root,), limit=MAX_SURVEY_BYTES))
    return digest.hexdigest()


def require_readable(table, root: Path) -> None:  # noqa: ANN001 - a SurveyTable
    """Stop before any analysis when a survey file could not be read: the results and the advice
    the gate rests on stay the previous ones, rather than become "0 respondents"."""
    if not table.unread and table.rows:
        return
    language = language_of(root)
    unread = table.unread or table.problems
    first = unread[0] if unread else None
    problems = "; ".join(f"{p.source}{':' + str(p.line) if p.line else ''}: {p.message}" for p in unread)
    raise InputError(
        message(language, "survey_unread", count=len(unread) or 1, problems=problems or "-"),
        path=root / first.source if first is not None else root / "surveys",
        line=first.line if first is not None else None,
        hint=message(language, "survey_unread_hint", project=root),
    )


@task(name="draft-questionnaire", timeout_seconds=1800)
def draft_questionnaire(
    root: str,
    concepts: ConceptHypotheses,
    concept_id: str,
    persona: Persona,
    needs_map: NeedsMap,
    target_groups: TargetGroups,
) -> Questionnaire:
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_questionnaire", concept=concept_id))
    inputs = phase2b.TestInputs(
        concepts=concepts,
        concept_id=concept_id,
        persona=persona,
        needs_map=needs_map,
        target_groups=target_groups,
        project=context.project,
        model=chat_access(context),
    )
    return phase2b.draft_questionnaire(inputs)


@task(name="read-surveys", cache_policy=INPUTS + TASK_SOURCE)
def read_answers(root: str, digest: str):  # noqa: ANN201 - a SurveyTable
    """Read every export in surveys/. ``digest`` keys the cache."""
    from knowledge.surveys import read_surveys

    reporter().step(message(language_of(root), "step_reading_surveys"))
    return read_surveys(Path(root) / "surveys", Path(root))


@task(name="analyse-survey")
def analyse_survey(  # noqa: PLR0913 - the flow's inputs, passed through
    root: str,
    table,  # noqa: ANN001 - a SurveyTable
    questionnaire: Questionnaire,
    version: int,
    needs_map: NeedsMap | None = None,
    concept: ConceptHypothesis | None = None,
) -> SurveyResults:
    context = ProjectContext.open(Path(root))
    reporter().step(message(context.project.language, "step_analysing", count=len(table.rows)))
    charts = context.workspace.folder(SurveyResults) / "charts"
    mapping_file = Path(root) / "surveys" / MAPPING_FILE
    corrections = read_corrections(mapping_file, context.project.language)
    results = phase2b.analyse_answers(
        table,
        questionnaire,
        version,
        context.project,
        charts,
        context.embedder,
        corrections,
        needs_map,
        concept,
    )
    update_mapping_file(mapping_file, results.mapping, context.project.language)  # new columns only
    return results


def write_questionnaire_exports(ws: Workspace, questionnaire: Questionnaire, version: int) -> list[Path]:
    from artefacts.questionnaire_export import to_csv, to_form_json

    written = []
    for suffix, text in ((".csv", to_csv(questionnaire)), (".form.json", to_form_json(questionnaire))):
        path = ws.path("questionnaire", version, suffix)
        write_once(path, text)
        written.append(path)
    return written


def write_results_html(ws: Workspace, results: SurveyResults, version: int) -> Path:
    from artefacts.render_survey_html import render_survey_html

    path = ws.path("survey-results", version, ".html")
    if not path.exists():
        write_once(path, render_survey_html(results, path.parent, version=version))
    return path


def approved_questionnaire(
    ws: Workspace, concept_id: str, concepts_version: int
) -> tuple[int, Questionnaire] | None:
    """The latest approved questionnaire for this concept of this concept-hypotheses version."""
    for version in reversed(ws.versions(Questionnaire)):
        if ws.state(Questionnaire, version) == "approved":
            questionnaire = ws.load(Questionnaire, version)
            rests_on = questionnaire.meta.based_on.get("concept-hypotheses")
            if questionnaire.concept_id == concept_id and rests_on == concepts_version:
                return version, questionnaire
    return None


def latest_persona(ws: Workspace, concept_id: str, concepts_version: int) -> tuple[int, Persona]:
    from artefacts.errors import GateError

    for version in reversed(ws.versions(Persona)):
        persona = ws.load(Persona, version)
        if persona.concept_id == concept_id and persona.meta.based_on.get("concept-hypotheses") in (
            None,
            concepts_version,
        ):
            return version, persona
    language = language_of(ws)
    raise GateError(
        message(language, "no_persona", concept=concept_id, version=concepts_version),
        hint=message(language, "no_persona_hint", project=ws.root),
    )


@flow(name="test", flow_run_name=flow_run_name, log_prints=False)
def test_phase(root: str, wait: bool = False, timeout: int = 3600) -> PhaseOutcome:
    """Phase 2b up to and through the go/no-go gate."""
    context = ProjectContext.open(Path(root))
    ws = context.workspace
    gate = Gatekeeper(ws)
    language = context.project.language
    required = gate.require_phase("test", before=message(language, "before_test"))
    concepts_version, concepts, concept_id = gate.current_concept()
    persona_version, persona = latest_persona(ws, concept_id, concepts_version)
    needs_version = required["needs-map"]
    needs_map = ws.load(NeedsMap, needs_version)
    target_groups = ws.load(TargetGroups).with_titles_from(needs_map)

    based_on = {
        "concept-hypotheses": concepts_version,
        "persona": persona_version,
        "needs-map": needs_version,
    }
    q_version = ws.resting_on(Questionnaire, based_on, concept_id)
    if q_version is None:
        drafted = draft_questionnaire(
            str(context.root), concepts, concept_id, persona, needs_map, target_groups
        )
        drafted.meta.based_on = {**drafted.meta.based_on, **based_on}
        drafted.meta.inputs_digest = concept_id
        q_version, _ = save_and_publish(ws, drafted)
    write_questionnaire_exports(ws, ws.load(Questionnaire, q_version), q_version)
    outcome = PhaseOutcome(versions={"questionnaire": q_version})
    approved = approved_questionnaire(ws, concept_id, concepts_version)
    if approved is None:
        outcome.status = "approve"
        outcome.waiting.append(
            message(
                language,
                "approve_questionnaire",
                version=q_version,
                csv=ws.path("questionnaire", q_version, ".csv").name,
                project=context.root,
            )
        )
        return outcome
    q_version, questionnaire = approved
    if not survey_files(context.root):
        outcome.status = "no-answers"
        outcome.waiting.append(
            message(
                language,
                "put_answers",
                version=q_version,
                folder=context.root / "surveys",
                project=context.root,
            )
        )
        return outcome

    table = read_answers(str(context.root), surveys_digest(context.root))
    require_readable(table, context.root)
    concept = next((c for c in concepts.concepts if c.id == concept_id), None)
    results = analyse_survey(str(context.root), table, questionnaire, q_version, needs_map, concept)
    results.meta.based_on = {**results.meta.based_on, "concept-hypotheses": concepts_version}
    r_version, _ = save_and_publish(ws, results)
    write_results_html(ws, results, r_version)
    advice = phase2b.advice_on(results, questionnaire, context.project)
    advice.meta.based_on = {
        "concept-hypotheses": concepts_version,
        "questionnaire": q_version,
        "survey-results": r_version,
    }
    a_version, _ = save_and_publish(ws, advice)
    outcome.versions.update({"survey-results": r_version, "go-no-go-advice": a_version})
    basis = GateBasis(
        concept_id=concept_id,
        concept_version=concepts_version,
        questionnaire_version=q_version,
        survey_results_version=r_version,
        advice_version=a_version,
    )
    decision = at_the_gate(ws, basis, advice, wait=wait, timeout=timeout)
    if decision is None:
        outcome.status = "waiting"
        outcome.waiting += how_to_decide(ws, basis, advice)
        return outcome
    outcome.status = decision.decision
    outcome.waiting += after_decision(ws, basis, decision)
    return outcome


def at_the_gate(
    ws: Workspace, basis: GateBasis, advice: GoNoGoAdvice, *, wait: bool, timeout: int
) -> GateDecision | None:
    """The decision for this basis: recorded already, or awaited (``wait``), or None (recorded as waiting)."""
    gate = Gatekeeper(ws)
    decision = gate.recorded_decision(basis)
    if decision is not None:
        return decision
    if not wait:
        write_record(ws, GateRecord(basis=basis))
        return None
    reporter().step(message(language_of(ws), "step_waiting_gate", concept=basis.concept_id))
    decision = wait_for_decision(ws, basis, advice, timeout=timeout)
    if not same_decision(gate.recorded_decision(basis), decision):  # `samen decide` records before it resumes
        gate.decide(decision, basis)
    return decision


def after_decision(ws: Workspace, basis: GateBasis, decision: GateDecision) -> list[str]:
    """What follows a decision, for the terminal; after a no-go, the closing summary is written.

    The one place that acts on a decision: the flow after the gate and `samen decide` both call it.
    """
    clear_record(ws)
    language = language_of(ws)
    said = {"decision": decision.decision, "reviewer": decision.reviewer, "reason": decision.reason}
    if decision.decision == "go":
        return [message(language, "gate_go", **said)]
    if decision.decision == "no-go":
        path = write_closing_summary(ws, basis, decision)
        return [message(language, "gate_no_go", path=path, **said)]
    return [message(language, "gate_revise", project=ws.root, **said)]


def how_to_decide(ws: Workspace, basis: GateBasis, advice: GoNoGoAdvice) -> list[str]:
    path = ws.path("go-no-go-advice", basis.advice_version or 1, ".md")
    language = language_of(ws)
    return [
        message(language, "gate_waiting", concept=basis.concept_id, advice=advice.recommendation, path=path),
        message(language, "gate_decide", project=ws.root),
    ]
