"""Champions: drive to take a role outweighs talk; refusals and hedges pull people down."""

from __future__ import annotations

from agents.initiative.champions import draft, find_signals, score, signal_kinds
from artefacts.notes import Interview, Note
from tests.builders import note


def _interview(ident: str, speaker: str, segment: str = "jeugdtrainer") -> Interview:
    return Interview(
        id=ident,
        source=f"interviews/{ident}.txt",
        language="nl",
        participant=speaker,
        participants=[speaker],
        metadata={"segment": segment},
    )


def test_a_quiet_organiser_outranks_a_talkative_decliner():
    organiser = [
        note(
            "Ik heb al eens een trainersavond georganiseerd bij ons op de club.",
            speaker="P01",
            interview="a",
            line=1,
        ),
        note("Dat wil ik wel trekken, echt.", speaker="P01", interview="a", line=2),
    ]
    talker = [
        note(
            f"Ik vind het een geweldig idee, echt heel leuk, punt {i}.", speaker="P02", interview="b", line=i
        )
        for i in range(1, 15)
    ]
    talker.append(
        note(
            "Maar ik heb er echt geen tijd voor, laat iemand anders dat maar doen.",
            speaker="P02",
            interview="b",
            line=20,
        )
    )
    result = draft([_interview("a", "P01"), _interview("b", "P02")], organiser + talker, None, "nl")
    first, second = result.champions
    assert (first.participant, first.rank, first.candidate) == ("P01", 1, True)
    assert second.participant == "P02" and not second.candidate and second.score < 0
    assert {s.kind for s in first.signals} >= {"offer", "initiative"}
    assert {s.kind for s in second.signals} & {"refusal", "deflection"}
    assert first.evidence and first.evidence[0].note_id in {n.id for n in organiser}
    assert "initiatief" in first.reason


def test_repeated_signals_of_one_kind_count_less_each_time():
    kinds = signal_kinds("nl")
    offers = [
        s
        for n in [note("Dat wil ik wel trekken.", line=i) for i in range(1, 5)]
        for s in find_signals(n, kinds)
    ]
    assert len(offers) == 4
    single = offers[0].weight
    assert score(offers) < 2 * single  # 1 + 1/2 + 1/4 + 1/8 < 2


def test_english_signals_are_found_in_english_text():
    kinds = signal_kinds("en")
    found = find_signals(note("I'd be happy to organise the first meeting.", line=1), kinds)
    assert [s.kind for s in found] == ["offer"]
    refusals = find_signals(note("Honestly, count me out, I don't have time.", line=2), kinds)
    assert {s.kind for s in refusals} == {"refusal"}


def test_nobody_is_lost_and_ranks_are_consecutive():
    people = [_interview(x, f"P0{i}") for i, x in enumerate("abc", start=1)]
    notes = [
        note("Weet ik niet.", speaker=f"P0{i}", interview=x, line=1) for i, x in enumerate("abc", start=1)
    ]
    result = draft(people, notes, None, "nl")
    assert [c.rank for c in result.champions] == [1, 2, 3]
    assert {c.participant for c in result.champions} == {"P01", "P02", "P03"}
    assert not any(c.candidate for c in result.champions)


def test_first_person_organising_verbs_count_unless_negated_or_asked():
    from agents.initiative.champions import organising_signals

    past = organising_signals(note("Vorig jaar heb ik zelf een trainersavond opgezet bij ons.", line=1), "nl")
    assert [(s.kind, s.phrase) for s in past] == [("initiative", "opgezet")]
    offer = organising_signals(
        note("Als de bond een zaal heeft, dan wil ik wel iets organiseren.", line=2), "nl"
    )
    assert [s.kind for s in offer] == ["offer"]
    assert organising_signals(note("Nee, ik ga echt niks organiseren, hoor.", line=3), "nl") == []
    assert organising_signals(note("Zou ik dat moeten organiseren?", line=4), "nl") == []
    assert (
        organising_signals(note("De club heeft een avond georganiseerd.", line=5), "nl") == []
    )  # not first person
    english = organising_signals(note("Last spring I set up a repair rota myself.", line=6), "en")
    assert [s.kind for s in english] == ["initiative"]


def test_a_hedge_counts_only_when_the_talk_is_about_a_role():
    kinds = signal_kinds("nl")
    about_a_need = note("Niemand heeft ze ooit laten zien hoe dat moet, misschien is dat het probleem.")
    asked_about_a_role = note("Misschien later, als het wat rustiger is.", line=2).model_copy(
        update={"context": "Zou je daar zelf een rol in willen hebben?"}
    )
    says_role_itself = note("Een rol? Misschien, ik weet het nog niet.", line=3)
    assert not find_signals(about_a_need, kinds)
    assert [s.kind for s in find_signals(asked_about_a_role, kinds)] == ["hedge"]
    assert "hedge" in {s.kind for s in find_signals(says_role_itself, kinds)}


