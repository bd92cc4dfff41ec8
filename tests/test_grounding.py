"""Quotes must occur verbatim in the note they cite; ids must exist."""

from __future__ import annotations

from agents.shared.grounding import missing_quotes, normalise, occurs, quotes_anywhere, unknown_ids

NOTES = {"n-1": "Ik wil  graag\nsamen ‘koffie’ drinken met “collega’s”.", "n-2": "Nooit op kantoor."}


def test_whitespace_and_typographic_quotes_are_forgiven() -> None:
    assert normalise(" a\t b\n c ") == "a b c"
    assert occurs("graag samen 'koffie' drinken", NOTES["n-1"])
    assert occurs('met "collega\'s"', NOTES["n-1"])


def test_case_and_words_are_not_forgiven() -> None:
    assert not occurs("Graag samen", NOTES["n-1"])
    assert not occurs("graag koffie drinken", NOTES["n-1"])
    assert not occurs("   ", NOTES["n-1"])


def test_missing_quotes_name_the_quote_and_the_note() -> None:
    errors = missing_quotes(
        [("n-1", "samen 'koffie'"), ("n-2", "samen 'koffie'"), ("n-9", "x"), ("n-1", " ")], NOTES
    )
    assert errors == [
        "quote \"samen 'koffie'\" does not occur verbatim in note n-2; copy the words exactly as they stand in that note",
        "quote 'x' cites 'n-9', which is not one of the notes given",
        "an empty quote cites 'n-1'",
    ]


def test_quotes_anywhere_and_unknown_ids() -> None:
    assert quotes_anywhere(["Nooit op kantoor", "nooit op kantoor"], NOTES) == [
        "quote 'nooit op kantoor' does not occur verbatim in any of the notes given"
    ]
    assert unknown_ids(["n-1", "n-7", "n-7"], NOTES) == [
        "note id 'n-7' does not exist; use only the note ids given"
    ]
    assert unknown_ids(["c9"], ["c1"], what="cluster") == [
        "cluster id 'c9' does not exist; use only the cluster ids given"
    ]


def test_long_quotes_are_shortened_in_errors() -> None:
    [error] = missing_quotes([("n-1", "woord " * 100)], NOTES)
    assert "…" in error and len(error) < 250
