"""Quoting people in sentences meant for people: whole sentences, never cut in half, never a code.

Used wherever a draft quotes an interviewee inside prose (a need's summary, a persona's situation, a
questionnaire item). Verbatim evidence in full stays in the quote blocks; these are its shorter forms.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[”’\"')]*|$)")
# What pseudonymisation leaves in a text ("M13", "P04", "[telefoon]", "[e-mail]"): fine as evidence,
# meaningless to a respondent who never saw the key.
_MASKED = re.compile(r"\b[A-Z]\d{2,}\b|\[[^\]]{1,30}\]")
LEFT_OUT = "[…]"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(" ".join(text.split())) if s.strip()]


def core_sentences(text: str, limit: int = 180) -> str:
    """Whole sentences of a statement, up to ``limit`` characters, after a short opening ("Ja, zeker.").

    Never cut inside a sentence: where sentences are left out, "[…]" says so.
    """
    parts = sentences(text)
    if not parts:
        return ""
    start = 0
    while start < len(parts) - 1 and len(parts[start].split()) < 6:
        start += 1
    end = start + 1
    while end < len(parts) and len(" ".join(parts[start : end + 1])) <= limit:
        end += 1
    body = " ".join(parts[start:end])
    return (f"{LEFT_OUT} " if start else "") + body + (f" {LEFT_OUT}" if end < len(parts) else "")


def has_masks(text: str) -> bool:
    """Whether a text holds a pseudonym code or a masked value a reader could not make sense of."""
    return bool(_MASKED.search(text))


def sendable_quote(texts: list[str], limit: int = 200) -> str | None:
    """The first text that makes a short quote a stranger can read: whole sentences, no codes, no "[…]"
    in the middle, at most ``limit`` characters; ``None`` when none does."""
    for text in texts:
        parts = sentences(text)
        while len(parts) > 1 and len(parts[0].split()) < 4:  # "Ja.", "Well, yes." open, they say nothing
            parts.pop(0)
        for sentence_text in _runs(parts, limit):
            if not has_masks(sentence_text) and len(sentence_text.split()) >= 6:
                return sentence_text
    return None


def _runs(parts: list[str], limit: int) -> list[str]:
    """Runs of consecutive sentences within ``limit``, longest first from each start."""
    runs = []
    for start in range(len(parts)):
        end = start
        while end < len(parts) and len(" ".join(parts[start : end + 1])) <= limit:
            end += 1
        if end > start:
            runs.append(" ".join(parts[start:end]))
    return sorted(runs, key=lambda run: -len(run))