def test_a_conditional_offer_to_do_the_rest_is_an_offer():
    kinds = signal_kinds("nl")
    offer = note("Als jullie zorgen dat er een zaaltje is en koffie, dan doe ik de rest wel, hoor.")
    declined = note(
        "Als jullie een zaaltje regelen, dan doe ik de rest niet, dat moet een ander doen.", line=2
    )
    assert {s.kind for s in find_signals(offer, kinds)} == {"offer"}
    assert "offer" not in {s.kind for s in find_signals(declined, kinds)}


def test_initiative_is_the_speakers_own_and_an_offer_said_with_will_weighs_more():
    kinds = signal_kinds("nl")
    theirs = note("Daar zou ik graag eens gaan kijken hoe ze dat geregeld hebben.")
    mine = note("Vorig jaar heb ik zelf een inloopavond geregeld in het buurthuis.", line=2)
    willed = note("Ik wil die planning wel opzetten, ik heb al een idee.", line=3)
    bare = note("Ik organiseer zo'n avond als het moet.", line=4)
    assert not [s for s in find_signals(theirs, kinds) if s.kind == "initiative"]
    assert [s.kind for s in find_signals(mine, kinds)] == ["initiative"]
    (strong,) = [s for s in find_signals(willed, kinds) if s.kind == "offer"]
    (plain,) = [s for s in find_signals(bare, kinds) if s.kind == "offer"]
    assert strong.weight > plain.weight > 0


def _en(text: str, **kwargs) -> Note:
    return note(text, **kwargs).model_copy(update={"language": "en"})


def test_a_concession_is_not_an_offer_nor_a_refused_own_time_initiative():
    nl, en = signal_kinds("nl"), signal_kinds("en")
    assert find_signals(note("Dat geef ik toe, het schiet niet op met die formulieren."), nl) == []
    assert find_signals(note("Dat geef ik je gelijk, het is een rommeltje."), nl) == []
    own_time = _en("I did set up the rota for the garden, just not in my own time.")
    assert not [s for s in find_signals(own_time, en) if s.kind in ("offer", "initiative")]
    # the same words without the concession or the negation still count
    assert {s.kind for s in find_signals(note("Die workshop geef ik graag, zeg maar wanneer."), nl)} & {
        "offer"
    } or find_signals(note("Ik regel de eerste avond wel."), nl)
    assert {s.kind for s in find_signals(_en("I organised a litter pick last spring."), en)} == {"initiative"}


def test_staff_who_organise_as_their_job_rank_below_volunteers_and_are_named_so():
    caretaker = [
        note(
            "Als beheerder regel ik de zaal en de koffie, dat hoort bij mijn werk.",
            speaker="P01",
            interview="a",
        ),
        note(
            "Ik wil best de eerste bijeenkomst organiseren, dat is mijn werk.",
            speaker="P01",
            interview="a",
            line=2,
        ),
    ]
    volunteer = [
        note("Ik heb vorig jaar zelf een ruilmiddag opgezet in de wijk.", speaker="P02", interview="b"),
        note("Ik wil de volgende wel organiseren.", speaker="P02", interview="b", line=2),
    ]
    result = draft([_interview("a", "P01"), _interview("b", "P02")], caretaker + volunteer, None, "nl")
    ranked = [c.participant for c in result.champions]
    assert ranked == ["P02", "P01"]
    staff = result.champions[1]
    assert "betaalde kracht" in staff.reason and "Als beheerder" in staff.reason
    assert "betaalde kracht" not in result.champions[0].reason


def test_an_english_scheme_coordinator_is_told_apart_from_a_volunteer():
    coordinator = [
        _en("As the scheme coordinator I run the monthly tenants' meetings.", speaker="P01", interview="a"),
        _en(
            "I can host the first session, it's part of my job anyway.", speaker="P01", interview="a", line=2
        ),
    ]
    tenant = [_en("I can host the first session in my flat, I'd love to.", speaker="P02", interview="b")]
    interviews = [
        _interview("a", "P01").model_copy(update={"language": "en"}),
        _interview("b", "P02").model_copy(update={"language": "en"}),
    ]
    result = draft(interviews, coordinator + tenant, None, "en")
    first, second = result.champions
    assert (first.participant, second.participant) == ("P02", "P01")
    assert "staff, not a volunteer" in second.reason
