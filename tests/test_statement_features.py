"""Statement features (meaning, context, need cues), library-seeded clustering and interview frames."""

from __future__ import annotations

import numpy as np
import pytest

from agents.initiative.need_seeds import cluster_with_seeds, seed_labels
from agents.initiative.needs_map import NeedsMapInputs, draft, library_title
from agents.initiative.statement_features import FeatureSettings, cue_need_ids, describe
from artefacts.project import CodebookEntry
from knowledge.note_kinds import is_frame_turn, shares_contact_details
from tests.builders import note

SAID = [
    ("Wat gebeurt er als je niet kunt?", "Dan valt het gewoon uit, niemand die invalt."),
    ("Wat gebeurt er als je niet kunt?", "Als ik ziek ben, sta ik er toch."),
    ("Wat gebeurt er als je niet kunt?", "Een lijst met vervangers zou fijn zijn."),
    ("Hoe merk je dat je werk gewaardeerd wordt?", "Eigenlijk nooit, geen bedankje, niks."),
    ("Hoe merk je dat je werk gewaardeerd wordt?", "Het wordt als vanzelfsprekend gezien."),
    ("Hoe merk je dat je werk gewaardeerd wordt?", "Een compliment van het bestuur zou al veel doen."),
    ("Wat vind je lastig?", "Al die formulieren en de VOG, echt bureaucratie."),
    ("Wat vind je lastig?", "Het papierwerk houdt nieuwe mensen tegen."),
    ("Wat vind je lastig?", "Elk jaar nieuwe regels en protocollen."),
]


def _notes():
    return [
        note(text, line=i + 1, speaker=f"P{i % 4}", interview=f"i{i % 4}").model_copy(update={"context": q})
        for i, (q, text) in enumerate(SAID)
    ]


def _noise(n: int, dim: int = 16) -> np.ndarray:
    rows = np.random.default_rng(3).normal(size=(n, dim))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_cue_profile_leans_each_statement_towards_its_library_need():
    notes = _notes()
    features = describe(notes, _noise(len(notes)), "nl")
    ids = cue_need_ids("nl")
    leaning = [ids[k] for k in features.cue_profile.argmax(axis=1)]
    assert leaning[:3] == ["backup"] * 3
    assert leaning[3:6] == ["recognition"] * 3
    assert leaning[6:] == ["administration"] * 3
    assert features.vectors.shape == (len(notes), 16 + len(ids))


def test_cues_can_be_switched_off():
    features = describe(_notes(), _noise(9), "nl", settings=FeatureSettings(cues=False))
    assert features.vectors.shape == (9, 16) and not features.cue_profile.any()


def test_the_question_is_embedded_once_per_distinct_question():
    asked: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        asked.append(list(texts))
        return _noise(len(texts))

    describe(_notes(), _noise(9), "nl", embed=embed)
    assert len(asked) == 1 and len(asked[0]) == 3


def test_seeds_need_min_size_statements():
    profile = np.array([[1, 0], [2, 0], [1, 0], [0, 1], [0, 0]], dtype=float)
    assert seed_labels(profile, 3).tolist() == [0, 0, 0, -1, -1]


def test_library_seeds_recover_needs_that_embeddings_alone_do_not_see():
    notes = _notes()
    found = cluster_with_seeds(describe(notes, _noise(len(notes)), "nl"))
    assert len(set(found.labels[:3])) == 1 and len(set(found.labels[3:6])) == 1
    assert len({found.labels[0], found.labels[3], found.labels[6]}) == 3
    assert sorted(found.library_need.values()) == ["administration", "backup", "recognition"]


def test_the_needs_map_takes_library_titles():
    notes = _notes()
    needs_map = draft(NeedsMapInputs(notes=notes, vectors=_noise(len(notes)), language="nl"))
    assert "Vervanging en er niet alleen voor staan" in {need.title for need in needs_map.needs}


