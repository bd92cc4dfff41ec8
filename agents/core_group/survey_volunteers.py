"""The survey respondents who offered an active role, read back from the answers the ``go`` rested on.

``SurveyResults`` holds aggregates only. To name candidates, the answer files under the project's
``surveys/`` are read again with the same reader (names and e-mail columns are dropped on reading) and the
role column is found through the results' column mapping. A respondent is ``R`` + the number of their answer
row as read (files in name order, a person exported twice counted once: ``R007``), never a name. A
column that holds contact details (one the reader kept, such as "Mail me at", or an e-mail or phone column
it dropped and of which it kept only whether a row left anything) only tells whether a respondent left
contact details: the details themselves are never copied. Without such a column Samen cannot see whether
they did, and says so.

A respondent offered an active role when their answer sits on one of the two highest steps of the
questionnaire's role ladder (contribute actively, help organise); the highest step is pulling the cart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from artefacts.survey import ColumnMapping, QuestionItem, Questionnaire, SurveyResults
from knowledge.survey_answers import answer_key, match_option
from knowledge.survey_roles import CONTRIBUTE, LADDER_STEPS, rule_step
from knowledge.surveys import read_surveys

CONTACT_WORDS = ("mail", "contact", "telefoon", "phone", "bereikbaar", "reach you", "bellen", "call me")
Contact = Literal["known", "none", "unseen"]  # left details; left none; no column Samen can see
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:\+|\b0)\d[\d\s-]{7,}\d")


@dataclass(frozen=True)
class Volunteer:
    """One respondent who offered an active role; ``offered`` is the ladder's wording of their step."""

    person: str
    offered: str
    pulls: bool  # the highest step: organise, lead
    segment: str = ""
    contact: Contact = "unseen"


@dataclass
class SurveyVolunteers:
    volunteers: list[Volunteer] = field(default_factory=list)
    role_item: str | None = None  # the item id the role answers were counted under
    unplaced: int = 0  # answers of the role column that no rule placed on the ladder
    problems: list[str] = field(default_factory=list)  # what could not be read, or has changed, and where
    sources_changed: bool = False  # the folder holds other files than those the results were made from


def read_volunteers(
    root: Path | None, results: SurveyResults | None, questionnaire: Questionnaire | None
) -> SurveyVolunteers:
    """The respondents of the survey files behind ``results`` who offered an active role."""
    found = SurveyVolunteers()
    if root is None or results is None or not results.sources:
        return found
    table = read_surveys(root / "surveys", root, results.meta.language)
    found.problems = [f"{p.source}:{p.line or '-'}: {p.message}" for p in table.problems]
    found.sources_changed = sorted(table.sources) != sorted(results.sources)
    role = _item(questionnaire, "role-ladder", "role")
    role_column = _column(results.mapping, role, "role")
    if role_column is None:
        return found
    found.role_item = role.id if role else role_column.stats_id
    segment_item = _item(questionnaire, "segment", "background")
    segment_column = _column(results.mapping, segment_item, None)
    contact_columns = [c for c in table.columns if _holds_contact(c, [r.get(c, "") for r in table.rows])]
    dropped = bool(table.contact_columns) and len(table.contact_left) == len(table.rows)
    ladder = role.options if role else []
    keys = [answer_key(option) for option in ladder]
    for number, row in enumerate(table.rows, start=1):
        step = _step(row.get(role_column.column, ""), keys)
        if step is None:
            found.unplaced += bool(row.get(role_column.column, "").strip())
            continue
        if step < CONTRIBUTE:
            continue
        answer = row.get(segment_column.column, "").strip() if segment_column else ""
        # only one of the questionnaire's own options: an "other: …" answer may name people or places
        segment = (match_option(answer, segment_item.options) or "") if segment_item and answer else ""
        found.volunteers.append(
            Volunteer(
                person=f"R{number:03d}",
                offered=_wording(step, ladder),
                pulls=step == LADDER_STEPS - 1,
                segment=segment,
                contact=_contact(row, contact_columns, table.contact_left[number - 1] if dropped else None),
            )
        )
    return found


def _item(questionnaire: Questionnaire | None, theme: str, block: str) -> QuestionItem | None:
    if questionnaire is None:
        return None
    items = [i for i in questionnaire.items if i.kind == "single"]
    return next((i for i in items if i.theme == theme), None) or next(
        (i for i in items if i.block == block), None
    )


def _column(
    mapping: list[ColumnMapping], item: QuestionItem | None, block: str | None
) -> ColumnMapping | None:
    if item is not None:
        hit = next((m for m in mapping if m.item_id == item.id), None)
        if hit is not None:
            return hit
    return next((m for m in mapping if block and m.block == block), None)


def _step(answer: str, keys: list[str]) -> int | None:
    """The answer's step on Samen's five-step ladder: the ladder's own option (``keys``: the options'
    answer keys), else the role words."""
    if not answer.strip():
        return None
    key = answer_key(answer)
    if key in keys and len(keys) >= 2:
        return round(keys.index(key) * (LADDER_STEPS - 1) / (len(keys) - 1))
    return rule_step(answer)


def _wording(step: int, ladder: list[str]) -> str:
    """The ladder's option for ``step``: the questionnaire's words, never the respondent's own text."""
    if len(ladder) >= 2:
        return ladder[round(step * (len(ladder) - 1) / (LADDER_STEPS - 1))]
    return ""


def _contact(row: dict[str, str], columns: list[str], left_in_dropped: bool | None) -> Contact:
    """Known or none from the contact columns kept, and from those the reader dropped (it says only
    whether the row left any); unseen when the survey has neither."""
    if not columns and left_in_dropped is None:
        return "unseen"
    return "known" if left_in_dropped or any(row.get(c, "").strip() for c in columns) else "none"


def _holds_contact(column: str, answers: list[str]) -> bool:
    header = answer_key(column)
    if any(word in header for word in CONTACT_WORDS):
        return True
    given = [a for a in answers if a.strip()]
    return bool(given) and sum(1 for a in given if _ADDRESS.search(a)) >= max(1, len(given) // 2)
