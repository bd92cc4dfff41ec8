"""Read the interviews folder of a project into a ``Corpus`` of interviews and notes.

Every file is parsed (``knowledge.transcripts``), its speakers are told apart (``knowledge.speakers``)
and every person is registered with the pseudonymiser before any text is read, so a name is masked
even in a file read before the one where that person speaks. Then each text is pseudonymised, the
language detected, and the interviewees' turns segmented into notes. Where no file says who the
interviewer is, the people who ask the questions are (``knowledge.interviewer_detection``); doubts
become ``Corpus.warnings``. A file that cannot be read becomes a ``ReadProblem`` and the other files
go on: links out of the project and special files are refused unread (``knowledge.safe_files``), and
a file met twice (a link to it, or a copy with the same turns) is read once. Transcript text is data: nothing in it is ever followed as an instruction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from artefacts.errors import InputError
from artefacts.messages import message
from artefacts.notes import Corpus, Note, ReadProblem
from artefacts.project import Project
from knowledge.formats.base import RawTurn
from knowledge.formats.labels import LabelRules
from knowledge.interviewer_detection import Detection, FileTurns, detect_interviewers
from knowledge.interviews import FileRead, build_interview
from knowledge.participants import SIDECAR_NAME, Sidecar, read_sidecar
from knowledge.pseudonymise import Pseudonymiser
from knowledge.reading_warnings import interviewer_warnings, language_warning
from knowledge.safe_files import is_listed, once_each
from knowledge.speakers import Cast, Speaker
from knowledge.transcripts import read_transcript
from knowledge.wordlists import words

__all__ = ["interview_files", "read_corpus", "require_statements"]
MAX_PROBLEMS_NAMED = 3


def read_corpus(
    project_dir: Path,
    project: Project,
    pseudonymiser: Pseudonymiser,
    *,
    on_file: Callable[[str], None] | None = None,
) -> Corpus:
    """Read every interview under ``project_dir / project.interviews.folder``, sorted by path."""
    folder = project_dir / project.interviews.folder
    language = project.language  # of the problems: the project's, whatever the interviews' own
    corpus = Corpus()
    if not folder.is_dir():
        corpus.problems.append(
            ReadProblem(
                source=_relative(folder, project_dir),
                message=message(language, "interviews_folder_missing"),
                hint=message(
                    language, "interviews_folder_missing_hint", folder=repr(project.interviews.folder)
                ),
            )
        )
        return corpus
    sidecar_path = folder / SIDECAR_NAME
    sidecar = read_sidecar(sidecar_path, _relative(sidecar_path, project_dir), language)
    corpus.problems.extend(sidecar.problems)
    reads = _read_files(folder, project_dir, project, sidecar, corpus.problems, on_file)
    if sidecar.rows:
        corpus.problems.extend(
            sidecar.unmatched([r.name for r in reads], _relative(sidecar_path, project_dir), language)
        )
    detection = detect_interviewers([_file_turns(read) for read in reads])
    for read in reads:
        _apply(detection, read, project)
    with pseudonymiser.batch():  # every person is known before any text is pseudonymised
        for name in project.interviews.interviewers:
            pseudonymiser.speaker(name, "interviewer")
        for read in reads:
            _register(read, pseudonymiser)
    corpus.warnings.extend(interviewer_warnings(detection.doubts, reads, language))
    for read in reads:
        built = build_interview(read, project, pseudonymiser, sidecar)
        if isinstance(built, ReadProblem):
            corpus.problems.append(built)
            continue
        interview, notes = built
        corpus.interviews.append(interview)
        corpus.notes.extend(_once(notes, corpus.problems, project.language))
    mismatch = language_warning(corpus.interviews, project.language)
    if mismatch is not None:
        corpus.warnings.append(mismatch)
    return corpus


def require_statements(corpus: Corpus, project_dir: Path, project: Project) -> None:
    """Stop with one clear InputError when no interview gave a statement: nothing to draft from."""
    if corpus.statements():
        return
    folder = project_dir / project.interviews.folder
    shown, language = _relative(folder, project_dir), project.language
    if not folder.is_dir():
        raise InputError(
            message(language, "interviews_folder_missing"),
            path=shown,
            hint=message(language, "interviews_folder_missing_hint", folder=repr(project.interviews.folder)),
        )
    files = list(interview_files(folder))
    if not files:
        raise InputError(
            message(language, "no_interviews", folder=shown),
            path=shown,
            hint=message(language, "no_interviews_hint", folder=shown),
        )
    named = [f"{p.source}: {p.message}" for p in corpus.problems[:MAX_PROBLEMS_NAMED]]
    if len(corpus.problems) > MAX_PROBLEMS_NAMED:
        named.append("…")
    raise InputError(
        message(
            language, "no_readable_interviews", count=len(files), folder=shown, problems="; ".join(named)
        ),
        path=shown,
        hint=message(language, "no_readable_interviews_hint"),
    )


def interview_files(folder: Path) -> Iterator[Path]:
    """What lies under ``folder`` that is not a folder (files, links, FIFOs: reading checks each),
    sorted by path, without hidden files, Office lock files and the sidecar."""
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        parts = path.relative_to(folder).parts
        if any(part.startswith((".", "~$")) for part in parts) or not is_listed(path):
            continue
        if path.name.lower() == SIDECAR_NAME:
            continue
        yield path


def _read_files(  # noqa: PLR0913 - the reading of one folder, passed through
    folder: Path,
    project_dir: Path,
    project: Project,
    sidecar: Sidecar,
    problems: list[ReadProblem],
    on_file: Callable[[str], None] | None,
) -> list[FileRead]:
    """Every file under ``folder`` parsed, each once; the ones that cannot be read are ``problems``."""
    reads: list[FileRead] = []
    roots = (project_dir, folder)
    for path, earlier in once_each(interview_files(folder)):
        source = _relative(path, project_dir)
        if on_file is not None:
            on_file(source)
        if earlier is not None:
            problems.append(_same_file(source, _relative(earlier, project_dir), project.language))
            continue
        found = _read_file(path, source, _relative(path, folder), project, sidecar, roots, problems)
        if found is None:
            continue
        copy = next((r for r in reads if _same_turns(r, found)), None)
        if copy is not None:
            problems.append(_same_file(source, copy.source, project.language))
            continue
        reads.append(found)
    return reads


def _read_file(  # noqa: PLR0913 - one file's reading, with where it may lead
    path: Path,
    source: str,
    name: str,
    project: Project,
    sidecar: Sidecar,
    roots: tuple[Path, ...],
    problems: list[ReadProblem],
) -> FileRead | None:
    settings = project.interviews
    generic = sorted(words("names", "generic_interviewee_labels"))
    known = [*settings.interviewer_labels, *settings.interviewers, *sidecar.speakers(name), *generic]
    try:
        parsed = read_transcript(path, source, LabelRules.of(known), project.language, roots)
    except InputError as exc:
        problems.append(ReadProblem(source=source, line=exc.line, message=exc.message, hint=exc.hint or ""))
        return None
    problems.extend(
        ReadProblem(source=source, line=w.line, message=w.message, hint=w.hint) for w in parsed.warnings
    )
    cast = Cast.of(source, settings, parsed.metadata, sidecar.speakers(name))
    read = FileRead(source, name, parsed, cast)
    read.speakers = _speakers(parsed.turns, cast, project)
    return read


def _once(notes: list[Note], problems: list[ReadProblem], language: str) -> list[Note]:
    """The notes without repeats: a statement said again word for word on the same line (one
    sentence pasted many times) has the same id, and is counted once, with a warning at the line."""
    kept: dict[str, Note] = {}
    repeats: Counter[str] = Counter()
    for note in notes:
        if note.id in kept:
            repeats[note.id] += 1
        else:
            kept[note.id] = note
    for note_id, count in repeats.items():
        first = kept[note_id].provenance
        problems.append(
            ReadProblem(
                source=first.source,
                line=first.line_start,
                message=message(language, "statement_repeated", count=count + 1),
                hint=message(language, "statement_repeated_hint"),
            )
        )
    return list(kept.values())


def _same_file(source: str, earlier: str, language: str) -> ReadProblem:
    return ReadProblem(
        source=source,
        message=message(language, "same_file_as", earlier=earlier),
        hint=message(language, "same_file_hint"),
    )


def _same_turns(one: FileRead, other: FileRead) -> bool:
    """Two files with the same turns, word for word: a copy, not a second interviewee."""
    texts = [(t.speaker, t.text) for t in one.parsed.turns]
    return bool(texts) and texts == [(t.speaker, t.text) for t in other.parsed.turns]


def _file_turns(read: FileRead) -> FileTurns:
    settled = any(s.role == "interviewer" for s in read.speakers)
    return FileTurns(read.source, read.parsed.turns, settled, read.cast.interviewers)


def _apply(detection: Detection, read: FileRead, project: Project) -> None:
    """Re-resolve the speakers of one file with the interviewers detection found in it."""
    labels = dict.fromkeys(t.speaker for t in read.parsed.turns if t.speaker is not None)
    found = [label for label in labels if detection.is_interviewer(read.source, label)]
    if not found or any(s.role == "interviewer" for s in read.speakers):
        return
    settings = read.cast.settings
    generic = [label for label in found if label.casefold() in detection.labels.get(read.source, set())]
    named = [detection.full_name(label) for label in found if label not in generic]
    widened = settings.model_copy(
        update={
            "interviewers": [*settings.interviewers, *named],
            "interviewer_labels": [*settings.interviewer_labels, *generic],
        }
    )
    read.cast = replace(read.cast, settings=widened)
    read.speakers = _speakers(read.parsed.turns, read.cast, project)


def _speakers(turns: list[RawTurn], cast: Cast, project: Project) -> list[Speaker]:
    alternate = project.interviews.unlabelled == "alternate"
    speakers: list[Speaker] = []
    for index, turn in enumerate(turns):
        if turn.speaker is None and alternate:
            speakers.append(cast.interviewer() if index % 2 == 0 else cast.interviewee())
        else:
            speakers.append(cast.resolve(turn.speaker))
    return speakers


def _register(read: FileRead, pseudonymiser: Pseudonymiser) -> None:
    for name in read.cast.interviewers:
        pseudonymiser.speaker(name, "interviewer")
    for name in read.cast.participants:
        pseudonymiser.speaker(name, "interviewee")
    read.pseudonyms = [pseudonymiser.speaker(s.name, s.role, mask_in_text=s.is_name) for s in read.speakers]
    read.source = pseudonymiser.source_name(read.source)  # cited as "interviews/01_P03_teams.vtt"


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
