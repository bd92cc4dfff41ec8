"""The model-coding path of the needs map, with a scripted chat model: prompt, parsing, merging, grounding."""

from __future__ import annotations

import numpy as np

from agents.initiative.needs_coding import (
    MERGED_BY_EMBEDDING,
    NeedsCodingAnswer,
    NeedsCodingInput,
    StatementToCode,
    check_codes,
    coding_sample,
    draft_coded,
    spread_codes,
)
from agents.initiative.needs_map import NeedsMapInputs
from agents.initiative.needs_merging import NeedsMergingAnswer, NeedsMergingInput, PhraseToMerge, check_groups
from agents.shared.prompting import load_prompt
from artefacts.project import CodebookEntry
from tests.builders import note
from tests.fakes.chat import ScriptedChatModel

SAID = [
    ("Wat als je niet kunt?", "Dan gaat de training gewoon niet door, niemand neemt het over."),
    ("Wat als je niet kunt?", "Dan app ik iedereen af en voel ik me schuldig."),
    ("Wat als je ziek bent?", "Ik sta dan toch maar op het veld met koorts."),
    ("Waar haal je je oefeningen?", "Van YouTube, ik draai steeds hetzelfde rondje."),
    ("Waar haal je je oefeningen?", "Ik zou willen zien wat andere clubs doen."),
    ("Wat zou helpen?", "Een plek met oefeningen en een filmpje erbij."),
    ("Koffie?", "Nee dank je, ik heb al drie bakken op."),
]
PHRASES = ["vervanging bij uitval"] * 3 + ["oefeningen uitwisselen"] * 3 + [None]


def _notes():
    notes = []
    for i, (question, text) in enumerate(SAID):
        n = note(text, line=i + 1, speaker=f"P0{i % 3 + 1}", interview=f"i{i % 3}")
        notes.append(n.model_copy(update={"context": question}))
    return notes


def _embed(texts: list[str]) -> np.ndarray:
    """A toy embedder: one axis per known phrase, noise elsewhere."""
    rows = []
    for k, text in enumerate(texts):
        row = np.full(8, 0.01 * (k % 3))
        row[0 if "vervanging" in text else 1 if "oefening" in text else 2 + k % 6] += 1.0
        rows.append(row / np.linalg.norm(row))
    return np.array(rows)


def _answer(notes, phrases=PHRASES, quote=None):
    codes = []
    for n, phrase in zip(notes, phrases, strict=True):
        codes.append(
            {"note_id": n.id, "need": phrase, "quote": (quote or n.text.split(",")[0]) if phrase else None}
        )
    return {"codes": codes, "cannot_answer": None}


def _inputs(notes):
    return NeedsMapInputs(notes=notes, vectors=_embed([n.text for n in notes]), language="nl", embed=_embed)


def test_statements_coded_by_the_model_become_needs_named_after_their_phrase():
    notes = _notes()
    merge = _merge(("Vervanging bij uitval", ["p1"]), ("Oefeningen uitwisselen", ["p2"]))
    llm = ScriptedChatModel(script=[_answer(notes), merge])
    needs_map = draft_coded(_inputs(notes), llm)
    assert needs_map.meta.drafted_by == "model" and needs_map.meta.fallback is None
    assert needs_map.meta.prompts[0].name == "needs_coding"
    assert needs_map.meta.model is not None and needs_map.meta.model["provider"]  # which model coded it
    groups = sorted(sorted(needs_map.note(i).text for i in need.note_ids) for need in needs_map.needs)
    assert len(groups) == 2 and all(len(g) == 3 for g in groups)
    assert {need.title for need in needs_map.needs} == {"Vervanging bij uitval", "Oefeningen uitwisselen"}
    assert notes[-1].id in needs_map.unclustered  # coded as no need
    sent = llm.sent_text()
    assert (
        "Question: Wat als je niet kunt?" in sent and "<data>" in sent
    )  # the context goes with each statement


