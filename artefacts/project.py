"""The project file, ``samen.yaml``, as a typed model.

Everything a phase needs to know about the organisation and how to run lives here. Keys for model
providers never do: they come from the environment only.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from artefacts.base import Strict

Language = Literal["nl", "en"]
ProviderName = Literal["offline", "openai", "openai-compatible", "azure"]
EmbedderName = Literal["e5", "wordllama", "openai", "sentence-transformers", "hashing"]


class Organisation(Strict):
    name: str = Field(min_length=1, max_length=200, description="Name of the organisation.")
    description: str = Field(default="", max_length=4000, description="What it does, in a few lines.")
    intentions: list[str] = Field(
        default_factory=list,
        description="What the organisation intends with a community: goals and plans, one per item. "
        "Target groups are scored by how well they fit these.",
    )
    target_segments: list[str] = Field(
        default_factory=list,
        description="Segments the organisation has in mind (values of the segment field), if any.",
    )


class InterviewSettings(Strict):
    folder: str = "interviews"
    interviewer_labels: list[str] = Field(
        default_factory=lambda: ["interviewer", "int", "i", "vraag", "q", "interviewster", "moderator"],
        description="Speaker labels (case-insensitive) that mark the interviewer's turns.",
    )
    interviewers: list[str] = Field(
        default_factory=list, description="Names of the people who did the interviews."
    )
    unlabelled: Literal["interviewee", "alternate"] = Field(
        default="interviewee",
        description="Files without speaker labels: all text is the interviewee's, or turns alternate "
        "starting with the interviewer.",
    )
    segment_field: str = Field(
        default="segment",
        description="Metadata field (front matter or participants.csv) that names the segment.",
    )


class GuideItem(Strict):
    topic: str = Field(min_length=1, max_length=200)
    questions: list[str] = Field(default_factory=list)


class CodebookEntry(Strict):
    """A need the project expects, with the words people use for it (deductive codes next to the library)."""

    id: str = Field(
        min_length=1,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="A new need's slug, or a library need's id (coordination, backup, …) to add cues to it.",
    )
    title: str = Field(default="", max_length=120, description="The need's title in the project's language.")
    cues: list[str] = Field(
        min_length=1,
        description="Words, stems or short phrases (lower case): 'indicatie', 'eigen bijdrage', 'wmo='.",
    )


class Privacy(Strict):
    names: list[str] = Field(
        default_factory=list,
        description="Extra names (people, colleagues, places of work) to pseudonymise wherever they appear.",
    )
    keep: list[str] = Field(
        default_factory=list,
        description="Words that look like names but must stay (e.g. the organisation's name).",
    )


class ProviderSettings(Strict):
    name: ProviderName = "offline"
    model: str | None = None
    base_url: str | None = Field(
        default=None, description="For openai-compatible servers and Azure endpoints."
    )
    api_version: str | None = Field(default=None, description="Azure OpenAI API version.")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    max_retries: int = Field(default=3, ge=0, le=10)
    budget_seconds: float = Field(
        default=900.0,
        ge=10,
        le=86400,
        description="Model time one phase may spend in all; once spent, the rest of the phase is drafted "
        "without the model, and the artefacts say so.",
    )


class EmbeddingSettings(Strict):
    name: EmbedderName = "e5"
    model: str | None = Field(default=None, description="Model name for openai or sentence-transformers.")
    base_url: str | None = Field(
        default=None,
        description="For openai: an OpenAI-compatible server for embeddings. Unset: the chat model's server "
        "(provider.base_url or SAMEN_BASE_URL), else OpenAI.",
    )
    batch_size: int = Field(default=64, ge=1, le=2048)


class Thresholds(Strict):
    """Go/no-go thresholds for phase 2b; each one unset keeps its documented default.

    Shares are of respondents (0-1); counts are respondents. An unknown key (a typo such as
    ``recogniton``) is an error, never silently ignored.
    """

    recognition: float | None = Field(default=None, ge=0, le=1, description="Share who recognise the needs.")
    relevance: float | None = Field(
        default=None, ge=0, le=1, description="Share who find the concept relevant."
    )
    motivation: float | None = Field(default=None, ge=0, le=1, description="Share intrinsically motivated.")
    role_willingness: float | None = Field(
        default=None, ge=0, le=1, description="Share willing to contribute or organise."
    )
    min_pullers: int | None = Field(default=None, ge=0, description="Respondents willing to pull the cart.")
    min_responses: int | None = Field(
        default=None, ge=1, description="Responses needed (default: the questionnaire's sampling plan)."
    )

    def overrides(self) -> dict[str, float]:
        """The thresholds set in samen.yaml, by name."""
        return {name: float(value) for name, value in self.model_dump(exclude_none=True).items()}


class StakeholderGroup(Strict):
    """A group of colleagues whose support the community needs (phase 3b)."""

    name: str = Field(min_length=1, max_length=120, description="The group, e.g. 'Klantenservice'.")
    work: str = Field(default="", max_length=1000, description="What they do, in a line or two.")
    concerns: list[str] = Field(
        default_factory=list, description="What they are likely to worry about or ask."
    )


class Means(Strict):
    """What the organisation can spend and use, and what it must not (phase 4)."""

    budget_per_year: float | None = Field(
        default=None, ge=0, description="Money per year for platforms and meetings; unset: unknown."
    )
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    hours_per_week: float | None = Field(
        default=None, ge=0, le=200, description="Community manager's hours per week for the community."
    )
    uses_already: list[str] = Field(
        default_factory=list, description="Channels and tools the organisation already uses."
    )
    constraints: list[str] = Field(
        default_factory=list,
        description="Limits: privacy rules, platforms that are not allowed, times that do not work.",
    )


class HolidaySettings(Strict):
    """Public holidays the content calendar keeps free (phase 5), from the country in samen.yaml."""

    subdivision: str | None = Field(
        default=None, max_length=10, description="Province or state for regional holidays (holidays library)."
    )
    closed: list[dt.date] = Field(
        default_factory=list, description="Extra days without activity (the organisation's closing days)."
    )


class Project(Strict):
    """The content of ``samen.yaml``."""

    schema_version: int = 1
    organisation: Organisation
    language: Language = "nl"
    country: str = Field(default="NL", min_length=2, max_length=2, description="ISO 3166 country code.")
    interviews: InterviewSettings = Field(default_factory=InterviewSettings)
    guide: list[GuideItem] = Field(
        default_factory=list, description="The interview guide's topics and questions."
    )
    codebook: list[CodebookEntry] = Field(
        default_factory=list,
        description="Needs you expect in this domain and the words for them; they join the library of typical needs.",
    )
    privacy: Privacy = Field(default_factory=Privacy)
    provider: ProviderSettings = Field(default_factory=ProviderSettings)
    embeddings: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    trial_weeks: int = Field(default=12, ge=1, le=104)
    trial_start: dt.date | None = Field(
        default=None, description="First day of the trial run; unset: the Monday after the go decision."
    )
    channels: list[str] = Field(default_factory=list, description="Channels and meeting forms on offer.")
    stakeholders: list[StakeholderGroup] = Field(
        default_factory=list, description="Groups of colleagues to get on board (phase 3b)."
    )
    means: Means = Field(default_factory=Means)
    holidays: HolidaySettings = Field(default_factory=HolidaySettings)
    community_manager: str = Field(
        default="", max_length=120, description="Who manages the community (a name or a role)."
    )
    thresholds: Thresholds = Field(default_factory=Thresholds, description="Go/no-go thresholds (phase 2b).")

    @model_validator(mode="after")
    def _embeddings_where_the_chat_model_is(self) -> Project:
        """OpenAI embeddings go to the chat model's own server when one is set and they name none: a
        project that points its model at a local server never sends its notes to the public endpoint."""
        embeddings, provider = self.embeddings, self.provider
        local_chat = provider.name == "openai-compatible" and bool(provider.base_url)
        if embeddings.name == "openai" and embeddings.base_url is None and local_chat:
            self.embeddings = embeddings.model_copy(update={"base_url": provider.base_url})
        return self
