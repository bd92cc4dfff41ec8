"""Role answers placed on the role ladder by what they mean, not by their exact wording.

Samen's ladder has five steps, passive to pulling: no role, read along, join now and then, contribute
actively, help organise or take a lead role. An organisation's own survey words its role options
differently ("Kartrekker / organisator", "Trainer", "Organiser – I'd help plan and run it",
"Participant"). An answer is placed by rules over Dutch and English role words first (the highest step
whose words it holds, unless it says it does *not* want that role); then, for answers no rule knows, by
embedding similarity to the ladder's options when the nearest option is clearly nearest. An answer that
neither places stays unplaced: the analysis reports it, it is never counted silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.survey_answers import answer_key

LADDER_STEPS = 5
NO_ROLE, READ, JOIN, CONTRIBUTE, LEAD = range(LADDER_STEPS)
MIN_SIMILARITY = 0.82
MIN_MARGIN = 0.02

# Word stems per step; matched at the start of a word of the answer key (lower case, no accents).
ROLE_WORDS: dict[int, tuple[str, ...]] = {
    LEAD: (
        "kartrekker", "kar trekken", "trekker", "trekkersrol", "organisator", "organiseren", "organiseer",
        "mee organiseren", "coordinator", "coordineren", "initiatiefnemer", "voorzitter", "leiden", "leiding",
        "organiser", "organizer", "organise", "organize", "organising", "organizing", "lead", "leader",
        "leading", "run it", "plan and run", "chair", "coordinate", "coordinating", "host", "kernteam",
        "core group", "core team", "committee", "commissie", "bestuur",
    ),
    CONTRIBUTE: (
        "trainer", "train", "docent", "spreker", "presentator", "mentor", "coach", "begeleider", "expert",
        "bijdragen", "bijdrage", "kennis delen", "delen", "schrijven", "schrijver", "workshop", "vrijwilliger",
        "meedenken", "meedenker", "denk mee", "klankbord", "contribute", "contributor", "contributing",
        "share", "sharing", "speaker", "presenter", "teach",
        "teacher", "write", "writer", "volunteer", "helper", "help out", "actief", "active", "buddy",
        "maatje", "ambassadeur", "ambassador",
    ),
    JOIN: (
        "deelnemer", "deelnemen", "meedoen", "af en toe", "soms", "bezoeker", "langskomen", "reageren",
        "participant", "participate", "attend", "attendee", "join", "now and then", "occasionally",
        "sometimes", "member", "lid", "visitor", "come along",
    ),
    READ: (
        "meelezen", "meelezer", "meekijken", "lezen", "volgen", "op de hoogte", "luisteren", "read", "reading",
        "follow", "keep informed", "keep up", "lurk", "watch", "listen", "informed",
    ),
    NO_ROLE: (
        "geen rol", "geen", "niet", "nee", "niets", "liever niet", "no role", "none", "nothing", "not",
        "no thanks", "no",
    ),
}  # fmt: skip
_NEGATION = re.compile(r"\b(?:geen|niet|not|no|never|nooit|liever niet|rather not)\b")


def _holds(key: str, stem: str) -> bool:
    return re.search(rf"(?:^|\s){re.escape(stem)}", key) is not None


def rule_step(answer: str) -> int | None:
    """The ladder step the answer's role words say (0 no role … 4 lead), or None when no rule knows it.

    The highest step named wins ("Deelnemer, en soms trainer" is contributing), except when the answer
    negates before the role word ("Liever geen organisator"): then the step below what it rules out is
    not known by rule, and only the words it does not negate count.
    """
    key = answer_key(answer)
    if not key:
        return None
    for step in (LEAD, CONTRIBUTE, JOIN, READ):
        for stem in ROLE_WORDS[step]:
            match = re.search(rf"(?:^|\s){re.escape(stem)}", key)
            if match and not _NEGATION.search(key[: match.start()]):
                return step
    if any(_holds(key, stem) for stem in ROLE_WORDS[NO_ROLE]):
        return NO_ROLE
    return None


def place_answers(
    answers: Sequence[str], ladder: Sequence[str], embedder: Embedder | None = None
) -> dict[str, int | None]:
    """Each distinct answer → its step on ``ladder`` (option index), None when it cannot be placed.

    An answer that is one of the ladder's options is that option; otherwise the rules; otherwise the
    nearest option by embedding, when similar enough and clearly nearer than the next one.
    """
    steps = len(ladder)
    placed: dict[str, int | None] = {}
    open_answers: list[str] = []
    option_keys = {answer_key(option): i for i, option in enumerate(ladder)}
    for answer in dict.fromkeys(a.strip() for a in answers if a.strip()):
        if answer_key(answer) in option_keys:
            placed[answer] = option_keys[answer_key(answer)]
            continue
        step = rule_step(answer)
        if step is not None:
            placed[answer] = round(step * (steps - 1) / (LADDER_STEPS - 1))
        else:
            open_answers.append(answer)
    if open_answers and embedder is not None and steps >= 2:
        options = embedder.embed_documents(list(ladder))
        vectors = embedder.embed_documents(open_answers)
        for answer, vector in zip(open_answers, vectors, strict=True):
            similarity = np.asarray(options) @ np.asarray(vector)
            order = np.argsort(similarity)[::-1]
            best, second = float(similarity[order[0]]), float(similarity[order[1]])
            good = best >= MIN_SIMILARITY and best - second >= MIN_MARGIN
            placed[answer] = int(order[0]) if good else None
    for answer in open_answers:
        placed.setdefault(answer, None)
    return placed


def role_word_share(answers: Sequence[str]) -> float:
    """The share of distinct non-blank answers that hold a role word of the active steps or of joining.

    How a column shows it asks about roles: "Trainer", "Organisator", "Participant" do; estate names,
    age bands or Likert labels do not.
    """
    distinct = list(dict.fromkeys(answer_key(a) for a in answers if a.strip()))
    if not distinct:
        return 0.0
    steps = (LEAD, CONTRIBUTE, JOIN, READ)
    hits = sum(1 for key in distinct if any(_holds(key, s) for step in steps for s in ROLE_WORDS[step]))
    return hits / len(distinct)
