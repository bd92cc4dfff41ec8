"""The questionnaire agent: blocks, the role ladder, Likert labels per language, and the model path."""

from __future__ import annotations

import pytest

from agents.test.questionnaire import LIKERT_LABELS, ROLE_OPTIONS, draft
from agents.test.questionnaire_prompt import QuestionnaireAnswer
from artefacts.base import ArtefactMeta, Quote
from artefacts.concept import ConceptHypotheses, ConceptHypothesis, ConceptTheme, Persona, Trait
from artefacts.errors import InputError
from artefacts.initiative import Intensity, Need, NeedsMap, SegmentNeed, TargetGroup, TargetGroups
from artefacts.project import Organisation, Project
from artefacts.render_markdown import render_markdown
from artefacts.survey import Questionnaire
from tests.fakes.chat import ScriptedChatModel

TEXT = {
    "nl": {
        "org": "KNVB-district Oost",
        "needs": [("N01", "Oefenstof delen"), ("N02", "Steun bij lastige ouders"), ("N03", "Bijscholing")],
        "themes": ["Oefenstof en trainingsvormen", "Omgaan met ouders langs de lijn"],
        "groups": ["Jeugdtrainers", "Seniorentrainers"],
        "situation": "Traint twee avonden per week een jeugdteam, naast een drukke baan.",
        "persona_needs": [
            "Zoekt nieuwe oefenvormen die passen bij kinderen van tien.",
            "Wil sparren over ouders.",
        ],
        "purpose": "Trainers van verschillende clubs helpen elkaar met oefenstof en lastige situaties",
    },
    "en": {
        "org": "Northbrook Libraries",
        "needs": [("N01", "Repair know-how"), ("N02", "Cover for sessions"), ("N03", "Safety rules")],
        "themes": ["Repair know-how", "Covering each other's sessions"],
        "groups": ["Fixers", "Organisers"],
        "situation": "Fixes small appliances at a monthly repair café in a branch library.",
        "persona_needs": ["Wants to learn fixes from others.", "Needs someone to cover a session."],
        "purpose": "Volunteers help each other keep the repair cafés going",
    },
}


def _need(need_id: str, title: str) -> Need:
    quote = Quote(
        note_id=f"n-{need_id}", text="…", source="interviews/a.txt", line_start=1, line_end=1, speaker="P01"
    )
    return Need(
        id=need_id,
        title=title,
        statement=f"{title}: wat mensen nodig hebben.",
        note_ids=[f"n-{need_id}"],
        voiced_by=["P01"],
        intensity=Intensity(score=0.5, label="medium", reach=0.5, depth=1.0, emphasis=0.1),
        evidence=[quote],
    )


def inputs(language: str = "nl", *, channels: list[str] | None = None):
    """concepts, concept id, persona, needs map, target groups and project, small and by hand."""
    t = TEXT[language]
    meta = ArtefactMeta(language=language)
    needs_map = NeedsMap(
        meta=meta, needs=[_need(i, title) for i, title in t["needs"]], notes=[], interviews=4, interviewees=[]
    )
    concept = ConceptHypothesis(
        id="C1",
        name="Trainerscafé" if language == "nl" else "Fixers' circle",
        community_type="practice",
        purpose=t["purpose"],
        hypothesis="If we …, then … because needs N01 and N02 …",
        need_ids=["N01", "N02"],
        target_groups=[t["groups"][0]],
        themes=[
            ConceptTheme(title=t["themes"][0], topics=["warming-up"], need_ids=["N01"]),
            ConceptTheme(title=t["themes"][1], need_ids=["N02"]),
        ],
        fails_if=["Fewer than 10% want a role."],
    )
    concepts = ConceptHypotheses(meta=meta, concepts=[concept, concept.model_copy(update={"id": "C2"})])
    persona = Persona(
        meta=meta,
        concept_id="C1",
        name="Marieke" if language == "nl" else "Sam",
        who=Trait(text="Volunteer", need_ids=["N01"]),
        situation=Trait(text=t["situation"], need_ids=["N01", "N99"]),
        needs=[
            Trait(text=t["persona_needs"][0], need_ids=["N01"]),
            Trait(text=t["persona_needs"][1], need_ids=["N02"]),
        ],
        motivations=[Trait(text="Likes to help.", invented=True)],
    )
    groups = TargetGroups(
        meta=meta,
        groups=[
            TargetGroup(
                id=f"G{i}",
                name=name,
                basis="metadata",
                size=3,
                participants=["P01"],
                notes=5,
                top_needs=[SegmentNeed(need_id="N01", title="x", voices=2, share=0.6)],
                fit=0.7,
                fit_label="high",
            )
            for i, name in enumerate(t["groups"], start=1)
        ],
    )
    project = Project(organisation=Organisation(name=t["org"]), language=language, channels=channels or [])
    return concepts, "C1", persona, needs_map, groups, project


