"""Errors and read problems of artefacts/, knowledge/ and agents/ are in the project's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.shared.providers import make_chat_model
from artefacts.errors import ConfigError, NotFoundError
from artefacts.messages import message, project_language
from artefacts.project import Organisation, Project, ProviderSettings
from artefacts.store import Workspace
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser
from knowledge.surveys import read_surveys


def test_unknown_language_falls_back_to_english():
    assert message(None, "file_empty") == "the file is empty"
    assert message("fr", "file_empty") == "the file is empty"
    assert message("nl", "file_empty") == "het bestand is leeg"
    assert message("nl", "json_shape_hint").endswith('[{"speaker": "Interviewer", "text": "..."}]')


def _project_dir(tmp_path: Path, language: str | None, text: str | None = None) -> Path:
    root = tmp_path / (language or "none")
    root.mkdir()
    if text is None:
        text = "organisation:\n  name: Sportbond\n" + (f"language: {language}\n" if language else "")
    (root / "samen.yaml").write_text(text, encoding="utf-8")
    return root


def test_the_project_language_is_read_tolerantly(tmp_path):
    assert project_language(_project_dir(tmp_path, "nl")) == "nl"
    assert project_language(_project_dir(tmp_path, "en")) == "en"
    assert project_language(tmp_path / "nowhere") == "en"
    assert project_language(_project_dir(tmp_path, None, "language: [unclosed\n")) == "en"
    assert project_language(_project_dir(tmp_path, "fr")) == "en"


@pytest.mark.parametrize(
    ("language", "said", "hint"),
    [
        ("nl", "er is nog geen 'champions' opgesteld", "draai eerst `samen run initiative --project "),
        ("en", "no 'champions' has been drafted yet", "run `samen run initiative --project "),
    ],
)
def test_the_workspace_speaks_the_project_language(tmp_path, language, said, hint):
    workspace = Workspace(_project_dir(tmp_path, language))
    with pytest.raises(NotFoundError) as info:
        workspace.load("champions")
    assert info.value.message == said
    assert info.value.hint is not None and info.value.hint.startswith(hint)
    with pytest.raises(NotFoundError, match="kies uit: " if language == "nl" else "choose one of: "):
        workspace.load("poster")


def _broken_json_project(tmp_path: Path, language: str) -> tuple[Path, Project]:
    root = tmp_path / language
    (root / "interviews").mkdir(parents=True)
    (root / "interviews" / "a.txt").write_text(
        "Interviewer: Wat mis je?\nRespondent: Een plek om te sparren.\n"
    )
    (root / "interviews" / "kapot.json").write_text(
        '[\n  {"speaker": "A", "text": "Hoi"},\n  {"speaker": "B",, }\n]\n', encoding="utf-8"
    )
    return root, Project(organisation=Organisation(name="Sportbond"), language=language)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "said", "hint"),
    [
        (
            "nl",
            "geen geldige JSON (kolom 19): hier hoort een naam tussen dubbele aanhalingstekens te staan",
            "herstel de JSON op die regel",
        ),
        (
            "en",
            "not valid JSON: Expecting property name enclosed in double quotes (column 19)",
            "fix the JSON at that line",
        ),
    ],
)
def test_read_problems_speak_the_project_language(tmp_path, language, said, hint):
    root, project = _broken_json_project(tmp_path, language)
    corpus = read_corpus(root, project, Pseudonymiser(tmp_path / f"{language}.json", language=language))
    [problem] = corpus.problems
    assert (problem.source, problem.line) == ("interviews/kapot.json", 3)
    assert problem.message == said
    assert problem.hint.startswith(hint)
    assert len(corpus.interviews) == 1


def test_survey_problems_follow_samen_yaml(tmp_path):
    dutch = _project_dir(tmp_path, "nl")
    assert read_surveys(dutch / "surveys", dutch).problems[0].message == "de map surveys bestaat niet"
    english = _project_dir(tmp_path, "en")
    assert (
        read_surveys(english / "surveys", english).problems[0].message == "the surveys folder does not exist"
    )
    assert (
        read_surveys(english / "surveys", english, "nl").problems[0].message == "de map surveys bestaat niet"
    )


def test_provider_errors_speak_the_language_they_are_given():
    with pytest.raises(ConfigError) as info:
        make_chat_model(ProviderSettings(name="openai"), env={}, language="nl")
    assert info.value.message == "provider openai heeft een API-sleutel nodig"
    assert info.value.hint == "stel OPENAI_API_KEY in, of kies `provider: offline` in samen.yaml"
    with pytest.raises(ConfigError, match="provider openai needs an API key"):
        make_chat_model(ProviderSettings(name="openai"), env={})
