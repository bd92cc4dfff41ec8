"""Questionnaire exports: Markdown to print, CSV, and the form-builder JSON; every item in each."""

from __future__ import annotations

import csv
import io
import json

import pytest

from agents.test.questionnaire import ROLE_OPTIONS, draft
from artefacts.questionnaire_export import CSV_COLUMNS, to_csv, to_form_json, to_markdown
from artefacts.survey import Questionnaire
from tests.test_questionnaire import inputs

CHANNELS = ["WhatsApp-groep", 'Nieuwsbrief "Trainersnieuws", maandelijks']


@pytest.fixture(params=["nl", "en"])
def questionnaire(request) -> Questionnaire:
    return draft(*inputs(request.param, channels=CHANNELS))


def test_csv_has_one_row_per_item_with_every_column(questionnaire: Questionnaire) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(questionnaire))))
    assert list(rows[0]) == CSV_COLUMNS == ["id", "block", "type", "question", "options", "required"]
    assert [row["id"] for row in rows] == [item.id for item in questionnaire.items]
    for row, item in zip(rows, questionnaire.items, strict=True):
        assert (row["block"], row["type"], row["question"]) == (item.block, item.kind, item.text)
        assert row["options"].split(" | ") == item.options if item.options else row["options"] == ""
        assert row["required"] == ("true" if item.required else "false")


def test_csv_quotes_commas_and_quotes_in_options() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(draft(*inputs("nl", channels=CHANNELS))))))
    channels = next(row for row in rows if row["options"].startswith("WhatsApp"))
    assert channels["options"] == 'WhatsApp-groep | Nieuwsbrief "Trainersnieuws", maandelijks'


def test_form_json_maps_every_item_onto_a_form_type(questionnaire: Questionnaire) -> None:
    spec = json.loads(to_form_json(questionnaire))
    assert spec["title"] == questionnaire.title and spec["description"] == questionnaire.intro
    assert spec["schema"] == "samen-form/1" and spec["language"] == questionnaire.meta.language
    assert [item["id"] for item in spec["items"]] == [item.id for item in questionnaire.items]
    types = {"likert": "scale", "single": "radio", "multiple": "checkbox", "open": "paragraph"}
    for form_item, item in zip(spec["items"], questionnaire.items, strict=True):
        assert form_item["type"] == types[item.kind] and form_item["title"] == item.text
        assert form_item["required"] is item.required
        if item.kind == "likert":
            labels = questionnaire.likert_labels
            assert form_item["scale"] == {
                "low": 1,
                "high": 5,
                "lowLabel": labels[0],
                "highLabel": labels[-1],
                "labels": labels,
            }
            assert "choices" not in form_item
        elif item.kind == "open":
            assert "choices" not in form_item and "scale" not in form_item
        else:
            assert form_item["choices"] == item.options


def test_form_json_keeps_the_role_ladder_and_dutch_text() -> None:
    text = to_form_json(draft(*inputs("nl")))
    assert "Helemaal mee eens" in text and "\\u" not in text  # readable UTF-8, not escaped
    role = next(i for i in json.loads(text)["items"] if i["title"] == "Welke rol zou je willen nemen?")
    assert role["type"] == "radio" and role["choices"] == ROLE_OPTIONS["nl"]


def test_markdown_numbers_every_question_with_its_answers() -> None:
    q = draft(*inputs("nl", channels=CHANNELS))
    text = to_markdown(q)
    assert text.startswith("# Vragenlijst: Trainerscafé\n") and q.intro in text
    for number, item in enumerate(q.items, start=1):
        assert f"**{number}. {item.text}**" in text
    assert text.count("( ) 5 Helemaal mee eens") == sum(item.kind == "likert" for item in q.items)
    assert "- ( ) Mee organiseren of een trekkersrol nemen" in text
    assert "- [ ] WhatsApp-groep" in text and "(meerdere antwoorden mogelijk)" in text


def test_markdown_in_english() -> None:
    text = to_markdown(draft(*inputs("en")))
    assert "(choose all that apply)" in text and "( ) 1 Strongly disagree" in text
    assert "- ( ) Help organise or take a lead role" in text and "verplicht" not in text
