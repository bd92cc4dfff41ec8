"""Which methodology passage a phase 4 or 5 draft follows, cited by the passage's id in ``Grounds.guidance``.

The guide of a phase has the same sections in the same order in every language
(``knowledge/methodology/<lang>/4-strategy.md``), so a rule names the section it follows by its place in the
guide and the citation is the passage of the project's language (English where the guide has none).
"""

from __future__ import annotations

from knowledge.guidance import methodology_passages

# the sections the drafts follow, by their place in the phase's guide
WEIGHING = ("strategy", 1)  # Weighing channels: the criteria
COMBINING = ("strategy", 2)  # Combining digital and physical
PITFALLS_MEANS = ("strategy", 3)
SCHEDULE = ("plan", 1)  # The day-by-day schedule of content and interaction
MILESTONES = ("plan", 2)  # Milestones and roles in the plan of approach
MUST_SHOW = ("plan", 3)  # What the trial run must show
TIPS = ("plan", 4)  # Practical tips for keeping the trial run alive
PITFALLS_TRIAL = ("plan", 5)


def cite(language: str, *sections: tuple[str, int]) -> list[str]:
    """The ids of the passages at ``sections`` (phase, place) in the guide of ``language``."""
    ids = []
    for phase, place in sections:
        passages = [p for p in methodology_passages() if p.phase == phase and p.language == language]
        if not passages:
            passages = [p for p in methodology_passages() if p.phase == phase and p.language == "en"]
        if place < len(passages):
            ids.append(passages[place].id)
    return ids
