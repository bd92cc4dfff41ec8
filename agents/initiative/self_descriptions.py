"""What interviewees say about themselves: first-person statements of role, occupation or life stage.

"Ik ben al twintig jaar vrijwilliger" gives *vrijwilliger*, "I'm a retired teacher" *retired teacher*,
"ik werk als verpleegkundige" *verpleegkundige*, "I've lived on the estate since 1998" *resident*.
The words are in ``knowledge/lexicons/people.yaml``: a cue opens the statement ("ik ben", "I'm a"),
fillers may follow ("al twintig jaar"), then at most one (Dutch) or two (English) modifiers and a role
noun; a Dutch compound that ends in a role noun counts (*jeugdtrainer*). Whole phrases name a life stage
by themselves ("ik ben gepensioneerd"). Anything else is no self-description: the extractor would rather
miss one than read "I'm not sure a trainer…" as a role.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from agents.shared.keywords import stop_words
from artefacts.initiative import NoteEntry
from knowledge.lexicons import load, phrase_pattern

MODIFIERS = {"nl": 1, "en": 2}
COMPOUND_MIN = 4  # a role noun this long or longer also ends a compound: jeugd+trainer
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+|[.,;:!?()]")


@dataclass(frozen=True)
class SelfDescription:
    speaker: str
    phrase: str = ""
    note_id: str = ""


@dataclass(frozen=True)
class _Words:
    cues: re.Pattern[str]
    fillers: frozenset[str]
    negations: frozenset[str]
    roles: frozenset[str]
    stages: tuple[tuple[re.Pattern[str], str], ...]
    adjectives: dict[str, str]  # a stage's adjective → its label
    kinds: dict[str, str]  # a role noun → the first role noun of its kind
    stop: frozenset[str]
    modifiers: int


@cache
def _words(language: str) -> _Words:
    table = load("people")["self_descriptions"]
    entry = table.get(language) or table["en"]
    stages = tuple((phrase_pattern(tuple(s["phrases"])), s["label"]) for s in entry["stages"])
    return _Words(
        cues=phrase_pattern(tuple(entry["cues"])),
        fillers=frozenset(entry["fillers"]),
        negations=frozenset(entry["negations"]),
        roles=frozenset(entry["roles"]),
        stages=stages,
        adjectives={s["adjective"]: s["label"] for s in entry["stages"] if s.get("adjective")},
        kinds={role: kind[0] for kind in entry.get("kinds", []) for role in kind},
        stop=stop_words(language),
        modifiers=MODIFIERS.get(language, 2),
    )


def describe(text: str, language: str) -> list[str]:
    """The self-descriptions in one statement, in the order said (lower case, no duplicates)."""
    words = _words(language)
    plain = text.replace("’", "'")
    found = [(m.start(), label) for pattern, label in words.stages if (m := pattern.search(plain))]
    for cue in words.cues.finditer(plain):
        phrase = _role_after(plain[cue.end() :], words, language)
        if phrase:
            found.append((cue.start(), phrase))
            found += [
                (cue.start(), words.adjectives[w]) for w in phrase.split()[:-1] if w in words.adjectives
            ]
    return list(dict.fromkeys(phrase for _, phrase in sorted(found, key=lambda item: item[0])))


def stage_adjective(label: str, language: str) -> str | None:
    """The adjective of the life stage ``label`` ("retiree" → "retired"), if it has one."""
    for adjective, stage in _words(language).adjectives.items():
        if stage == label:
            return adjective
    return None


def role_noun(token: str, language: str) -> str | None:
    """The role noun ``token`` is or (in Dutch) ends in; None when it is none."""
    words = _words(language)
    token = token.lower()
    if token in words.roles:
        return token
    if language == "nl":
        ends = [
            r for r in words.roles if len(r) >= COMPOUND_MIN and token.endswith(r) and len(token) > len(r) + 2
        ]
        if ends:
            return token
    return None


def head(phrase: str, language: str) -> str:
    """The kind of person a description comes down to: "retired teacher" → teacher, "wijkverpleegkundige"
    → verpleegkundige (the longest role noun the last word ends in), "juf" → leraar (its kind)."""
    words = _words(language)
    last = phrase.split()[-1] if phrase.split() else phrase
    roles = [r for r in words.roles if last.endswith(r) and (len(r) >= COMPOUND_MIN or r == last)]
    noun = max(roles, key=len) if roles else last
    return words.kinds.get(noun, noun)


def _role_after(rest: str, words: _Words, language: str) -> str | None:
    tokens = [t.lower() for t in _TOKEN.findall(rest[:80])]
    i = 0
    while i < len(tokens) and (tokens[i] in words.fillers or tokens[i].isdigit()):
        i += 1
    if i < len(tokens) and tokens[i] in words.negations:
        return None
    modifiers: list[str] = []
    while i < len(tokens):
        token = tokens[i]
        if role_noun(token, language):
            return " ".join([*modifiers, token])
        if len(modifiers) == words.modifiers or not token.isalpha() or token in words.stop | words.fillers:
            return None
        modifiers.append(token)
        i += 1
    return None


def self_descriptions(notes: Iterable[NoteEntry], language: str) -> dict[str, list[SelfDescription]]:
    """Per interviewee, what they said about themselves, in the order said. Every note counts: an
    introduction ("ik ben vrijwilliger bij het taalcafé") is often read as small talk."""
    found: dict[str, list[SelfDescription]] = defaultdict(list)
    for note in notes:
        for phrase in describe(note.text, language):
            found[note.speaker].append(SelfDescription(note.speaker, phrase, note.id))
    return dict(found)


def most_said(descriptions: Iterable[SelfDescription]) -> str:
    """The phrase said by the most people (then most often, then shortest): the name of their group."""
    people: dict[str, set[str]] = defaultdict(set)
    times: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, item in enumerate(descriptions):
        people[item.phrase].add(item.speaker)
        times[item.phrase] += 1
        first.setdefault(item.phrase, i)
    if not people:
        return ""
    return min(people, key=lambda p: (-len(people[p]), -times[p], first[p]))


def sharing(descriptions: Iterable[SelfDescription], phrase: str) -> set[str]:
    """The people who described themselves as ``phrase``."""
    return {d.speaker for d in descriptions if d.phrase == phrase}
