"""The persona: every trait grounded in needs or notes or marked invented; the model path checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agents.concept import concepts, persona
from agents.shared.grounding import occurs
from artefacts.concept import ConceptHypotheses, Persona
from artefacts.errors import InputError
from artefacts.initiative import NeedsMap
from artefacts.render_markdown import render_markdown
from evaluations.phase1 import Phase1, run_phase1
from tests.fakes.chat import ScriptedChatModel
from tests.test_concepts import reviewed_example, rules_draft, with_personal_data


def offline(name: str = "nl-trainers", concept_id: str = "C1") -> Persona:
    project, needs_map, groups, champions = reviewed_example(name)
    return persona.draft(rules_draft(name), concept_id, needs_map, groups, champions, project)


def assert_grounded(result: Persona, needs_map: NeedsMap, concept_needs: list[str]) -> None:
    notes = {n.id: n.text for n in needs_map.notes}
    traits = [result.who, result.situation, *result.needs, *result.motivations, *result.gives, *result.gets,
              *result.participation]  # fmt: skip
    for trait in traits:
        assert trait.need_ids or trait.note_ids or trait.invented, trait.text
        assert set(trait.need_ids) <= set(concept_needs)
        assert set(trait.note_ids) <= set(notes)
    for quote in result.quotes:
        assert occurs(quote.text, notes[quote.note_id])


def test_offline_persona_is_grounded_and_marks_what_is_invented() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    concept = rules_draft("nl-trainers").concepts[0]
    result = offline()

    assert result.concept_id == "C1" and result.meta.drafted_by == "deterministic"
    assert_grounded(result, needs_map, concept.need_ids)
    group = next(g for g in groups.groups if g.name == result.group)
    assert result.group == concept.target_groups[0] and result.participants == group.participants
    voiced = [i for i in concept.need_ids if set(needs_map.need(i).voiced_by) & set(group.participants)]
    assert sorted(i for t in result.needs for i in t.need_ids) == sorted(voiced)  # what the group voiced
    assert any(t.invented for t in result.gives)  # the generic contribution rests on no interview
    assert result.who.text.startswith(f"{result.name} staat voor de groep ‘") and result.who.note_ids
    assert not re.search(r"\b[NPG]\d{1,2}\b", result.who.text + result.situation.text)
    assert any(t.note_ids and not t.invented for t in result.motivations)
    taken = {w.lower() for n in project.privacy.names + project.interviews.interviewers for w in n.split()}
    assert result.name.lower() not in taken
    assert any(result.name in note and "verzonnen" in note for note in result.meta.notes)
    assert 1 <= len(result.quotes) <= 6


def test_english_persona_for_the_second_concept() -> None:
    _, needs_map, _, _ = reviewed_example("en-makers")
    concept = rules_draft("en-makers").concepts[1]
    result = offline("en-makers", "C2")
    assert_grounded(result, needs_map, concept.need_ids)
    assert "stands for the group ‘" in result.who.text and "like the" in result.who.text
    assert result.gets[0].text.startswith("An answer to: ")


def test_an_unknown_concept_is_an_input_error() -> None:
    with pytest.raises(InputError, match="geen concept 'C9'"):
        offline(concept_id="C9")


def model_persona(rules: Persona, *, quote: str | None = None, invented: bool = True) -> dict:
    def trait(t, **extra):
        return {
            "text": t.text,
            "need_ids": t.need_ids,
            "note_ids": t.note_ids,
            "invented": t.invented,
            **extra,
        }

    first = rules.quotes[0]
    return {
        "name": "Marloes",
        "who": trait(rules.who),
        "situation": trait(rules.situation),
        "needs": [trait(t) for t in rules.needs],
        "motivations": [trait(t) for t in rules.motivations],
        "gives": [trait(t) for t in rules.gives],
        "gets": [trait(t) for t in rules.gets],
        "participation": [
            {
                "text": "Is rond de 40 en traint twee avonden per week.",
                "need_ids": [],
                "note_ids": [],
                "invented": invented,
            }
        ],  # fmt: skip
        "quotes": [{"note_id": first.note_id, "text": quote or first.text[:50]}],
        "cannot_answer": None,
    }


def test_a_valid_model_persona_is_used_and_recorded() -> None:
    project, needs_map, groups, champions = reviewed_example("nl-trainers")
    rules = offline()
    llm = ScriptedChatModel(script=[model_persona(rules)])
    result = persona.draft(
        rules_draft("nl-trainers"), "C1", with_personal_data(needs_map), groups, champions, project, llm=llm
    )

    assert result.meta.drafted_by == "model" and result.name == "Marloes"
    assert result.meta.prompts[0].name == "persona" and result.meta.fallback is None
    assert result.participation[0].invented
    assert_grounded(result, needs_map, rules_draft("nl-trainers").concepts[0].need_ids)
    sent = llm.sent_text()
    assert "Dutch (Nederlands)" in sent and "<data>" in sent
    assert "jan.jansen@example.org" not in sent and "06 12345678" not in sent


def test_an_unmarked_invention_and_a_false_quote_are_reasked_then_fall_back() -> None:
    project, needs_map, groups, champions = reviewed_example("nl-trainers")
    rules = offline()
    bad = model_persona(rules, quote="Dit heeft niemand ooit gezegd.", invented=False)
    llm = ScriptedChatModel(script=[bad, bad])
    result = persona.draft(rules_draft("nl-trainers"), "C1", needs_map, groups, champions, project, llm=llm)

    reask = str(llm.history[1][-1].content)
    assert "does not occur verbatim" in reask and "set invented to true" in reask
    assert result.meta.drafted_by == "deterministic" and result.name == rules.name
    assert result.meta.fallback and "taalmodel" in result.meta.fallback


def test_the_markdown_marks_invented_traits() -> None:
    text = render_markdown(offline())
    assert "verzonnen naam" in text and "**[verzonnen]**" in text
    assert "### Zo doet" in text and "_Persona bij concept C1; getekend naar de groep " in text


# --- one kind of member ------------------------------------------------------------------------------

PROJECTS = Path(__file__).resolve().parent / "fixtures" / "projects"


def _drafted(project: str) -> tuple[Phase1, ConceptHypotheses]:
    phase1 = run_phase1(PROJECTS / project, embedder="hashing")
    return phase1, concepts.draft(phase1.needs_map, phase1.target_groups, phase1.project)


@pytest.mark.parametrize("project", ["nl-buurthuis", "en-estate"])
def test_every_quote_and_trait_of_the_persona_comes_from_one_group(project: str) -> None:
    phase1, drafted = _drafted(project)
    groups = phase1.target_groups.groups
    assert len(groups) == 2 and not set(groups[0].participants) & set(groups[1].participants)
    speaker = {n.id: n.speaker for n in phase1.needs_map.notes}
    for concept in drafted.concepts:
        result = persona.draft(
            drafted, concept.id, phase1.needs_map, phase1.target_groups, phase1.champions, phase1.project
        )
        group = next(g for g in groups if g.name == result.group)
        assert result.group == concept.target_groups[0] and result.participants == group.participants
        assert result.quotes, concept.id
        assert {q.speaker for q in result.quotes} <= set(group.participants), concept.id
        traits = [result.who, result.situation, *result.needs, *result.motivations, *result.gives,
                  *result.gets, *result.participation]  # fmt: skip
        said = {speaker[i] for t in traits for i in t.note_ids}
        assert said <= set(group.participants), (concept.id, said)
        assert result.meta.warnings == []


def test_a_concept_without_target_group_says_its_persona_is_a_mix() -> None:
    phase1, drafted = _drafted("nl-buurthuis")
    concept = drafted.concepts[0].model_copy(update={"target_groups": []})
    alone = drafted.model_copy(update={"concepts": [concept]})
    empty = phase1.target_groups.model_copy(update={"groups": []})
    result = persona.draft(alone, concept.id, phase1.needs_map, empty, phase1.champions, phase1.project)
    assert result.group == "" and any("geen doelgroep" in w for w in result.meta.warnings)


def test_a_persona_of_a_group_of_one_says_it_describes_one_person() -> None:
    project, needs_map, groups, champions = reviewed_example("en-makers")
    drafted = rules_draft("en-makers")
    single = next(g for g in groups.groups if g.size == 1)
    concept = drafted.concepts[0].model_copy(update={"target_groups": [single.name]})
    alone = drafted.model_copy(update={"concepts": [concept]})
    result = persona.draft(alone, concept.id, needs_map, groups, champions, project)
    assert result.participants == single.participants
    assert any("one interviewee" in w and single.name in w for w in result.meta.warnings)
    assert {q.speaker for q in result.quotes} <= set(single.participants)
