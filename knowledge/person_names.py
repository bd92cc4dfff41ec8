"""Find the names of people in running text, Dutch and English, whether or not anyone registered them.

Three signals, from strong to weak, each with a check that keeps ordinary words out:

- an honorific, then a name: "meneer Schouten", "mevrouw De Vries", "mw. J. van der Berg", "Mrs Patel";
  the name is what follows (the honorific stays, it says nothing about who);
- a given name from the list in ``knowledge/lexicons/person_names.yaml``, with the surname after it when
  there is one: "Hatice heeft toen gebeld", "Ria van Dam", "Alan Whitcombe";
- a relation, then a capitalised word: "de moeder van Mila", "mijn buurman Gert", "my neighbour Gary"
  (the relations are listed in the same file); the word after one is a name even if no list has it;
- a given name that is also an ordinary word ("Ben", "Will", "Mark", "Roos") only with a surname after
  it or capitalised in the middle of a sentence, so "Ben je er?" and "Will you come?" stay sentences;
- a capitalised word that no list has and that is no ordinary Dutch or English word, when the words
  around it say it is a person: "Geesje belde", "met Jildou", "Morag said", "Kwabena's brother"
  (``knowledge.name_context``); places, shops and organisations ("naar Dokkum", "bij de Hema") stay.

Months, weekdays, places that are also given names and the words in ``privacy.keep`` (the organisation's
own name) never become people. Names already registered (speakers, ``privacy.names``) are replaced by the
pseudonymiser itself; this module finds the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.name_context import unlisted_names
from knowledge.name_shapes import CAPITALISED, INITIALS, SURNAME, WORD, starts_sentence
from knowledge.wordlists import lexicon, words

_NAME_AFTER_HONORIFIC = re.compile(rf"\s+(?P<name>(?:{INITIALS}\s*)?(?:{WORD}\s+(?={SURNAME}))?{SURNAME})")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+\.?")
_GIVEN = re.compile(rf"(?<![\w'’-])(?P<given>{WORD})(?P<surname>\s+{SURNAME})?(?![\w-]|['’](?![sS]\b))")
_NAME_AFTER_RELATION = re.compile(rf",?\s+(?P<name>{WORD}(?:\s+{SURNAME})?)")


@dataclass(frozen=True)
class PersonName:
    """A person's name at ``text[start:end]``."""

    name: str
    start: int
    end: int


def find_person_names(text: str, keep: Iterable[str] = (), *, context: bool = True) -> list[PersonName]:
    """The person names in ``text``, in order and not overlapping, none of them a word in ``keep``.

    ``context=False`` leaves out the names found only by the words around them: for text that is not
    running prose (a file name read as words, where every word is capitalised and no verb follows)."""
    kept = {part for entry in keep for part in entry.casefold().split()}
    found: list[PersonName] = []
    for word in _LOWER_WORD.finditer(text):
        if word.group(0).casefold() not in words("person_names", "honorifics"):
            continue
        after = _NAME_AFTER_HONORIFIC.match(text, word.end())
        if after is not None:
            _add(found, _trimmed(text, after.start("name"), after.end("name")), kept)
    for end in _relation_ends(text):
        after = _NAME_AFTER_RELATION.match(text, end)
        if after is not None and not _never_a_name(after.group("name").split()[0]):
            _add(found, _trimmed(text, after.start("name"), after.end("name")), kept)
    for word in CAPITALISED.finditer(text):
        match = _GIVEN.match(text, word.start())
        if match is None:
            continue
        given = match.group("given").casefold()
        surname = _surname(match.group("surname"))
        if not _is_given_name(given, surname is not None, starts_sentence(text, match.start())):
            continue
        end = match.start("surname") + len(match.group("surname")) if surname else match.end("given")
        _add(found, _trimmed(text, match.start(), end), kept)
    if not context:
        return sorted(found, key=lambda n: n.start)
    taken = [(n.start, n.end) for n in found]
    for start, end in unlisted_names(text, lambda word: _may_be_name(word, kept), taken):
        _add(found, _trimmed(text, start, end), kept)
    return sorted(found, key=lambda n: n.start)


def _may_be_name(word: str, kept: set[str]) -> bool:
    """Whether a capitalised word no list has may be (part of) a name: not a month, a place that is
    also a name, an honorific, a particle or a word of the organisation's own name."""
    key = word.casefold()
    return not (
        key in kept
        or key in words("person_names", "not_names")
        or key in words("person_names", "honorifics")
        or key in words("names", "particles")
        or key in given_names()
    )


@lru_cache(maxsize=1)
def _relation_pattern() -> re.Pattern[str]:
    listed = sorted(words_of("person_names", "relations"), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in listed)
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


def words_of(name: str, key: str) -> tuple[str, ...]:
    """A list entry of a lexicon whose items are phrases (several words each), lower case."""
    return tuple(" ".join(str(item).lower().split()) for item in lexicon(name)[key])


def _relation_ends(text: str) -> list[int]:
    """Where each relation in ``text`` ("moeder van", "my neighbour") ends."""
    return [m.end() for m in _relation_pattern().finditer(text)]


def _never_a_name(word: str) -> bool:
    """A capitalised word after a relation that is no name ("mijn buurman Ik", "my neighbour Mrs…":
    the honorific finds that one)."""
    key = word.casefold()
    return key in words("person_names", "not_names") or key in words("person_names", "honorifics")


def _is_given_name(given: str, has_surname: bool, sentence_start: bool) -> bool:
    if given in words("person_names", "not_names") or given not in given_names():
        return False
    if is_ambiguous(given):
        return has_surname or not sentence_start
    return True


def given_names() -> frozenset[str]:
    return words("person_names", "first_names") | words("person_names", "ambiguous_first_names")


def is_ambiguous(name: str) -> bool:
    """True for a name that is also an ordinary word ("ben", "will", "roos"): never looked for in
    lower case, and capitalised only in the middle of a sentence or with a surname."""
    key = name.casefold()
    return key in words("person_names", "ambiguous_first_names") or key in words("names", "common_words")


def _surname(following: str | None) -> str | None:
    """The surname after a given name, unless the next word is no name (a month, a place, "Ik")."""
    if not following:
        return None
    last = following.split()[-1].casefold()
    if last in words("person_names", "not_names") or last in words("person_names", "honorifics"):
        return None
    return following


def _trimmed(text: str, start: int, end: int) -> PersonName | None:
    """The name at ``text[start:end]`` without words that are no name at its end ("Sarah Monday")."""
    parts = text[start:end].split()
    while parts and parts[-1].casefold() in words("person_names", "not_names"):
        parts.pop()
    while parts and parts[-1].casefold() in words("names", "particles"):
        parts.pop()
    if not parts:
        return None
    return PersonName(" ".join(parts), start, start + _span_length(text, start, parts))


def _span_length(text: str, start: int, parts: list[str]) -> int:
    """How many characters from ``start`` the words ``parts`` take in ``text`` (spaces as written)."""
    position = start
    for part in parts:
        position = text.index(part, position) + len(part)
    return position - start


def _add(found: list[PersonName], candidate: PersonName | None, kept: set[str]) -> None:
    if candidate is None:
        return
    if any(part.casefold() in kept for part in candidate.name.split()):
        return
    if " ".join(candidate.name.casefold().split()) in words("person_names", "not_people"):
        return
    if any(candidate.start < other.end and other.start < candidate.end for other in found):
        return
    found.append(candidate)
