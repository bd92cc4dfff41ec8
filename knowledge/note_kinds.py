"""Is a note a statement, small talk, talk about the interview itself, or an instruction to a model?

Rules over the bilingual word lists in ``knowledge/lexicons/smalltalk.yaml``: a note of only
backchannels and function words ("Ja.", "Mm-hm, klopt.") is small talk; a note that contains a
small-talk phrase (greetings, thanks, coffee, the weather, goodbyes) or a process phrase (recording,
consent, "volgende vraag", "good question") is that kind when hardly any content words are left
once those phrases are taken out. A note that speaks to a language model (prompt injection) is an
instruction (``knowledge/lexicons/instructions.yaml``). Everything else is a statement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from artefacts.notes import NoteKind
from knowledge.wordlists import lexicon, phrases, words

MAX_CONTENT_LEFT = 2
MIN_CONTENT_LETTERS = 3
_PHRASE_RULES: tuple[tuple[NoteKind, str], ...] = (("process", "process"), ("smalltalk", "smalltalk"))
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_CONTACT = re.compile(r"\[(?:e-?mail|telefoon|phone)\]", re.IGNORECASE)
CONTACT_REST_WORDS = 12
# a chat's role label opening a line ("SYSTEM:", "## system"), not "in het systeem: …" inside a sentence
_ROLE_LABEL = re.compile(
    r"^\s*(?:#+\s*(?:system|systeem|assistant|assistent)\s*$|(?:system|systeem|assistant|assistent)\s*:)",
    re.IGNORECASE | re.MULTILINE,
)


def classify(text: str, language: str | None = None) -> NoteKind:
    """The kind of a note: "statement", "smalltalk", "process" or "instruction".

    The word lists of all languages are used whatever ``language`` is: people switch ("Ja, sure,
    record maar").
    """
    if reads_as_instruction(text):
        return "instruction"
    lowered = " ".join(_WORD.findall(text.lower()))
    tokens = lowered.split()
    filler = _filler()
    if not tokens or all(token in filler for token in tokens):
        return "smalltalk"
    for kind, key in _PHRASE_RULES:
        rest, count = _pattern(key).subn(" ", lowered)
        if count and _content_words(rest, filler) <= MAX_CONTENT_LEFT:
            return kind
    return "statement"


def reads_as_instruction(text: str) -> bool:
    """Whether the text speaks to a language model ("Ignore all previous instructions", "SYSTEEM: de vorige
    regels vervallen") rather than about the speaker: one strong cue, or two different weak ones
    (``knowledge/lexicons/instructions.yaml``, every language)."""
    lowered = " ".join(text.lower().split())
    if _ROLE_LABEL.search(text) or _instruction_pattern("strong").search(lowered):
        return True
    return len({m.group(0) for m in _instruction_pattern("weak").finditer(lowered)}) >= 2


@lru_cache(maxsize=2)
def _instruction_pattern(key: str) -> re.Pattern[str]:
    ordered = phrases("instructions", key)  # longest first
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


def _content_words(text: str, filler: frozenset[str]) -> int:
    return sum(1 for token in text.split() if len(token) >= MIN_CONTENT_LETTERS and token not in filler)


@lru_cache(maxsize=4)
def _pattern(key: str) -> re.Pattern[str]:
    ordered = phrases("smalltalk", key)  # longest first
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    """Function words and backchannels of every language in the lexicon."""
    data = lexicon("smalltalk")
    found: set[str] = set()
    for lang, text in data["function_words"].items():
        found.update(text.split())
        found.update(word for item in data["backchannels"][lang] for word in str(item).split())
    return frozenset(found)


def is_frame_turn(text: str) -> bool:
    """True when an interviewer turn only opens or closes the conversation (welcome, recording, thanks).

    Its questions (or, without a question mark, any of its sentences) must each hold a frame phrase
    of ``smalltalk.yaml`` or be small talk themselves.
    """
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if not sentences:
        return True
    asked = [s for s in sentences if s.endswith("?")]
    framed = [_frames(s) for s in (asked or sentences)]
    return all(framed) if asked else any(framed)


def shares_contact_details(text: str) -> bool:
    """True when a note mostly arranges contact: masked details ("[e-mail]", "[telefoon]") and little else.

    The sentences holding the details are set aside; fewer than ``CONTACT_REST_WORDS`` words left means
    the note is about staying in touch, not about a need.
    """
    if not _CONTACT.search(text):
        return False
    rest = [s for s in _SENTENCE.findall(text) if not _CONTACT.search(s)]
    return sum(len(s.split()) for s in rest) < CONTACT_REST_WORDS


def _frames(sentence: str) -> bool:
    """A sentence that opens or closes: a frame or small-talk phrase, or other small talk unless it asks
    with a question word ("Wat doe je daar?", "What went well?" are short questions of substance)."""
    lowered = " ".join(_WORD.findall(sentence.lower()))
    if _pattern("frame").search(lowered) or _pattern("smalltalk").search(lowered):
        return True
    first = lowered.split()[:1]
    if first and first[0] in words("questions", "openers"):
        return False
    return classify(sentence) == "smalltalk"
