"""Transcript formats: turns, speaker labels, exact line numbers, cues, encodings and broken files."""

from __future__ import annotations

import codecs
from pathlib import Path

import docx
import pytest

from artefacts.errors import InputError
from knowledge.encodings import decode_bytes
from knowledge.formats import LabelRules
from knowledge.transcripts import parse_bytes, read_transcript

FIXTURES = Path(__file__).parent / "fixtures" / "interviews"
RULES = LabelRules.of(["interviewer", "int", "i", "q", "vraag"])


def turns_of(name: str, rules: LabelRules = RULES) -> list[tuple[str | None, int, int, str | None]]:
    parsed = read_transcript(FIXTURES / name, f"interviews/{name}", rules)
    return [(t.speaker, t.line_start, t.line_end, t.cue) for t in parsed.turns]


def test_markdown_front_matter_and_bold_labels() -> None:
    parsed = read_transcript(FIXTURES / "nl-docent.md", "interviews/nl-docent.md", RULES)
    assert parsed.metadata["participant"] == "Jan de Vries"
    assert parsed.metadata["segment"] == "onderwijs"
    assert [(t.speaker, t.line_start, t.line_end) for t in parsed.turns] == [
        ("Anna Smit", 10, 10),
        ("Jan", 11, 11),
        ("Anna Smit", 12, 12),
        ("Jan", 13, 16),  # "Wat ik wil zeggen:" on line 14 is text, not a speaker
        ("Anna Smit", 17, 17),
        ("Jan", 18, 18),
        ("Anna Smit", 19, 19),
        ("Jan", 20, 20),
    ]
    assert parsed.turns[3].text.startswith("Ik mis echt het contact")
    assert "Wat ik wil zeggen: we zitten" in parsed.turns[3].text
    assert "\n\nDaarnaast" in parsed.turns[3].text  # the blank line inside the turn is a paragraph break


def test_a_sentence_with_a_colon_is_not_a_label() -> None:
    text = (
        "Interviewer: Wat vind je ervan?\n"
        "Piet: Nou, het volgende.\n"
        "Wat ik wil zeggen: het kan beter.\n"
        "Mijn punt is dit: we praten te weinig.\n"
        "Interviewer: Dank je.\n"
        "Piet: Graag gedaan.\n"
    )
    parsed = parse_bytes(text.encode(), ".txt", "a.txt", RULES)
    assert [(t.speaker, t.line_start, t.line_end) for t in parsed.turns] == [
        ("Interviewer", 1, 1),
        ("Piet", 2, 4),
        ("Interviewer", 5, 5),
        ("Piet", 6, 6),
    ]


def test_a_name_used_once_is_a_label_only_when_known() -> None:
    text = "Interviewer: Hoe heet je?\nEls Bos: Els.\n"
    unknown = parse_bytes(text.encode(), ".txt", "a.txt", RULES)
    assert [t.speaker for t in unknown.turns] == ["Interviewer"]
    known = parse_bytes(text.encode(), ".txt", "a.txt", RULES.with_names(["Els Bos"]))
    assert [t.speaker for t in known.turns] == ["Interviewer", "Els Bos"]


@pytest.mark.parametrize(
    ("line", "speaker", "cue", "text"),
    [
        ("Karin (00:01:02): Het gaat goed.", "Karin", "00:01:02", "Het gaat goed."),
        ("[00:01:02] Karin: Het gaat goed.", "Karin", "00:01:02", "Het gaat goed."),
        ("**Karin**: Het gaat goed.", "Karin", None, "Het gaat goed."),
        ("**Karin:** Het gaat goed.", "Karin", None, "Het gaat goed."),
        ("Interviewer 1: Het gaat goed.", "Interviewer 1", None, "Het gaat goed."),
    ],
)
def test_label_forms(line: str, speaker: str, cue: str | None, text: str) -> None:
    parsed = parse_bytes(f"{line}\n".encode(), ".md", "a.md", RULES.with_names(["Karin"]))
    assert [(t.speaker, t.cue, t.text, t.line_start) for t in parsed.turns] == [(speaker, cue, text, 1)]


