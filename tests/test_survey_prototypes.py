"""An organisation's own survey asks about the project's own needs and themes: a column about one need is a
recognition or relevance question and feeds the item that tests that need (issue 10)."""

from __future__ import annotations

import numpy as np
import pytest

from artefacts.base import ArtefactMeta
from artefacts.concept import ConceptHypothesis, ConceptTheme
from artefacts.initiative import Intensity, Need, NeedsMap
from artefacts.survey import QuestionItem, Questionnaire, SamplingPlan
from knowledge.embeddings import E5Embedder
from knowledge.survey_mapping import propose_mapping
from knowledge.survey_prototypes import column_topics, project_prototypes
from tests.test_surveys import NL_LABELS, ROLES

DIGITAAL = "Hoe belangrijk vindt u hulp bij de digitale overheid?"
FORMULIEREN = "Online formulieren van de gemeente invullen vind ik lastig"
ALLEEN = "Ik mis mensen in de buurt met wie ik een praatje kan maken"
ONTMOETEN = "Een vaste plek om buurtgenoten te ontmoeten zou ik waardevol vinden"
LEEFTIJD = "Wat is uw leeftijd?"
ROL = "Wat zou u willen doen in het buurtnetwerk?"


def need(need_id: str, title: str, statement: str) -> Need:
    intensity = Intensity(score=0.5, label="medium", reach=0.5, depth=1, emphasis=0.2)
    return Need(id=need_id, title=title, statement=statement, note_ids=[], voiced_by=[], intensity=intensity,
                evidence=[])  # fmt: skip


NEEDS = NeedsMap(
    meta=ArtefactMeta(language="nl"),
    needs=[
        need(
            "N01",
            "Hulp bij de digitale overheid",
            "Ouderen willen hulp bij DigiD, de belastingaangifte en online formulieren van de gemeente.",
        ),
        need(
            "N02",
            "Minder eenzaam in de wijk",
            "Bewoners missen contact met buurtgenoten en willen elkaar vaker ontmoeten.",
        ),
    ],  # fmt: skip
    notes=[],
    interviews=6,
)
CONCEPT = ConceptHypothesis.model_construct(
    id="C1", themes=[ConceptTheme(title="Samen digitaal", topics=["DigiD", "apps"], need_ids=["N01"])]
)


def questionnaire() -> Questionnaire:
    def likert(item_id: str, block: str, text: str, need_id: str) -> QuestionItem:
        return QuestionItem(id=item_id, block=block, kind="likert", text=text, options=NL_LABELS,
                            need_ids=[need_id])  # fmt: skip

    return Questionnaire(
        meta=ArtefactMeta(language="nl"),
        concept_id="C1",
        title="Buurtnetwerk",
        intro="Fijn dat u meedoet.",
        likert_labels=NL_LABELS,
        items=[
            likert(
                "Q01", "recognition", "Ik loop vast bij regelzaken die alleen nog via internet kunnen.", "N01"
            ),
            likert("Q02", "recognition", "Ik voel me soms alleen in mijn wijk.", "N02"),
            likert(
                "Q03", "relevance", "Een vast inloopmoment voor vragen over regelzaken zou mij helpen.", "N01"
            ),
            likert("Q04", "relevance", "Een netwerk van wijkgenoten zou mijn leven beter maken.", "N02"),
            QuestionItem(
                id="Q05",
                block="role",
                kind="single",
                text="Welke rol past bij u?",
                options=ROLES,
                theme="role-ladder",
            ),
            QuestionItem(
                id="Q06",
                block="background",
                kind="single",
                text="Leeftijd",
                options=["jonger dan 65", "65 of ouder"],
                theme="age",
            ),
        ],  # fmt: skip
        sampling=SamplingPlan(segments=["bewoners"], required_responses=40),
    )


def rows(count: int = 40) -> list[dict[str, str]]:
    rng = np.random.default_rng(3)
    ages, roles = ["55 - 64 jaar", "65 - 74 jaar", "75 jaar of ouder"], ["Meedenken", "Organisator", "Geen"]
    return [
        {
            DIGITAAL: str(NL_LABELS[rng.integers(5)]),
            FORMULIEREN: str(NL_LABELS[rng.integers(5)]),
            ALLEEN: str(NL_LABELS[rng.integers(5)]),
            ONTMOETEN: str(NL_LABELS[rng.integers(5)]),
            LEEFTIJD: ages[i % 3],
            ROL: roles[i % 3],
        }  # fmt: skip
        for i in range(count)
    ]


