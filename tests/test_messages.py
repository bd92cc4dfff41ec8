"""What the CLI and the flows say is in the project's language: the catalogue, and the CLI on nl and en projects."""

from __future__ import annotations

from string import Formatter

import pytest

from agents.initiative.needs_map import NeedsMapInputs, draft
from artefacts.catalogue import entry
from artefacts.concept import ConceptHypotheses
from artefacts.errors import GateError
from artefacts.messages import LANGUAGES
from artefacts.store import Workspace
from flows.cli import run_cli
from flows.gatekeeper import Gatekeeper
from flows.messages import language_of, message
from flows.scaffold import scaffold
from tests.builders import blob_vectors, note, on_hashing_embedder


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def _messages(section: str) -> dict[str, dict[str, str]]:
    """A section of the catalogue as ``{key: {language: text}}``."""
    texts = {language: entry(language, section) for language in LANGUAGES}
    keys = {key for by_key in texts.values() for key in by_key}
    return {
        key: {language: texts[language][key] for language in LANGUAGES if key in texts[language]}
        for key in keys
    }


@pytest.mark.parametrize("section", ["cli", "errors"], ids=["flows", "artefacts"])
def test_every_message_is_in_both_languages_with_the_same_placeholders(section):
    catalogue = _messages(section)
    assert len(catalogue) > 50
    for key, texts in catalogue.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


def test_unknown_language_falls_back_to_english():
    assert message(None, "state_approved") == "approved"
    assert message("fr", "state_approved") == "approved"
    assert message("nl", "state_approved") == "goedgekeurd"
    assert message("nl", "stopped_before", phase="test", error="x") == "gestopt vóór test: x"


def _project(tmp_path, language: str):
    root = tmp_path / language
    scaffold(root, name="Sportbond", language=language)
    on_hashing_embedder(root)
    notes = [
        note(f"uitspraak {i} over onderwerp {i % 3}", speaker=f"P0{i % 4}", line=i + 1) for i in range(15)
    ]
    needs_map = draft(
        NeedsMapInputs(notes=notes, vectors=blob_vectors([i % 3 for i in range(15)]), language=language)
    )
    Workspace(root).save(needs_map)
    return root


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(list(args))
    captured = capsys.readouterr()
    return (
        code,
        " ".join(captured.out.split()),
        " ".join(captured.err.split()),
    )  # the terminal wraps long lines


SAID = {
    "nl": {
        "no_by": "fout: wie neemt het besluit? (voeg --by JOUW-NAAM toe",
        "approved": "needs-map v1: goedgekeurd door Anna",
        "waiting": "initiative: nog niet gedraaid: `samen run initiative --project",
        "blocked": "concept: nog niet gedraaid: `samen run concept --project",
        "state": "goedgekeurd",
    },
    "en": {
        "no_by": "error: who is deciding? (add --by YOUR-NAME",
        "approved": "needs-map v1: approved by Anna",
        "waiting": "initiative: not run yet: `samen run initiative --project",
        "blocked": "concept: not run yet: `samen run concept --project",
        "state": "approved",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_cli_speaks_the_project_language(tmp_path, capsys, language):
    root = str(_project(tmp_path, language))
    said = SAID[language]
    code, _, err = _run(capsys, "approve", "needs-map", "--project", root)
    assert code == 1 and said["no_by"] in err
    code, _, err = _run(capsys, "approve", "needs-map", "--project", root, "--by", "Anna")
    assert code == 0 and said["approved"] in err
    code, out, _ = _run(capsys, "status", "--project", root)
    assert code == 0
    out = " ".join(out.split())  # the terminal wraps long lines
    assert said["waiting"] in out and said["blocked"] in out and said["state"] in out


@pytest.mark.parametrize(("language", "created"), [("nl", "aangemaakt"), ("en", "Created")])
def test_init_speaks_the_language_given(tmp_path, capsys, language, created):
    code, _, err = _run(capsys, "init", str(tmp_path / "new"), "--language", language)
    assert code == 0 and created in err


def test_gate_errors_are_in_the_project_language(tmp_path):
    ws = Workspace(_project(tmp_path, "nl"))
    assert language_of(ws) == "nl" and language_of(tmp_path) == "en"  # no samen.yaml: English
    with pytest.raises(GateError) as info:
        Gatekeeper(ws).require_approved(ConceptHypotheses, before=message("nl", "before_test"))
    assert "de test (fase 2b) heeft een goedgekeurde concept-hypotheses nodig" in str(info.value)
    assert "draai eerst `samen run concept" in str(info.value)


def test_no_placeholder_is_called_language():
    """``message(language, key, **values)`` takes the language itself: a placeholder of that name breaks."""
    import string

    for catalogue in (_messages("cli"), _messages("errors")):
        for key, texts in catalogue.items():
            for text in texts.values():
                fields = {field for _, field, _, _ in string.Formatter().parse(text) if field}
                assert "language" not in fields, key


def test_init_with_an_unsupported_language_is_one_clear_line(tmp_path, capsys):
    from flows.cli import run_cli

    assert run_cli(["init", str(tmp_path / "p"), "--language", "fr"]) == 1
    assert "language 'fr' is not supported" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()
