"""The catalogue of user-facing text: shipped as package data, the same keys and placeholders in nl and en,
every key the code asks for present, and every key asked for somewhere."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path
from string import Formatter
from typing import Any

import pytest
import yaml

from artefacts.catalogue import LANGUAGES, PerLanguage, catalogue, entry, has, text

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("agents", "artefacts", "flows", "knowledge", "evaluations")
# the function that looks a key up → the section of the catalogue its key is in
LOOKUPS = {
    ("artefacts.messages", "message"): "errors",
    ("flows.messages", "message"): "cli",
    ("artefacts.i18n", "label"): "labels",
    ("artefacts.recovery_text", "recovery_message"): "recovery",
}


def _leaves(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, text or list of texts) of every entry below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{path}.{key}" if path else str(key))
    else:
        yield path, node


def _texts(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _fields(template: str) -> list[str]:
    return sorted(name for _, name, _, _ in Formatter().parse(template) if name is not None)


# -- the files --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_package_data_found_through_importlib_resources(language):
    source = resources.files("artefacts").joinpath("catalogue", f"{language}.yaml")
    assert source.is_file()
    assert yaml.safe_load(source.read_text(encoding="utf-8")) == catalogue(language)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["artefacts"]
    assert any(fnmatch(f"catalogue/{language}.yaml", pattern) for pattern in patterns)


def test_an_unknown_language_reads_english():
    assert catalogue("fr") is catalogue("en") and catalogue(None) is catalogue("en")
    assert text("fr", "cli.state_approved") == "approved" == text(None, "cli.state_approved")
    assert text("nl", "cli.state_approved") == "goedgekeurd"
    with pytest.raises(KeyError, match="cli.no_such_key"):
        text("nl", "cli.no_such_key")


def test_a_per_language_entry_reads_like_the_dict_it_replaced():
    words = PerLanguage[str]("survey_analysis.other")
    assert dict(words) == {"nl": "Anders", "en": "Other"}
    assert words.get("fr", words["en"]) == "Other" and "nl" in words and "fr" not in words


# -- the two languages agree ------------------------------------------------------------------------


def test_both_languages_have_the_same_keys():
    keys = {language: dict(_leaves(catalogue(language))) for language in LANGUAGES}
    nl, en = keys["nl"], keys["en"]
    assert sorted(set(nl) - set(en)) == [] and sorted(set(en) - set(nl)) == []
    assert len(en) > 500


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_a_text_or_a_list_of_texts_and_a_valid_template(language):
    for key, value in _leaves(catalogue(language)):
        texts = _texts(value)
        assert texts and all(isinstance(t, str) and t.strip() for t in texts), key
        for template in texts:
            _fields(template)  # a lone brace raises: write it {{ or }}


def test_each_key_has_the_same_placeholders_in_both_languages():
    english = dict(_leaves(catalogue("en")))
    for key, value in _leaves(catalogue("nl")):
        dutch, other = _texts(value), _texts(english[key])
        if isinstance(value, list) and len(dutch) != len(other):
            assert not any(_fields(t) for t in dutch + other), key  # a list of phrases, not of templates
            continue
        assert [_fields(t) for t in dutch] == [_fields(t) for t in other], key


# -- the code and the catalogue agree ---------------------------------------------------------------


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            yield name, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _lookups_of(name: str, tree: ast.Module) -> dict[str, str]:
    """The local names of the lookup functions in module ``name`` → the section they read."""
    local = {function: section for (module, function), section in LOOKUPS.items() if module == name}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                section = LOOKUPS.get((node.module, alias.name))
                if section:
                    local[alias.asname or alias.name] = section
    return local


def _key_pattern(node: ast.expr, assigned: dict[str, ast.expr] | None = None) -> str | None:
    """A literal key as it is; an f-string key as a regex (``f"column_{c}"`` → ``column_.+``); a local
    name as what was assigned to it (``key = f"state_{state}"``)."""
    if isinstance(node, ast.Name) and assigned and node.id in assigned:
        return _key_pattern(assigned[node.id])
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values
        )
    return None


def _wrappers(tree: ast.Module, lookups: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Functions that pass one of their parameters on as the key of a lookup: name → (section, position)."""
    found: dict[str, tuple[str, int]] = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in function.args.args if a.arg != "self"]
        for call in ast.walk(function):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in lookups:
                key = call.args[1] if len(call.args) > 1 else None
                if isinstance(key, ast.Name) and key.id in params:
                    found[function.name] = (lookups[call.func.id], params.index(key.id))
    return found


def _keys_asked_for() -> Iterator[tuple[str, str, int, str]]:
    """(module, section, line, key pattern) of every lookup in the code with a literal or f-string key."""
    for name, tree in _modules():
        lookups = _lookups_of(name, tree)
        wrappers = _wrappers(tree, lookups)
        assigned = {
            node.targets[0].id: node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        }
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            called = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if isinstance(func, ast.Name) and called in lookups and len(call.args) > 1:
                pattern = _key_pattern(call.args[1], assigned)
                section = lookups[called]
            elif called in wrappers and len(call.args) > wrappers[called][1]:
                section, position = wrappers[called]
                pattern = _key_pattern(call.args[position])
            elif called == "PerLanguage" and call.args:
                pattern, section = _key_pattern(call.args[0]), ""
            else:
                continue
            if pattern is not None:
                yield name, section, call.lineno, pattern


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    keys = [key for key, _ in _leaves(catalogue("en"))]
    asked = list(_keys_asked_for())
    assert len(asked) > 300
    missing = []
    for module, section, line, pattern in asked:
        full = rf"{re.escape(section)}\.{pattern}" if section else pattern
        if not any(re.fullmatch(full, key) for key in keys) and not has(full.replace("\\", "")):
            missing.append(f"{module}:{line}: {full}")
    assert missing == []


def test_every_key_in_the_catalogue_is_asked_for():
    """A key is used when its last part is a string in the code (``words["title"]``, ``message(language,
    "review_decided")``), when it is read whole (``PerLanguage("sampling.rationale")``), or when an f-string
    key matches it (``message(language, f"state_{state}")``)."""
    strings: set[str] = set()
    for _, tree in _modules():
        strings.update(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
    dynamic = [
        rf"{re.escape(section)}\.{pattern}" for _, section, _, pattern in _keys_asked_for() if ".+" in pattern
    ]
    unused = [
        key
        for key, _ in _leaves(catalogue("en"))
        if key.rsplit(".", 1)[-1] not in strings
        and key not in strings
        and not any(re.fullmatch(pattern, key) for pattern in dynamic)
    ]
    assert unused == []


def test_the_entries_the_modules_read_whole_exist():
    for module, section, line, pattern in _keys_asked_for():
        if not section:
            key = pattern.replace("\\", "")
            assert has(key) and entry("nl", key), f"{module}:{line}: {key}"
