"""The one gatekeeper: state transitions checked before the audit log is written, typed audit details,
the phase table behind status, copy-paste-safe hints, and the store's typed reads."""

from __future__ import annotations

import json
import shlex

import pytest
from typer.testing import CliRunner

from artefacts.audit import AuditEvent, ChoiceDetails, DecisionDetails
from artefacts.errors import ConfigError, ReviewError
from artefacts.initiative import Intensity, Need, NeedsMap, TargetGroups
from artefacts.phases import PHASE_TABLE
from artefacts.store import Workspace
from artefacts.survey import GoNoGoAdvice, SurveyResults
from flows.cli import app
from flows.gatekeeper import Gatekeeper
from flows.status import project_status
from tests.builders import empty_needs_map
from tests.gate_project import make_project
from tests.phase2_builders import concepts

runner = CliRunner()


def _fresh_concepts(tmp_path):  # noqa: ANN001, ANN202
    root = make_project(tmp_path)
    ws = Workspace(root)
    ws.save(concepts("andere invalshoek"))  # concept-hypotheses v2: drafted, nothing chosen
    return root, ws


def test_approving_concepts_without_a_choice_is_refused_with_the_command_that_works(tmp_path):
    root, ws = _fresh_concepts(tmp_path)
    result = runner.invoke(app, ["approve", "concept-hypotheses", "--project", str(root), "--by", "Bea"])
    assert result.exit_code != 0
    assert isinstance(result.exception, ReviewError)
    assert "--choice C1 --version 2" in (result.exception.hint or "")
    assert ws.state("concept-hypotheses", 2) == "draft"  # nothing was written
    chosen = runner.invoke(
        app, ["approve", "concept-hypotheses", "--choice", "c2", "--project", str(root), "--by", "Bea"]
    )
    assert chosen.exit_code == 0, chosen.output
    assert ws.state("concept-hypotheses", 2) == "approved" and Gatekeeper(ws).chosen_concept(2) == "C2"


def test_transitions_are_checked_before_anything_is_written(tmp_path):
    root = make_project(tmp_path)
    ws = Workspace(root)
    gate = Gatekeeper(ws)
    lines_before = ws.audit.path.read_text(encoding="utf-8").count("\n")
    with pytest.raises(ReviewError, match="al goedgekeurd|goedgekeurd; het kan niet"):
        gate.review("approved", "needs-map", by="Bea")  # approved already
    gate.review("rejected", "questionnaire", by="Bea", note="te lang")
    with pytest.raises(ReviewError) as refused:
        gate.review("approved", "questionnaire", by="Bea")  # a rejected version stays rejected
    assert "samen run test" in (refused.value.hint or "")
    for evidence in (SurveyResults, GoNoGoAdvice):
        with pytest.raises(ReviewError, match="go/no-go"):
            gate.review("approved", evidence.artefact_name, by="Bea", version=1)
    with pytest.raises(ReviewError):
        gate.review("approved", "needs-map", by="  ")
    lines_after = ws.audit.path.read_text(encoding="utf-8").count("\n")
    assert lines_after == lines_before + 1  # only the rejection


def test_audit_details_are_typed_by_action_and_old_lines_still_read():
    old_choice = {"actor": "Ann", "action": "chosen", "artefact": "concept-hypotheses", "version": 1}
    event = AuditEvent.model_validate({**old_choice, "details": {"concept": "C2"}})
    assert isinstance(event.details, ChoiceDetails) and event.choice and event.choice.concept == "C2"
    with pytest.raises(ValueError, match="carries ChoiceDetails"):
        AuditEvent.model_validate({**old_choice, "details": {}})
    approved = AuditEvent.model_validate({**old_choice, "action": "approved", "details": {}})
    assert approved.details is None
    decided = AuditEvent.model_validate(
        {
            "actor": "Bea",
            "action": "decided",
            "artefact": "go-no-go-advice",
            "version": 1,
            "details": {
                "decision": "go",
                "concept": "C1",
                "versions": {"concept-hypotheses": 1},
                "decided_at": "2026-12-01T10:00:00+00:00",
            },
        }
    )
    assert (
        isinstance(decided.details, DecisionDetails) and decided.details.versions["concept-hypotheses"] == 1
    )
    with pytest.raises(ValueError):
        AuditEvent.model_validate({**decided.model_dump(mode="json"), "details": {"decision": "maybe"}})


