"""The generic assertion types, with promptfoo's names and meaning, read on an artefact.

Text assertions (equals, contains, icontains, regex and their ``not-`` forms, similar) read the artefact as
a person reads it, its Markdown, or with ``path`` the values there. ``is-json`` and ``is-valid-schema`` read
its JSON. ``python`` runs a small function; ``llm-rubric`` asks a judge model for a typed verdict, and
without a chat model it is skipped, never passed.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np
from pydantic import ValidationError

from artefacts.registry import artefact_model
from evaluations.cases import REPO, Assertion
from evaluations.subject import Outcome, Subject, at_least, outcome, skipped

SAFE_BUILTINS = {f.__name__: f for f in (len, any, all, sum, min, max, set, sorted, zip, range, enumerate,
                                          str, int, float, round, abs, list, dict, tuple, bool)}  # fmt: skip
SIMILAR_DEFAULT = 0.8  # e5 puts unrelated texts of one language near 0.7: 0.8 asks for the same subject
PYTHON_DEFAULT = 0.5


def equals(s: Subject, a: Assertion) -> Outcome:
    if a.path:
        found = s.selected(a.path)
        value = found[0] if len(found) == 1 else found
        return outcome(a, value == a.value, detail=f"found {_short(value)}")
    return outcome(a, s.markdown.strip() == str(a.value).strip(), detail="the whole Markdown")


def contains(s: Subject, a: Assertion) -> Outcome:
    return outcome(a, str(a.value) in s.text(a), detail=_where(a))


def icontains(s: Subject, a: Assertion) -> Outcome:
    return outcome(a, str(a.value).lower() in s.text(a).lower(), detail=_where(a))


def regex(s: Subject, a: Assertion) -> Outcome:
    found = re.search(str(a.value), s.text(a), flags=re.MULTILINE)
    return outcome(a, found is not None, detail=f"matched {found.group(0)[:60]!r}" if found else _where(a))


def negated(check: Callable[[Subject, Assertion], Outcome]) -> Callable[[Subject, Assertion], Outcome]:
    def run(s: Subject, a: Assertion) -> Outcome:
        result = check(s, a)
        return result.model_copy(update={"status": "fail" if result.passed else "pass", "type": a.type})

    return run


def is_json(s: Subject, a: Assertion) -> Outcome:
    text = s.text(a) if a.path else s.artefact.model_dump_json()
    try:
        value = json.loads(text) if not a.path or len(s.selected(a.path)) != 1 else s.selected(a.path)[0]
    except json.JSONDecodeError as exc:
        return outcome(a, False, detail=f"not JSON: {exc}")
    if isinstance(a.value, dict):  # a JSON schema, as in promptfoo
        import jsonschema

        errors = [e.message for e in jsonschema.Draft202012Validator(a.value).iter_errors(value)]
        return outcome(a, not errors, detail="; ".join(errors[:3]) or "valid against the schema")
    return outcome(a, True, detail="valid JSON")


def is_valid_schema(s: Subject, a: Assertion) -> Outcome:
    """The artefact's JSON validates against its pydantic model (or the one ``value`` names)."""
    model = artefact_model(str(a.value)) if a.value else type(s.artefact)
    try:
        model.model_validate_json(s.artefact.model_dump_json())
    except ValidationError as exc:
        first = exc.errors()[:3]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in first)
        return outcome(a, False, detail=f"{exc.error_count()} error(s): {detail}")
    return outcome(a, True, detail=f"valid {model.__name__}")


def python(s: Subject, a: Assertion) -> Outcome:
    """``value``: an expression over ``output`` (the artefact's JSON), ``artefact`` and ``context``, or
    ``file://path.py:function`` called with (output, context). It returns a bool, a score (passes at
    ``threshold``, 0.5 by default) or ``{"pass": …, "score": …, "reason": …}``."""
    context = {
        "vars": s.case.vars.model_dump(mode="json"),
        "artefact": s.artefact,
        "artefacts": s.drafted.artefacts(),
        "project": s.project,
    }
    spec = str(a.value or "")
    if spec.startswith("file://"):
        result = _function(spec.removeprefix("file://"))(s.data, context)
    else:
        names = {"output": s.data, "artefact": s.artefact, "context": context, **SAFE_BUILTINS}
        result = eval(spec, {"__builtins__": {}, **names})  # noqa: S307 - the repository's own case files
    if isinstance(result, dict):
        score = result.get("score")
        passed = bool(result.get("pass", score is not None and score >= (a.threshold or PYTHON_DEFAULT)))
        return outcome(a, passed, score, str(result.get("reason", "")))
    if isinstance(result, bool) or result is None or isinstance(result, list | dict | str):
        return outcome(a, bool(result), detail=f"{'true' if result else 'false'}: {spec[:160]}")
    return at_least(a, float(result), PYTHON_DEFAULT, detail=f"{float(result):g}: {spec[:160]}")


def _function(spec: str) -> Callable[[Any, dict[str, Any]], Any]:
    file, _, name = spec.rpartition(":") if ":" in spec else (spec, "", "check")
    path = (REPO / file).resolve()
    loaded = importlib.util.spec_from_file_location(f"eval_check_{path.stem}", path)
    if loaded is None or loaded.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return getattr(module, name or "check")


def similar(s: Subject, a: Assertion) -> Outcome:
    """Cosine similarity of the text (each value at ``path``: the best one) to ``value`` (or the best of a
    list), with the embedder the project drafts with."""
    if s.embed is None:
        return skipped(a, "no embedder for this case")
    texts = [str(v) for v in s.selected(a.path)] if a.path else [s.markdown]
    wanted = [str(v) for v in (a.value if isinstance(a.value, list) else [a.value])]
    if not texts or not any(t.strip() for t in texts):
        return outcome(a, False, 0.0, "nothing to compare at the path")
    vectors = np.asarray(s.embed(texts + wanted), dtype=float)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    sims = vectors[: len(texts)] @ vectors[len(texts) :].T
    best = float(sims.max())
    at = int(sims.max(axis=1).argmax())
    return at_least(a, best, SIMILAR_DEFAULT, detail=f"best {best:.3f}: {texts[at][:60]!r}")


def _where(a: Assertion) -> str:
    return f"in {a.path}" if a.path else "in the Markdown"


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text[:60] + ("…" if len(text) > 60 else "")
