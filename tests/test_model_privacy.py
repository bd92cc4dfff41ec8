"""Personal data never leaves the machine: phase 1 on two corpora nobody tuned for, in Dutch and English,
with the chat model and the embeddings both on a loopback OpenAI-compatible server that records every
request. None of the planted names, phone numbers, addresses, e-mail addresses or account numbers is in
any request, chat or embeddings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from agents.shared.providers import make_chat_model
from artefacts.project import ProviderSettings
from evaluations.phase1 import run_phase1
from tests.fakes.fixtures import openai_server_fixture  # noqa: F401
from tests.fakes.openai_server import Reply
from tests.fakes.schema_answers import request_schema, schema_answer

pytestmark = pytest.mark.slow
CORPORA = Path(__file__).resolve().parent / "fixtures" / "corpora"


def _items(name: str) -> list[dict[str, str]]:
    items = yaml.safe_load((CORPORA / name / "planted.yaml").read_text(encoding="utf-8"))["items"]
    return [item for item in items if item["kind"] != "file_name"]


def _planted(name: str) -> list[str]:
    return [item["text"] for item in _items(name)]


def _variants(text: str) -> set[str]:
    """The planted text, and for numbers their digits alone (a phone number sent without its spaces)."""
    found = {text, " ".join(text.split())}
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 6:
        found.add(digits)
    return found


@pytest.mark.parametrize("corpus", ["bieb-vrijwilligers", "huurders"])
def test_no_planted_personal_data_is_in_any_request_to_the_model_server(corpus, tmp_path, openai_server):
    root = tmp_path / corpus
    shutil.copytree(CORPORA / corpus / "interviews", root / "interviews")
    settings = yaml.safe_load((CORPORA / corpus / "samen.yaml").read_text(encoding="utf-8"))
    settings["embeddings"] = {"name": "openai", "model": "fake-embedding", "base_url": openai_server.url}
    (root / "samen.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    provider = ProviderSettings(
        name="openai-compatible",
        base_url=openai_server.url,
        model="scripted",
        timeout_seconds=5,
        max_retries=0,
    )
    llm = make_chat_model(provider, env={})
    # every answer fits its schema and is wrong in content: the requests go on as they would with a model
    openai_server.always = Reply.compute(lambda request: schema_answer(request_schema(request), "x"))

    result = run_phase1(root, llm=llm, cache_dir=tmp_path / "cache")

    assert result.needs_map.notes, "the interviews were read"
    chats = [p for p in openai_server.paths if p.endswith("/chat/completions")]
    embeddings = [p for p in openai_server.paths if p.endswith("/embeddings")]
    assert chats and embeddings, "both the chat model and the embedder were asked"
    sent = json.loads(json.dumps(openai_server.requests))  # the request bodies, as the server got them
    assert _found(corpus, " ".join(_strings(sent))) == [], "personal data was sent to the model server"
    for item in _items(corpus):  # the same search finds each planted text in the file it was planted in
        if not item["file"].endswith(".docx"):
            raw = (root / "interviews" / item["file"]).read_text(encoding="utf-8", errors="ignore")
            assert item["text"] in _found(corpus, raw), item


def _found(corpus: str, sent: str) -> list[str]:
    """The planted texts (or their digits) that occur in ``sent`` as words."""
    text = re.sub(r"\s+", " ", sent)
    joined = re.sub(r"(?<=\d)[\s./-]+(?=\d)", "", text)  # numbers as one run of digits
    return sorted(
        variant
        for planted in _planted(corpus)
        for variant in _variants(planted)
        if re.search(rf"(?<![\w]){re.escape(variant)}(?![\w])", joined if variant.isdigit() else text)
    )


def _strings(value: object) -> list[str]:
    """Every string in a JSON value (message contents, embedding inputs), unescaped."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []
