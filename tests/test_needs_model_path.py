"""Phase 1's model path against a scripted OpenAI-compatible server on 127.0.0.1.

The needs map of the English example is named by a 'model'; we assert on what was sent (no personal
data from the transcripts), on what came back (quotes verbatim) and on the fallback when quotes are
invented twice.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from agents.initiative.needs_model import CLUSTERS_PER_CALL, name_needs, naming_input
from agents.initiative.needs_naming import EvidenceQuote, NamedNeed, NeedsNamingAnswer
from agents.shared.providers import make_chat_model
from artefacts.project import ProviderSettings
from evaluations.phase1 import run_phase1
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import Reply

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "en-makers"


@pytest.fixture(scope="module")
def phase1():
    return run_phase1(EXAMPLE, embedder="hashing")


def _personal_data() -> list[str]:
    """Names and contact details that occur in the example's raw transcripts."""
    found: set[str] = set()
    with (EXAMPLE / "interviews" / "participants.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            found.update(part for part in row["speaker"].split() if len(part) > 2)
    settings = yaml.safe_load((EXAMPLE / "samen.yaml").read_text(encoding="utf-8"))
    found.update(settings.get("privacy", {}).get("names", []))
    raw = "\n".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in (EXAMPLE / "interviews").iterdir()
    )
    found.update(m.rstrip(".") for m in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", raw))
    found.update(m.strip() for m in re.findall(r"(?:\+44|0)\d[\d ]{8,12}\d", raw))
    return sorted(found)


def _answers(needs_map, *, invent: bool = False) -> list[NeedsNamingAnswer]:
    ids = [need.id for need in needs_map.needs]
    answers = []
    for start in range(0, len(ids), CLUSTERS_PER_CALL):
        inputs = naming_input(needs_map, ids[start : start + CLUSTERS_PER_CALL])
        named = []
        for cluster in inputs.clusters:
            note = cluster.notes[0]
            quote = "words nobody said" if invent else " ".join(note.text.split()[:6])
            named.append(
                NamedNeed(
                    cluster_id=cluster.id,
                    name=f"Need of {cluster.id}",
                    statement="Members want to help each other.",
                    quotes=[EvidenceQuote(note_id=note.id, text=quote)],
                )
            )
        answers.append(NeedsNamingAnswer(needs=named))
    return answers


def _llm(server):
    return make_chat_model(
        ProviderSettings(
            name="openai-compatible", base_url=server.url, model="scripted", timeout_seconds=5, max_retries=1
        ),
        env={},
    )


def test_model_names_needs_and_no_personal_data_is_sent(phase1, openai_server):
    needs_map = phase1.needs_map
    assert needs_map.needs, "the example should give at least one need"
    for answer in _answers(needs_map):
        openai_server.push(Reply.answer(answer))
    named = name_needs(needs_map, _llm(openai_server))
    assert named.meta.drafted_by == "model" and named.meta.fallback is None
    assert named.meta.prompts[0].name == "needs_naming"
    assert all(need.title.startswith("Need of ") for need in named.needs)
    notes = {n.id: n.text for n in named.notes}
    for need in named.needs:
        assert need.evidence[0].text in notes[need.evidence[0].note_id]
    sent = openai_server.sent_text()
    assert "<data>" in sent and "English" in sent
    leaked = [item for item in _personal_data() if item in sent]
    assert leaked == []
    assert needs_map.needs[0].title != named.needs[0].title  # the input map is not changed in place


def test_invented_quotes_are_sent_back_once_then_the_draft_stays(phase1, openai_server):
    needs_map = phase1.needs_map
    for answer in _answers(needs_map, invent=True):
        openai_server.push(Reply.answer(answer), Reply.answer(answer))
    named = name_needs(needs_map, _llm(openai_server))
    assert named.meta.drafted_by == "deterministic"
    assert named.meta.fallback and "words nobody said" in named.meta.fallback
    assert [n.title for n in named.needs] == [n.title for n in needs_map.needs]
    second_request = openai_server.messages(1)
    assert "words nobody said" in str(second_request[-1]["content"])
