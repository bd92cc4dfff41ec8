"""The model path's second step: the model groups the need phrases that coding wrote into needs.

Coding (:mod:`agents.initiative.needs_coding`) writes one short phrase per statement; people who speak of the same
need get differently worded phrases ("vervanging bij uitval", "iemand die invalt als ik ziek ben").
Whether two phrases name the same need is a question of meaning that the bundled embedder answers
poorly: e5 rates paraphrases of one need (0.88–0.92) about as alike as phrases of two needs (up to
0.92). So the model that wrote the phrases also groups them, as ClusterLLM and TopicGPT do. Every
phrase must land in exactly one group, cited by id; a failed check is sent back once, and when the
grouping does not hold, the caller falls back to merging by embeddings.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, Field

from agents.shared.call_records import CallCache, CallLog
from agents.shared.grounding import unknown_ids
from agents.shared.model_step import ModelStep
from artefacts.base import Strict

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

MAX_PHRASES = 400  # more distinct phrases than this are merged by embeddings (one call must hold them)


class PhraseToMerge(Strict):
    id: str = Field(description="Short id of the phrase, p1, p2, …")
    phrase: str
    count: int = Field(ge=1, description="How many statements were coded with it.")


class NeedsMergingInput(Strict):
    """The variables of ``prompts/needs_merging/v1.md``."""

    language: str = Field(description="Language to write the group names in.")
    phrases: list[PhraseToMerge]


class PhraseGroup(Strict):
    name: str = Field(min_length=1, max_length=80, description="The group's need in 2-6 words.")
    phrase_ids: list[str] = Field(min_length=1, description="Ids of the phrases in this group.")


class NeedsMergingAnswer(Strict):
    groups: list[PhraseGroup] = Field(description="Every phrase in exactly one group.")
    cannot_answer: str | None = Field(
        default=None, description="Only when the phrases give no basis to group anything: say why."
    )


def check_groups(answer: NeedsMergingAnswer, inputs: NeedsMergingInput) -> list[str]:
    """Known ids, and every phrase in exactly one group."""
    known = [p.id for p in inputs.phrases]
    cited = [pid for group in answer.groups for pid in group.phrase_ids]
    errors = unknown_ids(cited, known, what="phrase")
    times = Counter(cited)
    errors += [f"phrase {pid!r} is in {n} groups; put it in one" for pid, n in times.items() if n > 1]
    errors += [f"phrase {pid!r} is in no group; put every phrase in one" for pid in known if pid not in times]
    return errors


class NeedsMergingStep(ModelStep[NeedsMergingInput, NeedsMergingAnswer]):
    """Every phrase in one group, each group named; the caller turns the groups into needs."""

    prompt: ClassVar[str] = "needs_merging"
    input_model: ClassVar[type[BaseModel]] = NeedsMergingInput
    output_model: ClassVar[type[BaseModel]] = NeedsMergingAnswer

    def check(self, answer: NeedsMergingAnswer, inputs: NeedsMergingInput) -> list[str]:
        return check_groups(answer, inputs)


def merge_phrases(
    phrases: Counter[str],
    llm: BaseChatModel,
    language: str,
    *,
    cache: CallCache | None = None,
    log: CallLog | None = None,
) -> tuple[dict[str, int], dict[int, str]] | None:
    """Each phrase's group and each group's name, or None when the model's grouping does not hold."""
    if not phrases or len(phrases) > MAX_PHRASES:
        return None
    ordered = [phrase for phrase, _ in phrases.most_common()]
    ids = {f"p{i}": phrase for i, phrase in enumerate(ordered, start=1)}
    inputs = NeedsMergingInput(
        language=language,
        phrases=[PhraseToMerge(id=pid, phrase=phrase, count=phrases[phrase]) for pid, phrase in ids.items()],
    )
    answer = NeedsMergingStep().ask(inputs, llm, cache=cache, log=log)
    if answer.value is None or answer.value.cannot_answer or not answer.value.groups:
        return None
    group_of = {ids[pid]: k for k, group in enumerate(answer.value.groups) for pid in group.phrase_ids}
    names = {k: group.name.strip() for k, group in enumerate(answer.value.groups)}
    return group_of, names
