"""With a chat model the charter is phrased in the organisation's voice; an answer that invents a need id,
names a line that was not given or puts ids in the text is sent back once, then the rules' draft stays."""

from __future__ import annotations

import dataclasses

import pytest

from agents.core_group.charter_model import CharterPhrasingAnswer, PhrasedLine
from agents.core_group.core_group import draft_core_group
from agents.core_group.runner import DRAFTERS
from agents.shared.chat_access import ChatAccess
from agents.shared.phase_inputs import PhaseInputs
from artefacts.core_group import CharterDraft
from tests.core_group_builders import inputs
from tests.fakes.chat import ScriptedChatModel


def _phase(language: str, llm: ScriptedChatModel) -> PhaseInputs:
    phase = inputs(language)
    phase = phase.with_drafted(draft_core_group(phase))
    return dataclasses.replace(phase, model=ChatAccess(llm=llm))


def _draft(phase: PhaseInputs) -> CharterDraft:
    charter = DRAFTERS["charter-draft"](phase)
    assert isinstance(charter, CharterDraft)
    return charter


def _answer(
    need_ids: list[str], text: str = "Wat je hier deelt, houden we onder ons."
) -> CharterPhrasingAnswer:
    return CharterPhrasingAnswer(
        purpose="Samen sterker aan de balie.",
        lines=[PhrasedLine(id="rule-confidential", text=text, need_ids=need_ids)],
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_checked_answer_phrases_the_charter_and_the_prompt_carries_the_draft(language):
    # an answer in the project's language (one in another language is refused: test_model_step.py)
    texts = {
        "nl": ("Wat je hier deelt, houden we onder ons.", "Samen sterker aan de balie."),
        "en": ("What you share here stays between us.", "Stronger together at the counter."),
    }[language]
    answer = CharterPhrasingAnswer(
        purpose=texts[1], lines=[PhrasedLine(id="rule-confidential", text=texts[0], need_ids=["N01"])]
    )
    llm = ScriptedChatModel(script=[answer])
    charter = _draft(_phase(language, llm))
    assert charter.meta.drafted_by == "model" and charter.meta.fallback is None
    rule = next(i for i in charter.house_rules if i.id == "rule-confidential")
    assert rule.text == texts[0] and rule.grounds.note_ids == ["n1"]  # grounds stay
    assert charter.purpose == texts[1]
    assert charter.meta.prompts and charter.meta.prompts[0].name == "charter"
    sent = llm.sent_text()
    assert "[rule-confidential]" in sent and "[norm-disagree]" in sent and "N02" in sent
    assert {"nl": "Dutch", "en": "English"}[language] in sent


def test_an_answer_that_invents_a_need_id_is_sent_back_then_the_rules_draft_stays():
    llm = ScriptedChatModel(script=[_answer(["N99"]), _answer(["N42"])])
    phase = _phase("nl", llm)
    offline = _draft(dataclasses.replace(phase, model=None))
    charter = _draft(phase)
    assert len(llm.history) == 2  # one re-ask with the error
    assert "N99" in llm.sent_text()  # the re-ask quotes what was wrong
    assert charter.meta.drafted_by == "deterministic"
    assert charter.meta.fallback is not None and "N42" in charter.meta.fallback
    assert [i.text for i in charter.house_rules] == [i.text for i in offline.house_rules]
    assert charter.purpose == offline.purpose


def test_need_ids_in_the_text_and_unknown_lines_are_rejected():
    bad = CharterPhrasingAnswer(
        purpose="Voor iedereen met N01.",
        lines=[PhrasedLine(id="rule-made-up", text="Nieuwe regel")],
    )
    llm = ScriptedChatModel(script=[bad, bad])
    charter = _draft(_phase("nl", llm))
    assert charter.meta.fallback is not None
    assert "rule-made-up" in charter.meta.fallback and "purpose" in charter.meta.fallback
    assert "rule-made-up" not in [i.id for i in charter.house_rules]


def test_the_prompt_carries_the_method_retrieved_from_the_store_or_the_bundled_passage():
    from tests.fakes.retrieval import RecordingRetriever, passage

    store = RecordingRetriever(
        passages=[passage("Laat de kerngroep het charter herschrijven.", phase="core-group")]
    )
    llm = ScriptedChatModel(script=[_answer(["N01"])])
    _draft(dataclasses.replace(_phase("nl", llm), knowledge=store))
    assert "Laat de kerngroep het charter herschrijven." in llm.sent_text()
    assert store.calls and store.calls[0][0] == "guidance" and store.calls[0][1]["phase"] == "core-group"
    bundled = ScriptedChatModel(script=[_answer(["N01"])])
    _draft(_phase("en", bundled))  # no store: the method's passage on charters as shipped
    assert "House rules and norms of conduct as a starting point" in bundled.sent_text()
