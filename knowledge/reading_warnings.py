"""What the reading of the interviews was unsure of, as sentences for the reviewer with what to do.

They become ``Corpus.warnings`` and then the needs map's ``meta.warnings``: shown at the top of the
needs map, in the output of ``samen run`` and in ``samen status``. People are named by their
pseudonym and the file line where they first speak, never by name: the warnings are part of an
artefact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from artefacts.messages import message
from artefacts.notes import Interview
from knowledge.interviewer_detection import Doubt
from knowledge.interviews import FileRead

LANGUAGE_NAMES = ("nl", "en", "de", "fr")
MIN_LANGUAGE_SHARE = 0.5  # of the interviews, for the corpus to count as written in one language


def interviewer_warnings(doubts: Sequence[Doubt], reads: Sequence[FileRead], language: str) -> list[str]:
    """One sentence per file where the interviewer was taken on weak evidence or not found."""
    by_source = {read.real_source: read for read in reads}  # detection saw the files as read
    found: list[str] = []
    for doubt in doubts:
        read = by_source[doubt.source]
        shown = read.source  # a name in the file's name is pseudonymised: warnings go into artefacts
        speakers = [_shown(read, label) for label in doubt.labels]
        if doubt.kind == "likely":
            found.append(
                message(
                    language,
                    "interviewer_likely",
                    file=shown,
                    line=doubt.lines[0],
                    speaker=speakers[0],
                    questions=doubt.questions,
                    turns=doubt.turns,
                )
            )
        else:
            found.append(message(language, "interviewer_unknown", file=shown, speakers=", ".join(speakers)))
    return found


def _shown(read: FileRead, label: str) -> str:
    """A speaker as a reviewer may see them: the pseudonym of a person, a generic label as it is."""
    for turn, speaker, pseudonym in zip(read.parsed.turns, read.speakers, read.pseudonyms, strict=False):
        if turn.speaker == label:
            return pseudonym if speaker.is_name else label
    return label


def corpus_language(interviews: Sequence[Interview]) -> tuple[str, int] | None:
    """The language most interviews are in and how many are, or None when there is none."""
    counts = Counter(interview.language for interview in interviews)
    if not counts:
        return None
    code, count = counts.most_common(1)[0]
    return (code, count) if count / len(interviews) > MIN_LANGUAGE_SHARE else None


def language_warning(interviews: Sequence[Interview], project_language: str) -> str | None:
    """A warning when the interviews are in another language than ``samen.yaml`` says."""
    found = corpus_language(interviews)
    if found is None or found[0] == project_language:
        return None
    code, count = found
    names = {c: message(project_language, f"language_{c}") for c in LANGUAGE_NAMES}
    switch = "language_switch" if code in ("nl", "en") else "language_unsupported_interviews"
    return message(
        project_language,
        switch,
        interviews=names.get(code, code),
        count=count,
        total=len(interviews),
        project=names.get(project_language, project_language),
        code=code,
    )
