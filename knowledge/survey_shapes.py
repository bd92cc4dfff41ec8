"""What a column's answers say it is, and which blocks its header points to.

An organisation's own survey words its questions in its own way, but its answers have shapes: a
five-point agreement scale, role words, age bands ("65 - 74 jaar"), a few repeated categories (estate
or branch names), several choices joined by ";" or ", ", or free text. The shape says which questionnaire
blocks a column can serve; the header's words (Dutch and English) say which of those it most likely does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from knowledge.survey_answers import LIKERT_WORDS, answer_key, likert_score
from knowledge.survey_roles import role_word_share

Shape = Literal["likert", "role", "age", "multiple", "categories", "open", "empty"]
BLOCKS = ("recognition", "relevance", "motivation", "role", "channels", "background", "open")

# Which blocks a shape can serve, and how well (1 fits, lower is possible but unlikely).
SHAPE_FIT: dict[str, dict[str, float]] = {
    "likert": {"recognition": 1.0, "relevance": 1.0, "motivation": 1.0},
    "role": {"role": 1.0},
    "age": {"background": 1.0},
    "multiple": {"channels": 1.0, "background": 0.5, "role": 0.3},
    "categories": {"background": 1.0, "channels": 0.6, "role": 0.2},
    "open": {"open": 1.0},
    "empty": {},
}
HEADER_WORDS: dict[str, str] = {
    "recognition": r"herken|recogni[sz]|speelt|lastig|moeilijk|probleem|problem|struggl|alleen (?:voor )?sta|eenzaam"
    r"|lonely|isolat|ervaar|experienc|mis ik|ik mis|i miss|hard to|moeite|\bweinig\b|weet (?:vaak |ik )?niet"
    r"|\bnobody\b|no one|too long|te lang|\bnooit\b|\bnever\b|don t know|turn to",
    "relevance": r"nuttig|useful|helpen|help me|helpt|waardevol|valuable|zinvol|meerwaarde|relevan|interess|belangrijk"
    r"|important|matters? to you|de moeite waard|worth"
    r"|interest|behoefte|would you use|zou je .*gebruik|makkelijker|easier|benefit|voordeel",
    "motivation": r"zelf tijd|own time|vrije tijd|free time|willing|bereid|zin in|motivat|enthousias|eager"
    r"|tijd .*steken|spend time|uit mezelf|of my own|commit|give up|uur per (?:week|maand)|hours? a (?:week|month)"
    r"|(?:an|one) evening|een avond",
    "role": r"\brol\b|\brole\b|kar trekken|kartrek|organis|organiz|help (?:us )?(?:run|plan)|get involved"
    r"|betrokken|bijdrage leveren|take part in running|what part",
    "channels": r"kanaal|kanalen|channel|whatsapp|nieuwsbrief|newsletter|online|bijeenkomst|meeting"
    r"|contact|via welke|op welke manier|which way|how would you like|hoe vaak|how often|\bvorm\b|format",
    "background": r"leeftijd|hoe oud|\bage\b|how old|woon|\blive\b|estate|wijk|buurt|neighbou?rhood|postcode"
    r"|vestiging|branch|locatie|location|functie|\bjob\b|werk je|geslacht|gender|hoe lang|how long|sinds"
    r"|since|opleiding|education|household|huishouden|huurder|tenant|which .* are you|welke .* ben je",
    "open": r"opmerking|toelichting|anything else|comment|nog kwijt|suggesti|idee|ideas|waarom|\bwhy\b"
    r"|tips?\b|wensen|wishes",
}
_AGE = re.compile(
    r"(?:1[2-9]|[2-9]\d)\s*(?:-|–|tot|t/m|to)\s*(?:[1-9]\d|1\d\d)|(?:1[6-9]|[2-9]\d)\s*\+"
    r"|(?:1[6-9]|[2-9]\d)\s*(?:jaar|years|yrs)? (?:of|en|or) (?:ouder|older|over)"
    r"|(?:jonger dan|ouder dan|under|over|younger than|older than)\s*(?:1[6-9]|[2-9]\d)",
    re.IGNORECASE,
)
_JOINED = re.compile(r";|,")
CATEGORY_WORDS = 5  # categories are short ("Vestiging Zuid", "65 - 74 jaar"); longer answers are sentences


def answer_shape(answers: Sequence[str]) -> Shape:
    """The shape of a column's non-blank answers (blank columns are ``empty``)."""
    given = [a.strip() for a in answers if a.strip()]
    if not given:
        return "empty"
    distinct = list(dict.fromkeys(given))
    keys = {answer_key(a) for a in distinct}
    scored = sum(1 for a in given if likert_score(a, []) is not None)
    if scored / len(given) >= 0.7 and len(keys) <= 8:
        return "likert"
    if sum(1 for a in given if _AGE.search(a)) / len(given) >= 0.6:
        return "age"
    if len(distinct) <= 15 and role_word_share(distinct) >= 0.5:
        return "role"
    joined = sum(1 for a in given if _JOINED.search(a)) / len(given)
    if joined and _sentences(given):
        joined = 0.0
    parts = {answer_key(p) for a in given for p in _JOINED.split(a) if p.strip()}
    if joined >= 0.25 and len(parts) <= max(12, len(given) // 4):
        return "multiple"
    words = sum(len(a.split()) for a in distinct) / len(distinct)
    if (
        len(distinct) <= max(12, len(given) // 4)
        and max(len(a) for a in distinct) <= 80
        and words <= CATEGORY_WORDS
    ):
        return "categories"
    return "open"


def _sentences(given: list[str]) -> bool:
    """Commas that go on in lower case ("Repairs take months, has been for years") join no options."""
    joined = [a for a in given if ", " in a]
    going_on = sum(1 for a in joined if re.search(r", [a-z]", a))
    return bool(joined) and going_on / len(joined) >= 0.5


def header_hits(header: str) -> set[str]:
    """The blocks whose typical words the header holds."""
    key = answer_key(header)
    return {block for block, pattern in HEADER_WORDS.items() if re.search(pattern, key)}


def is_agreement_label(text: str) -> bool:
    return answer_key(text) in LIKERT_WORDS
