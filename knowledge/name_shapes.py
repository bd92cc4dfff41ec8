"""What a name looks like on paper: the letters, the capitalised words and the surnames with particles
that ``knowledge.person_names`` and ``knowledge.name_context`` look for.

The letters are every Latin letter up to Latin Extended-B, so "Małgorzata", "Wiśniewska", "Aydın" and
"Koç" are words like "Jan"; a word may have more parts joined by a hyphen or an apostrophe
("Gert-Jan", "Tjin-A-Ton", "O'Donnell", "McLeod").
"""

from __future__ import annotations

import re

_LATIN = [chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
WORD = rf"(?:O['’]|Ma?c)?[{UPPER}][{LOWER}]+(?:[-'’][{UPPER}][{LOWER}]*)*"
PARTICLES = (
    r"(?:[Vv]an\s+(?:der|den|de|het|'t)|[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Vv]on|[Dd]u|[Dd]a"
    r"|[Ll]e|[Ll]a|[Oo]p\s+de|[Ii]n\s+'t|'t|[Ee]l|[Aa]l|[Aa]bu|[Bb]in|[Aa]it|Mc|Mac|O')"
)
SURNAME = rf"(?:{PARTICLES}\s+)*{WORD}"
INITIALS = rf"(?:[{UPPER}]\.\s?){{1,3}}"
CAPITALISED = re.compile(rf"(?<![\w'’-]){WORD}(?![\w])")


def starts_sentence(text: str, position: int) -> bool:
    """True when ``text[position:]`` opens a sentence: only spaces before it, or a full stop, a colon, a
    quote, a bracket or a dash ("- Ja"). Reads back over spaces only, so it costs nothing per word."""
    i = position
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    return before in '.!?:;…"“”([' or (before == "-" and (i == 1 or text[i - 2].isspace()))