class TopicEmbedder:
    """Scripted vectors: a text about digital help, about loneliness, or neither; records what it embedded."""

    TOPICS = (
        ("digita", "digid", "formulier", "regelzaken"),
        ("eenzaam", "alleen", "buurt", "ontmoet", "wijk"),
    )

    def __init__(self) -> None:
        self.history: list[str] = []

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        self.history += texts
        out = []
        for text in texts:
            vector = np.zeros(4)
            vector[0] = 2.0  # what every sentence shares: cosines of unrelated texts are 0.8, as with e5
            hits = [k for k, words in enumerate(self.TOPICS) if any(w in text.casefold() for w in words)]
            vector[1 + hits[0] if hits else 3] = 1.0
            out.append(vector / np.linalg.norm(vector))
        return np.asarray(out)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


def mapped(embedder, needs_map: NeedsMap | None, concept=None) -> dict:  # noqa: ANN001
    columns = [DIGITAAL, FORMULIEREN, ALLEEN, ONTMOETEN, LEEFTIJD, ROL]
    prototypes = project_prototypes(needs_map, concept)
    found = propose_mapping(columns, rows(), questionnaire(), embedder, "nl", None, prototypes)
    return {m.column: m for m in found}


def test_the_prototypes_are_the_needs_and_the_concepts_themes() -> None:
    prototypes = project_prototypes(NEEDS, CONCEPT)
    assert [p.label for p in prototypes] == ["Hulp bij de digitale overheid", "Minder eenzaam in de wijk",
                                             "Samen digitaal"]  # fmt: skip
    assert prototypes[2].fits(questionnaire().items[0]) and not prototypes[2].fits(questionnaire().items[1])
    assert project_prototypes(None, None) == []


def test_a_column_about_a_need_feeds_the_item_that_tests_that_need() -> None:
    embedder = TopicEmbedder()
    by_column = mapped(embedder, NEEDS)
    assert "Hulp bij de digitale overheid: Ouderen willen hulp bij DigiD" in " ".join(embedder.history)
    assert (by_column[DIGITAAL].block, by_column[DIGITAAL].item_id) == ("relevance", "Q03")
    assert (by_column[ONTMOETEN].block, by_column[ONTMOETEN].item_id) == ("relevance", "Q04")
    assert by_column[ALLEEN].item_id == "Q02" and by_column[FORMULIEREN].item_id == "Q01"
    assert "Hulp bij de digitale overheid" in by_column[DIGITAAL].reason
    assert by_column[LEEFTIJD].block == "background" and by_column[ROL].item_id == "Q05"


def test_without_needs_or_concept_the_mapping_still_works() -> None:
    by_column = mapped(TopicEmbedder(), None)
    assert by_column[DIGITAAL].block == "relevance" and by_column[LEEFTIJD].block == "background"
    assert "gaat over" not in by_column[DIGITAAL].reason
    assert mapped(None, NEEDS)[ROL].item_id == "Q05"  # no embedder: no topics, no error


def test_only_a_header_clearly_near_one_need_is_about_it() -> None:
    topics = column_topics([DIGITAAL, ALLEEN, LEEFTIJD], project_prototypes(NEEDS), TopicEmbedder())
    assert {c: sorted(t.prototype.need_ids) for c, t in topics.items()} == {
        DIGITAAL: ["N01"],
        ALLEEN: ["N02"],
    }


@pytest.mark.slow
def test_the_bundled_embedder_finds_the_need_behind_a_column() -> None:
    by_column = mapped(E5Embedder(), NEEDS, CONCEPT)
    assert (by_column[DIGITAAL].block, by_column[DIGITAAL].item_id) == ("relevance", "Q03")
    assert by_column[ONTMOETEN].block == "relevance" and by_column[ALLEEN].block == "recognition"


def test_the_flow_hands_the_needs_map_and_the_chosen_concept_to_the_analysis(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import flows.survey
    from knowledge.surveys import SurveyTable
    from tests.gate_project import make_project
    from tests.phase2_builders import results

    root = make_project(tmp_path)
    seen: list[tuple] = []

    def analyse_answers(
        table, questionnaire, version, project, charts, embedder, corrections, needs_map, concept
    ):  # noqa: ANN001, ANN202, PLR0913
        seen.append((needs_map, concept))
        return results()

    monkeypatch.setattr(flows.survey.phase2b, "analyse_answers", analyse_answers)
    concept = CONCEPT
    flows.survey.analyse_survey.fn(str(root), SurveyTable(), questionnaire(), 1, NEEDS, concept)
    assert seen == [(NEEDS, concept)]
