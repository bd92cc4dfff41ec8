"""Phase 1 with a chat model, end to end: the Prefect flow against a scripted OpenAI-compatible server.

The 'model' reads what it is sent: it codes each statement into a need phrase by a simple rule and names
each cluster, quoting the first words of a note. We assert on the artefact (model-made, grounded), on
what was sent (no personal data, context included), on the call log, and that a rerun costs no call.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from artefacts.initiative import NeedsMap
from artefacts.store import Workspace
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import Reply

pytestmark = pytest.mark.slow

PHRASES = {  # "tool" and "part" get two phrases that the merging step puts in one group
    "tool": "better tools",
    "part": "better spare parts",
    "rota": "a fair rota with cover",
    "cover": "a fair rota with cover",
    "insur": "clear liability cover",
    "liab": "clear liability cover",
    "learn": "learning repair skills",
    "skill": "learning repair skills",
    "friend": "belonging to a group",
    "together": "belonging to a group",
}


def _first_words(text: str, n: int = 5) -> str:
    return " ".join(text.split()[:n])


def scripted_model(request: dict) -> dict:
    user = str(request["messages"][1]["content"])
    if "Group these need phrases" in user:  # phrases with the same first word form one group
        groups: dict[str, list[str]] = {}
        for phrase_id, phrase in re.findall(r"\[(p\d+)\] (.*?) \(\d+\)", user):
            groups.setdefault(phrase.split()[0], []).append(phrase_id)
        return {"groups": [{"name": f"{first} things", "phrase_ids": ids} for first, ids in groups.items()]}
    if "Code each statement" in user:
        codes = []
        for note_id, text in re.findall(r"\[(n-[0-9a-f]+)\]\nQuestion: .*\nStatement: (.*)", user):
            phrase = next((p for key, p in PHRASES.items() if key in text.lower()), None)
            codes.append(
                {"note_id": note_id, "need": phrase, "quote": _first_words(text) if phrase else None}
            )
        return {"codes": codes}
    needs = []
    for cluster, block in re.findall(r"Cluster (N\d+)\n(.*?)(?=\nCluster N|\Z)", user, flags=re.S):
        note_id, text = re.findall(r"- \[(n-[0-9a-f]+)\] (.*)", block)[0]
        needs.append(
            {
                "cluster_id": cluster,
                "name": f"Named {cluster}",
                "statement": "Members need this.",
                "quotes": [{"note_id": note_id, "text": _first_words(text)}],
            }
        )
    return {"needs": needs}


def test_phase1_with_a_scripted_model_through_prefect(prefect_api, tmp_path, examples_dir, openai_server):
    from flows.initiative import initiative

    root = tmp_path / "en-makers"
    shutil.copytree(examples_dir / "en-makers", root)
    settings = yaml.safe_load((root / "samen.yaml").read_text(encoding="utf-8"))
    settings["provider"] = {
        "name": "openai-compatible",
        "base_url": openai_server.url,
        "model": "scripted",
        "timeout_seconds": 5,
        "max_retries": 1,
    }
    (root / "samen.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    openai_server.always = Reply.compute(scripted_model)

    initiative(str(root))
    needs_map = Workspace(root).load("needs-map")
    assert isinstance(needs_map, NeedsMap)
    assert needs_map.meta.drafted_by == "model" and needs_map.meta.fallback is None
    assert [p.name for p in needs_map.meta.prompts] == ["needs_coding", "needs_merging", "needs_naming"]
    assert needs_map.needs and all(n.title.startswith("Named N") for n in needs_map.needs)
    texts = {n.id: " ".join(n.text.split()) for n in needs_map.notes}
    assert all(q.text in texts[q.note_id] for n in needs_map.needs for q in n.evidence)

    sent = openai_server.sent_text()
    assert "Question: " in sent  # the interviewer's question travels with each statement
    for private in ("Priya", "Shah", "Gareth", "07700 900123", "priya.shah@eastgatefixers.org.uk"):
        assert private not in sent
    log = [json.loads(line) for line in (root / ".samen" / "calls.jsonl").read_text().splitlines()]
    assert {entry["prompt"] for entry in log} == {"needs_coding", "needs_merging", "needs_naming"}
    assert all(entry["status"] == "model" and entry["tokens_in"] > 0 for entry in log)

    calls = len(openai_server.requests)
    initiative(str(root))  # unchanged input: every answer comes from the cache
    assert len(openai_server.requests) == calls
