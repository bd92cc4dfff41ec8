"""Pseudonymise people and personal data in every text before anything else reads it.

People get stable pseudonyms: interviewees ``P01``, ``P02``…, interviewers ``I01``…, and other
people or places named in ``privacy.names`` in samen.yaml ``M01``…. Wherever a registered name
appears in a text (the full name, or the first or last name alone when that is not an ordinary
word) it is replaced by the pseudonym. E-mail addresses, phone numbers, IBANs, BSNs, postcodes and
URLs become placeholders (see ``knowledge.pii``).

The mapping from real names to pseudonyms is kept in ``.samen/pseudonyms.json`` so that a rerun and
new files keep the same pseudonyms; it never leaves the machine. Every change to it happens under an
exclusive lock on ``pseudonyms.json.lock`` (re-read, change, write atomically), so two processes
pseudonymising at once neither lose each other's people nor give one pseudonym to two of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from artefacts.errors import ConfigError, NotFoundError
from artefacts.files import file_lock, write_atomic
from artefacts.messages import message
from artefacts.project import Project
from knowledge.known_words import is_known_word
from knowledge.name_shapes import starts_sentence
from knowledge.person_names import find_person_names, given_names, is_ambiguous
from knowledge.pii import mask
from knowledge.source_names import readable, shown_path
from knowledge.wordlists import words

Role = Literal["interviewee", "interviewer", "mentioned"]
PREFIXES: dict[str, str] = {"interviewee": "P", "interviewer": "I", "mentioned": "M"}
MAPPING_FILE = Path(".samen") / "pseudonyms.json"
MIN_PART_LETTERS = 3


@dataclass
class Person:
    name: str
    pseudonym: str
    role: Role
    mask: bool = True  # False for a stand-in key such as "interviews/a.txt#Respondent"


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class Pseudonymiser:
    """Replaces names and personal data; the real-name mapping lives in ``mapping_path``."""

    def __init__(
        self,
        mapping_path: Path,
        extra_names: Iterable[str] = (),
        keep: Iterable[str] = (),
        language: str = "nl",
    ) -> None:
        self.mapping_path = Path(mapping_path)
        self.lock_path = self.mapping_path.with_name(self.mapping_path.name + ".lock")
        self.language = language
        self._keep = {name_key(k) for k in keep}
        self._sources: dict[str, str] = {}
        self._people: dict[str, Person] = {name_key(p.name): p for p in self._load()}
        self._pattern: NamePattern | None = None
        self._aliases: dict[str, str] = {}
        self._base: re.Pattern[str] | None = None  # the compiled names, reused while names are only added
        self._base_aliases: frozenset[str] = frozenset()
        self._held = False
        self._dirty = False
        for name in extra_names:
            if name.strip():
                self._register(name, "mentioned", mask_in_text=True)

    @classmethod
    def for_project(cls, project_dir: Path, project: Project) -> Pseudonymiser:
        """The pseudonymiser of a project, with its mapping in ``.samen/pseudonyms.json``."""
        privacy = project.privacy
        return cls(project_dir / MAPPING_FILE, privacy.names, privacy.keep, project.language)

    # -- people -------------------------------------------------------------------------------

    def speaker(
        self,
        name: str,
        role: Literal["interviewee", "interviewer"] = "interviewee",
        *,
        mask_in_text: bool = True,
    ) -> str:
        """The stable pseudonym of a speaker; registers the name so texts that mention it are masked.

        ``mask_in_text=False`` is for stand-in keys that are not names (a generic "Respondent" label).
        """
        return self._register(name, role, mask_in_text=mask_in_text)

    def reveal(self, pseudonym: str) -> str:
        """The real name behind a pseudonym: for the person on this machine only."""
        for person in self._people.values():
            if person.pseudonym == pseudonym:
                return person.name
        raise NotFoundError(
            message(self.language, "no_such_pseudonym", pseudonym=pseudonym),
            path=self.mapping_path,
            hint=message(self.language, "no_such_pseudonym_hint"),
        )

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Register many people under one lock and write the mapping file once, at the end."""
        with self._locked():
            yield

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the mapping's lock (re-entrant); the mapping is re-read first and written at the end."""
        if self._held:
            yield
            return
        with file_lock(self.lock_path):
            self._held = True
            try:
                self._people = {name_key(p.name): p for p in self._load()}
                self._pattern = None
                yield
            finally:
                if self._dirty:  # people already handed a pseudonym are kept, even if the block failed
                    self._save()
                self._held = False
                self._dirty = False

    @property
    def people(self) -> list[Person]:
        return list(self._people.values())

    def _register(self, name: str, role: Role, *, mask_in_text: bool) -> str:
        key = name_key(name)
        if not key:
            raise ValueError("a speaker needs a name")
        with self._locked():
            return self._register_locked(key, name, role, mask_in_text=mask_in_text)

    def _register_locked(self, key: str, name: str, role: Role, *, mask_in_text: bool) -> str:
        person = self._people.get(key)
        if person is not None and not (person.role == "mentioned" and role != "mentioned"):
            return person.pseudonym
        if person is not None:  # a name from privacy.names turns out to speak: give it a speaker's code
            person.role, person.pseudonym = role, self._next(role)
        else:
            person = Person(" ".join(name.split()), self._next(role), role, mask_in_text)
            self._people[key] = person
        self._pattern = None
        self._dirty = True
        return person.pseudonym

    def _next(self, role: Role) -> str:
        prefix = PREFIXES[role]
        used = [int(p.pseudonym[1:]) for p in self._people.values() if p.pseudonym.startswith(prefix)]
        return f"{prefix}{max(used, default=0) + 1:02d}"

    # -- texts --------------------------------------------------------------------------------

    def pseudonymise(self, text: str) -> str:
        """``text`` with personal data, every registered name and every name found in it replaced.

        A name nobody registered ("meneer Schouten", "Hatice belde") is registered as a mentioned
        person, so it gets the same pseudonym in every file and in the next run."""
        text = mask(text, self.language)
        for start, end, code in sorted(self.name_spans(text), reverse=True):
            text = text[:start] + code + text[end:]
        if self._pattern is None and self._name_pattern() is not None:  # names found just now
            for start, end, code in sorted(self._alias_spans(text), reverse=True):
                text = text[:start] + code + text[end:]
        return text

    def source_name(self, source: str) -> str:
        """How the file ``source`` is shown wherever it is cited: the names in it pseudonymised
        (``interviews/01_P03_teams.vtt``). The mapping file remembers the real file behind it."""
        shown = shown_path(source, self.name_spans(readable(source), context=False))  # a path is no sentence
        if shown != source and self._sources.get(shown) != source:
            with self._locked():
                self._sources[shown] = source
                self._dirty = True
        return shown

    def real_source(self, shown: str) -> str:
        """The real file behind a source as shown (itself when it named nobody)."""
        return self._sources.get(shown, shown)

    @property
    def sources(self) -> dict[str, str]:
        """Every source shown pseudonymised → its real file, for the person on this machine."""
        return dict(self._sources)

    def name_spans(self, text: str, *, context: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of every registered name and every name found in ``text``
        (``context=False``: not by the words around them, for text that is not prose)."""
        spans = self._alias_spans(text)
        for found in find_person_names(text, self._keep, context=context):
            overlapping = [x for x in spans if found.start < x[1] and x[0] < found.end]
            if any(
                x[0] < found.start or found.end < x[1] or x[:2] == (found.start, found.end)
                for x in overlapping
            ):
                continue  # a registered name as long or longer wins
            spans = [x for x in spans if x not in overlapping]  # "Ria Verhoeven-Jansen" over "Ria"
            spans.append((found.start, found.end, self._found(found.name)))
        return spans

    def _alias_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of every registered name in ``text``. A one-word surname that is
        also an ordinary word counts only capitalised ("Bakker", not "de bakker"), and one that is a
        function word ("haar" of "dhr. Ter Haar") only capitalised in the middle of a sentence."""
        pattern = self._name_pattern()
        if pattern is None:
            return []
        spans = []
        for start, end, word in pattern.finditer(text):
            if " " not in word and word.casefold() not in given_names() and is_known_word(word):
                function_word = word.casefold() in words("stopwords", "nl") | words("stopwords", "en")
                if word[0].islower() or (function_word and starts_sentence(text, start)):
                    continue
            spans.append((start, end, self._aliases[name_key(word)]))
        return spans

    def _found(self, name: str) -> str:
        """The pseudonym of a name found in a text: a known person's when it is one of their names
        ("Hatice Yilmaz" after "Hatice"), else a new mentioned person's."""
        self._name_pattern()
        key = name_key(name)
        known = self._aliases.get(key) or next(
            (self._aliases[a] for a in name_aliases(name)[1:] if a in self._aliases), None
        )
        if known is None:
            return self._register(name, "mentioned", mask_in_text=True)
        with self._locked():  # remember the longer form too, so its surname alone is found next time
            if key not in self._people:
                self._people[key] = Person(" ".join(name.split()), known, "mentioned")
                self._pattern, self._dirty = None, True
        return known

    def _name_pattern(self) -> NamePattern | None:
        """The registered names as patterns. Names are added one interview at a time: recompiling one
        pattern of every name each time is quadratic in the number of people (50 s of reading 700
        interviews), so the compiled names are kept and only the names added since are compiled anew,
        until there are more than ``NEW_NAMES_APART`` of them."""
        if self._pattern is None:
            self._aliases = self._build_aliases()
            # a one-word name that is also a word ("Ben", "Will") is left to find_person_names
            eligible = [a for a in self._aliases if " " in a or not is_ambiguous(a)]
            if not eligible:
                return None
            added = [a for a in eligible if a not in self._base_aliases]
            if (
                self._base is None
                or len(added) > NEW_NAMES_APART
                or len(eligible) - len(added) != len(self._base_aliases)
            ):
                self._base, self._base_aliases = _compile_names(eligible), frozenset(eligible)
                added = []
            self._pattern = NamePattern(self._base, _compile_names(added) if added else None)
        return self._pattern

    def _build_aliases(self) -> dict[str, str]:
        aliases: dict[str, str] = {}
        people = [p for p in self._people.values() if p.mask]
        for person in people:  # a full name wins over someone else's first or last name
            aliases.setdefault(name_key(person.name), person.pseudonym)
        for person in people:  # first registered wins when two share a first name
            for alias in name_aliases(person.name)[1:]:
                aliases.setdefault(alias, person.pseudonym)
        return {alias: code for alias, code in aliases.items() if alias not in self._keep}

    # -- the mapping file ---------------------------------------------------------------------

    def _load(self) -> list[Person]:
        if not self.mapping_path.exists():
            return []
        try:
            data = json.loads(self.mapping_path.read_text(encoding="utf-8"))
            self._sources = {str(row["shown"]): str(row["file"]) for row in data.get("sources", [])}
            return [Person(**row) for row in data["people"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                message(self.language, "pseudonym_mapping_unreadable", error=exc),
                path=self.mapping_path,
                hint=message(self.language, "pseudonym_mapping_unreadable_hint"),
            ) from exc

    def _save(self) -> None:
        data = {
            "schema_version": 1,
            "about": "Real names behind the pseudonyms of this project. Keep this file on this machine.",
            "people": [asdict(p) for p in self._people.values()],
            "sources": [{"shown": shown, "file": real} for shown, real in sorted(self._sources.items())],
        }
        write_atomic(self.mapping_path, json.dumps(data, ensure_ascii=False, indent=2))


NEW_NAMES_APART = 64


def _compile_names(aliases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for ``aliases``, longest first (so "Ria Verhoeven-Jansen" wins over "Ria")."""
    ordered = sorted(aliases, key=lambda a: (-len(a), a))
    body = "|".join(r"\s+".join(re.escape(part) for part in alias.split()) for alias in ordered)
    return re.compile(rf"(?<![\w@])(?:{body})(?![\w@])", re.IGNORECASE)


@dataclass(frozen=True)
class NamePattern:
    """The registered names: the compiled ones, and those added since (``None`` when there are none)."""

    base: re.Pattern[str]
    added: re.Pattern[str] | None = None

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of each name, left to right, not overlapping; at one place the longer wins,
        as it does within one pattern."""
        found = [(m.start(), m.end(), m.group(0)) for m in self.base.finditer(text)]
        if self.added is None:
            return found
        found += [(m.start(), m.end(), m.group(0)) for m in self.added.finditer(text)]
        found.sort(key=lambda span: (span[0], span[0] - span[1]))
        kept: list[tuple[int, int, str]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept


def name_aliases(name: str) -> list[str]:
    """The forms of a name to look for: the full name, the first name, the surname with and without
    its particles ("van der Berg", "Berg"); single words only when 3+ letters and not common words."""
    parts = name_key(name).split()
    if not parts:
        return []
    aliases = [" ".join(parts)]
    if len(parts) == 1:
        return aliases
    particles = words("names", "particles")
    common = words("names", "common_words")
    start = next((i for i in range(1, len(parts)) if parts[i] in particles), len(parts) - 1)
    surname = parts[start:]
    candidates = [parts[0], " ".join(surname), surname[-1]]
    for alias in candidates:
        single = " " not in alias
        if single and (len(alias) < MIN_PART_LETTERS or alias in common or alias in particles):
            continue
        if alias not in aliases:
            aliases.append(alias)
    return aliases
