"""Drafts meant for people carry no internal codes in their sentences (ids belong in tables and
traceability lines), and the questionnaire is sendable as generated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from artefacts.questionnaire_export import to_markdown
from evaluations.phase2 import run_phase2

CODE = re.compile(r"\b(?:N\d{2}|G\d|C\d|n-[0-9a-f]{10})\b")
KEYWORD_LIST = ("hebben het over", "talk about")


@pytest.fixture(scope="module", params=["nl-trainers", "en-makers"])
def drafted(request):
    return run_phase2(Path("examples") / request.param, embedder="hashing")


def test_sentences_of_concepts_and_persona_name_no_codes(drafted):
    persona = drafted.persona
    texts = [persona.who.text, persona.situation.text, *(t.text for t in persona.motivations)]
    for concept in drafted.concepts.concepts:
        texts += [concept.purpose, concept.hypothesis, *concept.fails_if, concept.rationale]
    texts += [reason for g in drafted.phase1.target_groups.groups for reason in g.fit_reasons]
    texts += [g.name for g in drafted.phase1.target_groups.groups]
    texts += [n.statement for n in drafted.phase1.needs_map.needs]
    for text in texts:
        assert not CODE.search(text), text
        assert not any(k in text for k in KEYWORD_LIST), text


def test_every_item_and_option_of_the_questionnaire_is_sendable(drafted):
    q = drafted.test.questionnaire
    for text in [q.intro, *(i.text for i in q.items), *(o for i in q.items for o in i.options)]:
        assert not CODE.search(text), text
        assert not re.search(r"\b(\w{4,})\b(?:\s+\w+){0,4}\s+\1\b", text.lower()) or "…" not in text
        assert not text.rstrip().endswith("…"), text
    assert "Ik herken mij in:" not in to_markdown(q) and "I recognise myself in:" not in to_markdown(q)
