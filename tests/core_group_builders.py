"""Phase 3 inputs built by hand: a food bank (nl) and a repair café network (en), with survey files on disk.

Not the bundled examples: other organisations, other wording, a survey with names, e-mail addresses and
an own contact column the reader keeps, so the tests can check none of it reaches an artefact.
"""

from __future__ import annotations

from pathlib import Path

from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import ArtefactMeta, Quote
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme, Persona, Trait
from artefacts.initiative import (
    Champion,
    Champions,
    Intensity,
    Need,
    NeedsMap,
    NoteEntry,
    SegmentNeed,
    Signal,
    TargetGroup,
    TargetGroups,
)
from artefacts.project import Means, Organisation, Project, StakeholderGroup
from artefacts.survey import (
    ColumnMapping,
    GateDecision,
    ItemStats,
    QuestionItem,
    Questionnaire,
    SamplingPlan,
    SurveyResults,
)

LADDER = {
    "nl": ["Geen rol", "Meelezen", "Af en toe meedoen", "Actief bijdragen", "Mee organiseren of trekken"],
    "en": ["No role", "Read along", "Join now and then", "Contribute actively", "Help organise or lead"],
}
TEXTS = {
    "nl": {
        "org": "Voedselbank Rivierenland",
        "description": "Stichting die met vrijwilligers voedselpakketten uitgeeft; biedt trainingen en advies aan uitgiftepunten.",
        "segments": ["uitgifte", "chauffeurs", "coördinatoren"],
        "notes": [
            ("P01", "Soms vertelt een klant een moeilijke situatie en dan wil je dat vertrouwelijk houden."),
            ("P01", "Ik heb vorig jaar zelf een groepje opgezet om recepten te delen."),
            ("P02", "Dat hoort gewoon bij mijn functie, ik plan de ritten."),
            ("P02", "We hebben weinig tijd naast ons werk, dus het moet kort."),
            ("P03", "Als beginner durf je niet zo goed iets te vragen."),
        ],
        "needs": ["Vertrouwelijk kunnen praten", "Recepten en tips delen", "Tijd"],
        "themes": ["Lastige gesprekken aan de balie", "Recepten uit het pakket"],
        "role_q": "Welke rol zou je willen nemen?",
        "segment_q": "Waar help je mee?",
        "day_q": "Welke avond past jou het best?",
        "days": ["dinsdag", "donderdag"],
        "contact": "Mogen we je mailen? Laat je adres achter",
        "purpose": "Vrijwilligers van de uitgiftepunten leren van elkaar.",
        "who": "Vrijwilliger aan de uitgiftebalie",
        "evening": "Komt liever op een avond bijeen dan online",
    },
    "en": {
        "org": "Riverside Repair Network",
        "description": "Network of repair cafés run by volunteers; offers training for new fixers and a newsletter.",
        "segments": ["fixers", "hosts", "organisers"],
        "notes": [
            (
                "P01",
                "People tell you about a difficult situation at home and you want that kept confidential.",
            ),
            ("P01", "I have set up a small group myself to swap repair manuals."),
            ("P02", "It's part of my job, I book the venues."),
            ("P02", "We have little time next to work, so it has to be short."),
            ("P03", "As a newcomer you are afraid to ask a silly question."),
        ],
        "needs": ["Confidential conversations", "Swapping manuals and tips", "Time"],
        "themes": ["Difficult visitors", "Repair manuals"],
        "role_q": "Which role would you like to take?",
        "segment_q": "What do you help with?",
        "day_q": "Which evening suits you best?",
        "days": ["tuesday", "thursday"],
        "contact": "May we e-mail you? Leave your address",
        "purpose": "Volunteers of the repair cafés learn from each other.",
        "who": "Volunteer fixer at a repair café",
        "evening": "Would rather meet on an evening than online",
    },
}
PEOPLE = ["Marieke Jansen", "Tom Bakker", "Aylin Demir", "Kees de Wit", "Priya Shah"]
EMAILS = [
    "marieke@example.org",
    "tom.bakker@example.org",
    "aylin@example.net",
    "kees@example.com",
    "priya@example.org",
]


