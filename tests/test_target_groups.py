"""Target groups: who the interviewees are (metadata, else self-descriptions, else needs), named as
people would name them, with the basis stated and ids only in the traceability table."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from agents.initiative.group_names import accents_from, people_name
from agents.initiative.people_metadata import grouping_field
from agents.initiative.self_descriptions import describe
from artefacts.initiative import TargetGroups
from artefacts.render_markdown import render_markdown
from evaluations.phase1 import Phase1, run_phase1

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PROJECTS = Path(__file__).resolve().parent / "fixtures" / "projects"
CODE = re.compile(r"\b[GNPC]\d{1,3}\b")


@cache
def phase1(path: Path) -> Phase1:
    return run_phase1(path, embedder="hashing")


def by_file(result: Phase1) -> dict[str, str]:
    """Interview file name → the name of the group its interviewee is in."""
    group_of = {p: g.name for g in result.target_groups.groups for p in g.participants}
    return {Path(i.source).name: group_of[i.participant] for i in result.corpus.interviews}


# --- what people say about themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ik ben al twintig jaar vrijwilliger bij het taalcafé.", "nl", ["vrijwilliger"]),
        ("Ik werk als verpleegkundige in de wijk.", "nl", ["verpleegkundige"]),
        ("Als moeder van twee weet ik hoe dat gaat.", "nl", ["ouder"]),
        ("Ik ben jeugdtrainer bij de JO13.", "nl", ["jeugdtrainer"]),
        ("Ik ben geen lerares, maar ik help wel.", "nl", []),
        ("Ik ben blij dat de trainer er is.", "nl", []),
        ("I'm a retired teacher, so I have the time.", "en", ["retired teacher", "retiree"]),
        ("I’ve lived on the estate since 1998.", "en", ["resident"]),
        ("I work as a nurse on nights.", "en", ["nurse"]),
        ("I'm not sure a trainer would help.", "en", []),
        ("I'm really tired of it.", "en", []),
    ],
)
def test_first_person_self_descriptions_are_found_and_nothing_else(text, language, expected) -> None:
    assert describe(text, language) == expected


# --- names people would use ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        ("jeugdtrainer", "nl", "Jeugdtrainers"),
        ("coördinator", "nl", "Coördinatoren"),
        ("lid", "nl", "Leden"),
        ("verzorgende", "nl", "Verzorgenden"),
        ("leraar", "nl", "Leraren"),
        ("36-45", "nl", "36–45 jaar"),
        ("65+", "en", "Aged 65+"),
        ("library staff", "en", "Library staff"),
        ("retired teacher", "en", "Retired teachers"),
        ("family", "en", "Families"),
        ("young_parent", "en", "Young parents"),
    ],
)
def test_a_value_reads_as_a_group_of_people(value, language, expected) -> None:
    assert people_name(value, language) == expected


def test_an_accent_the_file_left_out_comes_back_from_the_interviews() -> None:
    accents = accents_from(["We hebben het taalcafé op dinsdag."])
    assert people_name("taalcafe-vrijwilliger", "nl", accents) == "Taalcafé-vrijwilligers"


def test_a_field_in_which_everyone_differs_does_not_group() -> None:
    metadata = {
        "P01": {"role": "Jeugdtrainer hockey (MO12)", "age_band": "36-45"},
        "P02": {"role": "Jeugdtrainer voetbal (JO13)", "age_band": "36-45"},
        "P03": {"role": "Coördinator jeugd", "age_band": "56-65"},
    }
    assert grouping_field(metadata, ["P01", "P02", "P03"], "segment") == "age_band"
    assert grouping_field({p: {"role": m["role"]} for p, m in metadata.items()}, metadata, "segment") is None


# --- the groups of a project ---------------------------------------------------------------------------


def test_metadata_groups_are_named_as_people_would_and_say_where_they_come_from() -> None:
    result = phase1(EXAMPLES / "nl-trainers")
    groups = {g.name: g for g in result.target_groups.groups}
    assert {"Jeugdtrainers", "Ouder-trainers", "Coördinatoren"} <= set(groups)
    trainers = groups["Jeugdtrainers"]
    assert trainers.basis == "metadata" and trainers.source_field == "segment"
    assert trainers.source_value == "jeugdtrainer" and trainers.in_target_segments
    assert by_file(result)["04-ouder-trainer-a.vtt"] == "Ouder-trainers"
    assert result.target_groups.meta.warnings == []


def test_each_speaker_of_a_shared_interview_is_placed_by_their_own_row() -> None:
    result = phase1(EXAMPLES / "nl-zorg")
    pair = next(i for i in result.corpus.interviews if "paar-a" in i.source)
    group_of = {p: g.name for g in result.target_groups.groups for p in g.participants}
    assert {group_of[p] for p in pair.participants} == {"Mantelzorgers"}


@pytest.mark.parametrize(
    ("project", "first", "second"),
    [
        ("nl-buurthuis", "Vrijwilligers", "Wijkverpleegkundigen"),
        ("en-estate", "Retired residents", "Parents"),
    ],
)
def test_without_metadata_people_are_grouped_by_what_they_say_about_themselves(
    project, first, second
) -> None:
    result = phase1(PROJECTS / project)
    names = by_file(result)
    assert {names[f] for f in sorted(names)[:3]} == {first}
    assert {names[f] for f in sorted(names)[3:]} == {second}
    for group in result.target_groups.groups:
        assert group.basis == "self_description"
        assert group.described_as and group.description_notes
        notes = {n.id: n for n in result.needs_map.notes}
        assert {notes[i].speaker for i in group.description_notes} <= set(group.participants)
    assert result.target_groups.meta.warnings == []


def test_with_neither_metadata_nor_self_descriptions_the_needs_group_them_and_the_artefact_says_so(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "nl-buurthuis", root)
    for path in (root / "interviews").iterdir():  # every line in which someone says who they are goes
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text(
            "\n".join(line for line in lines if not describe(line, "nl")) + "\n", encoding="utf-8"
        )
    result = run_phase1(root, embedder="hashing")
    groups = result.target_groups
    assert groups.groups and all(g.basis == "needs" for g in groups.groups)
    assert any("participants.csv" in w for w in groups.meta.warnings)


def test_people_nothing_places_are_named_in_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "en-estate", root)
    quiet = root / "interviews" / "06-jess.txt"
    lines = quiet.read_text(encoding="utf-8").splitlines()
    quiet.write_text("\n".join(line for line in lines if not describe(line, "en")) + "\n", encoding="utf-8")
    result = run_phase1(root, embedder="hashing")
    rest = next(g for g in result.target_groups.groups if g.name == "Other interviewees")
    assert len(rest.participants) == 1
    assert any("1 of the 6" in w and "Other interviewees" in w for w in result.target_groups.meta.warnings)


def test_the_markdown_keeps_ids_in_the_tables(tmp_path: Path) -> None:
    groups: TargetGroups = phase1(PROJECTS / "nl-buurthuis").target_groups
    text = render_markdown(groups)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings and not any(CODE.search(h) for h in headings), headings
    prose = [line for line in text.splitlines() if line and not line.startswith(("|", "#", "_"))]
    for line in prose:
        if not line.startswith("**") or ":**" not in line:
            continue
        assert not re.search(r"\bG\d\b", line), line
    assert "| G1 |" in text and "uit wat de geïnterviewden over zichzelf zeggen" in text
    assert "‘vrijwilliger’" in text


def test_the_fit_to_the_intentions_rests_on_what_the_notes_say_not_on_the_need_s_changing_description() -> (
    None
):
    """A new interview changes every need's description (its counts, its quotes); the fit must not need it
    embedded again: a need is the centre of its notes' vectors, which the cache holds already."""
    from agents.initiative.target_groups import _similarity
    from knowledge.embeddings import HashingEmbedder

    result = phase1(EXAMPLES / "nl-bieb")
    needs_map, intentions = result.needs_map, ["Kennis delen tussen vestigingen", "Meer jonge vrijwilligers"]
    embedder = HashingEmbedder()
    asked: list[str] = []

    def embed(texts: list[str]):  # noqa: ANN202 - an array
        asked.extend(texts)
        return embedder.embed_documents(texts)

    matrix = _similarity(needs_map, intentions, embed)
    assert matrix.shape == (len(needs_map.needs), 2)
    assert set(asked) <= {note.text for note in needs_map.notes} | set(intentions)
    recounted = needs_map.model_copy(
        update={
            "needs": [
                n.model_copy(update={"statement": f"Genoemd door 99. {n.statement}"}) for n in needs_map.needs
            ]
        }
    )
    assert (_similarity(recounted, intentions, embed) == matrix).all()
    # the centre is the need's: moving a note to another need changes that row
    first, second = needs_map.needs[0], needs_map.needs[1]
    moved = needs_map.model_copy(
        update={
            "needs": [
                first.model_copy(update={"note_ids": first.note_ids + second.note_ids}),
                *needs_map.needs[1:],
            ]
        }
    )
    assert not (_similarity(moved, intentions, embed)[0] == matrix[0]).all()