def test_a_quote_that_is_not_verbatim_is_sent_back_once_then_the_deterministic_draft_is_kept():
    notes = _notes()
    bad = _answer(notes, quote="iets wat niemand zei")
    llm = ScriptedChatModel(script=[bad, bad])
    needs_map = draft_coded(_inputs(notes), llm)
    assert len(llm.history) == 2
    assert "iets wat niemand zei" in str(llm.history[1][-1].content)  # the re-ask names the failed quote
    assert needs_map.meta.drafted_by == "deterministic" and needs_map.meta.fallback
    assert "taalmodel" in needs_map.meta.fallback


def test_check_codes_finds_unknown_missing_duplicate_and_ungrounded_codes():
    inputs = NeedsCodingInput(
        language="Dutch",
        statements=[
            StatementToCode(id="n-1", question="q", text="Ik wil oefeningen delen."),
            StatementToCode(id="n-2", question="q", text="Koffie graag."),
        ],
    )
    answer = NeedsCodingAnswer.model_validate(
        {
            "codes": [
                {"note_id": "n-1", "need": "oefenstof delen", "quote": "oefeningen ruilen"},
                {"note_id": "n-1", "need": "oefenstof delen", "quote": "oefeningen delen"},
                {"note_id": "n-9", "need": None, "quote": None},
            ]
        }
    )
    errors = " | ".join(check_codes(answer, inputs))
    assert "'n-9' does not exist" in errors and "'n-2' has no code" in errors
    assert "coded 2 times" in errors and "oefeningen ruilen" in errors


def test_the_prompt_template_matches_its_input_model():
    assert load_prompt("needs_coding", "v1").check_variables() == []


def test_the_projects_expected_needs_are_offered_and_a_statement_coded_with_one_takes_its_title():
    notes = _notes()
    expected = "Vervanging bij uitval"
    phrases = [expected.lower()] * 3 + ["oefeningen uitwisselen"] * 3 + [None]
    merge = _merge((expected, ["p1"]), ("Oefeningen uitwisselen", ["p2"]))
    llm = ScriptedChatModel(script=[_answer(notes, phrases), merge])
    inputs = _inputs(notes)
    inputs.codebook = [CodebookEntry(id="vervanging", title=expected, cues=["invallen"])]
    needs_map = draft_coded(inputs, llm)
    assert needs_map.meta.prompts[0].version == "v2"
    sent = llm.sent_text()
    assert f"- {expected}" in sent and "expect these needs" in sent
    assert expected in {need.title for need in needs_map.needs}


def test_without_a_codebook_the_prompt_offers_no_expected_needs():
    notes = _notes()
    llm = ScriptedChatModel(script=[_answer(notes), _merge(("a", ["p1"]), ("b", ["p2"]))])
    draft_coded(_inputs(notes), llm)
    assert "expect these needs" not in llm.sent_text()


def test_the_second_prompt_version_matches_its_input_model():
    assert load_prompt("needs_coding", "v2").check_variables() == []


def _merge(*groups: tuple[str, list[str]]) -> dict:
    return {"groups": [{"name": name, "phrase_ids": ids} for name, ids in groups], "cannot_answer": None}


def test_the_model_groups_differently_worded_phrases_into_one_need_and_names_it():
    notes = _notes()
    phrases = ["vervanging bij uitval", "iemand die invalt", "vervanging bij uitval"]
    phrases += ["oefeningen uitwisselen"] * 3 + [None]
    # phrase ids follow frequency: p1 oefeningen uitwisselen (3), p2 vervanging bij uitval (2), p3 iemand die invalt
    merge = _merge(("Vervanging bij ziekte", ["p2", "p3"]), ("Oefeningen delen", ["p1"]))
    llm = ScriptedChatModel(script=[_answer(notes, phrases), merge])
    needs_map = draft_coded(_inputs(notes), llm)
    groups = sorted(sorted(needs_map.note(i).text for i in need.note_ids) for need in needs_map.needs)
    assert len(groups) == 2 and all(len(g) == 3 for g in groups)
    assert {need.title for need in needs_map.needs} == {"Vervanging bij ziekte", "Oefeningen delen"}
    assert [p.name for p in needs_map.meta.prompts] == ["needs_coding", "needs_merging"]
    assert "[p3] iemand die invalt (1)" in llm.sent_text()
    assert not needs_map.meta.notes


