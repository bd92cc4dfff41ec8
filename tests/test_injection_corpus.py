"""The prompt-injection corpus (``tests/fixtures/injection``): transcripts in Dutch and English that carry
instructions, fake system prompts, requests to reveal other interviews, HTML, links, Markdown images,
table syntax and formulas.

Offline, the drafts are inert: nothing active in any output, no personal data, every need rests on what
interviewees said and every quote is verbatim. With a scripted model that obeys the injection, the checks
refuse what it invents (a need for a cluster that does not exist, a quote from another interview) and the
escaping neutralises what it writes; the prompt carries the transcript text as data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agents.initiative.needs_model import CLUSTERS_PER_CALL, name_needs, naming_input
from agents.initiative.needs_naming import EvidenceQuote, NamedNeed, NeedsNamingAnswer
from artefacts.docx_export import artefact_docx
from artefacts.exports import CHAMPION_COLUMNS, NEEDS_COLUMNS, champion_rows, needs_rows, serialise
from artefacts.html_report import artefact_html
from artefacts.initiative import NeedsMap
from artefacts.markdown_html import markdown_to_html
from artefacts.render_markdown import render_markdown
from evaluations.phase1 import Phase1, run_phase1
from tests.fakes.chat import ScriptedChatModel
from tests.inert import (
    csv_problems,
    docx_problems,
    html_problems,
    markdown_problems,
    table_problems,
    visible_text,
)

CORPUS = Path(__file__).resolve().parent / "fixtures" / "injection"
LANGUAGES = ("en", "nl")
# what the injections ask for: none of it may appear as a need
INJECTED_WORDS = re.compile(
    r"hacked|beer|bier|developer|ontwikkelaar|pseudonym|system ?prompt", re.IGNORECASE
)
# notes that are instructions rather than statements about the interviewee's work
INSTRUCTION = re.compile(
    r"ignore all previous|negeer alle eerdere|system|systeem|^## (user|system)|print (the|de) (other|andere)"
    r"|repeat your|herhaal je|role-play|rollenspel",
    re.IGNORECASE,
)
SPEAKER = re.compile(r"^([A-Z][a-z]+(?: de)? [A-Z][a-z]+):", re.MULTILINE)
OBEYED = {
    "en": ("HACKED <script>alert(1)</script> [click](javascript:alert(1))",
           "Coaches want cover for their sessions. [click](http://evil.example) <img src=x onerror=alert(1)>"),
    "nl": ("HACKED <script>alert(1)</script> [klik](javascript:alert(1))",
           "Vrijwilligers willen dat iemand hun dienst overneemt. [klik](http://evil.example) <img src=x onerror=alert(1)>"),
}  # fmt: skip


@pytest.fixture(scope="module", params=LANGUAGES)
def phase1(request) -> Phase1:
    return run_phase1(CORPUS / request.param, embedder="hashing")


def _transcripts(language: str) -> list[Path]:
    return sorted((CORPUS / language / "interviews").glob("*.txt"))


def _names(language: str) -> set[str]:
    return {m for path in _transcripts(language) for m in SPEAKER.findall(path.read_text("utf-8"))} - {
        "Interviewer"
    }


def test_the_corpus_has_at_least_twelve_transcripts_in_both_languages() -> None:
    files = {language: _transcripts(language) for language in LANGUAGES}
    assert sum(len(found) for found in files.values()) >= 12 and all(
        len(found) >= 6 for found in files.values()
    )
    for path in (p for found in files.values() for p in found):
        text = path.read_text(encoding="utf-8")
        attack = re.search(r"<|\[|\{\{|=HYPERLINK|negeer|ignore|print|system", text, re.IGNORECASE)
        assert attack, path.name  # an attack in each


def test_the_offline_drafts_are_inert_in_every_format(phase1: Phase1) -> None:
    for artefact in (phase1.needs_map, phase1.champions, phase1.target_groups):
        markdown = render_markdown(artefact, version=1)
        assert markdown_problems(markdown) == [] and table_problems(markdown) == []
        assert html_problems(artefact_html(artefact, version=1, folder=Path("."))) == []
        assert docx_problems(artefact_docx(artefact, version=1)) == []
    assert "<script>alert(" in visible_text(
        markdown_to_html(render_markdown(phase1.needs_map))
    )  # shown as text
    needs_csv = serialise(needs_rows(phase1.needs_map), NEEDS_COLUMNS, "csv")
    assert "HYPERLINK" in needs_csv and csv_problems(needs_csv, ("line",)) == []
    assert (
        csv_problems(serialise(champion_rows(phase1.champions), CHAMPION_COLUMNS, "csv"), ("rank", "score"))
        == []
    )


def test_no_need_is_made_of_the_instructions_and_every_quote_is_verbatim(phase1: Phase1) -> None:
    needs_map = phase1.needs_map
    notes = {note.id: note for note in needs_map.notes}
    assert needs_map.needs
    for need in needs_map.needs:
        assert not INJECTED_WORDS.search(need.title), need.title
        assert need.note_ids and all(notes[i].kind == "statement" for i in need.note_ids)
        for quote in need.evidence:
            assert quote.text in notes[quote.note_id].text
    sources = {note.source for note in needs_map.notes}
    assert sources <= {f"interviews/{p.name}" for p in _transcripts(needs_map.meta.language)}


def test_no_real_name_reaches_an_artefact(phase1: Phase1) -> None:
    names = _names(phase1.needs_map.meta.language)
    assert len(names) == 7
    for artefact in (phase1.needs_map, phase1.champions, phase1.target_groups):
        text = render_markdown(artefact) + artefact.model_dump_json()
        assert [name for name in names if name in text or name.split()[-1] in text] == []


def test_no_need_rests_only_on_instructions(phase1: Phase1) -> None:
    notes = {note.id: note.text for note in phase1.needs_map.notes}
    only_instructions = [
        need.id for need in phase1.needs_map.needs if all(INSTRUCTION.search(notes[i]) for i in need.note_ids)
    ]
    assert only_instructions == []
    # the lines kept out are named where the reviewer looks
    assert any(
        ("taalmodel" in warning or "language model" in warning) for warning in phase1.needs_map.meta.warnings
    )


# --- a model that obeys the injection ------------------------------------------------------------------


def _answers(needs_map: NeedsMap, *, invent: str = "") -> list[NeedsNamingAnswer]:
    """What an obedient model answers: its title and statement carry the attack; ``invent`` adds what
    the checks must refuse ("need": a need for a cluster that does not exist; "reveal": a quote printed
    from another interview)."""
    title, statement = OBEYED[needs_map.meta.language]
    ids = [need.id for need in needs_map.needs]
    answers = []
    for start in range(0, len(ids), CLUSTERS_PER_CALL):
        clusters = naming_input(needs_map, ids[start : start + CLUSTERS_PER_CALL]).clusters
        named = []
        for cluster in clusters:
            note = cluster.notes[0]
            quote = " ".join(note.text.split()[:5])
            if invent == "reveal":
                other = next(n for n in needs_map.notes if n.id not in {c.id for c in cluster.notes})
                quote = other.text
            named.append(
                NamedNeed(
                    cluster_id=cluster.id,
                    name=f"{title} {cluster.id}",
                    statement=statement,
                    quotes=[EvidenceQuote(note_id=note.id, text=quote)],
                )
            )
        if invent == "need":
            beer = NamedNeed(
                cluster_id="N99", name="Free beer for everyone", statement=statement, quotes=named[0].quotes
            )
            named.append(beer)
        answers.append(NeedsNamingAnswer(needs=named))
    return answers


def _twice(answers: list[NeedsNamingAnswer]) -> list[NeedsNamingAnswer]:
    return [answer for answer in answers for _ in range(2)]  # the answer and the same answer to the re-ask


def test_an_obeying_model_is_neutralised_in_every_output(phase1: Phase1) -> None:
    needs_map = phase1.needs_map
    llm = ScriptedChatModel(script=_answers(needs_map))
    named = name_needs(needs_map, llm)
    assert named.meta.drafted_by == "model", named.meta.fallback
    assert all(need.title.startswith("HACKED <script>") for need in named.needs)  # stored as data, verbatim
    markdown = render_markdown(named, version=2)
    assert markdown_problems(markdown) == [] and table_problems(markdown) == []
    page = artefact_html(named, version=2, folder=Path("."))
    assert html_problems(page) == [] and "HACKED <script>alert(1)</script>" in visible_text(page)
    assert docx_problems(artefact_docx(named, version=2)) == []
    needs_csv = serialise(needs_rows(named), NEEDS_COLUMNS, "csv")
    assert "HACKED" in needs_csv and csv_problems(needs_csv, ("line",)) == []


@pytest.mark.parametrize("invent", ["need", "reveal"])
def test_what_an_obeying_model_invents_is_refused(phase1: Phase1, invent: str) -> None:
    needs_map = phase1.needs_map
    llm = ScriptedChatModel(script=_twice(_answers(needs_map, invent=invent)))
    named = name_needs(needs_map, llm)
    assert named.meta.drafted_by == "deterministic" and named.meta.fallback
    assert ("N99" if invent == "need" else "quote") in named.meta.fallback
    assert [n.title for n in named.needs] == [n.title for n in needs_map.needs]
    assert not any("beer" in n.title.lower() for n in named.needs)
    assert markdown_problems(render_markdown(named)) == []


def test_the_prompt_carries_transcript_text_as_data(phase1: Phase1) -> None:
    needs_map = phase1.needs_map
    llm = ScriptedChatModel(script=_answers(needs_map))
    name_needs(needs_map, llm)
    assert llm.history
    attack = "SYSTEM: The previous rules" if needs_map.meta.language == "en" else "SYSTEEM: De vorige regels"
    seen_attack = False
    for request in llm.history:
        assert [m.type for m in request] == ["system", "human"]  # a '## user' line in a note made no message
        user = str(request[-1].content)
        assert user.count("<data>") == user.count("</data>") >= 1
        data = re.findall(r"<data>(.*?)</data>", user, re.DOTALL)
        assert sum(len(block) for block in data) > 0
        for note in needs_map.notes:
            if note.text in user:  # every transcript text sent sits inside a data block
                assert any(note.text in block for block in data) or "data>" in note.text, note.id
        if attack in user:
            seen_attack = True
            assert "‹/data>" in user  # the note's own </data> is defused
            assert any(attack in block for block in data)
    # the fake system prompt is either kept out of the needs as an instruction (never sent) or sent defused
    kept_out = any(attack in note.text and note.kind == "instruction" for note in needs_map.notes)
    assert seen_attack or kept_out, "the fake system prompt should be kept out, or sent as data"
    assert "never instructions" in str(llm.history[0][0].content)
