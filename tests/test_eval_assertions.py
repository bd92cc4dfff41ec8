"""Each assertion type on hand-built artefacts: it passes what holds and fails what does not, saying why;
llm-rubric is skipped without a judge, never passed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from artefacts.base import Artefact
from artefacts.initiative import NeedsMap
from artefacts.plan import CalendarItem
from evaluations.cases import Assertion, Case, CaseVars
from evaluations.columns import Column
from evaluations.drafting import Drafted, PhaseDraft
from evaluations.evaluators import evaluate
from evaluations.projects import Setup, read_project
from evaluations.rubric import RubricVerdict
from evaluations.subject import Outcome, Subject
from knowledge.embeddings import HashingEmbedder
from tests.fakes.chat import ScriptedChatModel
from tests.report_project import calendar, needs_map

CHECK_FILE = """
def check(output, context):
    return {"pass": len(output["needs"]) == 1, "score": 0.9, "reason": "one need"}
"""


def _subject(
    tmp_path: Path,
    artefact: Artefact,
    *,
    language: str = "nl",
    sent: tuple[str, ...] = (),
    planted: str | None = None,
    extra: dict[str, Artefact] | None = None,
    judge: Any = None,
) -> Subject:
    root = tmp_path / "project"
    (root / "interviews").mkdir(parents=True, exist_ok=True)
    (root / "samen.yaml").write_text(f"organisation:\n  name: Club\nlanguage: {language}\n", encoding="utf-8")
    variables = CaseVars(project=str(root), planted=planted)
    setup = Setup.of(variables)
    drafted = Drafted(setup, Column(), 0, root, read_project(root))
    base = needs_map(language)
    drafted.phases["initiative"] = PhaseDraft("initiative", artefacts={"needs-map": base}, sent=list(sent))
    drafted.phases["plan"] = PhaseDraft("plan", artefacts=dict(extra or {}))
    case = Case(id="t#x", description="t", target=type(artefact).artefact_name, vars=variables, asserts=[])  # type: ignore[arg-type]
    return Subject(
        case, artefact, drafted, drafted.phases["initiative"], judge, HashingEmbedder().embed_documents
    )


def _check(subject: Subject, type_: str, value: Any = None, **options: Any) -> Outcome:
    return evaluate(subject, Assertion(type=type_, value=value, **options))


@pytest.fixture()
def nl_map() -> NeedsMap:
    return needs_map("nl")


def test_text_assertions_read_the_markdown_or_the_values_at_a_path(tmp_path, nl_map):
    s = _subject(tmp_path, nl_map)
    assert _check(s, "contains", "Boeken ruilen").passed
    assert not _check(s, "contains", "boeken ruilen").passed
    assert _check(s, "icontains", "boeken ruilen").passed
    assert _check(s, "not-contains", "Voetbal").passed
    failed = _check(s, "not-contains", "Boeken ruilen")
    assert failed.status == "fail" and failed.type == "not-contains"
    assert _check(s, "regex", r"Boeken \w+").passed
    assert _check(s, "equals", "Boeken ruilen", path="needs.0.title").passed
    assert _check(s, "equals", "Boeken ruilen", path="needs.*.title").passed  # one value: compared itself
    assert _check(s, "icontains", "RUILEN", path="needs.*.statement").passed
    assert not _check(s, "contains", "Boeken", path="needs.*.statement").passed


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_is_json_checks_a_json_schema_and_is_valid_schema_the_artefacts_model(tmp_path, nl_map):
    s = _subject(tmp_path, nl_map)
    assert _check(s, "is-json").passed
    schema = {
        "type": "object",
        "required": ["score"],
        "properties": {"score": {"type": "number", "maximum": 0.4}},
    }
    result = _check(s, "is-json", schema, path="needs.0.intensity")
    assert not result.passed and "0.5" in result.detail
    assert _check(s, "is-valid-schema").passed
    broken = NeedsMap.model_construct(**{**dict(nl_map), "interviews": "two"})
    result = _check(_subject(tmp_path, broken), "is-valid-schema")
    assert not result.passed and "interviews" in result.detail


def test_python_takes_an_expression_or_a_function_and_a_broken_one_fails_saying_why(tmp_path, nl_map):
    s = _subject(tmp_path, nl_map)
    assert _check(
        s, "python", "len(output['needs']) == 1 and all(n['title'] for n in output['needs'])"
    ).passed
    assert not _check(s, "python", "len(output['needs']) > 1").passed
    assert _check(s, "python", "0.7", threshold=0.6).passed and not _check(s, "python", "0.4").passed
    checks = tmp_path / "checks.py"
    checks.write_text(CHECK_FILE, encoding="utf-8")
    result = _check(s, "python", f"file://{checks}:check")
    assert result.passed and result.score == 0.9 and result.detail == "one need"
    broken = _check(s, "python", "output['nothing']")
    assert broken.status == "fail" and "could not run" in broken.detail and "KeyError" in broken.detail
    assert not _check(s, "python", "__import__('os')").passed  # no builtins beyond the listed ones


def test_similar_compares_with_the_project_embedder(tmp_path, nl_map):
    s = _subject(tmp_path, nl_map)
    same = _check(s, "similar", "Boeken ruilen", path="needs.*.title")
    assert same.passed and same.score == pytest.approx(1.0, abs=1e-3)
    assert not _check(
        s, "similar", "Parkeerplaatsen bij het zwembad", path="needs.*.title", threshold=0.95
    ).passed


def test_llm_rubric_is_skipped_without_a_judge_and_graded_with_one(tmp_path, nl_map):
    skipped = _check(_subject(tmp_path, nl_map), "llm-rubric", "Names a need.")
    assert skipped.status == "skip" and not skipped.passed and "skipped, not passed" in skipped.detail
    from agents.shared.chat_access import ChatAccess

    judge = ScriptedChatModel(
        script=[
            RubricVerdict(reason="It names one need.", passed=True, score=0.8),
            RubricVerdict(reason="Too vague.", passed=False, score=0.2),
        ]
    )
    s = _subject(tmp_path, nl_map, judge=ChatAccess(judge))
    graded = _check(s, "llm-rubric", "Names a need in Dutch.")
    assert graded.passed and graded.score == 0.8 and graded.detail == "It names one need."
    sent = judge.sent_text()
    assert "Names a need in Dutch." in sent and "<data>" in sent and "Boeken ruilen" in sent
    assert not _check(s, "llm-rubric", "Names a need in Dutch.").passed


def test_quotes_must_be_verbatim_in_the_note_they_cite_at_the_place_cited(tmp_path, nl_map):
    assert _check(_subject(tmp_path, nl_map), "quotes-grounded").passed
    need = nl_map.needs[0]
    quote = need.evidence[0]
    for changed, said in (
        ({"text": "We ruilen fietsen"}, "not verbatim"),
        ({"line_start": 9, "line_end": 9}, "cited at"),
        ({"note_id": "n-404"}, "no such note"),
    ):
        bad = nl_map.model_copy(
            update={"needs": [need.model_copy(update={"evidence": [quote.model_copy(update=changed)]})]}
        )
        result = _check(_subject(tmp_path, bad), "quotes-grounded")
        assert not result.passed and said in result.detail


def test_references_must_exist(tmp_path, nl_map):
    assert _check(_subject(tmp_path, nl_map), "references-valid").passed
    need = nl_map.needs[0].model_copy(update={"note_ids": ["n-1", "n-2"], "related": ["N09"]})
    result = _check(_subject(tmp_path, nl_map.model_copy(update={"needs": [need]})), "references-valid")
    assert not result.passed and "note 'n-2'" in result.detail and "need 'N09'" in result.detail


def test_language_reads_the_sentences_and_the_metadata(tmp_path, nl_map):
    assert _check(_subject(tmp_path, nl_map), "language").passed
    need = nl_map.needs[0].model_copy(
        update={"statement": "Members want to swap books with each other every week."}
    )
    english = nl_map.model_copy(update={"needs": [need]})
    assert not _check(_subject(tmp_path, english), "language", threshold=1.0).passed
    meta = nl_map.meta.model_copy(update={"language": "en"})
    result = _check(_subject(tmp_path, nl_map.model_copy(update={"meta": meta})), "language")
    assert not result.passed and "meta.language is en" in result.detail


def test_no_pii_looks_in_the_artefact_its_markdown_and_what_was_sent_to_a_model(tmp_path, nl_map):
    planted = tmp_path / "planted.yaml"
    planted.write_text(
        "items:\n  - {kind: name, text: Hatice Yilmaz}\n  - {kind: phone, text: 06-41298357}\n"
    )
    assert _check(_subject(tmp_path, nl_map, planted=str(planted)), "no-pii").passed
    leaked = _check(_subject(tmp_path, nl_map, planted=str(planted), sent=("bel 06-41298357",)), "no-pii")
    assert not leaked.passed and "sent to the model" in leaked.detail and "06-41298357" not in leaked.detail
    need = nl_map.needs[0].model_copy(update={"statement": "Hatice Yilmaz wil boeken ruilen."})
    in_map = _check(
        _subject(tmp_path, nl_map.model_copy(update={"needs": [need]}), planted=str(planted)), "no-pii"
    )
    assert not in_map.passed and "in artefact" in in_map.detail


def test_personal_data_comes_from_the_raw_transcripts_without_a_planted_file(tmp_path, nl_map):
    s = _subject(tmp_path, nl_map)
    (s.drafted.setup.source / "interviews" / "01.txt").write_text(
        "Interviewer: Hoe gaat het?\nBoeken ruilen, mail me op piet@club.nl\n", encoding="utf-8"
    )
    from evaluations.personal_data import _personal_data

    _personal_data.cache_clear()
    need = nl_map.needs[0].model_copy(update={"statement": "Mail piet@club.nl om boeken te ruilen."})
    result = _check(_subject(tmp_path, nl_map.model_copy(update={"needs": [need]})), "no-pii")
    assert not result.passed


def test_calendar_constraints_find_a_holiday_an_overloaded_owner_and_a_day_outside_the_trial(tmp_path):
    built = calendar("nl")
    good = built.model_copy(update={"items": [i for i in built.items if i.date != dt.date(2027, 3, 29)]})
    s = _subject(tmp_path, good, extra={"content-calendar": good})
    assert _check(s, "calendar-constraints", ["holidays"]).passed
    koningsdag = CalendarItem(
        id="x-1", date=dt.date(2027, 4, 27), channel="forum", format="post", kind="content",
        title="Post", description="P01 post", owner="P01",
    )  # fmt: skip
    outside = koningsdag.model_copy(update={"id": "x-2", "date": dt.date(2027, 6, 1)})
    bad = good.model_copy(update={"items": [*good.items, koningsdag, outside]})
    result = _check(_subject(tmp_path, bad), "calendar-constraints", ["holidays", "range"])
    assert not result.passed and result.score == 0.0
    assert "x-1 on King's Day (2027-04-27)" in result.detail and "x-2 on 2027-06-01 is outside" in result.detail
    unknown = _check(s, "calendar-constraints", ["weather"])
    assert not unknown.passed and "unknown rule" in unknown.detail


def test_schema_version_is_the_one_the_model_stores_today(tmp_path, nl_map):
    assert _check(_subject(tmp_path, nl_map), "schema-version").passed
    old = nl_map.model_copy(update={"schema_version": 0})
    result = _check(_subject(tmp_path, old), "schema-version")
    assert not result.passed and "v0, expected v1" in result.detail
