"""What the launch plan is drafted from, read once from the phase inputs: the chosen concept, the
persona, the charter, the core group, the channel mix, the trial's plan and calendar, the stakeholder
brief's route, the survey the go rested on, and the methodology passages of phase 6.

Each rule module reads this context, never the raw inputs, so what a rule rests on is visible in one
place. Where an input is missing or silent the context says what it assumes (``assume``): the text goes
into the plan's ``assumptions`` and, when a reviewer must act, into ``meta.warnings``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from agents.shared.phase_inputs import PhaseInputs
from artefacts.catalogue import PerLanguage
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona
from artefacts.core_group import CharterDraft, CoreGroup, Ritual, StakeholderBrief
from artefacts.plan import ContentCalendar, PlanOfApproach
from artefacts.strategy import ChannelOption, ChannelPlan
from artefacts.survey import GoNoGoAdvice, SurveyResults
from knowledge.guidance import methodology_passages

WORDS: PerLanguage[Mapping[str, Any]] = PerLanguage("launch_plan")
# the sections of knowledge/methodology/<lang>/6-launch.md, in the file's order
GUIDE_SECTIONS = ("aim", "onboarding", "rhythm", "metrics", "bridge", "pitfalls", "plan")


def guide_ids(language: str) -> dict[str, str]:
    """Section name → id of the phase-6 methodology passage in ``language`` (English when none)."""
    for lang in (language, "en"):
        passages = [p for p in methodology_passages() if p.phase == "launch" and p.language == lang]
        if len(passages) == len(GUIDE_SECTIONS):
            return {name: p.id for name, p in zip(GUIDE_SECTIONS, passages, strict=True)}
    return {}


@dataclass
class LaunchContext:
    inputs: PhaseInputs
    assumptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.inputs.language

    @cached_property
    def words(self) -> Mapping[str, Any]:
        return WORDS.get(self.language, WORDS["en"])

    def say(self, key: str, **values: object) -> str:
        return str(self.words[key]).format(**values)

    def weekday(self, day: int) -> str:
        return str(self.words["weekdays"][day])

    def assume(self, key: str, *, warn: bool = False, **values: object) -> str:
        """Record an assumption (and, with ``warn``, a warning for the reviewer); return its text."""
        said = self.say(key, **values)
        self.assumptions.append(said)
        if warn:
            self.warnings.append(said)
        return said

    @cached_property
    def guide(self) -> dict[str, str]:
        return guide_ids(self.language)

    def guidance(self, *sections: str) -> list[str]:
        return [self.guide[s] for s in sections if s in self.guide]

    # -- the artefacts it rests on -------------------------------------------------------------
    @cached_property
    def concept(self) -> ConceptHypothesis | None:
        concepts = self.inputs.find(ConceptHypotheses)
        if concepts is None:
            return None
        return next((c for c in concepts.concepts if c.id == self.inputs.concept_id), None)

    @property
    def persona(self) -> Persona | None:
        return self.inputs.find(Persona)

    @property
    def charter(self) -> CharterDraft | None:
        return self.inputs.find(CharterDraft)

    @property
    def core_group(self) -> CoreGroup | None:
        return self.inputs.find(CoreGroup)

    @property
    def channels(self) -> ChannelPlan | None:
        return self.inputs.find(ChannelPlan)

    @property
    def calendar(self) -> ContentCalendar | None:
        return self.inputs.find(ContentCalendar)

    @property
    def plan(self) -> PlanOfApproach | None:
        return self.inputs.find(PlanOfApproach)

    @property
    def brief(self) -> StakeholderBrief | None:
        return self.inputs.find(StakeholderBrief)

    @property
    def survey(self) -> SurveyResults | None:
        return self.inputs.find(SurveyResults)

    @property
    def advice(self) -> GoNoGoAdvice | None:
        return self.inputs.find(GoNoGoAdvice)

    # -- what several rules need -----------------------------------------------------------------
    @cached_property
    def community_name(self) -> str:
        if self.concept is not None:
            return self.concept.name
        return self.inputs.project.organisation.name

    @cached_property
    def manager(self) -> str:
        named = self.inputs.project.community_manager.strip()
        if named:
            return named
        self.assume("assumed_manager", warn=True)
        return self.say("manager")

    @cached_property
    def mix(self) -> list[ChannelOption]:
        """The chosen channels, main channel first (the ChannelPlan's ``mix`` order)."""
        plan = self.channels
        if plan is None:
            return []
        by_id = {option.id: option for option in plan.options}
        return [by_id[i] for i in plan.mix if i in by_id]

    @cached_property
    def main_channel(self) -> str:
        if self.mix:
            return self.mix[0].name
        if self.inputs.project.channels:
            self.assume("assumed_main_channel", warn=True, channel=self.inputs.project.channels[0])
            return self.inputs.project.channels[0]
        self.assume("assumed_no_channel", warn=True)
        return self.say("the_channel")

    def channel_name(self, option_id: str) -> str:
        plan = self.channels
        found = next((o for o in plan.options if o.id == option_id), None) if plan else None
        return found.name if found is not None else option_id

    @cached_property
    def meeting_channel(self) -> str | None:
        """The first physical format of the mix: where new members meet people in person."""
        return next((o.name for o in self.mix if o.kind == "physical"), None)

    @cached_property
    def first_ritual(self) -> Ritual | None:
        charter = self.charter
        if charter is None or not charter.rituals:
            return None
        recurring = [r for r in charter.rituals if r.cadence != "once"]
        return (recurring or charter.rituals)[0]

    def role_holder(self, *role_words: str) -> str:
        """The first candidate of a charter role whose id or name holds one of ``role_words``; else the
        manager."""
        roles = [role for role in (self.charter.roles if self.charter else []) if role.candidates]
        for word in role_words:  # the first word that names a role wins: the words are in priority order
            for role in roles:
                if word in f"{role.id} {role.name}".lower():
                    return f"{role.candidates[0]} ({role.name})"
        return self.manager

    @cached_property
    def core_size(self) -> int:
        group = self.core_group
        if group is None:
            self.assume("assumed_core_size", warn=True, size=5)
            return 5
        return max(len(group.candidates), 1)

    @property
    def core_target(self) -> int:
        group = self.core_group
        return group.target_size if group is not None else self.core_size
