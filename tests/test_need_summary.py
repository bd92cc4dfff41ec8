"""A need speaks through its most central statements: never a refusal, a keyword list or a cut sentence."""

from __future__ import annotations

import numpy as np

from agents.initiative.need_profile import about_taking_part, profile_need
from agents.initiative.needs_map import Layout, assemble, note_entry
from artefacts.quote_text import core_sentences, sendable_quote
from tests.builders import note

# Tenants of a housing association talk about a shared tool shed (invented, not from the examples).
SHED = [
    "We hebben geen plek om gereedschap te delen, iedereen koopt zelf een boormachine voor één gaatje.",
    "Een gedeelde schuur met gereedschap zou voor de hele straat schelen, dan leen je gewoon een ladder.",
    "Ik leen nu steeds bij de buren, maar dat voelt als bedelen, een schuur met gereedschap zou fijn zijn.",
    "Ga mij niet vragen om iets te organiseren, daar heb ik echt geen tijd voor, maar gereedschap lenen wel.",
    "Misschien wil ik ooit wel helpen, maar trekken doe ik niet, dat gereedschap is mooi.",
]


def _entries(texts: list[str]):
    return [note_entry(note(t, speaker=f"P0{i + 1}", line=i + 1)) for i, t in enumerate(texts)]


def _vectors(n: int, central: int) -> np.ndarray:
    """All near one direction; note ``central`` exactly on it (it would win on closeness alone)."""
    rng = np.random.default_rng(3)
    base = np.zeros(16)
    base[0] = 1.0
    rows = base + 0.3 * rng.normal(size=(n, 16))
    rows[central] = base
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_refusal_or_a_hedge_about_a_role_never_speaks_for_the_need():
    entries = _entries(SHED)
    assert [about_taking_part(e, "nl") for e in entries] == [False, False, False, True, True]
    need = profile_need(
        "N01", entries, _vectors(5, central=3), title="Gereedschap delen", statement="…",
        keywords=[], interviewees=5, language="nl",
    )  # fmt: skip
    assert {q.text for q in need.evidence} == set(SHED[:3])


def test_the_summary_is_built_from_central_statements_without_keywords_or_cut_sentences():
    entries = _entries(SHED)
    layout = Layout({e.id: "N01" for e in entries}, {"N01": "Gereedschap delen"}, {}, {})
    needs_map = assemble(entries, _vectors(5, central=3), layout, language="nl", min_size=3, interviews=5)
    statement = needs_map.needs[0].statement
    assert statement.startswith("Genoemd door 5 van de 5 geïnterviewden")
    assert "hebben het over" not in statement and "organiseren" not in statement
    quoted = [part.strip("“” ") for part in statement.split(": ", 1)[1].split(" · ")]
    assert all(q in SHED[:3] for q in quoted)  # whole statements, word for word


def test_core_sentences_keep_whole_sentences_and_mark_what_is_left_out():
    text = (
        "Ja, dat klopt. Het wijkgebouw is alleen open als de beheerder er is, en die werkt parttime. "
        "Dus op zaterdag staan we voor een dichte deur. Dat is zonde, want juist dan hebben mensen tijd "
        "om samen iets te doen, en de kinderen zijn vrij."
    )
    core = core_sentences(text, limit=140)
    assert core.startswith("[…] Het wijkgebouw is alleen open") and core.endswith("dichte deur. […]")
    assert core_sentences("Ja.") == "Ja."
    english = "Well. The community room is locked most evenings, so the youth club meets in a car park."
    assert (
        core_sentences(english)
        == "[…] The community room is locked most evenings, so the youth club meets in a car park."
    )


def test_a_sendable_quote_holds_no_pseudonym_codes_and_whole_sentences_only():
    texts = [
        "Ik train bij M13 en bel dan [telefoon]. Dat is alles.",
        "Ja. Bij ons in de wijk is er geen plek waar je gewoon even binnen kunt lopen voor een praatje.",
    ]
    assert (
        sendable_quote(texts)
        == "Bij ons in de wijk is er geen plek waar je gewoon even binnen kunt lopen voor een praatje."
    )
    assert sendable_quote(["Kort.", "Mail P04 even."]) is None
