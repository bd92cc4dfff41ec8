"""Pseudonymisation: every kind of personal data caught, look-alikes left alone, pseudonyms stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artefacts.errors import ConfigError, NotFoundError
from knowledge.pii import bsn_ok, iban_ok, mask
from knowledge.pseudonymise import Pseudonymiser, name_aliases


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    return tmp_path / ".samen" / "pseudonyms.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jan.devries@school.nl graag.", "Mail [e-mail] graag."),
        ("Bel 06-12345678.", "Bel [telefoon]."),
        ("Bel 06 1234 5678 maar", "Bel [telefoon] maar"),
        ("Bel 0612345678", "Bel [telefoon]"),
        ("Bel +31 6 12345678", "Bel [telefoon]"),
        ("Bel +31 (0)6 12345678", "Bel [telefoon]"),
        ("Bel 020-1234567 op kantoor", "Bel [telefoon] op kantoor"),
        ("Bel 0031 6 12345678", "Bel [telefoon]"),
        ("Call +44 20 7946 0958.", "Call [telefoon]."),
        ("Rekening NL91 ABNA 0417 1643 00 graag", "Rekening [iban] graag"),
        ("Rekening NL91ABNA0417164300.", "Rekening [iban]."),
        ("Ik woon op 1234 AB in Zwolle", "Ik woon op [postcode] in Zwolle"),
        ("Postcode 1234AB.", "Postcode [postcode]."),
        ("Mijn BSN is 123456782.", "Mijn BSN is [bsn]."),
        ("Zie https://samen.example.nl/a?b=1, echt.", "Zie [url], echt."),
        ("Zie www.samen.nl.", "Zie [url]."),
    ],
)
def test_each_kind_is_caught(text: str, expected: str) -> None:
    assert mask(text, "nl") == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 en 2020 waren er 150 leden.",  # years, not postcodes
        "Bestelnummer 12345678 en order 0012345678.",  # order numbers, not phones
        "Het nummer 123456789 haalt de elfproef niet.",  # 9 digits failing the eleven test
        "Rekening NL91ABNA0417164301 klopt niet.",  # IBAN failing mod-97
        "Op 06-12-2020 om 12:00 begonnen we.",  # a date and a time
        "Versie 3.14 kost 1.234.567 euro.",
    ],
)
def test_look_alikes_are_not_caught(text: str) -> None:
    assert mask(text, "nl") == text


def test_checks() -> None:
    assert bsn_ok("123456782") and not bsn_ok("123456789") and not bsn_ok("000000000")
    assert iban_ok("NL91ABNA0417164300") and not iban_ok("NL91ABNA0417164301")


def test_placeholders_follow_the_project_language(mapping: Path) -> None:
    english = Pseudonymiser(mapping, language="en")
    assert english.pseudonymise("Mail a@b.org or call 06-12345678") == "Mail [email] or call [phone]"


def test_names_full_first_last_and_particles(mapping: Path) -> None:
    p = Pseudonymiser(mapping)
    assert p.speaker("Jan van der Berg") == "P01"
    assert name_aliases("Jan van der Berg") == ["jan van der berg", "jan", "van der berg"]  # "berg" is a word
    text = "Jan van der Berg zei het. Jan's idee, van Van der Berg. JAN lachte. De berg op, Janssen niet."
    assert p.pseudonymise(text) == "P01 zei het. P01's idee, van P01. P01 lachte. De berg op, Janssen niet."


def test_interviewers_extra_names_and_keep(mapping: Path) -> None:
    p = Pseudonymiser(mapping, extra_names=["Buurthuis De Linde"], keep=["Sterre"])
    assert p.speaker("Anna Smit", "interviewer") == "I01"
    assert p.speaker("Sterre Verhoef") == "P01"
    assert (
        p.pseudonymise("Anna vroeg het aan Sterre Verhoef in Buurthuis De Linde.")
        == "I01 vroeg het aan P01 in M01."
    )
    assert p.pseudonymise("Sterre zei ja, Verhoef ook.") == "Sterre zei ja, P01 ook."  # keep wins
    assert p.reveal("I01") == "Anna Smit"
    with pytest.raises(NotFoundError):
        p.reveal("P99")


def test_stand_in_keys_are_not_masked(mapping: Path) -> None:
    p = Pseudonymiser(mapping)
    assert p.speaker("interviews/a.txt#Respondent", mask_in_text=False) == "P01"
    assert (
        p.pseudonymise("De respondent zei interviews/a.txt#Respondent")
        == "De respondent zei interviews/a.txt#Respondent"
    )


def test_stable_across_instances_on_one_mapping_file(mapping: Path) -> None:
    first = Pseudonymiser(mapping)
    assert [first.speaker("Fatima"), first.speaker("Kees Jansen"), first.speaker("Piet", "interviewer")] == [
        "P01",
        "P02",
        "I01",
    ]
    second = Pseudonymiser(mapping)
    assert second.speaker("kees  jansen") == "P02"  # case and spacing do not matter
    assert second.speaker("Lotte") == "P03"  # new people continue the numbering
    assert second.pseudonymise("Fatima en Kees") == "P01 en P02"
    stored = json.loads(mapping.read_text(encoding="utf-8"))
    assert [row["pseudonym"] for row in stored["people"]] == ["P01", "P02", "I01", "P03"]
    assert not list(mapping.parent.glob("*.tmp"))  # written atomically, nothing left behind


def test_a_named_person_who_speaks_gets_a_speakers_code(mapping: Path) -> None:
    p = Pseudonymiser(mapping, extra_names=["Joke Smit"])
    assert p.pseudonymise("Joke Smit") == "M01"
    assert p.speaker("Joke Smit") == "P01"
    assert p.pseudonymise("Joke Smit") == "P01"
    assert Pseudonymiser(mapping, extra_names=["Joke Smit"]).speaker("Joke Smit") == "P01"


def test_a_corrupt_mapping_is_a_config_error(mapping: Path) -> None:
    mapping.parent.mkdir(parents=True)
    mapping.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="pseudonyms.json"):
        Pseudonymiser(mapping)


def test_a_batch_writes_the_mapping_once_at_the_end(mapping: Path) -> None:
    p = Pseudonymiser(mapping)
    with p.batch():
        p.speaker("Fatima")
        p.speaker("Kees Jansen")
        assert not mapping.exists()
        assert p.pseudonymise("Kees zei het") == "P02 zei het"
    assert Pseudonymiser(mapping).speaker("Kees Jansen") == "P02"


def test_a_full_name_wins_over_another_persons_first_name(mapping: Path) -> None:
    p = Pseudonymiser(mapping)
    assert [p.speaker("Fatima El Amrani"), p.speaker("Fatima")] == ["P01", "P02"]
    assert p.pseudonymise("Fatima en Fatima El Amrani, en El Amrani") == "P02 en P01, en P01"


def _register_many(mapping: str, prefix: str, count: int, shared: int) -> None:
    """Run in a child process: register ``count`` own names and ``shared`` names the other child also adds."""
    pseudonymiser = Pseudonymiser(Path(mapping))
    for i in range(count):
        pseudonymiser.speaker(f"{prefix} Persoon{i:03d}")
        if i < shared:
            pseudonymiser.speaker(f"Gedeeld Iemand{i:03d}")


def test_two_processes_pseudonymising_at_once_lose_no_one_and_share_no_pseudonym(mapping: Path) -> None:
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # a fresh interpreter each: two real processes
    children = [
        context.Process(target=_register_many, args=(str(mapping), prefix, 60, 20))
        for prefix in ("Anna", "Bram")
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=120)
        assert child.exitcode == 0
    people = json.loads(mapping.read_text(encoding="utf-8"))["people"]
    names = [p["name"] for p in people]
    expected = {f"{prefix} Persoon{i:03d}" for prefix in ("Anna", "Bram") for i in range(60)}
    expected |= {f"Gedeeld Iemand{i:03d}" for i in range(20)}
    assert sorted(names) == sorted(expected)  # every name once: none lost, none doubled
    pseudonyms = [p["pseudonym"] for p in people]
    assert len(set(pseudonyms)) == len(pseudonyms) == 140  # one-to-one
    assert Pseudonymiser(mapping).speaker("Gedeeld Iemand000") in pseudonyms


def test_a_pseudonymiser_sees_people_another_one_added_since(mapping: Path) -> None:
    first, second = Pseudonymiser(mapping), Pseudonymiser(mapping)
    assert first.speaker("Anna Smit") == "P01"
    assert second.speaker("Bram Jansen") == "P02"  # not P01: the mapping is re-read under the lock
    assert first.speaker("Bram Jansen") == "P02"


def test_a_file_name_loses_the_names_in_it_but_keeps_its_other_words(tmp_path: Path) -> None:
    pseudonymiser = Pseudonymiser(tmp_path / "pseudonyms.json")
    named = pseudonymiser.source_name("interviews/03_ria_verhoeven_teams.vtt")
    assert (
        "ria" not in named.casefold() and "verhoeven" not in named.casefold() and named.endswith("_teams.vtt")
    )
    for plain in ("interviews/04-html.txt", "interviews/05-markdown.txt", "interviews/07-sjabloon.txt"):
        assert pseudonymiser.source_name(plain) == plain  # words, not people: nothing around them says so


def test_hundreds_of_people_are_found_as_one_pattern_finds_them(mapping: Path) -> None:
    """Names are compiled once and added to (reading 700 interviews recompiled one pattern of every name
    a thousand times); the result is what a single pattern of all the names gives."""
    import knowledge.pseudonymise as module

    first = ["Anouk", "Bram", "Chantal", "Daan", "Eline", "Floor", "Gijs", "Hanna", "Ilse", "Joost"]
    last = ["Zwaneveld", "Kortenhoeven", "Oosterbroek", "Wijnbergen", "Achterhuis", "Valkenier", "Drieling",
            "Hofstede", "Lammerink", "Veldkamp", "Ruiterman", "Brinkhorst", "Eikelboom", "Sprenkels"]  # fmt: skip
    p = Pseudonymiser(mapping)
    codes = {}
    for i, (f, s) in enumerate((f, s) for s in last for f in first):
        codes[f"{f} {s}"] = p.speaker(f"{f} {s}")
        if i % 7 == 0:  # texts read between registrations, as interviews are
            p.pseudonymise(f"{f} {s} vertelde het.")
    pattern = p._name_pattern()
    assert pattern is not None and pattern.added is not None  # the latest names: compiled apart
    assert len(p._base_aliases) > module.NEW_NAMES_APART
    text = " ".join(f"{name} was er." for name in list(codes)[::9]) + " Ruiterman ook, Kortenhoeven niet."
    eligible = [a for a in p._aliases if " " in a or not module.is_ambiguous(a)]
    whole = module.NamePattern(module._compile_names(eligible))
    assert pattern.finditer(text) == whole.finditer(text)
    masked = p.pseudonymise(text)
    assert not any(name in masked for name in list(codes)[::9])
    assert "Ruiterman" not in masked and "Kortenhoeven" not in masked


def test_a_longer_name_added_later_wins_over_a_shorter_one_compiled_before() -> None:
    import knowledge.pseudonymise as module

    base = module._compile_names(["ria", "jansen"])
    added = module._compile_names(["ria verhoeven-jansen"])
    spans = module.NamePattern(base, added).finditer("Toen zei Ria Verhoeven-Jansen dat Ria kwam.")
    assert [text for _, _, text in spans] == ["Ria Verhoeven-Jansen", "Ria"]
