"""The questionnaire in the forms people put into survey tools: Markdown, CSV and a form-builder JSON.

Markdown (``to_markdown``) is for printing or pasting: the title, the introduction and the numbered
questions with their options or scale, in the questionnaire's language. Its text is ``md_text``: no
raw HTML, no link, no structure from a question that a model wrote.

CSV (``to_csv``) has one row per item, columns ``id, block, type, question, options, required``: ``type`` is
the item kind (likert, single, multiple, open), ``options`` are joined by ``" | "`` (Likert items list
their five labels), ``required`` is ``true`` or ``false``. UTF-8, comma separated, without a byte-order mark.
Cells are formula-safe (a leading apostrophe before ``= + - @``, ``artefacts.safe_text.write_csv``).

Survey tools and form builders may show question text as HTML (Qualtrics and SurveyMonkey do), so every
text that goes to them, in the CSV and in the JSON, is ``plain_text``: ``<`` and ``>`` become ``‹`` and
``›``, so no tag can form and the words stay readable in a tool that shows text as text. The JSON is
otherwise data, escaped by the JSON encoder.

JSON (``to_form_json``) is a small schema that maps one to one onto the items of form builders::

    {"schema": "samen-form/1", "language": "nl", "title": "…", "description": "…",
     "items": [
       {"id": "Q01", "type": "scale", "title": "…", "required": true,
        "scale": {"low": 1, "high": 5, "lowLabel": "Helemaal mee oneens", "highLabel": "Helemaal mee eens",
                  "labels": ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]}},
       {"id": "Q09", "type": "radio", "title": "…", "required": true, "choices": ["…", "…"]},
       {"id": "Q10", "type": "checkbox", "title": "…", "required": true, "choices": ["…"]},
       {"id": "Q15", "type": "paragraph", "title": "…", "required": false}]}

Item kinds become these types, with these counterparts:

============  ==========  ==========================================  ======================================
item kind     JSON type   Google Forms (Apps Script ``FormApp``)      Microsoft Forms
============  ==========  ==========================================  ======================================
likert        scale       ``addScaleItem().setBounds(low, high)``     Likert (one statement, ``labels`` as
                          ``.setLabels(lowLabel, highLabel)``         the columns) or Choice with ``labels``
single        radio       ``addMultipleChoiceItem()``                 Choice
                          ``.setChoiceValues(choices)``
multiple      checkbox    ``addCheckboxItem().setChoiceValues(…)``    Choice with "Multiple answers" on
open          paragraph   ``addParagraphTextItem()``                  Text with "Long answer" on
============  ==========  ==========================================  ======================================

``title`` goes to ``setTitle`` (the question text; survey exports use it as the column header, which is
how answers are matched back to items), ``required`` to ``setRequired``; the form's own ``title`` and
``description`` to ``FormApp.create(title).setDescription(description)``. A Google Forms scale answer is
exported as the number 1–5; the analysis reads numbers and labels alike. A minimal Apps Script::

    function build(spec) {
      var form = FormApp.create(spec.title).setDescription(spec.description);
      spec.items.forEach(function (it) {
        var item;
        if (it.type === "scale") {
          item = form.addScaleItem().setBounds(it.scale.low, it.scale.high)
                     .setLabels(it.scale.lowLabel, it.scale.highLabel);
        } else if (it.type === "radio") {
          item = form.addMultipleChoiceItem().setChoiceValues(it.choices);
        } else if (it.type === "checkbox") {
          item = form.addCheckboxItem().setChoiceValues(it.choices);
        } else {
          item = form.addParagraphTextItem();
        }
        item.setTitle(it.title).setRequired(it.required);
      });
      return form.getEditUrl();
    }
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from artefacts.catalogue import PerLanguage
from artefacts.safe_text import md_text, plain_text, write_csv
from artefacts.survey import QuestionItem, Questionnaire

CSV_COLUMNS = ["id", "block", "type", "question", "options", "required"]
FORM_SCHEMA = "samen-form/1"
FORM_TYPES = {"likert": "scale", "single": "radio", "multiple": "checkbox", "open": "paragraph"}
OPTION_SEPARATOR = " | "

HINTS: PerLanguage[Mapping[str, str]] = PerLanguage("questionnaire_export.hints")


def to_markdown(q: Questionnaire) -> str:
    """The questionnaire to print or paste: title, introduction, numbered questions with options."""
    hints = HINTS.get(q.meta.language, HINTS["en"])
    lines = [f"# {md_text(q.title)}", "", md_text(q.intro), "", f"_* = {hints['required']}_", ""]
    for number, item in enumerate(q.items, start=1):
        star = " *" if item.required else ""
        lines += [f"**{number}. {md_text(item.text)}**{star}", "", f"_({hints[item.kind]})_", ""]
        lines += _markdown_answers(item)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _markdown_answers(item: QuestionItem) -> list[str]:
    if item.kind == "likert":
        return ["   ".join(f"( ) {i} {md_text(label)}" for i, label in enumerate(item.options, start=1))]
    if item.kind == "single":
        return [f"- ( ) {md_text(option)}" for option in item.options]
    if item.kind == "multiple":
        return [f"- [ ] {md_text(option)}" for option in item.options]
    return ["> …", ">", "> …"]


def to_csv(q: Questionnaire) -> str:
    """One row per item: id, block, type, question, options (joined by " | "), required."""
    rows = [
        [
            item.id,
            item.block,
            item.kind,
            plain_text(item.text),
            plain_text(OPTION_SEPARATOR.join(item.options)),
            "true" if item.required else "false",
        ]
        for item in q.items
    ]
    return write_csv(CSV_COLUMNS, rows)


def form_spec(q: Questionnaire) -> dict[str, Any]:
    """The form-builder schema as a dict (see the module docstring)."""
    return {
        "schema": FORM_SCHEMA,
        "language": q.meta.language,
        "title": plain_text(q.title),
        "description": plain_text(q.intro),
        "items": [_form_item(item) for item in q.items],
    }


def to_form_json(q: Questionnaire) -> str:
    """The form-builder schema as JSON text (UTF-8, indented)."""
    return json.dumps(form_spec(q), ensure_ascii=False, indent=2) + "\n"


def _form_item(item: QuestionItem) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "id": item.id,
        "type": FORM_TYPES[item.kind],
        "title": plain_text(item.text),
        "required": item.required,
    }
    if item.kind == "likert":
        labels = [plain_text(label) for label in item.options]
        spec["scale"] = {
            "low": 1,
            "high": len(labels) or 5,
            "lowLabel": labels[0] if labels else "",
            "highLabel": labels[-1] if labels else "",
            "labels": labels,
        }
    elif item.kind in ("single", "multiple"):
        spec["choices"] = [plain_text(option) for option in item.options]
    return spec