def block(q: Questionnaire, name: str):
    return [item for item in q.items if item.block == name]


@pytest.fixture(params=["nl", "en"])
def questionnaire(request) -> Questionnaire:
    return draft(*inputs(request.param))


# --- the deterministic backbone ---------------------------------------------------------------------------


def test_blocks_in_order_with_sequential_ids(questionnaire: Questionnaire) -> None:
    order = ["recognition", "relevance", "motivation", "role", "channels", "background", "open"]
    blocks = [item.block for item in questionnaire.items]
    assert sorted(set(blocks), key=blocks.index) == order
    assert blocks == sorted(blocks, key=order.index)
    assert [item.id for item in questionnaire.items] == [f"Q{i:02d}" for i in range(1, len(blocks) + 1)]
    assert 10 <= len(questionnaire.items) <= 17
    assert questionnaire.meta.drafted_by == "deterministic" and questionnaire.meta.fallback is None


def test_dutch_items_are_concrete() -> None:
    q = draft(*inputs("nl"))
    assert q.meta.language == "nl" and q.concept_id == "C1"
    assert q.title == "Vragenlijst: Trainerscafé"
    assert "KNVB-district Oost" in q.intro and "minuten" in q.intro
    recognition = block(q, "recognition")
    # needs by name when no short quote a stranger can read is at hand; never a code
    assert [i.text for i in recognition] == [
        "Dit speelt in mijn eigen situatie: oefenstof delen.",
        "Dit speelt in mijn eigen situatie: steun bij lastige ouders.",
    ]
    assert recognition[0].need_ids == ["N01"]  # N99 is not in the needs map
    relevance = block(q, "relevance")
    assert [i.text for i in relevance] == [
        "Samen met anderen werken aan dit onderwerp zou mij helpen: oefenstof en trainingsvormen.",
        "Samen met anderen werken aan dit onderwerp zou mij helpen: omgaan met ouders langs de lijn.",
    ]
    assert [i.need_ids for i in relevance] == [["N01"], ["N02"]]
    assert [i.theme for i in relevance] == ["Oefenstof en trainingsvormen", "Omgaan met ouders langs de lijn"]
    motivation = block(q, "motivation")
    assert len(motivation) == 3 and motivation[0].text.startswith(
        "Ik zou er tijd in steken omdat ik het zelf"
    )
    assert not any(word in i.text.lower() for i in motivation for word in ("vergoeding", "beloning", "geld"))
    [value, rest] = block(q, "open")
    assert value.text == "Wat zou deze community voor jou waardevol maken?" and not value.required
    assert value.kind == rest.kind == "open" and value.options == []


def test_likert_labels_per_language() -> None:
    nl, en = draft(*inputs("nl")), draft(*inputs("en"))
    assert nl.likert_labels == [
        "Helemaal mee oneens",
        "Mee oneens",
        "Neutraal",
        "Mee eens",
        "Helemaal mee eens",
    ]
    assert en.likert_labels == ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
    for q in (nl, en):
        likert = [i for i in q.items if i.kind == "likert"]
        assert {i.block for i in likert} == {"recognition", "relevance", "motivation"}
        assert all(i.options == q.likert_labels for i in likert)


def test_the_role_ladder_is_exact() -> None:
    for language, expected in (
        (
            "nl",
            [
                "Geen rol",
                "Meelezen",
                "Af en toe meedoen",
                "Actief bijdragen (kennis delen, reageren)",
                "Mee organiseren of een trekkersrol nemen",
            ],
        ),
        (
            "en",
            [
                "No role",
                "Read along",
                "Join now and then",
                "Contribute actively (share knowledge, respond)",
                "Help organise or take a lead role",
            ],
        ),
    ):
        [role] = block(draft(*inputs(language)), "role")
        assert role.kind == "single" and role.theme == "role-ladder" and role.required
        assert role.options == expected == ROLE_OPTIONS[language]
    assert block(draft(*inputs("nl")), "role")[0].text == "Welke rol zou je willen nemen?"


