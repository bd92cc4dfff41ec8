"""Street addresses and e-mail addresses spoken aloud, in Dutch and English.

Dutch addresses are a street name ending in a street word (``-straat``, ``-laan``, ``-weg``…), possibly
after a few capitalised words or particles ("Burgemeester de Withstraat"), then a house number with an
optional letter or addition ("Kastanjelaan 21", "Dorpsstraat 4-bis", "Oude Gracht 12a"). English ones put
the number first, then capitalised words and a street word ("27 Millbrook Terrace", "Flat 3, 14 Mill
Lane", "1420 Elm Street", "9 Station Approach"). A Dutch street without a street word in its name
("Koekoeksbloem", "Zevenwouden") is found by its place in the sentence: after "aan de", "op", "in de"…
a capitalised word that is no ordinary word ("Lokaal 12", "Spoor 3" and "Groep 7" are) and a house
number that is not an amount ("op de Koekoeksbloem 12"). A street without a number is not caught: by
itself it rarely points to one person.

A spoken e-mail address is ``local at domain dot tld`` ("Alan dot Whitcombe 62 at gmail dot com", "jan
punt de vries apenstaartje ziggo punt nl"); to keep "I worked at tesco dot com" a sentence, the local
part must look like one (a dot, an underscore or digits in it) or the domain must be a mail provider.
"""

from __future__ import annotations

import re

from knowledge.known_words import is_known_word
from knowledge.wordlists import words

_AMOUNTS = "|".join(sorted(words("addresses", "not_after_number")))
_NOT_AN_AMOUNT = rf"(?!\d)(?!\s*(?:%|(?:{_AMOUNTS})\b))"
_NL_STREET_WORDS = sorted(words("addresses", "nl_street_words"), key=lambda w: (-len(w), w))
_NL_HOUSE_NUMBER = (
    r"\d{1,4}(?:\s?-?\s?[a-zA-Z](?![\w])|-\d{1,3}(?![\w])|\s(?:hoog|bis|huis)\b|\s[IV]{1,3}\b)?"
)
_NL_ADDRESS = re.compile(
    r"(?<![\w])(?:(?:[A-Z][\w'’.-]*|\d{1,2}e)\s+(?:(?:van|de|der|den|het|'t|ter|ten|te)\s+)*){0,3}"
    rf"(?:[A-Z][a-zà-ÿ'’-]*(?:{'|'.join(_NL_STREET_WORDS)})|(?:{'|'.join(w.capitalize() for w in _NL_STREET_WORDS)}))"
    rf"\s+{_NL_HOUSE_NUMBER}(?![\w,.]\d){_NOT_AN_AMOUNT}"
)
_EN_STREET_WORDS = "|".join(sorted(w.capitalize() for w in words("addresses", "en_street_words")))
_EN_ABBREVIATIONS = "|".join(sorted(w.capitalize() for w in words("addresses", "en_street_abbreviations")))
_EN_ADDRESS = re.compile(
    r"(?<![\w])(?:(?:Flat|Apartment|Apt\.?|Unit|Suite)\s+\d{1,4}[A-Z]?,?\s+)?"
    r"\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+(?:[A-Z][a-z'’-]+\s+){1,3}"
    rf"(?:(?:{_EN_STREET_WORDS})\b|(?:{_EN_ABBREVIATIONS})\b\.?)"
    r"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|Flat)\s+\d{1,4}[A-Z]?\b)?"
)
ADDRESS_PATTERNS = (_NL_ADDRESS, _EN_ADDRESS)

_PREPOSITIONS = "|".join(
    r"\s+".join(p.split()) for p in sorted(words("addresses", "nl_prepositions"), key=len, reverse=True)
)
NL_ADDRESS_AFTER_PREPOSITION = re.compile(
    rf"(?<![\w])(?:{_PREPOSITIONS})\s+"
    r"(?P<value>(?P<street>[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+)?)\s+"
    rf"{_NL_HOUSE_NUMBER})(?![\w,.]\d){_NOT_AN_AMOUNT}",
    re.IGNORECASE,
)


def street_after_preposition(match: re.Match[str]) -> tuple[int, int] | None:
    """The span of a street and house number after "aan de", "op"…, when no word of the street is an
    ordinary word ("op de Koekoeksbloem 12", not "in Lokaal 12")."""
    street = match.group("street")
    if not all(part[0].isupper() and not is_known_word(part) for part in street.split()):
        return None
    return match.span("value")


_JOINER = r"(?:\s+(?:dot|punt|underscore|streepje|liggend\s+streepje|dash|hyphen)\s+|[._-]|\s+(?=\d))"
_LOCAL_TOKEN = r"(?:(?:van|de|der|den|ter|ten|el|al)\s+)*[A-Za-z0-9]+"
_AT = r"\s+(?:at|apenstaartje|apestaartje|at-sign|@)\s+"
_DOT = r"(?:\s+(?:dot|punt)\s+|\.)"
_TLDS = "com|nl|org|net|uk|be|de|eu|io|info|edu|gov|fr|us|me"
SPOKEN_EMAIL = re.compile(
    rf"(?<![\w.@])(?P<local>{_LOCAL_TOKEN}(?:{_JOINER}{_LOCAL_TOKEN})*){_AT}"
    rf"(?P<domain>[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}(?:{_TLDS}))(?![\w])",
    re.IGNORECASE,
)
MAIL_PROVIDERS = words("addresses", "mail_providers")


def spoken_email_ok(candidate: str) -> bool:
    """True when a ``local at domain`` match is an e-mail address, not a sentence with "at" in it."""
    match = SPOKEN_EMAIL.fullmatch(candidate)
    if match is None:
        return False
    local, domain = match.group("local"), match.group("domain").lower()
    provider = re.split(r"\s+(?:dot|punt)\s+|\.", domain)[0]
    looks_local = bool(re.search(rf"{_JOINER}|\d", local, re.IGNORECASE))
    return looks_local or provider in MAIL_PROVIDERS
