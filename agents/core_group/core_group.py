"""The core group: candidate ambassadors from the champions and the survey, each with the reason, and the gaps.

Rules, in order:

- Candidates are the champions of phase 1 flagged as candidates (their quotes are the evidence), then
  the survey respondents who offered an active role (pseudonyms ``R007``; the ladder's words, never
  their own text). A champion who organises because it is their job is kept and marked as staff.
- The target size is the method's: five to twelve people, two per segment the concept is for.
- A segment is covered by a candidate interviewed in it (the target group's participants) or who named
  it in the survey. Gaps: segments without a candidate, charter roles without one, themes of the
  concept no candidate spoke about, too few people, and a group that is mostly staff.
"""

from __future__ import annotations

from agents.core_group.guidance_ids import guidance
from agents.core_group.roles import chosen_concept, planned_roles, roles_of_champion, roles_of_volunteer
from agents.core_group.selection import select
from agents.core_group.survey_volunteers import SurveyVolunteers, Volunteer, read_volunteers
from agents.core_group.texts import CORE, ROLES, listing, say, words
from agents.initiative.champions import PAID_ROLE
from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import ArtefactMeta
from artefacts.core_group import Candidate, CoreGroup, CoverageGap
from artefacts.grounds import Grounds
from artefacts.initiative import Champion, Champions, NeedsMap, TargetGroups
from artefacts.survey import Questionnaire, SurveyResults

MIN_SIZE, MAX_SIZE, PER_SEGMENT = 5, 12, 2
EVIDENCE = 3


def draft_core_group(inputs: PhaseInputs) -> CoreGroup:
    language = inputs.language
    roles = [role.id for role in planned_roles(inputs)]
    needs_map = inputs.find(NeedsMap)
    survey = read_volunteers(inputs.root, inputs.find(SurveyResults), inputs.find(Questionnaire))
    champions = inputs.find(Champions)
    groups = inputs.find(TargetGroups)
    group_of = {p: g.name for g in (groups.groups if groups else []) for p in g.participants}
    candidates = [
        _from_champion(c, roles, needs_map, language, group_of.get(c.participant, ""))
        for c in sorted(champions.champions if champions else [], key=lambda c: c.rank)
        if c.candidate
    ]
    candidates += [
        _from_volunteer(v, roles, survey.role_item, language)
        for v in sorted(survey.volunteers, key=lambda v: not v.pulls)
    ]
    # one person interviewed twice is a champion in each interview: a candidate once, at the better rank
    candidates = _first_of_each_person(candidates)
    segments = segments_to_cover(inputs)
    covered = {s: sum(1 for c in candidates if covers(c, s, inputs)) for s in segments}
    target = min(MAX_SIZE, max(MIN_SIZE, PER_SEGMENT * len(segments)))
    meta = ArtefactMeta(language=language)
    group = CoreGroup(
        meta=meta,
        concept_id=inputs.concept_id,
        candidates=candidates,
        target_size=target,
        size_rule=say(CORE, language, "size_rule", target=target, segments=len(segments)),
        size_grounds=Grounds(guidance=guidance(language, "core"), artefacts=["target-groups"]),
        segments_covered=covered,
    )
    group.proposed = select(candidates, segments, lambda c, s: covers(c, s, inputs), roles, target, MAX_SIZE)
    group.proposal_rule = say(CORE, language, "proposal_rule") if len(candidates) > target else ""
    group.gaps = gaps(group, roles, inputs)
    meta.warnings += _warnings(group, survey, inputs)
    meta.notes += _notes(group, survey, language)
    return group