def test_channels_from_the_project_or_defaults_and_meeting_forms() -> None:
    q = draft(*inputs("nl", channels=["WhatsApp-groep", "webinar", "WhatsApp-groep", " "]))
    channels, meeting = block(q, "channels")
    assert channels.kind == meeting.kind == "multiple"
    assert channels.options == ["WhatsApp-groep", "webinar"] and channels.theme == "channels"
    assert meeting.options == ["Online", "Fysiek", "Hybride"] and meeting.theme == "meeting-form"
    default = block(draft(*inputs("en")), "channels")
    assert len(default[0].options) >= 3 and default[1].options == ["Online", "In person", "Hybrid"]


def test_background_asks_the_segment_by_target_group_name_and_age() -> None:
    segment, age = block(draft(*inputs("nl")), "background")
    assert segment.kind == "single" and segment.theme == "segment"
    assert segment.options == ["Jeugdtrainers", "Seniorentrainers", "Anders"]
    assert age.theme == "age" and "Zeg ik liever niet" in age.options and not age.required
    assert block(draft(*inputs("en")), "background")[0].options == ["Fixers", "Organisers", "Other"]


def test_without_themes_relevance_follows_the_key_needs() -> None:
    concepts, cid, persona, needs_map, groups, project = inputs("en")
    concepts.concepts[0].themes = []
    relevance = block(draft(concepts, cid, persona, needs_map, groups, project), "relevance")
    assert [i.text for i in relevance] == [
        "Working on this with others would help me: repair know-how.",
        "Working on this with others would help me: cover for sessions.",
    ]
    assert [i.need_ids for i in relevance] == [["N01"], ["N02"]]


def test_sampling_plan_is_included() -> None:
    q = draft(*inputs("nl"))
    assert q.sampling.segments == ["Jeugdtrainers"] and q.sampling.required_responses == 68


def test_unknown_concept_is_an_input_error_naming_the_choices() -> None:
    concepts, _, persona, needs_map, groups, project = inputs("nl")
    with pytest.raises(InputError, match="C1, C2"):
        draft(concepts, "C7", persona, needs_map, groups, project)


def test_persona_of_another_concept_is_noted() -> None:
    concepts, _, persona, needs_map, groups, project = inputs("en")
    q = draft(concepts, "C2", persona, needs_map, groups, project)
    assert q.concept_id == "C2" and any("C1" in note and "C2" in note for note in q.meta.notes)


def test_rendered_in_the_project_language_with_the_sampling_plan() -> None:
    nl = render_markdown(draft(*inputs("nl")), version=1)
    for heading in (
        "## Herkenning",
        "## Relevantie",
        "## Motivatie",
        "## Rol",
        "## Achtergrond",
        "## Steekproefplan",
    ):
        assert heading in nl
    assert "Mee organiseren of een trekkersrol nemen" in nl and "**Benodigde antwoorden:** 68" in nl
    en = render_markdown(draft(*inputs("en")))
    assert "## Recognition" in en and "## Sampling plan" in en and "Strongly agree" in en
    assert "## Herkenning" not in en


# --- the model path ---------------------------------------------------------------------------------------


def model_answer(q: Questionnaire, **changes) -> dict:
    """The draft as an answer, rephrased where asked: ``changes`` maps item id → field updates."""
    items = []
    for item in q.items:
        data = item.model_dump()
        data.update(changes.get(item.id, {}))
        items.append(data)
    items += changes.get("added", [])
    return {
        "title": "Vragenlijst voor trainers",
        "intro": "Fijn dat je meedoet.",
        "items": items,
        "cannot_answer": None,
    }


