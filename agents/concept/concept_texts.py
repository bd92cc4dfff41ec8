"""The sentences of the deterministic concepts, in the project language (Dutch or English)."""

from __future__ import annotations

from agents.concept.concept_revision import Revision
from agents.concept.concept_scoring import CommunityType, TypeScore
from artefacts.initiative import Need, NeedsMap, TargetGroup
from artefacts.project import Project

DEFAULT_THRESHOLDS = {"recognition": 0.6, "relevance": 0.6, "role_willingness": 0.15}
MIN_ROLE_PEOPLE = 5

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "and": "en",
        "members": "de leden",
        "group": "de groep {}",
        "groups": "de groepen {}",
        "voiced": "behoefte {first} door {n} van de {total} geïnterviewden genoemd werd{rest}",
        "voiced_item": "{id} door {n}",
        "purpose": "{description} Voor {groups}: een plek om samen te werken aan {titles}.",
        "hypothesis": "Als {org} een {type} opzet voor {groups} rond {titles}, dan herkent minstens {rec} van hen "
        "zich erin, vindt minstens {rel} het relevant voor de eigen praktijk en wil minstens {role} er een "
        "rol in nemen, omdat {voiced}.",
        "fail_recognition": "Minder dan {rec} van de respondenten uit {groups} herkent zich in behoefte {ids}.",
        "fail_relevance": "Minder dan {rel} vindt een {type} rond {title} relevant voor de eigen praktijk.",
        "fail_role": "Minder dan {role} van de respondenten, of minder dan {people} mensen, wil een rol nemen "
        "(van meedenker tot trekker).",
        "fail_need": "Behoefte {id} ({title}) wordt door minder dan de helft van de respondenten belangrijk "
        "gevonden.",
        "rationale": "Regel: {type} scoort {score} (som over de behoeften van intensiteit × overeenkomst met de "
        "drijvende behoeften van dit type; primair ×1, secundair ×0,5){later}. Dragende behoeften: {lead}.",
        "rationale_later": "; behoeften die al een eerder concept dragen tellen half mee",
        "rationale_none": "Regel: geen behoefte past bij de drijvende behoeften van dit type; het is het "
        "volgende type in de lijst, als alternatief, en rust op de sterkste behoeften {ids}.",
        "rationale_groups": " Doelgroepen: waar deze behoeften het vaakst genoemd zijn, gewogen naar de aansluiting "
        "bij de plannen: {groups}.",
        "rationale_favoured": " Op verzoek van de beoordelaar gekozen.",
        "primary": "primair",
        "secondary": "secundair",
        "rule_note": "Zonder taalmodel opgesteld: de typen community zijn gescoord tegen de behoeftenkaart "
        "(zie ‘Waarom’ bij elk concept). Controleer vooral of de hypothesen te weerleggen zijn en de "
        "alternatieven echt verschillen.",
        "rev_applied": "Herzien na de opmerking “{note}”: {changes}.",
        "rev_nothing": "Opmerking van de beoordelaar: “{note}”. Ze noemt geen concept (C1…), behoefte (N…) of "
        "type community, dus de regels veranderen er niets door: pas de concepten zo nodig zelf aan.",
        "rev_drop_concepts": "{} van de vorige versie weggelaten",
        "rev_drop_types": "type(n) {} weggelaten",
        "rev_favour_types": "type(n) {} voorop gezet",
        "rev_drop_needs": "behoefte(n) {} niet meegenomen",
        "rev_favour_needs": "behoefte(n) {} dubbel gewogen en vooraan gezet",
    },
    "en": {
        "and": "and",
        "members": "members",
        "group": "the group {}",
        "groups": "the groups {}",
        "voiced": "need {first} was voiced by {n} of the {total} interviewees{rest}",
        "voiced_item": "{id} by {n}",
        "purpose": "{description} For {groups}: a place to work together on {titles}.",
        "hypothesis": "If {org} sets up a {type} for {groups} around {titles}, then at least {rec} of them "
        "recognise themselves in it, at least {rel} find it relevant to their own practice and at least "
        "{role} want to take a role in it, because {voiced}.",
        "fail_recognition": "Fewer than {rec} of the respondents from {groups} recognise themselves in need {ids}.",
        "fail_relevance": "Fewer than {rel} find a {type} around {title} relevant to their own practice.",
        "fail_role": "Fewer than {role} of respondents, or fewer than {people} people, want to take a role "
        "(from sounding board to organiser).",
        "fail_need": "Fewer than half of the respondents rate need {id} ({title}) as important.",
        "rationale": "Rule: {type} scores {score} (sum over the needs of intensity × match with this type's "
        "driving needs; primary ×1, secondary ×0.5){later}. Needs it rests on: {lead}.",
        "rationale_later": "; needs that already carry an earlier concept count half",
        "rationale_none": "Rule: no need matches this type's driving needs; it is the next type in the list, "
        "as an alternative, resting on the strongest needs {ids}.",
        "rationale_groups": " Target groups: where these needs were voiced most, weighted by their fit with the "
        "plans: {groups}.",
        "rationale_favoured": " Chosen at the reviewer's request.",
        "primary": "primary",
        "secondary": "secondary",
        "rule_note": "Drafted without a language model: the community types were scored against the needs map "
        "(see 'Why' under each concept). Check above all that the hypotheses can be refuted and that the "
        "alternatives really differ.",
        "rev_applied": "Revised after the note “{note}”: {changes}.",
        "rev_nothing": "Reviewer's note: “{note}”. It names no concept (C1…), need (N…) or community type, so "
        "the rules change nothing: adjust the concepts yourself where needed.",
        "rev_drop_concepts": "{} of the previous version dropped",
        "rev_drop_types": "type(s) {} dropped",
        "rev_favour_types": "type(s) {} put first",
        "rev_drop_needs": "need(s) {} left out",
        "rev_favour_needs": "need(s) {} weighted double and put first",
    },
}


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

    def _groups(self, groups: list[TargetGroup]) -> str:
        if not groups:
            return self.words["members"]
        return self.words["group" if len(groups) == 1 else "groups"].format(
            join([g.name for g in groups], self.language)
        )

    def _titles(self, needs: list[Need]) -> str:
        return join([f"{_lower_first(n.title)} ({n.id})" for n in needs[:3]], self.language)

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
        rest = [self.words["voiced_item"].format(id=n.id, n=n.voices) for n in needs[1:]]
        tail = (", " + join(rest, self.language)) if rest else ""
        return self.words["voiced"].format(first=needs[0].id, n=needs[0].voices, total=total, rest=tail)

    def fails_if(self, kind: CommunityType, needs: list[Need], groups: list[TargetGroup]) -> list[str]:
        w = self.words
        lead = needs[0]
        out = [
            w["fail_recognition"].format(
                rec=self.rec, groups=self._groups(groups), ids=join([n.id for n in needs], self.language)
            ),
            w["fail_relevance"].format(rel=self.rel, type=kind.name.lower(), title=_lower_first(lead.title)),
            w["fail_role"].format(role=self.role, people=MIN_ROLE_PEOPLE),
        ]
        out += [w["fail_need"].format(id=n.id, title=_lower_first(n.title)) for n in needs[:2]]
        return out[:5]

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
            text = w["rationale_none"].format(ids=join(need_ids, self.language))
        else:
            lead = [
                f"{c.need_id} ≈ ‘{c.library_title}’ ({w['primary' if c.primary else 'secondary']}, "
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


def group_score(need_ids: list[str], group: TargetGroup) -> float:
    """Sum of the group's shares voicing the concept's needs, × (0.5 + 0.5 × the group's fit with the plans)."""
    overlap = sum(s.share for s in group.top_needs if s.need_id in need_ids)
    return round(overlap * (0.5 + 0.5 * group.fit), 3)