def _first_of_each_person(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    kept = []
    for candidate in candidates:
        if candidate.person not in seen:
            seen.add(candidate.person)
            kept.append(candidate)
    return kept


def segments_to_cover(inputs: PhaseInputs) -> list[str]:
    """The concept's target groups; else the groups in the organisation's segments; else all groups."""
    concept = chosen_concept(inputs)
    if concept.target_groups:
        return list(dict.fromkeys(concept.target_groups))
    groups = inputs.find(TargetGroups)
    names = [g.name for g in groups.groups] if groups else []
    in_target = [g.name for g in groups.groups if g.in_target_segments] if groups else []
    return in_target or names or list(inputs.project.organisation.target_segments)


def covers(candidate: Candidate, segment: str, inputs: PhaseInputs) -> bool:
    groups = inputs.find(TargetGroups)
    for group in groups.groups if groups else []:
        if group.name == segment and candidate.person in group.participants:
            return True
    mine, theirs = candidate.segment.casefold().strip(), segment.casefold().strip()
    return bool(mine) and (mine == theirs or mine in theirs or theirs in mine)


def _from_champion(
    champion: Champion, roles: list[str], needs_map: NeedsMap | None, language: str, group: str
) -> Candidate:
    kinds: set[str] = {s.kind for s in champion.signals}
    titles = [n.title for n in needs_map.needs if n.id in champion.needs] if needs_map else []
    skills = [
        words(CORE, language)["skills"][kind] for kind in ("initiative", "offer", "energy") if kind in kinds
    ]
    if titles:
        skills.append(
            words(CORE, language)["skills"]["experience"].format(titles=listing(titles[:3], language))
        )
    staff = _staff(champion, needs_map, language)
    reason = say(CORE, language, "champion_reason", rank=champion.rank, reason=champion.reason.rstrip(". "))
    if staff:
        reason += " " + say(CORE, language, "staff_note")
    evidence = champion.evidence[:EVIDENCE]
    return Candidate(
        person=champion.participant,
        source="champion",
        segment=champion.segment or group,
        roles=roles_of_champion(kinds, roles),
        skills=skills,
        reason=reason,
        evidence=evidence,
        staff=staff,
        grounds=Grounds(
            artefacts=["champions"], need_ids=list(champion.needs), note_ids=[q.note_id for q in evidence]
        ),
    )


def _from_volunteer(volunteer: Volunteer, roles: list[str], item: str | None, language: str) -> Candidate:
    key = "volunteer_pulls" if volunteer.pulls else "volunteer_contributes"
    reason = say(CORE, language, key, offered=volunteer.offered or say(CORE, language, "active_role"))
    reason += " " + words(CORE, language)["contact"][volunteer.contact]
    return Candidate(
        person=volunteer.person,
        source="survey",
        segment=volunteer.segment,
        roles=roles_of_volunteer(volunteer.pulls, roles),
        skills=[words(CORE, language)["skills"]["pulls" if volunteer.pulls else "contributes"]],
        reason=reason,
        contact_known=volunteer.contact == "known",
        grounds=Grounds(artefacts=["survey-results"], survey_items=[item] if item else []),
    )


def _staff(champion: Champion, needs_map: NeedsMap | None, language: str) -> bool:
    pattern = PAID_ROLE.get(language, PAID_ROLE["en"])
    texts = [q.text for q in champion.evidence]
    if needs_map is not None:
        texts += [n.text for n in needs_map.notes if n.speaker == champion.participant]
    return any(pattern.search(text.replace("’", "'")) for text in texts)


def gaps(group: CoreGroup, roles: list[str], inputs: PhaseInputs) -> list[CoverageGap]:
    language = inputs.language
    w = words(CORE, language)
    role_names = words(ROLES, language)
    out = [
        CoverageGap(
            kind="segment",
            what=w["gap_segment"].format(segment=s),
            suggestion=w["fix_segment"].format(segment=s),
        )
        for s, n in group.segments_covered.items()
        if n == 0
    ]
    for role in roles:
        if not any(role in c.roles for c in group.candidates):
            name = role_names[role]["name"]
            out.append(
                CoverageGap(
                    kind="role",
                    what=w["gap_role"].format(role=name),
                    suggestion=w["fix_role"].format(role=name),
                )
            )
    out += _theme_gaps(group, inputs)
    if len(group.candidates) < group.target_size:
        out.append(
            CoverageGap(
                kind="size",
                what=w["gap_size"].format(n=len(group.candidates), target=group.target_size),
                suggestion=w["fix_size"],
            )
        )
    staff = sum(1 for c in group.candidates if c.staff)
    if staff and 2 * staff >= len(group.candidates):
        out.append(
            CoverageGap(
                kind="staff",
                what=w["gap_staff"].format(staff=staff, n=len(group.candidates)),
                suggestion=w["fix_staff"],
            )
        )
    return out


def _theme_gaps(group: CoreGroup, inputs: PhaseInputs) -> list[CoverageGap]:
    """Themes of the concept whose needs no candidate voiced: nobody in the group speaks from experience."""
    w = words(CORE, inputs.language)
    voiced = {n for c in group.candidates for n in c.grounds.need_ids}
    return [
        CoverageGap(
            kind="skill",
            what=w["gap_theme"].format(theme=t.title),
            suggestion=w["fix_theme"].format(theme=t.title),
        )
        for t in chosen_concept(inputs).themes
        if t.need_ids and not voiced & set(t.need_ids)
    ]


def _warnings(group: CoreGroup, survey: SurveyVolunteers, inputs: PhaseInputs) -> list[str]:
    w = words(CORE, inputs.language)
    out = []
    if inputs.find(SurveyResults) is not None and inputs.root is not None:
        if survey.role_item is None:
            out.append(w["no_role_column"])
        elif survey.sources_changed:
            out.append(w["sources_changed"])
    out += [w["read_problem"].format(problem=p) for p in survey.problems]
    kinds = {gap.kind for gap in group.gaps}
    if kinds & {"size", "segment", "staff"}:
        out.append(w["gaps_to_fill"].format(n=len(group.gaps)))
    return out


def _notes(group: CoreGroup, survey: SurveyVolunteers, language: str) -> list[str]:
    w = words(CORE, language)
    notes = []
    if any(c.source == "survey" for c in group.candidates):
        notes.append(w["pseudonyms"])
    if survey.unplaced:
        notes.append(w["unplaced"].format(n=survey.unplaced))
    if len(group.candidates) > MAX_SIZE:
        notes.append(w["too_many"].format(n=len(group.candidates), max=MAX_SIZE))
    return notes
