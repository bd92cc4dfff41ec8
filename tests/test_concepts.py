"""Concept hypotheses: the rules offline, the revision note, the model path with its grounding check."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from agents.concept import concepts
from agents.concept.concept_overlap import concept_words, pairwise_overlap
from agents.concept.concept_revision import read_revision
from agents.initiative import target_groups as target_groups_agent
from agents.initiative.needs_map import rebuild
from agents.shared.grounding import normalise, occurs
from artefacts.base import ArtefactMeta
from artefacts.concept import ConceptHypotheses
from artefacts.errors import InputError
from artefacts.initiative import Champions, NeedsMap, TargetGroups
from artefacts.needs_edits import Structure
from artefacts.project import Project
from artefacts.render_markdown import render_markdown
from evaluations.phase1 import run_phase1
from knowledge.embeddings import make_embedder
from tests.fakes.chat import ScriptedChatModel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@cache
def reviewed_example(name: str) -> tuple[Project, NeedsMap, TargetGroups, Champions]:
    """An example's needs map as a reviewer would approve it: the gold needs and their statements."""
    root = EXAMPLES / name
    phase1 = run_phase1(root, embedder="hashing")
    gold = yaml.safe_load((root / "gold.yaml").read_text(encoding="utf-8"))
    ids = {need["id"]: f"N{i:02d}" for i, need in enumerate(gold["needs"], start=1)}
    statements = [n for n in phase1.corpus.notes if n.kind == "statement"]
    assignment: dict[str, str | None] = {n.id: None for n in statements}
    for item in gold["statements"]:
        quote = normalise(item["quote"])
        for note in statements:
            if (
                item["need"] in ids
                and note.provenance.source == item["file"]
                and quote in normalise(note.text)
            ):
                assignment[note.id] = ids[item["need"]]
                break
    structure = Structure(
        assignment=assignment,
        titles={ids[n["id"]]: n["title"] for n in gold["needs"]},
        statements={ids[n["id"]]: n["description"] for n in gold["needs"]},
        origins={ids[n["id"]]: "reviewer" for n in gold["needs"]},
    )
    embedder = make_embedder(phase1.project.embeddings, None)
    needs_map = rebuild(phase1.needs_map, structure, embedder.embed_documents([n.text for n in statements]))
    groups = target_groups_agent.draft(
        phase1.project, phase1.corpus.interviews, needs_map, phase1.champions, embedder.embed_documents
    )
    return phase1.project, needs_map, groups, phase1.champions


@cache
def rules_draft(name: str, note: str = "") -> ConceptHypotheses:
    project, needs_map, groups, _ = reviewed_example(name)
    return concepts.draft(needs_map, groups, project, revision_note=note)


def assert_grounded(result: ConceptHypotheses, needs_map: NeedsMap, groups: TargetGroups) -> None:
    need_ids = {n.id for n in needs_map.needs}
    notes = {n.id: n.text for n in needs_map.notes}
    assert 2 <= len(result.concepts) <= 3
    assert len({c.community_type for c in result.concepts}) == len(result.concepts)
    assert [c.id for c in result.concepts] == [f"C{i}" for i in range(1, len(result.concepts) + 1)]
    for concept in result.concepts:
        assert concept.need_ids and set(concept.need_ids) <= need_ids
        assert {i for t in concept.themes for i in t.need_ids} <= need_ids
        titles = {needs_map.need(i).title.lower() for i in concept.need_ids}
        named = set(re.findall(r"N\d{2}", concept.hypothesis)) & set(concept.need_ids)
        assert named or any(t in concept.hypothesis.lower() for t in titles)
        if result.meta.drafted_by == "deterministic":  # prose for people: needs by name, never by id
            for text in (concept.purpose, concept.hypothesis, *concept.fails_if, concept.rationale):
                assert not re.search(r"\bN\d{2}\b", text), text
        assert set(concept.target_groups) <= {g.name for g in groups.groups}
        assert concept.fails_if and concept.rationale
        for quote in concept.evidence:
            assert occurs(quote.text, notes[quote.note_id])


# --- the rules ----------------------------------------------------------------------------------------


def test_offline_draft_gives_distinct_grounded_concepts_in_dutch() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    result = rules_draft("nl-trainers")

    assert_grounded(result, needs_map, groups)
    assert result.meta.drafted_by == "deterministic" and result.meta.language == "nl"
    first = result.concepts[0]
    assert first.community_type == "practice"  # exchange, learning, backup weigh most in this example
    assert first.hypothesis.startswith("Als Sportbond Regio Oost een praktijkgemeenschap opzet")
    assert "omdat ‘" in first.hypothesis and "60%" in first.hypothesis
    assert any("minder dan 5 mensen" in item for item in first.fails_if)
    assert first.rationale.startswith("Regel:")
    concept_notes = {i for need_id in first.need_ids for i in needs_map.need(need_id).note_ids}
    assert first.evidence and {q.note_id for q in first.evidence} <= concept_notes
    # later alternatives rest on other needs first
    assert result.concepts[1].need_ids[0] != first.need_ids[0]


