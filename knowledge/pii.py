"""Personal data that has a shape, in Dutch and English texts.

E-mail addresses (also spoken aloud: "jan punt de vries apenstaartje ziggo punt nl"), URLs, IBANs,
phone numbers (Dutch, UK, US and international), national ids (BSN, UK National Insurance number, US
Social Security number), postcodes (Dutch, UK, US ZIP) and street addresses (see
``knowledge.pii_addresses``). Each kind is a pattern plus, where a pattern alone would catch too much, a
check: an IBAN must pass mod-97, a BSN the eleven test, a phone number must have the right number of
digits. ``find_personal_data`` gives the spans, ``mask`` replaces each by a placeholder in the project
language ("[telefoon]", "[phone]"). Person names are found by ``knowledge.person_names``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from artefacts.catalogue import PerLanguage
from knowledge.pii_addresses import (
    ADDRESS_PATTERNS,
    NL_ADDRESS_AFTER_PREPOSITION,
    SPOKEN_EMAIL,
    spoken_email_ok,
    street_after_preposition,
)
from knowledge.wordlists import words

PLACEHOLDERS: PerLanguage[Mapping[str, str]] = PerLanguage("pii.placeholders")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?'\")]"
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}(?![\w])")
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}(?![\w])"
)
# 0 + area code, at most one "-" (after the area code), then groups separated by single spaces.
_PHONE_NATIONAL = re.compile(
    r"(?<![\w+-])(?:0[1-9]\d{0,3}|\(0[1-9]\d{1,3}\))[\s-]?\d{2,4}(?: ?\d{2,4}){0,3}(?![\w-])"
)
# US: (415) 555-0132, 415-555-0132, 415.555.0132, 1-800-555-0199
_PHONE_US = re.compile(
    r"(?<![\w+-])(?:1[\s.-])?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}(?![\w-])"
)
_BSN = re.compile(r"(?<![\w.-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w-]|\.\d)")
_NI_NUMBER = re.compile(r"(?<![\w])[A-CEGHJ-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])")
_SSN = re.compile(r"(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])")
_POSTCODE_NL = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_POSTCODE_UK = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_US_STATES = sorted(w.upper() for w in words("addresses", "us_states"))
_ZIP = re.compile(  # five digits only where a ZIP code stands: after a state ("OH 43215") or "ZIP"
    rf"(?:\b(?:{'|'.join(_US_STATES)}),? |\b(?:zip|ZIP|Zip)(?: ?[Cc]ode)?(?: is|:)? )(?P<value>\d{{5}}(?:-\d{{4}})?)(?![\w-])"
)

IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27, "AT": 20}

# the placeholder of each kind → the kind of personal data it is, for measuring (benchmarks/pii_*)
KIND_OF = {
    "email": "email",
    "url": "url",
    "iban": "iban",
    "phone": "phone",
    "bsn": "national_id",
    "ni_number": "national_id",
    "ssn": "national_id",
    "postcode": "postcode",
    "address": "address",
}


@dataclass(frozen=True)
class Found:
    """A piece of personal data in a text: ``text[start:end]``, of placeholder kind ``kind``."""

    kind: str
    start: int
    end: int


def placeholders(language: str) -> Mapping[str, str]:
    return PLACEHOLDERS.get(language, PLACEHOLDERS["en"])


def iban_ok(compact: str) -> bool:
    """True when ``compact`` (no spaces, upper case) passes the IBAN mod-97 check."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def bsn_ok(number: str) -> bool:
    """True when nine digits pass the eleven test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11)."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(weight * d for weight, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0


def phone_ok(candidate: str) -> bool:
    """International numbers have 9–15 digits after the country prefix; national ones (a leading 0)
    10 (Dutch, most UK landlines) or 11 (UK mobiles and landlines: 07700 900417, 0161 496 0018)."""
    text = candidate.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return 9 <= len(digits) <= 15
    if text.startswith("00"):
        return 9 <= len(digits) - 2 <= 15
    return len(digits) in (10, 11)


Span = tuple[int, int]


def _iban(match: re.Match[str]) -> Span | None:
    raw = match.group(0)
    compact = raw.replace(" ", "")
    length = IBAN_LENGTHS.get(compact[:2], len(compact))
    if len(compact) < length or not iban_ok(compact[:length]):
        return None
    seen, cut = 0, 0
    while seen < length:  # find where the IBAN ends inside the spaced text
        seen += raw[cut] != " "
        cut += 1
    return match.start(), match.start() + cut


def _url(match: re.Match[str]) -> Span | None:
    return match.start(), match.start() + len(match.group(0).rstrip(_URL_TAIL))


def _whole(match: re.Match[str]) -> Span | None:
    return match.span()


def _value(match: re.Match[str]) -> Span | None:
    """The group named ``value``: the pattern also matched the words that announce it."""
    return match.span("value")


def _checked(check: Callable[[str], bool]) -> Callable[[re.Match[str]], Span | None]:
    def span(match: re.Match[str]) -> Span | None:
        return match.span() if check(match.group(0)) else None

    return span


# (placeholder kind, pattern, the span of an accepted match or None); earlier rules win an overlap
_RULES: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], Span | None]]] = [
    ("email", _EMAIL, _whole),
    ("email", SPOKEN_EMAIL, _checked(spoken_email_ok)),
    ("url", _URL, _url),
    ("iban", _IBAN, _iban),
    ("ni_number", _NI_NUMBER, _whole),
    ("phone", _PHONE_INTL, _checked(phone_ok)),
    ("phone", _PHONE_US, _whole),
    ("phone", _PHONE_NATIONAL, _checked(phone_ok)),
    ("ssn", _SSN, _whole),
    ("bsn", _BSN, _checked(bsn_ok)),
    *[("address", pattern, _whole) for pattern in ADDRESS_PATTERNS],
    ("address", NL_ADDRESS_AFTER_PREPOSITION, street_after_preposition),
    ("postcode", _POSTCODE_NL, _whole),
    ("postcode", _POSTCODE_UK, _whole),
    ("postcode", _ZIP, _value),
]


def find_personal_data(text: str) -> list[Found]:
    """Every piece of personal data with a shape in ``text``, in order, none overlapping."""
    found: list[Found] = []
    for kind, pattern, span_of in _RULES:
        for match in pattern.finditer(text):
            span = span_of(match)
            if span is None or any(span[0] < f.end and f.start < span[1] for f in found):
                continue
            found.append(Found(kind, *span))
    return sorted(found, key=lambda f: f.start)


def mask(text: str, language: str) -> str:
    """``text`` with every piece of personal data that has a shape replaced by its placeholder."""
    names = placeholders(language)
    for hit in reversed(find_personal_data(text)):
        text = text[: hit.start] + names[hit.kind] + text[hit.end :]
    return text
