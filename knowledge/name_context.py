"""Names that no list has, found by the words around them ("Geesje belde", "with Eilidh", "Morag said").

A capitalised word is a name here when it is no ordinary word of Dutch or English
(``knowledge.known_words``), the text itself never writes it in lower case, and the words around it
say it is a person:

- a verb that people do right after it: "Tsjerk heeft…", "Rajesh phoned…", or a verb right before it,
  Dutch word order: "Toen belde Hüseyin", "Dat had Deepika geregeld", "That was Chidinma";
- a word that comes before people: "met Jildou", "with Eilidh", "according to Maureen", "heb je Rahaf";
- a possessive before a noun: "Kwabena's brother" (not "Barnardo's are…");
- "en ik", "and her": "Hafsa en haar moeder";
- a surname after it in the middle of a sentence that is no ordinary word either: "ik zag Aylin Koç"
  (not "Liverpool City Council", not "Taalcafe Vrijwilliger");
- two such words joined by "en"/"and" before a verb: "Sytske en Hylke zetten…" (not a list of places
  with commas: "Sneek, Drachten en Harlingen willen…").

A word right after an article or a word of place ("bij de Hema", "naar Dokkum", "at Tesco") is never
taken. Sentence-initial words need a verb or "en"/"and" after them: the capital there says nothing;
and a Dutch infinitive there is a verb ("Meedenken wil ik wel").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.known_words import is_dutch_infinitive, is_known_word
from knowledge.name_shapes import CAPITALISED, LOWER, SURNAME, starts_sentence
from knowledge.wordlists import words

_NEXT = re.compile(r"(?P<possessive>['’]s)?\s+(?P<word>[\w'’-]+)(?:\s+(?P<second>[\w'’-]+))?")
_SURNAMES = re.compile(rf"(?:\s+{SURNAME}){{1,2}}(?![\w'’-])")
_PREVIOUS = re.compile(r"(?P<word>[\w'’-]+)(?P<gap>[ \t]+)$")
_AND = re.compile(r"\s+(?:en|and|&)\s+")
_FOLLOWERS = {"ik", "i", "haar", "zijn", "her", "his", "mijn", "my", "me", "hij", "zij", "ze"}
_COPULAS = {"is", "was", "zijn", "waren", "are", "were", "ben", "am"}  # "dat is Nordhorn": a thing
_FROM = re.compile(r"\s+(?:van\s+de|van\s+het|from\s+the|of\s+the)\s+[a-zà-ÿ]")
_LOOK_BACK = 40
_PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "el", "al", "bin", "op", "in"}


def unlisted_names(
    text: str, is_name_word: Callable[[str], bool], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The (start, end) of every name in ``text`` that the words around it show. ``is_name_word`` says
    whether a capitalised word could be part of a name at all (not a month, not in privacy.keep…);
    ``taken`` are the names found already, so "Aisha and Ciaran" makes Ciaran a name too."""
    lowered = {w.casefold() for w in re.findall(rf"(?<![\w'’-])[{LOWER}][\w'’-]*", text)}

    def unknown(word: str) -> bool:
        return is_name_word(word) and word.casefold() not in lowered and not is_known_word(word)

    matches = list(CAPITALISED.finditer(text))
    places = {m.group(0) for m in matches if _after_place_word(text, m.start())}
    candidates: list[tuple[int, int]] = []
    accepted: set[tuple[int, int]] = set()
    for match in matches:
        if not unknown(match.group(0)) or match.group(0) in places:
            continue  # "naar Zwolle … Zwolle heeft": a place in all of the text
        end = match.end()
        surnames = _SURNAMES.match(text, end)
        if surnames is not None and _organisation(surnames.group(0)):
            continue
        end = surnames.end() if surnames is not None else end
        candidate = (match.start(), end)
        candidates.append(candidate)
        sentence_start = starts_sentence(text, match.start())
        if sentence_start and is_dutch_infinitive(match.group(0)):
            continue  # "Appen kan ook", "Meedenken wil ik wel"
        full_name = surnames is not None and not any(
            is_known_word(part) for part in surnames.group(0).split() if part.casefold() not in _PARTICLES
        )
        if _shows_a_person(text, candidate, sentence_start, full_name):
            accepted.add(candidate)
    for first, second in zip(candidates, candidates[1:], strict=False):
        if _joined(text, first, second) and _verb_after(text, second[1]):
            accepted |= {first, second}  # "Sytske en Hylke zetten…", "Siobhan and Declan set out…"
    changed = True
    while changed:  # "Aisha and Ciaran": a name joined to a name is one
        changed = False
        for candidate in candidates:
            if candidate not in accepted and any(
                _joined(text, candidate, other) or _joined(text, other, candidate)
                for other in (*accepted, *taken)
            ):
                accepted.add(candidate)
                changed = True
    return sorted(accepted)


def _joined(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when ``first`` and ``second`` are joined by "en"/"and", and are not the end of a list of
    places with commas ("Sneek, Drachten en Harlingen")."""
    if first[1] > second[0] or _AND.fullmatch(text, first[1], second[0]) is None:
        return False
    return not text[: first[0]].rstrip().endswith(",")


def _shows_a_person(text: str, span: tuple[int, int], sentence_start: bool, surname: bool) -> bool:
    start, end = span
    verbs = words("person_names", "name_verbs")
    following = _NEXT.match(text, end)
    if following is not None:
        word = following.group("word").casefold()
        if following.group("possessive"):
            return word not in words("stopwords", "en") and word not in verbs
        if word in verbs or (
            word in ("en", "and") and (following.group("second") or "").casefold() in _FOLLOWERS
        ):
            return True
    if _FROM.match(text, end) is not None:
        return True  # "Evelien van de gemeente", "Gemma from the council"
    if sentence_start:
        return False
    previous = _PREVIOUS.search(text[max(0, start - _LOOK_BACK) : start])
    if previous is not None:
        word = previous.group("word").casefold()
        if word in words("person_names", "name_before") or (word in verbs and word not in _COPULAS):
            return True
    return surname


def _verb_after(text: str, end: int) -> bool:
    following = _NEXT.match(text, end)
    verbs = words("person_names", "plural_verbs") | words("person_names", "name_verbs")
    return following is not None and following.group("word").casefold() in verbs


def _after_place_word(text: str, start: int) -> bool:
    """True after an article or a word of place: "bij de Hema", "naar Dokkum", "at Tesco"."""
    window = max(0, start - _LOOK_BACK)
    previous = _PREVIOUS.search(text[window:start])
    if previous is None:
        return False
    word = previous.group("word")
    opens = starts_sentence(text, window + previous.start())
    if word[0].isupper() and is_known_word(word) and not opens:
        return True  # part of a longer proper name: "de Nederlandse Taalunie", "the Grand Hotel"
    return word.casefold() in words("person_names", "not_before")


def _organisation(surnames: str) -> bool:
    """True when the words after a capitalised word make it an organisation ("City Council")."""
    places = words("person_names", "organisation_words") | words("addresses", "en_street_words")
    places |= words("addresses", "en_street_abbreviations")
    return any(part.casefold() in places for part in surnames.split())