def test_english_project_gets_english_concepts() -> None:
    project, needs_map, groups, _ = reviewed_example("en-makers")
    result = rules_draft("en-makers")

    assert_grounded(result, needs_map, groups)
    assert result.meta.language == "en"
    for concept in result.concepts:
        assert concept.hypothesis.startswith("If ") and "because ‘" in concept.hypothesis
        assert "omdat" not in concept.hypothesis and "Regel" not in concept.rationale


def test_a_needs_map_with_one_need_still_gives_two_alternatives() -> None:
    phase1 = run_phase1(EXAMPLES / "nl-trainers", embedder="hashing")
    one = phase1.needs_map.model_copy(update={"needs": phase1.needs_map.needs[:1]})
    result = concepts.draft(one, TargetGroups(meta=ArtefactMeta(language="nl"), groups=[]), phase1.project)

    assert len(result.concepts) == 2
    assert result.concepts[0].community_type != result.concepts[1].community_type
    assert all(c.need_ids == [one.needs[0].id] and c.target_groups == [] for c in result.concepts)
    assert "voor de leden" in result.concepts[0].hypothesis


def test_an_empty_needs_map_is_an_input_error() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    with pytest.raises(InputError, match="bevat geen behoeften"):
        concepts.draft(needs_map.model_copy(update={"needs": []}), groups, project)


# --- the reviewer's note -----------------------------------------------------------------------------


def test_revision_note_drops_a_concept_and_favours_a_need() -> None:
    before = rules_draft("nl-trainers")
    note = "Laat C2 weg en leg meer nadruk op N04."
    after = rules_draft("nl-trainers", note)

    assert after.revision_note == note
    dropped = before.concepts[1].community_type
    assert dropped not in [c.community_type for c in after.concepts]
    assert [c.community_type for c in after.concepts] != [c.community_type for c in before.concepts]
    assert any(c.need_ids[0] == "N04" for c in after.concepts)
    assert any(note in remark and "C2" in remark for remark in after.meta.notes)


def test_revision_note_can_leave_a_need_out() -> None:
    after = rules_draft("nl-trainers", "Zonder N02, dat doet de bond al.")
    assert all("N02" not in c.need_ids for c in after.concepts)
    assert any("N02" in remark for remark in after.meta.notes)


def test_a_note_that_names_nothing_is_recorded_and_changes_nothing() -> None:
    before, after = rules_draft("nl-trainers"), rules_draft("nl-trainers", "Mooi werk, maar wat vager graag.")
    assert after.revision_note.startswith("Mooi werk")
    assert [c.model_dump() for c in after.concepts] == [c.model_dump() for c in before.concepts]
    assert any("noemt geen concept" in remark for remark in after.meta.notes)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Schrap C3; meer aandacht voor vervanging bij uitval",
            {"drop_concepts": ["C3"], "favour_needs": ["N03"]},
        ),
        (
            "Geen steungroep maar een actiegemeenschap",
            {"drop_types": ["support"], "favour_types": ["action"]},
        ),
        (
            "Drop C1, focus on N02 and not N07",
            {"drop_concepts": ["C1"], "favour_needs": ["N02"], "drop_needs": ["N07"]},
        ),
        ("C3 is te vaag, laat die weg", {"drop_concepts": ["C3"]}),
        ("Zonder N03 en N05. N99 bestaat niet.", {"drop_needs": ["N03", "N05"]}),
    ],
)
def test_reading_the_revision_note(note: str, expected: dict[str, list[str]]) -> None:
    _, needs_map, _, _ = reviewed_example("nl-trainers")
    revision = read_revision(note, needs_map)
    for key in (
        "drop_concepts",
        "favour_concepts",
        "drop_needs",
        "favour_needs",
        "drop_types",
        "favour_types",
    ):
        assert getattr(revision, key) == expected.get(key, []), key


# --- the model path ----------------------------------------------------------------------------------


def model_answer(rules: ConceptHypotheses, *, need_id: str | None = None) -> dict:
    items = []
    for concept in rules.concepts:
        items.append(
            {
                "name": f"Model: {concept.name}"[:90],
                "community_type": concept.community_type,
                "purpose": concept.purpose,
                "hypothesis": concept.hypothesis,  # by need titles, as the rules write it: no ids needed
                "need_ids": [need_id or concept.need_ids[0], *concept.need_ids[1:]],
                "target_groups": concept.target_groups,
                "themes": [t.model_dump() for t in concept.themes],
                "fails_if": concept.fails_if,
                "rationale": "Gekozen door het model.",
                "evidence": [{"note_id": q.note_id, "text": q.text[:40]} for q in concept.evidence[:2]],
            }
        )
    return {"concepts": items, "cannot_answer": None}


