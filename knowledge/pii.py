"""Personal data that has a shape: e-mail addresses, URLs, IBANs, phone numbers, BSNs, postcodes.

Each kind is a pattern plus, where a pattern alone would catch too much, a check: an IBAN must pass
mod-97, a BSN the eleven test, a phone number must have the right number of digits. ``mask`` replaces
every hit by a placeholder in the project language ("[telefoon]", "[phone]").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial

from artefacts.catalogue import PerLanguage

PLACEHOLDERS: PerLanguage[Mapping[str, str]] = PerLanguage("pii.placeholders")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?<![\w@/])(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?'\")]"
_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}(?![\w])")
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}(?![\w])"
)
# 0 + area code, at most one "-" (after the area code), then groups separated by single spaces.
_PHONE_NL = re.compile(
    r"(?<![\w+-])(?:0[1-9]\d{0,2}|\(0[1-9]\d{1,2}\))[\s-]?\d{2,4}(?: ?\d{2,4}){0,3}(?![\w-])"
)
_BSN = re.compile(r"(?<![\w.-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\w-]|\.\d)")
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")

IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27, "AT": 20}


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
    """International numbers have 9–15 digits after the country prefix, Dutch ones exactly 10."""
    text = candidate.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return 9 <= len(digits) <= 15
    if text.startswith("00"):
        return 9 <= len(digits) - 2 <= 15
    return len(digits) == 10


def _iban(match: re.Match[str], placeholder: str) -> str:
    raw = match.group(0)
    compact = raw.replace(" ", "")
    length = IBAN_LENGTHS.get(compact[:2], len(compact))
    if len(compact) < length or not iban_ok(compact[:length]):
        return raw
    seen, cut = 0, 0
    while seen < length:  # find where the IBAN ends inside the spaced text
        seen += raw[cut] != " "
        cut += 1
    return placeholder + raw[cut:]


def _url(match: re.Match[str], placeholder: str) -> str:
    raw = match.group(0)
    kept = raw.rstrip(_URL_TAIL)
    return placeholder + raw[len(kept) :]


def _checked(check: Callable[[str], bool]) -> Callable[[re.Match[str], str], str]:
    def replace(match: re.Match[str], placeholder: str) -> str:
        return placeholder if check(match.group(0)) else match.group(0)

    return replace


_RULES: list[tuple[str, re.Pattern[str], Callable[[re.Match[str], str], str]]] = [
    ("email", _EMAIL, lambda m, p: p),
    ("url", _URL, _url),
    ("iban", _IBAN, _iban),
    ("phone", _PHONE_INTL, _checked(phone_ok)),
    ("phone", _PHONE_NL, _checked(phone_ok)),
    ("bsn", _BSN, _checked(bsn_ok)),
    ("postcode", _POSTCODE, lambda m, p: p),
]


def mask(text: str, language: str) -> str:
    """``text`` with every e-mail address, URL, IBAN, phone number, BSN and postcode replaced."""
    names = placeholders(language)
    for kind, pattern, replace in _RULES:
        text = pattern.sub(partial(_apply, replace=replace, placeholder=names[kind]), text)
    return text


def _apply(match: re.Match[str], *, replace: Callable[[re.Match[str], str], str], placeholder: str) -> str:
    return replace(match, placeholder)
