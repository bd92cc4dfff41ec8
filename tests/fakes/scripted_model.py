"""A scripted chat model for the loopback server: it reads what it was sent and answers by rule.

It knows only Samen's cue library (``knowledge/lexicons/need_cues.yaml`` and the titles of
``community_needs.yaml``), so it is a stand-in that exercises every model step, not a model to judge:

- ``needs_coding``: each statement gets the title of the library need whose cues it hits most (quoting its
  first words, verbatim), or null. When the prompt tells it to code a statement that names no need by the
  need its question asks about (``needs_coding`` v3 does), it follows that: it reads the question's cues.
- ``needs_merging``: identical phrases are already one need; each phrase is a group, named as it is.
- ``needs_naming``: each cluster is named after the library need its notes hit most, described with the
  library's sentence, quoting the first words of its first note.
- ``eval_rubric`` (the judge of llm-rubric): a rule, not a reading: it passes a document of some length
  with no ``<script``, and says so in its reason.
- every other prompt: it declines (``cannot_answer``), so the agent keeps its deterministic draft and
  says why: the report shows those as fallbacks.

Serve it for ``samen eval`` by hand: ``python -m tests.fakes.scripted_model`` prints its base URL; then
``samen eval --provider openai --base-url URL --model scripted``.
"""

from __future__ import annotations

import argparse
import json
import re
from functools import cache
from typing import Any

from agents.initiative.statement_features import cue_table
from knowledge.lexicons import load

QUESTION_RULE = "code the need the question asks about"
QUOTE_WORDS = 6


@cache
def _patterns(language: str) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    table = []
    for need, cues, _own in cue_table(language):
        patterns = []
        for cue in cues:
            whole = cue.endswith("=") or (" " not in cue and len(cue.rstrip("=")) <= 3)
            body = r"\s+".join(map(re.escape, cue.rstrip("=").split()))
            patterns.append(re.compile(r"(?<!\w)" + body + (r"(?!\w)" if whole else ""), re.IGNORECASE))
        table.append((need, tuple(patterns)))
    return tuple(table)


@cache
def _library(language: str) -> dict[str, dict[str, str]]:
    return {entry["id"]: entry.get(language) or entry["en"] for entry in load("community_needs")["needs"]}


def best_need(texts: list[str], language: str) -> str | None:
    """The library need whose cues the texts hit most (the first in the library on a tie), or None."""
    scores = [
        (sum(bool(p.search(t)) for t in texts for p in patterns), need)
        for need, patterns in _patterns(language)
    ]
    best = max(scores, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] > 0 else None


def _title(need: str, language: str) -> str:
    found = _library(language).get(need)
    return found["title"] if found else need.replace("_", " ")


def _language(system: str) -> str:
    return "nl" if "Dutch" in system or "Nederlands" in system else "en"


def _first_words(text: str) -> str:
    return " ".join(text.split()[:QUOTE_WORDS])


def _code(system: str, user: str) -> dict[str, Any]:
    language = _language(system)
    use_question = QUESTION_RULE in system
    codes = []
    for note_id, question, text in re.findall(r"\[(n-[0-9a-f]+)\]\nQuestion: (.*)\nStatement: (.*)", user):
        need = best_need([text], language) or (best_need([question], language) if use_question else None)
        phrase = _title(need, language) if need else None
        codes.append({"note_id": note_id, "need": phrase, "quote": _first_words(text) if phrase else None})
    return {"codes": codes, "cannot_answer": None}


def _merge(user: str) -> dict[str, Any]:
    groups = [
        {"name": phrase, "phrase_ids": [pid]} for pid, phrase in re.findall(r"\[(p\d+)\] (.*?) \(\d+\)", user)
    ]
    return {"groups": groups, "cannot_answer": None}


def _name(system: str, user: str) -> dict[str, Any]:
    language = _language(system)
    needs = []
    for cluster, block in re.findall(r"Cluster (N\d+)\n(.*?)(?=\nCluster N|\n</data>|\Z)", user, flags=re.S):
        notes = re.findall(r"- \[(n-[0-9a-f]+)\] (.*)", block)
        if not notes:
            continue
        need = best_need([text for _, text in notes], language)
        entry = _library(language).get(need or "")
        other = ("Overige behoefte", "Wat deze geïnterviewden samen noemen en nog een naam moet krijgen.")
        if language == "en":
            other = ("Another need", "What these interviewees raise together and still needs a name.")
        name, statement = (entry["title"], entry["description"]) if entry else other
        note_id, text = notes[0]
        needs.append(
            {"cluster_id": cluster, "name": name, "statement": statement,
             "quotes": [{"note_id": note_id, "text": _first_words(text)}]}
        )  # fmt: skip
    return {"needs": needs, "cannot_answer": None}


def _judge(user: str) -> dict[str, Any]:
    document = user.split("<data>", 1)[-1]
    passed = len(document) > 200 and "<script" not in document
    return {"reason": "scripted judge: a rule (length, no script tag), not a reading", "passed": passed,
            "score": 1.0 if passed else 0.0}  # fmt: skip


def declined(schema: dict[str, Any]) -> dict[str, Any]:
    """The smallest answer the strict schema accepts, with ``cannot_answer`` saying why."""
    return {**_minimal(schema, schema), "cannot_answer": "the scripted model has no answer for this prompt"}


def _minimal(node: dict[str, Any], root: dict[str, Any]) -> Any:
    if "$ref" in node:
        return _minimal(root["$defs"][node["$ref"].rsplit("/", 1)[-1]], root)
    if "anyOf" in node:
        options = node["anyOf"]
        return None if any(o.get("type") == "null" for o in options) else _minimal(options[0], root)
    kind = node.get("type")
    if isinstance(kind, list):
        return None if "null" in kind else _minimal({**node, "type": kind[0]}, root)
    if kind == "object":
        return {name: _minimal(prop, root) for name, prop in node.get("properties", {}).items()}
    return {"array": [], "string": "n/a", "integer": 0, "number": 0, "boolean": False}.get(kind or "")


def answer(request: dict[str, Any]) -> dict[str, Any]:
    """The scripted answer to one chat-completions request body."""
    messages = request.get("messages") or []
    system = str(messages[0].get("content") or "") if messages else ""
    user = str(messages[1].get("content") or "") if len(messages) > 1 else ""
    if "Code each statement" in user:
        return _code(system, user)
    if "Group these need phrases" in user:
        return _merge(user)
    if "Name the need of each cluster" in user:
        return _name(system, user)
    if user.startswith("Rubric:"):
        return _judge(user)
    schema = (request.get("response_format") or {}).get("json_schema", {}).get("schema")
    if schema is None:  # function calling
        tools = request.get("tools") or [{}]
        schema = tools[0].get("function", {}).get("parameters", {})
    return declined(schema)


def main() -> None:  # pragma: no cover - a tool for people, run by hand
    import threading

    from tests.fakes.openai_server import OpenAIServer, Reply

    argparse.ArgumentParser(description="Serve the scripted model on loopback for samen eval.").parse_args()
    server = OpenAIServer()
    server.always = Reply.compute(answer)
    server.start()
    print(json.dumps({"base_url": server.url, "model": "scripted"}), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