def with_personal_data(needs_map: NeedsMap) -> NeedsMap:
    """A copy in which the best quote of N01 carries an e-mail address and a phone number."""
    copy = needs_map.model_copy(deep=True)
    note = copy.note(copy.needs[0].evidence[0].note_id)
    note.text += " Mail me op jan.jansen@example.org of bel 06 12345678."
    return copy


def test_a_valid_model_answer_is_used_and_recorded() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    rules = rules_draft("nl-trainers")
    llm = ScriptedChatModel(script=[model_answer(rules)])
    result = concepts.draft(with_personal_data(needs_map), groups, project, llm=llm)

    assert result.meta.drafted_by == "model" and result.meta.fallback is None
    assert result.meta.prompts[0].name == "concepts" and result.meta.prompts[0].version == "v1"
    assert result.meta.model and result.meta.model.get("model") == "scripted"
    assert result.concepts[0].name.startswith("Model: ")
    assert_grounded(result, needs_map, groups)
    sent = llm.sent_text()
    assert "Dutch (Nederlands)" in sent and "<data>" in sent and "</data>" in sent
    assert "N01 · Uitwisseling van oefenstof" in sent
    assert "jan.jansen@example.org" not in sent and "06 12345678" not in sent


def test_an_unknown_need_id_is_reasked_then_falls_back_to_the_rules() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    rules = rules_draft("nl-trainers")
    bad = model_answer(rules, need_id="N99")
    llm = ScriptedChatModel(script=[bad, bad])
    result = concepts.draft(needs_map, groups, project, llm=llm)

    assert len(llm.history) == 2
    reask = str(llm.history[1][-1].content)
    assert "need id 'N99' does not exist" in reask
    assert result.meta.drafted_by == "deterministic"
    assert result.meta.fallback and "taalmodel" in result.meta.fallback and "N99" in result.meta.fallback
    assert [c.name for c in result.concepts] == [c.name for c in rules.concepts]


def test_the_revision_note_reaches_the_model() -> None:
    project, needs_map, groups, _ = reviewed_example("nl-trainers")
    note = "Laat C2 weg en leg meer nadruk op N04."
    llm = ScriptedChatModel(script=[model_answer(rules_draft("nl-trainers", note))])
    result = concepts.draft(needs_map, groups, project, revision_note=note, llm=llm)

    assert result.revision_note == note and result.meta.drafted_by == "model"
    assert "Reviewer's note on the previous version: Laat C2 weg" in llm.sent_text()


def test_the_markdown_shows_each_concept_and_the_note() -> None:
    text = render_markdown(rules_draft("nl-trainers", "Laat C2 weg."), version=2)
    assert "## C1 · Praktijkgemeenschap" in text
    assert "**Hypothese:** Als Sportbond" in text and "### De hypothese klopt niet als" in text
    assert "Opmerking van de beoordelaar bij de vorige versie:** Laat C2 weg." in text
    english = render_markdown(rules_draft("en-makers"))
    assert "**Hypothesis:** If " in english and "### Why" in english


# --- the alternatives differ -------------------------------------------------------------------------

MAX_NEED_OVERLAP = 0.2  # Jaccard of need ids: at most one shared need of four each (1/7)
MAX_WORD_OVERLAP = 0.3  # Jaccard of what the texts are about (templates and organisation left out)
PROJECTS = Path(__file__).resolve().parent / "fixtures" / "projects"


def test_overlap_is_measured_on_what_the_concepts_are_about() -> None:
    result = rules_draft("nl-trainers")
    first = result.concepts[0]
    twin = result.model_copy(update={"concepts": [first, first.model_copy(update={"id": "C2"})]})
    assert pairwise_overlap(twin) == [("C1", "C2", 1.0, 1.0)]
    words = concept_words(first, "nl", "Sportbond Regio Oost")
    assert words and not words & {"sportbond", "regio", "oost", "als", "omdat", "herkent"}


@pytest.mark.parametrize(
    "source", ["nl-trainers", "en-makers", "nl-bieb", "fixture:nl-buurthuis", "fixture:en-estate"]
)
def test_the_alternatives_differ_in_needs_and_in_what_they_say(source: str) -> None:
    if source.startswith("fixture:"):
        phase1 = run_phase1(PROJECTS / source.split(":")[1], embedder="hashing")
        project, groups = phase1.project, phase1.target_groups
        result = concepts.draft(phase1.needs_map, groups, project)
    else:
        project, _, groups, _ = reviewed_example(source)
        result = rules_draft(source)
    assert len(result.concepts) >= 2
    for first, second, needs, words in pairwise_overlap(result, project.organisation.name):
        assert needs <= MAX_NEED_OVERLAP, (first, second, needs)
        assert words < MAX_WORD_OVERLAP, (first, second, words)
    names = [c.name for c in result.concepts]
    assert len(set(names)) == len(names)
    leads = [c.target_groups[0] for c in result.concepts if c.target_groups]
    if len([g for g in groups.groups if g.size >= 2]) >= len(result.concepts):
        assert len(set(leads)) == len(leads), leads  # each alternative is above all for another group
