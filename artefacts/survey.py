"""Phase 2b artefacts: the questionnaire, the survey results and the go/no-go advice; the gate decision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar, Literal

from pydantic import Field

from artefacts.audit import Decision
from artefacts.base import Artefact, Strict

Block = Literal["recognition", "relevance", "motivation", "role", "channels", "background", "open"]
ItemKind = Literal["likert", "single", "multiple", "open"]
Verdict = Literal["met", "not-met", "uncertain", "missing"]
MappingSource = Literal["wording", "meaning", "file"]


class QuestionItem(Strict):
    id: str = Field(pattern=r"^Q\d{2}$", description="Q01, Q02… in the order respondents see the items.")
    block: Block = Field(description="Which test question the item serves; items come block by block.")
    kind: ItemKind = Field(
        description="likert: a statement on the 5-point scale; single: one option; multiple: several; open: text."
    )
    text: str = Field(
        min_length=1, max_length=400, description="The question or statement as respondents see it."
    )
    options: list[str] = Field(
        default_factory=list, description="Answer options (Likert labels for likert items)."
    )
    required: bool = True
    need_ids: list[str] = Field(
        default_factory=list, description="Ids of the needs (from the needs map) it tests."
    )
    theme: str | None = Field(
        default=None,
        description="What the item is about: a concept theme, or a fixed code the analysis looks for "
        "('role-ladder': the role item, options from passive to pulling, the last one counts as willing to "
        "pull the cart and the last two as an active role; 'segment': the segment question).",
    )


class SamplingPlan(Strict):
    segments: list[str] = Field(
        description="Segments to send the questionnaire to (the people the persona describes)."
    )
    population: int | None = Field(default=None, ge=1, description="Size of the population, when known.")
    margin_of_error: float = Field(default=0.1, gt=0, lt=0.5)
    confidence: float = Field(default=0.9, gt=0.5, lt=1)
    required_responses: int = Field(ge=1, description="Answers the decision needs for the stated margin.")
    rationale: str = ""


class Questionnaire(Artefact):
    artefact_name: ClassVar[str] = "questionnaire"
    phase: ClassVar[str] = "test"

    concept_id: str
    title: str
    intro: str
    likert_labels: list[str] = Field(min_length=5, max_length=5)
    items: list[QuestionItem] = Field(min_length=1)
    sampling: SamplingPlan


class ColumnMapping(Strict):
    column: str
    item_id: str | None = Field(description="The item this column answers; None when unmapped.")
    score: float = Field(ge=0, le=1, description="How closely the header matched the item text.")
    block: str | None = Field(
        default=None,
        description="The questionnaire block the column serves, or 'ignore'; None when unmapped.",
    )
    stats_id: str | None = Field(
        default=None,
        description="Under which id its answers are counted in SurveyResults.items: the item id, or C07 "
        "(its column number) for a column that serves a block but no single item.",
    )
    confidence: float = Field(default=0, ge=0, le=1, description="How sure the mapping is, 0..1.")
    source: MappingSource = Field(
        default="wording",
        description="wording: the header matches an item's text; meaning: proposed from the header's meaning "
        "and the answers' shape; file: as surveys/mapping.yaml says.",
    )
    reason: str = Field(default="", description="Why, in the project's language.")


class ItemStats(Strict):
    item_id: str
    n: int = Field(ge=0)
    blanks: int = Field(ge=0)
    distribution: dict[str, int] = Field(default_factory=dict, description="Answer label → count.")
    mean: float | None = None
    top2_share: float | None = Field(
        default=None, description="Share agreeing (4 or 5 on the 5-point scale)."
    )
    ci_low: float | None = None
    ci_high: float | None = None


class SegmentStats(Strict):
    segment: str
    n: int
    items: list[ItemStats]


class TextCluster(Strict):
    label: str
    size: int
    keywords: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)


class Chart(Strict):
    id: str
    title: str
    path: str = Field(description="PNG file relative to the artefact folder.")


class SurveyResults(Artefact):
    artefact_name: ClassVar[str] = "survey-results"
    phase: ClassVar[str] = "test"

    questionnaire_version: int
    sources: list[str]
    respondents: int = Field(ge=0)
    mapping: list[ColumnMapping]
    unmapped_columns: list[str] = Field(default_factory=list)
    items: list[ItemStats]
    segments: list[SegmentStats] = Field(default_factory=list)
    role_willingness: dict[str, int] = Field(default_factory=dict, description="Role option → respondents.")
    willing_to_pull: int = Field(default=0, ge=0, description="Respondents willing to take an active role.")
    open_answers: dict[str, list[TextCluster]] = Field(
        default_factory=dict, description="Item id → clusters."
    )
    charts: list[Chart] = Field(default_factory=list)
    duplicates_dropped: int = Field(
        default=0, ge=0, description="Answer rows left out because the same person was in another export."
    )
    unplaced_roles: dict[str, int] = Field(
        default_factory=dict, description="Role answers that could not be placed on the role ladder → count."
    )


class Criterion(Strict):
    name: str
    description: str
    threshold: float
    observed: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    verdict: Verdict
    explanation: str
    columns: list[str] = Field(
        default_factory=list, description="The survey columns whose answers this criterion is judged on."
    )


class GoNoGoAdvice(Artefact):
    artefact_name: ClassVar[str] = "go-no-go-advice"
    phase: ClassVar[str] = "test"

    concept_id: str
    criteria: list[Criterion]
    caveats: list[str] = Field(default_factory=list)
    recommendation: Decision | Literal["incomplete"] = Field(
        description="incomplete: the evidence for a criterion is missing, so the advice cannot be given yet."
    )
    reasoning: str


class GateDecision(Strict):
    """The person's decision at the go/no-go gate. Also the form a reviewer fills in, in Prefect's UI."""

    decision: Decision = Field(
        description="go: build the core group; no-go: stop and record what was learned; "
        "revise: send the concept back with your note."
    )
    reviewer: str = Field(min_length=1, max_length=120, description="Your name.")
    reason: str = Field(min_length=3, max_length=2000, description="Why — this goes into the audit log.")
    concept_id: str = Field(description="The concept the decision applies to, e.g. C1.")
    decided_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class GateBasis(Strict):
    """What a gate decision is based on: the concept and the versions of the evidence."""

    concept_id: str
    concept_version: int
    questionnaire_version: int | None = None
    survey_results_version: int | None = None
    advice_version: int | None = None

    def versions(self) -> dict[str, int]:
        pairs = {
            "concept-hypotheses": self.concept_version,
            "questionnaire": self.questionnaire_version,
            "survey-results": self.survey_results_version,
            "go-no-go-advice": self.advice_version,
        }
        return {name: version for name, version in pairs.items() if version is not None}
