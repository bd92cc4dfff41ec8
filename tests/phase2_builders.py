"""Small stand-ins for phase-2 artefacts, built from the pydantic models (for gate and advice tests)."""

from __future__ import annotations

from artefacts.base import ArtefactMeta
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, Persona, Trait
from artefacts.survey import ItemStats, QuestionItem, Questionnaire, SamplingPlan, SegmentStats, SurveyResults

LIKERT = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
ROLES = [
    "Geen rol",
    "Meelezen",
    "Af en toe meedoen",
    "Actief bijdragen (kennis delen, reageren)",
    "Mee organiseren of een trekkersrol nemen",
]


def questionnaire(concept_id: str = "C1", required: int = 80, language: str = "nl") -> Questionnaire:
    items = [
        QuestionItem(
            id="Q01",
            block="recognition",
            kind="likert",
            text="Ik herken mij in: te weinig tijd",
            options=LIKERT,
        ),
        QuestionItem(
            id="Q02",
            block="recognition",
            kind="likert",
            text="Ik herken mij in: alleen staan",
            options=LIKERT,
        ),
        QuestionItem(
            id="Q03",
            block="relevance",
            kind="likert",
            text="Uitwisselen over oefenstof helpt mij",
            options=LIKERT,
        ),
        QuestionItem(
            id="Q04", block="motivation", kind="likert", text="Ik vind het zelf belangrijk", options=LIKERT
        ),
        QuestionItem(
            id="Q05",
            block="role",
            kind="single",
            text="Welke rol zou je willen nemen?",
            options=ROLES,
            theme="role-ladder",
        ),
        QuestionItem(
            id="Q06",
            block="background",
            kind="single",
            text="Welke omschrijving past het best bij jou?",
            options=["jeugdtrainer", "ouder-trainer", "Anders"],
            theme="segment",
        ),
        QuestionItem(
            id="Q07",
            block="open",
            kind="open",
            text="Wat zou deze community waardevol maken?",
            required=False,
        ),
    ]
    return Questionnaire(
        meta=ArtefactMeta(language=language),
        concept_id=concept_id,
        title="Vragenlijst",
        intro="Intro",
        likert_labels=LIKERT,
        items=items,
        sampling=SamplingPlan(segments=["jeugdtrainer"], required_responses=required),
    )


def likert(item_id: str, n: int, share: float, blanks: int = 0) -> ItemStats:
    agree = round(n * share)
    rest = n - agree
    return ItemStats(
        item_id=item_id,
        n=n,
        blanks=blanks,
        distribution={
            LIKERT[0]: rest // 2,
            LIKERT[1]: rest - rest // 2,
            LIKERT[2]: 0,
            LIKERT[3]: agree // 2,
            LIKERT[4]: agree - agree // 2,
        },
        mean=3.0,
        top2_share=agree / n if n else None,
    )


def results(
    n: int = 100,
    recognition: float = 0.8,
    relevance: float = 0.8,
    motivation: float = 0.7,
    roles: tuple[int, ...] = (20, 30, 25, 15, 10),
    segments: dict[str, int] | None = None,
    blanks: int = 0,
    unmapped: list[str] | None = None,
    language: str = "nl",
) -> SurveyResults:
    role_counts = dict(zip(ROLES, roles, strict=True))
    items = [
        likert("Q01", n, recognition, blanks),
        likert("Q02", n, recognition),
        likert("Q03", n, relevance),
        likert("Q04", n, motivation),
        ItemStats(item_id="Q05", n=sum(roles), blanks=n - sum(roles), distribution=role_counts),
    ]
    seg = segments or {"jeugdtrainer": n // 2, "ouder-trainer": n - n // 2}
    return SurveyResults(
        meta=ArtefactMeta(language=language),
        questionnaire_version=1,
        sources=["surveys/a.csv"],
        respondents=n,
        mapping=[],
        unmapped_columns=unmapped or [],
        items=items,
        segments=[SegmentStats(segment=name, n=count, items=[]) for name, count in seg.items()],
        role_willingness=role_counts,
        willing_to_pull=roles[-1],
    )


def concepts(note: str = "", language: str = "nl") -> ConceptHypotheses:
    def one(cid: str, name: str) -> ConceptHypothesis:
        return ConceptHypothesis(
            id=cid,
            name=name,
            community_type="practice",
            purpose="Samen oefenstof delen.",
            hypothesis="Als we … dan … omdat N01.",
            need_ids=["N01"],
            fails_if=["Minder dan 60% herkent zich."],
        )

    return ConceptHypotheses(
        meta=ArtefactMeta(language=language),
        concepts=[one("C1", "Trainersnetwerk"), one("C2", "Oefenstofbank")],
        revision_note=note,
    )


def persona(concept_id: str = "C1", language: str = "nl") -> Persona:
    trait = Trait(text="Jeugdtrainer met weinig tijd", need_ids=["N01"])
    return Persona(
        meta=ArtefactMeta(language=language),
        concept_id=concept_id,
        name="Sanne",
        who=trait,
        situation=trait,
        needs=[trait],
    )