def test_opening_and_closing_turns_frame_the_interview():
    assert is_frame_turn("Hoi, fijn dat je tijd hebt. Wil je iets drinken? Koffie, thee?")
    assert is_frame_turn("Komt eraan. Vind je het goed als ik het gesprek opneem? Het is alleen voor mij.")
    assert is_frame_turn("Super. Bedankt, echt heel fijn.")
    assert is_frame_turn("Brilliant. Can I follow up with you?")
    assert not is_frame_turn("Gewoon praten. Zullen we beginnen? Vertel eens, hoe ben je trainer geworden?")
    assert not is_frame_turn("Dank je. Nog iets wat je kwijt wilt?")


def test_contact_details_with_little_else_are_arranging_not_a_need():
    assert shares_contact_details("Tuurlijk, mail gerust. Mijn mail is [e-mail].")
    long = (
        "Instagram of een appgroep, dat werkt voor mij, want een nieuwsbrief lees ik nooit en de website "
        "van de bond al helemaal niet. Mijn nummer is [telefoon]."
    )
    assert not shares_contact_details(long)


def test_coordination_and_digital_tools_are_needs_of_the_library():
    said = [
        "De zoon dacht dat wij het deden en wij dachten dat hij het deed; niemand wist wie wat doet.",
        "Elke keer iemand anders aan de deur, en de overdracht gaat via een briefje.",
        "We hebben al vier apps, en bij ons in de polder is er geen bereik.",
        "Niet via de computer, hè, ik wil het op papier.",
        "The handover is a note in a notebook and nobody told me who does what.",
        "Not another app, please, half of them don't work on my phone.",
    ]
    notes = [note(text, line=i) for i, text in enumerate(said, start=1)]
    assert _leaning(notes[:4], "nl") == ["coordination", "coordination", "digital", "digital"]
    assert _leaning(notes[4:], "en") == ["coordination", "digital"]
    assert library_title("coordination", "nl") and library_title("digital", "en")


def _leaning(notes: list, language: str) -> list[str]:
    profile = describe(notes, _noise(len(notes)), language).cue_profile
    return [cue_need_ids(language)[k] for k in profile.argmax(axis=1)]


def test_the_project_codebook_adds_needs_and_cues_to_the_library():
    said = [
        "De indicatie liep af en toen moest alles opnieuw via het loket.",
        "Voor de eigen bijdrage kreeg ik drie brieven, ik snapte er niks van.",
        "Het pgb is een hele papierwinkel, ik weet niet waar ik recht op heb.",
        "We hebben een zonnedak op de sporthal, dat is zo mooi.",
        "Die panelen op het dak van de school leveren meer dan gedacht.",
        "Het dak van de sporthal ligt vol panelen, echt mooi gedaan.",
    ]
    notes = [note(text, line=i, interview=f"i{i}") for i, text in enumerate(said, start=1)]
    codebook = [
        CodebookEntry(
            id="regelingen",
            title="Wegwijs in regelingen",
            cues=["indicatie", "eigen bijdrage", "pgb", "loket"],
        ),
        CodebookEntry(id="exchange", cues=["panelen", "zonnedak"]),
    ]
    features = describe(notes, _noise(len(notes)), "nl", codebook=codebook)
    assert features.need_ids[-1] == "regelingen" and "regelingen" not in cue_need_ids("nl")
    leaning = [features.need_ids[k] for k in features.cue_profile.argmax(axis=1)]
    assert leaning == ["regelingen"] * 3 + ["exchange"] * 3
    needs_map = draft(
        NeedsMapInputs(notes=notes, vectors=_noise(len(notes)), language="nl", codebook=codebook)
    )
    assert "Wegwijs in regelingen" in {need.title for need in needs_map.needs}


def test_a_codebook_entry_without_cues_is_refused_naming_the_line(tmp_path):
    from artefacts.errors import ConfigError
    from flows.scaffold import load_project

    (tmp_path / "samen.yaml").write_text(
        "organisation:\n  name: Test\nlanguage: nl\ncodebook:\n  - id: regelingen\n    cues: []\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path)
    assert "codebook" in str(info.value) and info.value.line == 6  # the line of `cues: []`
