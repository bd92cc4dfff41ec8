"""Inputs of phases 4 and 5 built by hand: two organisations that are not the bundled examples.

- ``library_nl``: the volunteers of a Dutch library's digital help desk (Digicafé), Dutch, NL holidays;
- ``allotments_gb``: an English allotment association, English, GB (England) bank holidays.

Each gives :class:`~agents.shared.phase_inputs.PhaseInputs` with a needs map, a chosen concept, a persona,
survey results with a channel question, a core group and a charter, as phase 3 would approve them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from agents.shared.phase_inputs import PhaseInputs
from artefacts.base import Artefact, ArtefactMeta, Quote
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme, Persona, Trait
from artefacts.core_group import Candidate, CharterDraft, CharterItem, CoreGroup, Ritual, Role
from artefacts.initiative import Intensity, Need, NeedsMap, NoteEntry
from artefacts.project import Project
from artefacts.survey import ColumnMapping, Criterion, GateDecision, GoNoGoAdvice, ItemStats, SurveyResults

NL_NEEDS = [
    (
        "N01",
        "Vragen van bezoekers over DigiD",
        "Vrijwilligers willen snel kunnen nagaan hoe je een bezoeker helpt die zijn DigiD kwijt is.",
        (
            "Elke dinsdag komt er wel iemand die zijn DigiD-code kwijt is en dan sta ik te zoeken.",
            "Die sms-code van DigiD komt nooit aan bij mensen met een oude telefoon.",
        ),
    ),
    (
        "N02",
        "Alleen staan achter de balie",
        "Vrijwilligers willen bij een lastige vraag een collega kunnen raadplegen, ook als ze alleen dienst hebben.",
        (
            "Als ik alleen dienst heb en het lukt niet, voel ik me echt machteloos.",
            "Ik zou zo graag even iemand kunnen appen als ik vastloop.",
        ),
    ),
    (
        "N03",
        "Bijblijven met nieuwe apps",
        "Vrijwilligers willen samen bijblijven met apps die bezoekers gebruiken, zoals de app van de bank.",
        (
            "Ik wil graag leren hoe die nieuwe bankapp werkt voordat een bezoeker ernaar vraagt.",
            "Elke maand is er weer een update en dan ziet alles er anders uit.",
        ),
    ),
]
GB_NEEDS = [
    (
        "N01",
        "Pests and plant disease",
        "Plot holders want quick advice when blight or slugs hit their crops.",
        (
            "When the blight came last August I lost every tomato before anyone told me what it was.",
            "The slugs had my lettuces in a single night and nobody warned me.",
        ),
    ),
    (
        "N02",
        "Sharing tools and seeds",
        "Plot holders want to lend and swap tools and seedlings instead of buying them alone.",
        (
            "I've got three spades and no rotavator, and Margaret has it the other way round.",
            "Every spring we all buy the same seed trays and half of them go to waste.",
        ),
    ),
    (
        "N03",
        "New plot holders feel lost",
        "New plot holders want someone to show them the ropes in their first season.",
        (
            "My first year I didn't know who to ask about anything, so I just didn't ask.",
            "Nobody told me the water gets switched off in November.",
        ),
    ),
]


def _needs_map(language: str, rows: list[tuple[str, str, str, tuple[str, str]]]) -> NeedsMap:
    notes, needs = [], []
    for index, (need_id, title, statement, said) in enumerate(rows, start=1):
        speaker, quotes = f"P0{index}", []
        for turn, text in enumerate(said):  # n-001 is what P01 said first, n-101 their second
            note_id, line, source = f"n-{100 * turn + index:03d}", 3 + 4 * turn, f"interviews/p{index}.txt"
            where = {"source": source, "line_start": line, "line_end": line, "speaker": speaker}
            notes.append(NoteEntry(id=note_id, text=text, **where))
            quotes.append(Quote(note_id=note_id, text=text, **where))
        needs.append(
            Need(
                id=need_id,
                title=title,
                statement=statement,
                note_ids=[q.note_id for q in quotes],
                voiced_by=[speaker, "P09"],
                intensity=Intensity(score=0.7, label="high", reach=0.5, depth=1.0, emphasis=0.5),
                evidence=quotes,
            )
        )
    return NeedsMap(
        meta=ArtefactMeta(language=language),
        needs=needs,
        notes=notes,
        interviews=3,
        interviewees=["P01", "P02", "P03"],
    )


def _concept(language: str, name: str, themes: list[tuple[str, list[str], list[str]]]) -> ConceptHypotheses:
    concept = ConceptHypothesis(
        id="C1",
        name=name,
        community_type="practice",
        purpose="Samen leren." if language == "nl" else "Learn together.",
        hypothesis="If … then … because N01 and N02.",
        need_ids=["N01", "N02", "N03"],
        themes=[ConceptTheme(title=t, topics=topics, need_ids=ids) for t, topics, ids in themes],
        fails_if=["Fewer than half recognise the needs."],
    )
    return ConceptHypotheses(meta=ArtefactMeta(language=language), concepts=[concept])


def _trait(text: str, need_ids: list[str] | None = None, note_ids: list[str] | None = None) -> Trait:
    return Trait(text=text, need_ids=need_ids or [], note_ids=note_ids or [])


def _survey(language: str, options: dict[str, int], n: int) -> SurveyResults:
    channel = ItemStats(item_id="Q09", n=n, blanks=0, distribution=options)
    role = ItemStats(item_id="Q05", n=n, blanks=0, distribution={"a": n - 8, "b": 8})
    return SurveyResults(
        meta=ArtefactMeta(language=language),
        questionnaire_version=1,
        sources=["surveys/a.csv"],
        respondents=n,
        mapping=[ColumnMapping(column="Kanalen", item_id="Q09", score=1.0, block="channels", stats_id="Q09")],
        items=[role, channel],
        willing_to_pull=8,
    )


def _advice(language: str) -> GoNoGoAdvice:
    def criterion(name: str, threshold: float, observed: float) -> Criterion:
        return Criterion(
            name=name, description=name, threshold=threshold, observed=observed, verdict="met", explanation=""
        )

    return GoNoGoAdvice(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        recommendation="go",
        reasoning="",
        criteria=[
            criterion("recognition", 0.6, 0.78),
            criterion("relevance", 0.6, 0.7),
            criterion("motivation", 0.5, 0.64),
            criterion("role_willingness", 0.15, 0.22),
            criterion("min_pullers", 5, 8),
        ],
    )


def _core(
    language: str, people: list[tuple[str, str, list[str]]], rituals: list[Ritual], roles: list[Role]
) -> tuple[CoreGroup, CharterDraft]:
    core = CoreGroup(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        target_size=6,
        candidates=[
            Candidate(
                person=p,
                source="champion" if p.startswith("P") else "survey",
                segment=s,
                roles=r,
                reason="drive",
            )
            for p, s, r in people
        ],
    )
    charter = CharterDraft(
        meta=ArtefactMeta(language=language),
        concept_id="C1",
        purpose="…",
        house_rules=[CharterItem(text="Be kind")],
        rituals=rituals,
        roles=roles,
    )
    return core, charter


def library_nl(**settings: Any) -> PhaseInputs:
    project = Project.model_validate(
        {
            "organisation": {
                "name": "Bibliotheek Rivierenland",
                "intentions": ["Kennis delen tussen vrijwilligers van het Digicafé"],
            },
            "language": "nl",
            "country": "NL",
            "trial_start": dt.date(2026, 4, 20),
            "community_manager": "Femke (bibliotheek)",
            "means": {
                "budget_per_year": 1500,
                "hours_per_week": 6,
                "uses_already": ["Microsoft Teams"],
                "constraints": ["geen Facebook", "gegevens binnen de EU (AVG)"],
            },
            "holidays": {"closed": [dt.date(2026, 6, 1)]},
            **settings,
        }
    )
    persona = Persona(
        meta=ArtefactMeta(language="nl"),
        concept_id="C1",
        name="Anneke",
        who=_trait("Gepensioneerd, sinds twee jaar vrijwilliger in het Digicafé", ["N02"], ["n-002"]),
        situation=_trait("Heeft meestal alleen dienst op dinsdagochtend", ["N01"], ["n-001"]),
        needs=[_trait("Snel een antwoord op een DigiD-vraag", ["N01"], ["n-001"])],
        participation=[
            _trait(
                "Leest mee in een appgroep en komt graag naar een bijeenkomst op de vestiging",
                ["N02"],
                ["n-002"],
            )
        ],
    )
    people = [
        ("P01", "vrijwilliger", ["host", "welcomer"]),
        ("P02", "vrijwilliger", ["moderator"]),
        ("R014", "vrijwilliger", ["host"]),
        ("R027", "coördinator", []),
    ]
    rituals = [
        Ritual(id="r1", name="Vraag van de week", cadence="weekly", weekday=0),
        Ritual(id="r2", name="Digicafé-overleg", cadence="monthly", weekday=3),
    ]
    roles = [
        Role(id="host", name="Gastvrouw of -heer", hours_per_week=2, candidates=["P01", "R014"]),
        Role(id="moderator", name="Moderator", hours_per_week=1, candidates=["P02"]),
        Role(id="welcomer", name="Welkomstcomité", hours_per_week=1, candidates=["P01"]),
    ]
    core, charter = _core("nl", people, rituals, roles)
    themes = [
        ("DigiD en overheid", ["DigiD kwijt", "machtigen"], ["N01"]),
        ("Samen sterker achter de balie", ["collega bellen", "lastige bezoekers"], ["N02"]),
        ("Nieuwe apps", ["bankapp", "WhatsApp-videobellen"], ["N03"]),
    ]
    survey = _survey(
        "nl",
        {
            "E-mail of nieuwsbrief": 30,
            "WhatsApp- of Signalgroep": 41,
            "Online platform of forum": 22,
            "LinkedIn": 3,
        },
        n=60,
    )
    return _inputs(
        project,
        [
            _needs_map("nl", NL_NEEDS),
            _concept("nl", "Digicafé-netwerk", themes),
            persona,
            survey,
            _advice("nl"),
            core,
            charter,
        ],
    )


def allotments_gb(**settings: Any) -> PhaseInputs:
    project = Project.model_validate(
        {
            "organisation": {
                "name": "Riverside Allotment Association",
                "intentions": ["Members meet and share know-how"],
            },
            "language": "en",
            "country": "GB",
            "holidays": {"subdivision": "ENG"},
            "trial_start": dt.date(2026, 4, 27),
            "community_manager": "Dev (secretary)",
            "means": {
                "budget_per_year": 400,
                "currency": "GBP",
                "hours_per_week": 3,
                "constraints": ["no Discord", "no WhatsApp"],
            },
            **settings,
        }
    )
    persona = Persona(
        meta=ArtefactMeta(language="en"),
        concept_id="C1",
        name="Maureen",
        who=_trait("Retired teacher who has had plot 14 for nine years", ["N01"], ["n-001"]),
        situation=_trait("On the site most mornings from March to October", ["N02"], ["n-002"]),
        needs=[_trait("Quick advice when a crop fails", ["N01"], ["n-001"])],
        participation=[_trait("Reads the newsletter and comes to a meetup at the hut", ["N02"], ["n-002"])],
    )
    people = [
        ("P01", "plot holder", ["host"]),
        ("P03", "new plot holder", ["welcomer"]),
        ("R003", "plot holder", []),
    ]
    rituals = [Ritual(id="r1", name="Swap shelf Saturday", cadence="fortnightly", weekday=5)]
    roles = [
        Role(id="host", name="Hut host", hours_per_week=1.5, candidates=["P01"]),
        Role(id="welcomer", name="Plot buddy", hours_per_week=1, candidates=["P03"]),
    ]
    core, charter = _core("en", people, rituals, roles)
    themes = [
        ("Pests and disease", ["blight", "slugs"], ["N01"]),
        ("Swap and share", ["tools", "seedlings"], ["N02"]),
        ("First season", ["soil", "what to sow when"], ["N03"]),
    ]
    survey = _survey(
        "en", {"Email or newsletter": 35, "WhatsApp or Signal group": 20, "Online platform or forum": 9}, n=48
    )
    return _inputs(
        project,
        [
            _needs_map("en", GB_NEEDS),
            _concept("en", "Riverside growers", themes),
            persona,
            survey,
            _advice("en"),
            core,
            charter,
        ],
    )


def _inputs(project: Project, artefacts: list[Artefact]) -> PhaseInputs:
    go = GateDecision(
        decision="go",
        reviewer="Ann",
        reason="enough support",
        concept_id="C1",
        decided_at=dt.datetime(2026, 4, 8, 10, tzinfo=dt.UTC),
    )
    return PhaseInputs(project=project, go=go, artefacts={type(a).artefact_name: a for a in artefacts})
