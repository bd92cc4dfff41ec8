"""Every model step of every phase against every kind of fault of a model server, on 127.0.0.1.

Each step is asked through a real langchain-openai client pointed at the loopback server, which plays one
fault for every request. Whatever the fault, the step returns a valid artefact, keeps the draft made by
the rules (word for word), marks it as not model-made and says in ``meta.fallback`` what went wrong.
Phase 4 (the channel plan) asks no model, so it has nothing to survive; phase 1's steps run here on a
built needs map, and through the phase runner on raw interviews in ``tests/test_model_privacy.py``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from agents.shared.chat_access import ChatAccess
from agents.shared.providers import make_chat_model
from artefacts.base import Artefact
from artefacts.project import ProviderSettings
from tests import core_group_builders as built
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import Reply
from tests.fakes.schema_answers import request_schema, schema_answer

TIMEOUT = 0.5  # the client's timeout; the slow fault answers after it


def _schema_filled(text: str) -> Reply:
    return Reply.compute(lambda request: schema_answer(request_schema(request), text))


FAULTS: dict[str, Callable[[], Reply]] = {
    "429 with Retry-After": lambda: Reply.status(429),
    "429 without Retry-After": lambda: Reply.status(429, retry_after_ms=None),
    "500": lambda: Reply.status(500),
    "502": lambda: Reply.status(502, "Bad gateway"),
    "503": lambda: Reply.status(503),
    "timeout": lambda: Reply.delay(TIMEOUT * 4),
    "connection dropped mid-answer": Reply.drop,
    "HTML page with status 200": Reply.html,
    "malformed JSON": lambda: Reply.content('{"needs": [{"cluster_id": "N1", "name": '),
    "schema-invalid JSON": lambda: Reply.content('{"unexpected": [1, 2, 3]}'),
    "invented quotes and unknown ids": lambda: _schema_filled("zz-404 words nobody ever said"),
    "wrong language": lambda: _schema_filled("小组成员之间交流的需要和共同的活动"),
    "overlong answer": Reply.overlong,
}


def _needs_naming(language: str, llm: Any) -> Artefact:
    from agents.initiative.needs_model import name_needs

    needs_map = built.needs_map(language)
    return needs_map if llm is None else name_needs(needs_map, llm)


def _concepts(language: str, llm: Any) -> Artefact:
    from agents.concept.concept_model import write_concepts

    rules = built.concepts(language)
    if llm is None:
        return rules
    project = built.project(language)
    return write_concepts(rules, built.needs_map(language), built.target_groups(language), project, llm)


def _persona(language: str, llm: Any) -> Artefact:
    from agents.concept.persona_model import write_persona

    rules, needs_map = built.persona(language), built.needs_map(language)
    if llm is None:
        return rules
    concept = built.concepts(language).concepts[0]
    champions = built.champions(language, needs_map)
    project = built.project(language)
    return write_persona(rules, concept, needs_map, built.target_groups(language), champions, project, llm)


def _questionnaire(language: str, llm: Any) -> Artefact:
    from agents.test.questionnaire_prompt import refine

    draft = built.questionnaire(language)
    if llm is None:
        return draft
    concept, persona = built.concepts(language).concepts[0], built.persona(language)
    return refine(draft, concept, persona, built.needs_map(language), built.project(language), llm)


def _phase_drafter(drafters: dict[str, Any], name: str, inputs: Callable[[str], Any]) -> Callable:
    def draft(language: str, llm: Any) -> Artefact:
        phase = inputs(language)
        return drafters[name](dataclasses.replace(phase, model=None if llm is None else ChatAccess(llm)))

    return draft


def _charter_inputs(language: str) -> Any:
    from agents.core_group.core_group import draft_core_group

    phase = built.inputs(language)
    return phase.with_drafted(draft_core_group(phase))


def _plan_inputs(language: str) -> Any:
    from agents.strategy.channel_plan import draft_channel_plan
    from tests.phase45_builders import allotments_gb, library_nl

    phase = library_nl() if language == "nl" else allotments_gb()
    return phase.with_drafted(draft_channel_plan(phase))


def _launch_inputs(language: str) -> Any:
    from tests.launch_builders import inputs

    return inputs(language)


def _steps() -> dict[str, Callable[[str, Any], Artefact]]:
    from agents.core_group.runner import DRAFTERS as CORE
    from agents.launch.runner import DRAFTERS as LAUNCH
    from agents.plan.runner import DRAFTERS as PLAN

    return {
        "1 needs naming": _needs_naming,
        "2a concepts": _concepts,
        "2a persona": _persona,
        "2b questionnaire": _questionnaire,
        "3 charter": _phase_drafter(CORE, "charter-draft", _charter_inputs),
        "5 calendar ideas": _phase_drafter(PLAN, "content-calendar", _plan_inputs),
        "6 launch messages": _phase_drafter(LAUNCH, "launch-plan", _launch_inputs),
    }


STEPS = _steps()


@pytest.fixture(scope="module")
def offline_drafts() -> dict[tuple[str, str], Artefact]:
    return {(step, language): STEPS[step](language, None) for step in STEPS for language in ("nl", "en")}


WAITING = {"429 with Retry-After", "429 without Retry-After", "500", "502", "503", "timeout"}
CASES = [  # the faults that cost waiting (retries, timeouts) in one language; what answers say, in both
    (step, fault, language)
    for step in STEPS
    for fault in FAULTS
    for language in ("nl", "en")
    if fault not in WAITING or language == "nl"
]


@pytest.mark.parametrize(("step", "fault", "language"), CASES)
def test_every_step_survives_every_fault_with_the_rules_draft_and_says_why(
    step, fault, language, openai_server, offline_drafts
):
    settings = ProviderSettings(
        name="openai-compatible",
        base_url=openai_server.url,
        model="faulty",
        timeout_seconds=TIMEOUT,
        max_retries=1,
    )
    llm = make_chat_model(settings, env={}, language=language)
    openai_server.always = FAULTS[fault]()

    drafted = STEPS[step](language, llm)

    assert openai_server.requests, "the step asked the model"
    offline = offline_drafts[(step, language)]
    assert type(drafted).model_validate(drafted.model_dump(mode="json")) == drafted  # a valid artefact
    assert drafted.meta.drafted_by != "model"
    assert drafted.meta.fallback, "the fault is recorded in the artefact"
    assert drafted.content_equals(offline) or _same_but_meta(drafted, offline)
    if fault == "HTML page with status 200":  # the reason points at the cause
        assert "base_url" in drafted.meta.fallback
    if fault == "overlong answer":
        assert "too long" in drafted.meta.fallback


def _same_but_meta(drafted: Artefact, offline: Artefact) -> bool:
    return drafted.model_dump(exclude={"meta"}) == offline.model_dump(exclude={"meta"})