def test_a_grouping_that_leaves_a_phrase_out_is_sent_back_once_then_phrases_merge_by_meaning():
    notes = _notes()
    bad = _merge(("Vervanging", ["p2"]))  # p1 is in no group
    llm = ScriptedChatModel(script=[_answer(notes), bad, bad])
    needs_map = draft_coded(_inputs(notes), llm)
    assert llm.pending == 0 and "'p1' is in no group" in llm.sent_text()
    assert {need.title for need in needs_map.needs} == {"Vervanging bij uitval", "Oefeningen uitwisselen"}
    assert MERGED_BY_EMBEDDING["nl"] in needs_map.meta.notes
    assert needs_map.meta.drafted_by == "model"


def test_check_groups_finds_unknown_repeated_and_missing_phrases():
    inputs = NeedsMergingInput(
        language="Dutch",
        phrases=[PhraseToMerge(id=f"p{i}", phrase=f"zin {i}", count=1) for i in (1, 2, 3)],
    )
    answer = NeedsMergingAnswer.model_validate(_merge(("a", ["p1", "p9"]), ("b", ["p1", "p2"])))
    errors = " | ".join(check_groups(answer, inputs))
    assert (
        "'p9' does not exist" in errors
        and "'p1' is in 2 groups" in errors
        and "'p3' is in no group" in errors
    )


def test_a_large_project_codes_a_sample_spread_over_the_interviews_and_the_rest_by_meaning(monkeypatch):
    """Above CODED_AT_MOST statements the model codes a sample (the calls stop growing with the notes);
    every other statement takes the code of the coded statement nearest in meaning, and the map says so."""
    import agents.initiative.needs_coding as coding

    notes = _notes()
    monkeypatch.setattr(coding, "CODED_AT_MOST", 4)
    sample = coding_sample(notes, 4)
    assert len(sample) == 4 and {n.interview_id for n in sample} == {n.interview_id for n in notes}
    by_id = dict(zip((n.id for n in notes), PHRASES, strict=True))
    answer = _answer(sample, [by_id[n.id] for n in sample])
    merge = _merge(
        *[
            (p.capitalize(), [f"p{i}"])
            for i, p in enumerate(sorted({by_id[n.id] for n in sample} - {None}), 1)
        ]
    )
    llm = ScriptedChatModel(script=[answer, merge])
    needs_map = draft_coded(_inputs(notes), llm)
    assert llm.pending == 0 and len(llm.history) == 2  # one coding call for 4 of 7 statements, one merge
    assert any("4 van de 7 uitspraken" in line for line in needs_map.meta.notes)
    # the statements the model did not see sit with the coded statements nearest to them
    vervanging = {n.id for n, p in zip(notes, PHRASES, strict=True) if p == "vervanging bij uitval"}
    together = [set(need.note_ids) for need in needs_map.needs if set(need.note_ids) & vervanging]
    assert together == [vervanging] or (len(together) == 1 and vervanging <= together[0])


def test_spread_codes_gives_each_uncoded_statement_the_code_of_its_nearest_coded_statement():
    notes = _notes()
    axis = [0, 0, 0, 1, 1, 1, 2]  # what each statement is about, as an embedder would place it
    vectors = np.eye(3)[axis] + 0.05 * np.arange(7)[:, None]
    coded = {notes[0].id: "vervanging bij uitval", notes[3].id: "oefeningen uitwisselen", notes[6].id: None}
    spread = spread_codes(notes, vectors, coded)
    assert [spread[n.id] for n in notes[1:3]] == ["vervanging bij uitval"] * 2
    assert [spread[n.id] for n in notes[4:6]] == ["oefeningen uitwisselen"] * 2
    assert all(spread[n.id] == code for n, code in ((notes[0], coded[notes[0].id]), (notes[6], None)))
    assert coding_sample(notes, 10) == notes  # under the cap: every statement is coded
