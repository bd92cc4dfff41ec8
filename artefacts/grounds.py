"""What an element of a phase 3–6 draft rests on, so a reviewer can check it before approving.

Every house rule, channel score, calendar day and metric target says where it comes from: needs and
notes of the needs map, survey items, a persona trait, a setting in ``samen.yaml``, a methodology
passage. When nothing supports it, it says so (``assumed``) instead of passing for evidence.
"""

from __future__ import annotations

from pydantic import Field

from artefacts.base import Strict


class Grounds(Strict):
    need_ids: list[str] = Field(default_factory=list, description="Needs of the approved needs map.")
    note_ids: list[str] = Field(default_factory=list, description="Notes (statements) of the needs map.")
    survey_items: list[str] = Field(default_factory=list, description="Item ids of the survey results.")
    artefacts: list[str] = Field(
        default_factory=list, description="Other artefacts it follows from, e.g. 'persona', 'champions'."
    )
    settings: list[str] = Field(
        default_factory=list, description="samen.yaml keys it follows from, e.g. 'means.budget_per_year'."
    )
    guidance: list[str] = Field(
        default_factory=list, description="Ids of the methodology passages it follows."
    )
    assumed: bool = Field(
        default=False, description="Nothing above supports it: an assumption, shown as one to the reviewer."
    )

    @property
    def empty(self) -> bool:
        return not any(
            (self.need_ids, self.note_ids, self.survey_items, self.artefacts, self.settings, self.guidance)
        )