def test_model_rephrases_and_adds_a_theme_item() -> None:
    base = draft(*inputs("nl"))
    added = {
        "id": "Q30",
        "block": "relevance",
        "kind": "likert",
        "text": "Ik zou oefenvormen voor de warming-up willen uitwisselen.",
        "options": base.likert_labels,
        "required": True,
        "need_ids": ["N01"],
        "theme": "Oefenstof en trainingsvormen",
    }
    answer = model_answer(
        base,
        Q01={"text": "Ik train naast mijn werk  twee avonden per week."},
        Q15={"required": True},  # a draft item keeps whether it is required
        added=[added],
    )
    llm = ScriptedChatModel(script=[answer])
    q = draft(*inputs("nl"), llm=llm)

    assert q.meta.drafted_by == "model" and q.meta.fallback is None
    assert q.meta.prompts[0].name == "questionnaire" and q.meta.prompts[0].version == "v1"
    assert q.title == "Vragenlijst voor trainers"
    assert q.items[0].text == "Ik train naast mijn werk twee avonden per week."
    relevance = block(q, "relevance")
    assert len(relevance) == 3 and relevance[-1].text.startswith("Ik zou oefenvormen")
    assert [i.id for i in q.items] == [f"Q{i:02d}" for i in range(1, len(base.items) + 2)]
    assert block(q, "role")[0].options == ROLE_OPTIONS["nl"]
    assert not any(item.required for item in block(q, "open"))

    system, user = llm.history[0]
    assert "Dutch (Nederlands)" in str(system.content)
    assert "<data>" in str(user.content) and "</data>" in str(user.content)
    data = str(user.content).split("<data>")[1]
    assert "Wil sparren over ouders." in data and "[N02] Steun bij lastige ouders" in data
    assert "Mee organiseren of een trekkersrol nemen" in data


def test_changed_role_options_are_reasked_then_accepted() -> None:
    base = draft(*inputs("en"))
    role_id = block(base, "role")[0].id
    broken = model_answer(base, **{role_id: {"options": ["Yes", "No"]}})
    llm = ScriptedChatModel(script=[broken, model_answer(base)])
    q = draft(*inputs("en"), llm=llm)

    assert q.meta.drafted_by == "model" and len(llm.history) == 2
    reask = str(llm.history[1][-1].content)
    assert f"item {role_id} is the role ladder" in reask and "Help organise or take a lead role" in reask
    assert block(q, "role")[0].options == ROLE_OPTIONS["en"]


def test_twice_broken_answer_falls_back_to_the_deterministic_draft() -> None:
    base = draft(*inputs("nl"))
    broken = model_answer(
        base,
        Q01={"options": ["Nee", "Een beetje", "Ja", "Zeker", "Absoluut"]},
        Q04={"need_ids": ["N42"]},
    )
    del broken["items"][-1]  # drop a draft item too
    llm = ScriptedChatModel(script=[broken, broken])
    q = draft(*inputs("nl"), llm=llm)

    assert q.meta.drafted_by == "deterministic" and len(llm.history) == 2
    assert q.meta.fallback and q.meta.fallback.startswith("Het taalmodel gaf geen bruikbare vragenlijst")
    assert "Likert labels must stay" in q.meta.fallback
    assert q.items == base.items and q.title == base.title
    reask = str(llm.history[1][-1].content)
    assert "'N42'" in reask and f"{base.items[-1].id} of the draft is missing" in reask


def test_new_items_only_where_the_analysis_allows() -> None:
    base = draft(*inputs("en"))
    new_role = {
        "id": "Q31",
        "block": "role",
        "kind": "single",
        "text": "Would you host a meeting?",
        "options": ["Yes", "No"],
        "required": True,
        "need_ids": [],
        "theme": None,
    }
    llm = ScriptedChatModel(script=[model_answer(base, added=[new_role])] * 2)
    q = draft(*inputs("en"), llm=llm)
    assert q.meta.fallback and "add items only to" in q.meta.fallback
    assert q.meta.fallback.startswith("The language model gave no usable questionnaire")


def test_cannot_answer_and_transport_errors_keep_the_draft() -> None:
    base = draft(*inputs("en"))
    refusal = QuestionnaireAnswer(title="x", intro="x", items=[], cannot_answer="no concept given")
    for script in ([refusal], [ConnectionError("refused")]):
        q = draft(*inputs("en"), llm=ScriptedChatModel(script=list(script)))
        assert q.meta.fallback is not None and q.items == base.items
    assert LIKERT_LABELS["en"] == base.likert_labels


def test_a_need_title_with_a_comma_after_its_first_word_is_lower_cased_inside_a_sentence():
    from agents.test.questionnaire import _lower_first

    assert _lower_first("Facilities, materials and scheduling") == "facilities, materials and scheduling"
    assert _lower_first("Faciliteiten: zalen en velden") == "faciliteiten: zalen en velden"
    assert _lower_first("WhatsApp-tips") == "WhatsApp-tips" and _lower_first("AI en data") == "AI en data"
