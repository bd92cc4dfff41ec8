"""The sentences of the deterministic concepts, in the project language (Dutch or English)."""

from __future__ import annotations

from collections.abc import Mapping

from agents.concept.concept_revision import Revision
from agents.concept.concept_scoring import CommunityType, TypeScore
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Need, NeedsMap, TargetGroup
from artefacts.project import Project

DEFAULT_THRESHOLDS = {"recognition": 0.6, "relevance": 0.6, "role_willingness": 0.15}
MIN_ROLE_PEOPLE = 5

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("concepts.words")


def join(items: list[str], language: str) -> str:
    word = WORDS.get(language, WORDS["en"])["and"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} {items[-1]}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


def _number(value: float, language: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if language == "nl" else text


class ConceptText:
    """Composes each concept's sentences from its type, needs and groups."""

    def __init__(self, language: str, project: Project, needs_map: NeedsMap) -> None:
        self.language = language
        self.words = WORDS.get(language, WORDS["en"])
        self.org = project.organisation.name
        limits = {**DEFAULT_THRESHOLDS, **project.thresholds.overrides()}
        self.rec, self.rel, self.role = (
            f"{limits[k]:.0%}" for k in ("recognition", "relevance", "role_willingness")
        )
        self.total = len(needs_map.interviewees) or max((n.voices for n in needs_map.needs), default=0)
        self.titles = {n.id: n.title for n in needs_map.needs}

    def _groups(self, groups: list[TargetGroup]) -> str:
        if not groups:
            return self.words["members"]
        return self.words["group" if len(groups) == 1 else "groups"].format(
            join([g.name for g in groups], self.language)
        )

    def _titles(self, needs: list[Need], most: int = 3) -> str:
        """The needs by name, quoted so a title never runs into the sentence around it."""
        return join([quoted(n.title) for n in needs[:most]], self.language)

    def name(self, kind: CommunityType, lead: Need) -> str:
        return f"{kind.name}: {lead.title}"[:90]

    def purpose(self, kind: CommunityType, needs: list[Need], groups: list[TargetGroup]) -> str:
        text = self.words["purpose"].format(
            description=kind.description, groups=self._groups(groups), titles=self._titles(needs)
        )
        return text[:600]

    def hypothesis(self, kind: CommunityType, needs: list[Need], groups: list[TargetGroup]) -> str:
        text = self.words["hypothesis"].format(
            org=self.org, type=kind.name.lower(), groups=self._groups(groups), titles=self._titles(needs),
            rec=self.rec, rel=self.rel, role=self.role, voiced=self._voiced(needs),
        )  # fmt: skip
        return text[:800]

    def _voiced(self, needs: list[Need]) -> str:
        total = max([self.total, *(n.voices for n in needs)])
        rest = [self.words["voiced_item"].format(title=quoted(n.title), n=n.voices) for n in needs[1:]]
        tail = (", " + join(rest, self.language)) if rest else ""
        first = quoted(needs[0].title)
        return self.words["voiced"].format(first=first, n=needs[0].voices, total=total, rest=tail)

    def fails_if(self, kind: CommunityType, needs: list[Need], groups: list[TargetGroup]) -> list[str]:
        w = self.words
        lead = needs[0]
        out = [
            w["fail_recognition"].format(
                rec=self.rec, groups=self._groups(groups), titles=self._titles(needs, most=len(needs))
            ),
            w["fail_relevance"].format(rel=self.rel, type=kind.name.lower(), title=quoted(lead.title)),
            w["fail_role"].format(role=self.role, people=MIN_ROLE_PEOPLE),
        ]
        out += [w["fail_need"].format(title=quoted(n.title)) for n in needs[:2]]
        return out[:5]

    def _likeness(self, need_id: str, library_title: str) -> str:
        own = self.titles.get(need_id, need_id)
        return quoted(own) if own.lower() == library_title.lower() else f"{quoted(own)} ≈ ‘{library_title}’"

    def rationale(
        self,
        number: int,
        scored: TypeScore,
        need_ids: list[str],
        groups: list[TargetGroup],
        revision: Revision,
    ) -> str:
        w = self.words
        if not scored.contributions:
            names = [quoted(self.titles.get(i, i)) for i in need_ids]
            text = w["rationale_none"].format(titles=join(names, self.language))
        else:
            lead = [
                f"{self._likeness(c.need_id, c.library_title)} ({w['primary' if c.primary else 'secondary']}, "
                f"{_number(c.value, self.language)})"
                for c in scored.contributions
                if c.need_id in need_ids
            ]
            text = w["rationale"].format(
                type=scored.type.name,
                score=_number(scored.score, self.language),
                later=w["rationale_later"] if number > 1 else "",
                lead="; ".join(lead),
            )
        if groups:
            shares = [f"{g.name} ({_number(group_score(need_ids, g), self.language)})" for g in groups]
            text += w["rationale_groups"].format(groups=", ".join(shares))
        if scored.type.id in revision.favour_types:
            text += w["rationale_favoured"]
        return text if len(text) <= 800 else text[:799] + "…"


def quoted(title: str) -> str:
    return f"‘{_lower_first(title)}’"


def group_score(need_ids: list[str], group: TargetGroup) -> float:
    """Sum of the group's shares voicing the concept's needs, × (0.5 + 0.5 × the group's fit with the plans)."""
    overlap = sum(s.share for s in group.top_needs if s.need_id in need_ids)
    return round(overlap * (0.5 + 0.5 * group.fit), 3)
