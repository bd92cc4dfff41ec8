"""Names that no list has, found by the words around them; ordinary capitalised words left alone.

Every name here is absent from knowledge/lexicons/person_names.yaml (the first test checks that), so
each is found by a general signal, not by a list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.known_words import is_known_word
from knowledge.person_names import find_person_names, given_names
from knowledge.pii import find_personal_data
from knowledge.pseudonymise import Pseudonymiser

UNLISTED = [
    "Femmigje",
    "Wubbo",
    "Ludmila",
    "Sietske",
    "Gerbrich",
    "Tjitte",
    "Anneloes",
    "Şükrü",
    "Gerbrand-Jelle",
    "Aoibheann",
    "Przemek",
    "Nnenna",
    "Thandiwe",
    "Torquil",
    "Ailsa",
    "Kinga",
    "Oyelowo",
]


def names(text: str) -> list[str]:
    return [n.name for n in find_person_names(text)]


def test_the_names_of_these_tests_are_in_no_list_and_no_dictionary() -> None:
    for name in UNLISTED:
        assert name.casefold() not in given_names(), name
        assert not is_known_word(name), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb right after a word that is no ordinary word, also at the start of a sentence
        ("Femmigje zei dat ze niet kon komen.", ["Femmigje"]),
        ("Aoibheann said she couldn't come.", ["Aoibheann"]),
        ("Gerbrand-Jelle heeft de beamer meegenomen.", ["Gerbrand-Jelle"]),
        ("Şükrü woont al twintig jaar in de wijk.", ["Şükrü"]),
        # a verb right before it (Dutch word order) or after it in the middle of a sentence
        ("Toen kwam Wubbo binnen met de taart.", ["Wubbo"]),
        ("Then Przemek came in with the cake.", ["Przemek"]),
        # a word that comes before people
        ("Ik heb met Ludmila gesproken over de les.", ["Ludmila"]),
        ("I talked with Nnenna about the class.", ["Nnenna"]),
        ("Mijn nicht heet Anneloes en woont in Almelo.", ["Anneloes"]),
        # a possessive before a noun
        ("Sietske's dochter doet ook mee.", ["Sietske"]),
        ("Thandiwe's daughter joins too.", ["Thandiwe"]),
        # two joined by en/and
        ("Dat vroeg ik aan Gerbrich en Tjitte.", ["Gerbrich", "Tjitte"]),
        ("Torquil and Ailsa run the stall.", ["Torquil", "Ailsa"]),
        ("Fatima and Tjitte did the dishes.", ["Fatima", "Tjitte"]),
        # a surname that is no ordinary word either
        ("Op de foto staat ook Kinga Oyelowo, achteraan.", ["Kinga Oyelowo"]),
    ],
)
def test_a_name_no_list_has_is_found_by_the_words_around_it(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # ordinary words opening a sentence, before a verb
        "Gisteren belde de wethouder nog over de subsidie.",
        "Buurtbewoners hebben zelf de tuin aangelegd.",
        "Sometimes it just isn't worth coming.",
        "Residents have built the garden themselves.",
        # places, shops and organisations after an article or a word of place
        "We gingen naar Zwolle en daarna naar Kampen. Zwolle heeft een mooie binnenstad.",
        "Bij de Lidl is het goedkoper, zei mijn moeder.",
        "We went to Preston and then to Blackpool.",
        "At Aldi it's cheaper, my mum said.",
        "De Nederlandse Taalunie heeft daar materiaal voor.",
        "He works for Unilever in Port Sunlight.",
        "The Salvation Army and Barnardo's are joining in.",
        # a list of places with commas
        "Zwolle, Kampen en Deventer doen ook mee.",
        # nationalities and languages, which both languages capitalise
        "Zij spreekt Tigrinya, Pools en een beetje Arabisch.",
        "She is Eritrean and speaks Tigrinya at home.",
        # a word the text itself writes in lower case
        "De sjoelbak staat klaar. Sjoelbak is het leukste spel.",
        # an organisation after an unknown word
        "Volgens Heerenveen City Council klopt het niet.",
    ],
)
def test_ordinary_capitalised_words_stay(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Ze woont op de Vlinderstrik 8, naast de bakker.", "Vlinderstrik 8"),
        ("Het pakket ligt aan het Zonnedauw 3a.", "Zonnedauw 3a"),
        ("We zitten aan het Hoornsediep 7.", "Hoornsediep 7"),
        ("Het kantoor is op Lindepaed 2 in Burgum.", "Lindepaed 2"),
        ("The keys are at 12 Kestrel Approach.", "12 Kestrel Approach"),
        ("She moved to 4 Tern Wynd last year.", "4 Tern Wynd"),
        ("Send it to 7 Beacon Heights, please.", "7 Beacon Heights"),
    ],
)
def test_a_street_is_found_by_its_shape(text: str, street: str) -> None:
    assert [text[f.start : f.end] for f in find_personal_data(text) if f.kind == "address"] == [street]


@pytest.mark.parametrize(
    "text",
    [
        "De les is in Zaal 3 op de eerste verdieping.",
        "Op de Veluwe 3 dagen fietsen, dat was mooi.",
        "Het kost op de Markt 12 euro per kraam.",
        "The session is in Room 4 on the ground floor.",
    ],
)
def test_a_word_and_a_number_that_are_no_address_stay(text: str) -> None:
    assert [f for f in find_personal_data(text) if f.kind == "address"] == []


def test_a_name_found_once_is_replaced_wherever_it_comes_later(tmp_path: Path) -> None:
    p = Pseudonymiser(tmp_path / ".samen" / "pseudonyms.json", language="nl")
    first = p.pseudonymise("Wubbo belde over de sleutel.")
    later = p.pseudonymise("De koffie was op; Wubbo ook.")  # no word here says Wubbo is a person
    code = first.split()[0]
    assert code.startswith("M") and "Wubbo" not in first
    assert later == f"De koffie was op; {code} ook."


def test_a_surname_that_is_also_a_word_stays_a_word(tmp_path: Path) -> None:
    p = Pseudonymiser(tmp_path / ".samen" / "pseudonyms.json", language="nl")
    p.speaker("Wim ter Haar")
    shown = p.pseudonymise("Ik zag Haar gisteren. Haar man en haar zus kwamen, Wim ter Haar niet.")
    assert shown == "Ik zag P01 gisteren. Haar man en haar zus kwamen, P01 niet."


@pytest.mark.parametrize(
    "text",
    [
        "Fietsen doet ze niet meer, zegt ze.",
        "Meepraten wil hij wel, trekken niet.",
        "Hij heeft de ziekte van Alzheimer, al drie jaar.",
        "Ze praten Brabantse en Hollandse woorden door elkaar.",
    ],
)
def test_verbs_diseases_and_regions_are_no_names(text: str) -> None:
    assert names(text) == []