def needs_map(language: str) -> NeedsMap:
    t = TEXTS[language]
    notes = [
        NoteEntry(
            id=f"n{i}",
            text=text,
            source=f"interviews/{speaker}.txt",
            line_start=i,
            line_end=i,
            speaker=speaker,
        )
        for i, (speaker, text) in enumerate(t["notes"], start=1)
    ]
    groups = [["n1"], ["n2"], ["n4", "n3", "n5"]]
    needs = [
        Need(
            id=f"N0{i + 1}",
            title=title,
            statement=f"{title}.",
            note_ids=ids,
            voiced_by=sorted({n.speaker for n in notes if n.id in ids}),
            intensity=Intensity(score=0.9 - i * 0.2, label="high", reach=0.5, depth=1, emphasis=0.2),
            evidence=[_quote(n) for n in notes if n.id in ids],
        )
        for i, (title, ids) in enumerate(zip(t["needs"], groups, strict=True))
    ]
    return NeedsMap(
        meta=ArtefactMeta(language=language),
        needs=needs,
        notes=notes,
        interviews=3,
        interviewees=["P01", "P02", "P03"],
    )


def _quote(note: NoteEntry) -> Quote:
    return Quote(
        note_id=note.id, text=note.text, source=note.source, line_start=note.line_start, line_end=note.line_end,
        speaker=note.speaker,
    )  # fmt: skip


def champions(language: str, nm: NeedsMap) -> Champions:
    def one(rank: int, who: str, kinds: list[str], candidate: bool, note: str) -> Champion:
        entry = nm.note(note)
        return Champion(
            rank=rank,
            participant=who,
            source=entry.source,
            score=4.0 - rank,
            candidate=candidate,
            signals=[Signal(kind=k, phrase="x", note_id=note, weight=2.0) for k in kinds],  # type: ignore[arg-type]
            evidence=[_quote(entry)],
            reason="reason of phase one",
            needs=[n.id for n in nm.needs if who in n.voiced_by],
        )

    return Champions(
        meta=ArtefactMeta(language=language),
        champions=[
            one(1, "P01", ["initiative", "offer"], True, "n2"),
            one(2, "P02", ["offer"], True, "n3"),
            one(3, "P03", ["hedge"], False, "n5"),
        ],
    )


def target_groups(language: str) -> TargetGroups:
    names = TEXTS[language]["segments"]
    members = [["P01", "P03"], ["P02"], []]
    return TargetGroups(
        meta=ArtefactMeta(language=language),
        groups=[
            TargetGroup(
                id=f"G{i + 1}",
                name=name,
                basis="metadata",
                size=len(people),
                participants=people,
                notes=1,
                top_needs=[SegmentNeed(need_id="N01", title="t", voices=1, share=1.0)],
                fit=0.8,
                fit_label="high",
                in_target_segments=True,
            )  # fmt: skip
            for i, (name, people) in enumerate(zip(names, members, strict=True))
        ],
    )


def concepts(language: str) -> ConceptHypotheses:
    t = TEXTS[language]
    return ConceptHypotheses(
        meta=ArtefactMeta(language=language),
        concepts=[
            ConceptHypothesis(
                id="C1",
                name=t["org"],
                community_type="practice",
                purpose=t["purpose"],
                hypothesis="If … then … because N01.",
                need_ids=["N01", "N02", "N03"],
                target_groups=t["segments"],
                themes=[
                    ConceptTheme(title=t["themes"][0], topics=["a", "b"], need_ids=["N01"]),
                    ConceptTheme(title=t["themes"][1], need_ids=["N02"]),
                ],
                fails_if=["…"],
            )
        ],
    )


def persona(language: str) -> Persona:
    t = TEXTS[language]
    return Persona(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        name="Fien" if language == "nl" else "Sam",
        who=Trait(text=t["who"], need_ids=["N01"]),
        situation=Trait(text=t["who"], need_ids=["N03"]),
        needs=[Trait(text=t["needs"][0], need_ids=["N01"])],
        participation=[Trait(text=t["evening"], note_ids=["n4"])],
    )