def test_unlabelled_file_gives_paragraphs_and_cp1252_is_decoded() -> None:
    parsed = read_transcript(FIXTURES / "notities.txt", "interviews/notities.txt", RULES)
    assert parsed.encoding == "cp1252"
    assert not parsed.labelled
    assert [(t.speaker, t.line_start, t.line_end) for t in parsed.turns] == [
        (None, 1, 1),
        (None, 3, 4),
        (None, 6, 6),
    ]
    text = "\n".join(t.text for t in parsed.turns)
    for word in ("café", "één", "collega’s", "“je staat er echt alleen voor”", "€50"):
        assert word in text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Interviewer: Café?\r\n".encode(), "utf-8-sig"),
        ("Interviewer: Café?\n".encode(), "utf-8"),
        ("Interviewer: Café?\n".encode("utf-16"), "utf-16"),
        ("Interviewer: Café – “ja”\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "a.txt")
    assert decoded.encoding == encoding
    assert decoded.text.startswith("Interviewer: Café")
    assert "\r" not in decoded.text


def test_empty_and_binary_files_are_input_errors() -> None:
    with pytest.raises(InputError, match="a.txt: the file is empty"):
        decode_bytes(b"  \n\n", "a.txt")
    with pytest.raises(InputError, match="b.txt"):
        decode_bytes(bytes(range(256)) * 4, "b.txt")


def test_teams_vtt_merges_cues_of_one_speaker() -> None:
    parsed = read_transcript(FIXTURES / "teams.vtt", "interviews/teams.vtt", RULES)
    assert [(t.speaker, t.line_start, t.line_end, t.cue) for t in parsed.turns] == [
        ("Interviewer", 5, 5, "00:00:00.500"),
        ("Lotte Bakker", 9, 13, "00:00:03.100"),
        ("Interviewer", 17, 17, "00:00:09.100"),
        ("Lotte Bakker", 21, 21, "00:00:11.100"),
    ]
    assert (
        parsed.turns[1].text
        == "Voor mij betekent het dat je elkaar durft te bellen als je vastloopt met een klant."
    )
    assert [line.start for line in parsed.turns[1].lines] == [9, 13]


def test_zoom_vtt_labels_in_cue_text() -> None:
    rules = RULES.with_names(["Tom Peters"])
    assert turns_of("zoom.vtt", rules) == [
        ("Interviewer", 5, 5, "00:00:01.000"),
        ("Tom Peters", 9, 13, "00:00:04.500"),  # the unlabelled cue on line 13 continues Tom
        ("Interviewer", 17, 17, "00:00:12.500"),
    ]


def test_srt_cues_without_label_continue_the_speaker() -> None:
    assert turns_of("sessie.srt") == [
        ("Interviewer", 3, 3, "00:00:01,000"),
        ("Fatima", 7, 11, "00:00:03,600"),
        ("Interviewer", 15, 15, "00:00:09,100"),
        ("Fatima", 19, 19, "00:00:11,100"),
    ]


def test_json_turns_know_the_line_of_their_object() -> None:
    assert turns_of("groep.json") == [
        ("Interviewer", 4, 4, None),
        ("Priya", 5, 5, None),
        ("Kees", 6, 9, None),
        ("Interviewer", 10, 10, None),  # "name" and "content" keys
        ("Priya", 11, 11, None),
    ]


def test_json_list_with_times() -> None:
    text = '[\n  {"speaker": "A", "text": "Hallo", "start": 1.5},\n\n  {"speaker": "B", "text": "Hoi"}\n]\n'
    parsed = parse_bytes(text.encode(), ".json", "a.json", RULES)
    assert [(t.speaker, t.line_start, t.cue) for t in parsed.turns] == [("A", 2, "1.5"), ("B", 4, None)]


def test_invalid_json_names_the_line() -> None:
    text = '[\n  {"speaker": "A", "text": "Hallo"},\n  {"speaker": "B" "text": "Hoi"}\n]\n'
    with pytest.raises(InputError) as info:
        parse_bytes(text.encode(), ".json", "interviews/b.json", RULES)
    assert info.value.line == 3
    assert str(info.value).startswith("interviews/b.json:3: not valid JSON")


def test_invalid_front_matter_names_the_line() -> None:
    text = "---\nparticipant: Jan\nsegment: [onderwijs\n---\nJan: Hoi.\n"
    with pytest.raises(InputError) as info:
        parse_bytes(text.encode(), ".md", "a.md", RULES)
    assert info.value.line is not None and info.value.line >= 3
    assert "front matter" in info.value.message


def test_docx_paragraphs_are_lines(tmp_path: Path) -> None:
    document = docx.Document()
    for text in [
        "Interview met een buurtbewoner",
        "",
        "Interviewer: Wat mis je?",
        "Joke: Een plek om",
        "samen te koken.",
    ]:
        document.add_paragraph(text)
    path = tmp_path / "buurt.docx"
    document.save(str(path))
    parsed = read_transcript(path, "interviews/buurt.docx", RULES.with_names(["Joke"]))
    assert [(t.speaker, t.line_start, t.line_end, t.text) for t in parsed.turns] == [
        ("Interviewer", 3, 3, "Wat mis je?"),
        ("Joke", 4, 5, "Een plek om samen te koken."),
    ]


def test_broken_docx_and_unknown_extension(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(InputError, match="kapot.docx: not a Word document"):
        read_transcript(broken, "interviews/kapot.docx", RULES)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError) as info:
        read_transcript(pdf, "interviews/scan.pdf", RULES)
    assert (
        "cannot read .pdf" in info.value.message
        and info.value.hint == "export the transcript as .txt or .docx"
    )
