"""Personal data in Dutch and English, per kind, on fixtures written for it (tests/fixtures/pii/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.pii import KIND_OF, find_personal_data, mask
from knowledge.pseudonymise import Pseudonymiser

FIXTURES = Path(__file__).parent / "fixtures" / "pii"
MARK = re.compile(r"\{(?P<kind>[a-z_]+):(?P<text>[^{}]+)\}")
HONORIFIC = re.compile(r"^(?:meneer|mevrouw|mw\.|Mrs|Mr|Ms|Dr)\s+")


def _fixture(language: str) -> tuple[list[str], list[str], list[tuple[str, list[tuple[str, str]]]]]:
    keep: list[str] = []
    speakers: list[str] = []
    lines = []
    for raw in (FIXTURES / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        head, _, rest = raw.partition(": ")
        if head in ("keep", "speakers"):
            (keep if head == "keep" else speakers).extend(x.strip() for x in rest.split(","))
            continue
        lines.append(
            (MARK.sub(lambda m: m["text"], raw), [(m["kind"], m["text"]) for m in MARK.finditer(raw)])
        )
    return keep, speakers, lines


def _pseudonymiser(tmp_path: Path, language: str, keep: list[str], speakers: list[str]) -> Pseudonymiser:
    p = Pseudonymiser(tmp_path / ".samen" / "pseudonyms.json", keep=keep, language=language)
    for name in speakers:
        p.speaker(name)
    return p


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_planted_item_is_gone_and_decoys_stay(tmp_path: Path, language: str) -> None:
    keep, speakers, lines = _fixture(language)
    p = _pseudonymiser(tmp_path, language, keep, speakers)
    for text, planted in lines:
        shown = p.pseudonymise(text)
        if not planted:
            assert shown == text, "a decoy line was changed"
        for kind, item in planted:
            assert HONORIFIC.sub("", item) not in shown, (kind, item, shown)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_kind_gets_its_own_placeholder(language: str) -> None:
    _, _, lines = _fixture(language)
    for text, planted in lines:
        found = [(KIND_OF[f.kind], text[f.start : f.end]) for f in find_personal_data(text)]
        assert found == [(kind, item) for kind, item in planted if kind != "name"], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call 07700 900417 now", "Call [phone] now"),
        ("NI QQ 12 34 56 C.", "NI [NI number]."),
        ("SSN 219-09-9999.", "SSN [SSN]."),
        ("At 14 Mill Lane, NF4 2QX.", "At [address], [postcode]."),
        ("Kastanjelaan 21 in Tiel", "[address] in Tiel"),
        ("ZIP 10027 and Columbus, OH 43215", "ZIP [postcode] and Columbus, OH [postcode]"),
        ("write to sue underscore patel at icloud dot com", "write to [email]"),
    ],
)
def test_english_shapes(text: str, expected: str) -> None:
    assert mask(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "I worked at tesco dot com for years.",
        "Chapter 4 of the book, 150 members in 2019, £12.50, 06-12-2020.",
        "It was somewhere on Millbrook Terrace, I forget the number.",
        "The A4 paper and the M1 motorway.",
    ],
)
def test_english_look_alikes_stay(text: str) -> None:
    assert mask(text, "en") == text


def test_names_found_in_text_keep_one_pseudonym_across_files_and_runs(tmp_path: Path) -> None:
    first = _pseudonymiser(tmp_path, "nl", [], [])
    one = first.pseudonymise("Hatice belde meneer Schouten.")
    again = Pseudonymiser(tmp_path / ".samen" / "pseudonyms.json").pseudonymise("Schouten en Hatice kwamen.")
    codes = re.findall(r"M\d\d", one)
    assert len(set(codes)) == 2 and again == f"{codes[1]} en {codes[0]} kwamen."


def test_names_that_are_words_stay_words(tmp_path: Path) -> None:
    p = _pseudonymiser(tmp_path, "nl", ["Museum Hoogland"], [])
    assert p.pseudonymise("Ik sprak Ben gisteren.") == "Ik sprak M01 gisteren."
    assert p.pseudonymise("Ben je er? Ik ben er ook.") == "Ben je er? Ik ben er ook."  # the verb, not Ben
    assert p.pseudonymise("Op maandag in mei naar Museum Hoogland bij Albert Heijn.") == (
        "Op maandag in mei naar Museum Hoogland bij Albert Heijn."
    )


def test_a_file_name_is_shown_pseudonymised_and_the_real_file_can_be_found(tmp_path: Path) -> None:
    p = _pseudonymiser(tmp_path, "nl", [], ["Ria Verhoeven"])
    shown = p.source_name("interviews/01_ria_verhoeven_teams.vtt")
    assert shown == "interviews/01_P01_teams.vtt"
    assert p.source_name("interviews/03_hatice_notities.md").startswith("interviews/03_M")
    assert p.source_name("interviews/05-coordinator-a.txt") == "interviews/05-coordinator-a.txt"
    reread = Pseudonymiser(tmp_path / ".samen" / "pseudonyms.json")
    assert reread.real_source(shown) == "interviews/01_ria_verhoeven_teams.vtt"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("de moeder van Mila bracht laatst baklava mee", "Mila"),
        ("Mijn buurvrouw Tjarda kwam ook kijken.", "Tjarda"),
        ("My neighbour Dwayne Foster fixed it.", "Dwayne Foster"),
        ("ask my colleague Oksana, she knows", "Oksana"),
    ],
)
def test_a_name_after_a_relation_is_found_even_when_no_list_has_it(
    tmp_path: Path, text: str, name: str
) -> None:
    masked = Pseudonymiser(tmp_path / "pseudonyms.json").pseudonymise(text)
    assert name.split()[0] not in masked and re.search(r"\bM\d{2}\b", masked)


@pytest.mark.parametrize(
    "text",
    [
        "de moeder van een leerling belde",
        "Mijn buurman Ik bedoel de man van hiernaast",
        "my neighbour, Mrs Patel",
    ],
)
def test_after_a_relation_only_a_name_is_taken(tmp_path: Path, text: str) -> None:
    from knowledge.person_names import find_person_names

    found = [n.name for n in find_person_names(text)]
    assert found in ([], ["Patel"])