def questionnaire(language: str) -> Questionnaire:
    t = TEXTS[language]
    return Questionnaire(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        title="Q",
        intro="I",
        likert_labels=["1", "2", "3", "4", "5"],
        items=[
            QuestionItem(
                id="Q05",
                block="role",
                kind="single",
                text=t["role_q"],
                options=LADDER[language],
                theme="role-ladder",
            ),
            QuestionItem(
                id="Q06",
                block="background",
                kind="single",
                text=t["segment_q"],
                options=t["segments"],
                theme="segment",
            ),
            QuestionItem(id="Q08", block="background", kind="single", text=t["day_q"], options=t["days"]),
        ],
        sampling=SamplingPlan(segments=t["segments"], required_responses=5),
    )


def write_survey(root: Path, language: str) -> list[list[str]]:
    """Five respondents with names and e-mail addresses; R002 and R004 offer an active role."""
    t, ladder = TEXTS[language], LADDER[language]
    header = ["Tijdstempel", "Naam", "E-mailadres", t["role_q"], t["segment_q"], t["contact"], t["day_q"]]
    roles = [ladder[1], ladder[4], ladder[2], ladder[3], ""]
    contacts = ["", f"mail {EMAILS[1]}", "", "", EMAILS[4]]
    days = [t["days"][0], t["days"][1], t["days"][1], t["days"][1], t["days"][0]]
    rows = [
        [f"2026-11-0{i + 1}", PEOPLE[i], EMAILS[i], roles[i], t["segments"][i % 2], contacts[i], days[i]]
        for i in range(5)
    ]
    (root / "surveys").mkdir(parents=True, exist_ok=True)
    lines = [";".join(header)] + [";".join(row) for row in rows]
    (root / "surveys" / "antwoorden.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


def survey_results(language: str) -> SurveyResults:
    t = TEXTS[language]
    mapping = [
        ColumnMapping(column=t["role_q"], item_id="Q05", score=1, block="role", stats_id="Q05"),
        ColumnMapping(column=t["segment_q"], item_id="Q06", score=1, block="background", stats_id="Q06"),
        ColumnMapping(column=t["day_q"], item_id="Q08", score=1, block="background", stats_id="Q08"),
    ]
    return SurveyResults(
        meta=ArtefactMeta(language=language),
        questionnaire_version=1,
        sources=["surveys/antwoorden.csv"],
        respondents=5,
        mapping=mapping,
        items=[ItemStats(item_id="Q08", n=5, blanks=0, distribution={t["days"][0]: 2, t["days"][1]: 3})],
    )


def project(language: str, **settings: object) -> Project:
    t = TEXTS[language]
    return Project(
        organisation=Organisation(
            name=t["org"], description=t["description"], intentions=settings.pop("intentions", [])
        ),  # type: ignore[arg-type]
        language=language,  # type: ignore[arg-type]
        **settings,  # type: ignore[arg-type]
    )


def inputs(language: str, root: Path | None = None, **settings: object) -> PhaseInputs:
    nm = needs_map(language)
    arts = [nm, champions(language, nm), target_groups(language), concepts(language), persona(language)]
    if root is not None:
        write_survey(root, language)
        arts += [questionnaire(language), survey_results(language)]
    return PhaseInputs(
        project=project(language, **settings),
        go=GateDecision(decision="go", reviewer="Ann", reason="enough support", concept_id="C1"),
        artefacts={a.artefact_name: a for a in arts},
        root=root,
    )


STAKEHOLDERS = {
    "nl": [
        StakeholderGroup(
            name="Coördinatoren uitgiftepunten",
            work="plannen de vrijwilligers",
            concerns=["Kost dit ons extra werk?", "Wat doen we met de vogels?"],
        ),
        StakeholderGroup(name="Bestuur", work="beslist over budget"),
    ],
    "en": [
        StakeholderGroup(
            name="Venue partners",
            work="host the repair cafés",
            concerns=["Who moderates this?", "What about the parking?"],
        ),
        StakeholderGroup(name="Board", work="decides on budget"),
    ],
}
MEANS = Means(budget_per_year=1200, hours_per_week=6, uses_already=["WhatsApp"], constraints=["no Facebook"])