def test_a_threshold_typo_is_an_error_that_names_the_line(tmp_path):
    from flows.scaffold import load_project

    (tmp_path / "samen.yaml").write_text(
        "organisation:\n  name: Bond\nthresholds:\n  recognition: 0.6\n  recogniton: 0.9\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path)
    assert info.value.line == 5 and "thresholds.recogniton" in str(info.value)


def test_a_draft_that_reads_the_same_on_newer_inputs_is_a_new_version(tmp_path):
    ws = Workspace(tmp_path)
    first = empty_needs_map()
    first.meta.based_on = {"concept-hypotheses": 1}
    assert ws.save(first) == (1, True)
    same = empty_needs_map()
    same.meta.based_on = {"concept-hypotheses": 1}
    assert ws.save(same) == (1, False)  # unchanged input: no noise
    newer = empty_needs_map()
    newer.meta.based_on = {"concept-hypotheses": 2}
    assert ws.save(newer) == (2, True)
    loaded = ws.load(NeedsMap)
    assert isinstance(loaded, NeedsMap) and loaded.meta.based_on == {"concept-hypotheses": 2}


def needs_map_with(titles: dict[str, str]) -> NeedsMap:
    needs = [
        Need(
            id=need_id,
            title=title,
            statement=title,
            note_ids=[],
            voiced_by=[],
            intensity=Intensity(score=0.5, label="medium", reach=0.5, depth=1, emphasis=0),
            evidence=[],
        )
        for need_id, title in titles.items()
    ]
    return empty_needs_map().model_copy(update={"needs": needs})


def test_target_groups_take_the_reviewers_titles():
    needs_map = needs_map_with({"N01": "Oude titel", "N02": "Weg"})
    groups = TargetGroups.model_validate_json(
        json.dumps(
            {
                "meta": {"language": "nl"},
                "groups": [
                    {
                        "id": "G1",
                        "name": "Ouders",
                        "basis": "metadata",
                        "size": 2,
                        "participants": ["P1", "P2"],
                        "notes": 3,
                        "top_needs": [
                            {"need_id": "N01", "title": "Oude titel", "voices": 2, "share": 1.0},
                            {"need_id": "N02", "title": "Weg", "voices": 1, "share": 0.5},
                        ],
                        "fit": 0.5,
                        "fit_label": "medium",
                    }
                ],
            }
        )
    )
    renamed = needs_map_with({"N01": "Nieuwe titel"})  # renamed by the reviewer, N02 merged away
    assert needs_map.needs[0].title == "Oude titel"
    [group] = groups.with_titles_from(renamed).groups
    assert [(n.need_id, n.title) for n in group.top_needs] == [("N01", "Nieuwe titel")]


def test_the_gate_form_offers_only_the_tested_concept_and_normalises_case():
    from flows.gate import GateInput

    form = GateInput.for_concept("C1")
    assert form.model_json_schema()["properties"]["concept_id"]["enum"] == ["C1"]
    answer = form(decision="go", reviewer="Bea", reason="genoeg steun", concept_id=" c1 ")
    assert answer.to_decision().concept_id == "C1"
    with pytest.raises(ValueError):
        form(decision="go", reviewer="Bea", reason="genoeg steun", concept_id="C2")


@pytest.mark.parametrize(("language", "label"), [("nl", "Besluit"), ("en", "Decision")])
def test_the_gate_forms_labels_and_help_are_in_the_projects_language(language, label):
    from flows.gate import GateInput

    properties = GateInput.for_concept("C2", language).model_json_schema()["properties"]
    assert properties["decision"]["title"] == label
    assert {"title", "description"} <= set(properties["reason"]) and properties["concept_id"]["enum"] == [
        "C2"
    ]
    other = "en" if language == "nl" else "nl"
    assert (
        properties["reviewer"]["title"]
        != GateInput.for_concept("C2", other).model_json_schema()["properties"]["reviewer"]["title"]
    )


def test_printed_commands_survive_a_paste_with_spaces_in_names_and_paths(tmp_path):
    root = make_project(tmp_path / "my projects")
    ws = Workspace(root)
    ws.save(concepts("nog een"))
    result = runner.invoke(app, ["choose", "C1", "--project", str(root), "--by", "Sanne de Vries"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    command = said.split("`")[1]  # the command between backticks
    argv = shlex.split(command)
    assert argv[argv.index("--by") + 1] == "Sanne de Vries"
    assert argv[argv.index("--project") + 1] == str(root)


def test_status_is_read_off_the_phase_table(tmp_path):
    root = make_project(tmp_path)
    report = project_status(Workspace(root), "nl")
    assert [phase.phase for phase in report.phases] == [row.name for row in PHASE_TABLE]
    states = {phase.phase: phase.state for phase in report.phases}
    assert states["initiative"] == "waiting"  # champions and target groups wait for a reviewer
    assert states["concept"] == "waiting"  # the persona waits for a reviewer
    assert states["test"] == "waiting"  # no advice yet
    assert all(states[row.name] == "blocked" for row in PHASE_TABLE if row.after_gate)


def test_a_new_phase_is_rows_in_the_table_not_code(tmp_path, monkeypatch):
    """Give phase 3 an artefact in the table: status, prerequisites and approvals follow from it."""
    from typing import ClassVar

    import artefacts.phases as phases
    import artefacts.registry as registry
    import flows.status
    from artefacts.base import Artefact, ArtefactMeta
    from artefacts.errors import GateError
    from artefacts.survey import GateDecision

    class CoreGroupDraft(Artefact):
        artefact_name: ClassVar[str] = "core-group"
        phase: ClassVar[str] = "core-group"
        members: list[str] = []

    row = phases.PhaseRow(
        name="core-group",
        number="3",
        folder="3-core-group",
        artefacts=(phases.ArtefactRow(CoreGroupDraft),),
        requires=("needs-map",),
        after_gate="go-no-go",
    )
    table = tuple(row if r.name == "core-group" else r for r in phases.PHASE_TABLE)
    monkeypatch.setattr(phases, "PHASE_TABLE", table)
    monkeypatch.setattr(flows.status, "PHASE_TABLE", table)
    monkeypatch.setitem(registry.ARTEFACTS, "core-group", CoreGroupDraft)

    root = make_project(tmp_path)
    ws = Workspace(root)
    gate = Gatekeeper(ws)
    with pytest.raises(GateError, match="go"):
        gate.require_phase("core-group", before="fase 3")
    states = {p.phase: p.state for p in project_status(ws, "nl").phases}
    assert states["core-group"] == "blocked"

    from agents.test.go_no_go import advise
    from artefacts.survey import Questionnaire
    from flows.context import ProjectContext
    from tests.phase2_builders import results

    # the gate's basis needs an advice: one drafted from stand-in results, stored as the test phase does
    advice = advise(results(), ws.load(Questionnaire), ProjectContext.open(root).project)
    advice.meta.based_on = {"concept-hypotheses": 1, "questionnaire": 1, "survey-results": 1}
    ws.save(advice)
    gate.decide(
        GateDecision(decision="go", reviewer="Bea", reason="genoeg", concept_id="C1"), gate.current_basis()
    )
    assert gate.require_phase("core-group", before="fase 3") == {"needs-map": 1}
    states = {p.phase: p.state for p in project_status(ws, "nl").phases}
    assert states["core-group"] == "not-run"
    ws.save(CoreGroupDraft(meta=ArtefactMeta(language="nl"), members=["P01"]))
    assert {p.phase: p.state for p in project_status(ws, "nl").phases}["core-group"] == "waiting"
    gate.review("approved", "core-group", by="Bea")
    assert {p.phase: p.state for p in project_status(ws, "nl").phases}["core-group"] == "done"
    assert (root / "artefacts" / "3-core-group" / "core-group.v1.json").is_file()


def test_a_save_whose_audit_event_is_invalid_writes_no_file(tmp_path):
    ws = Workspace(tmp_path)
    with pytest.raises(ValueError, match="EditDetails"):
        ws.save(empty_needs_map(), actor="Bea", action="edited")  # an edit must say what was edited
    assert ws.versions(NeedsMap) == [] and not ws.audit.path.exists()
