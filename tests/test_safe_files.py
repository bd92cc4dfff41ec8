"""Issue 12 #1, #5, #6: links out of the project, special files, copies, and bytes that are not UTF-8
in interviews: each refused or read with a warning that names the file (and line)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from artefacts.errors import InputError
from artefacts.notes import Corpus
from artefacts.project import Organisation, Project
from knowledge.ingest import read_corpus
from knowledge.pseudonymise import Pseudonymiser
from knowledge.safe_files import MAX_TEXT_BYTES, read_checked

INTERVIEW = """Interviewer: Goedemiddag, wat zou je helpen in je werk als wijkverpleegkundige?
Marieke Claassen: Ik wil vaker sparren met collega's uit andere wijken over lastige situaties.
Interviewer: Wat houdt je nu tegen?
Marieke Claassen: De planning zit vol, en ik weet niet wie wat weet. Dat kost me elke week uren.
"""
OUTSIDE_SECRET = "wachtwoord-van-de-beheerder: hunter2\nroot:x:0:0:root:/root:/bin/bash\n"


def project_with(tmp_path: Path, **files: str | bytes) -> Path:
    root = tmp_path / "project"
    (root / "interviews").mkdir(parents=True)
    for name, content in files.items():
        path = root / "interviews" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def read(root: Path) -> Corpus:
    project = Project(organisation=Organisation(name="Thuiszorg West"))
    return read_corpus(root, project, Pseudonymiser(root / ".samen" / "pseudonyms.json", language="nl"))


def problems(corpus: Corpus) -> dict[str, str]:
    return {p.source: p.message for p in corpus.problems}


def test_a_link_to_a_file_outside_the_project_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(OUTSIDE_SECRET, encoding="utf-8")
    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW})
    (root / "interviews" / "passwd.txt").symlink_to(secret)
    corpus = read(root)
    assert "hunter2" not in " ".join(n.text for n in corpus.notes)
    assert [i.source for i in corpus.interviews] == ["interviews/wijk.txt"]
    assert (
        "outside the project" in problems(corpus)["interviews/passwd.txt"]
        or "buiten het project" in (problems(corpus)["interviews/passwd.txt"])
    )


def test_a_linked_folder_outside_the_project_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "geheim.txt").write_text(INTERVIEW.replace("sparren", "hunter2"), encoding="utf-8")
    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW})
    (root / "interviews" / "gedeeld").symlink_to(outside, target_is_directory=True)
    corpus = read(root)
    assert "hunter2" not in " ".join(n.text for n in corpus.notes)
    assert "buiten het project" in problems(corpus)["interviews/gedeeld"]


def test_a_link_inside_the_project_and_a_copy_are_read_once(tmp_path: Path) -> None:
    root = project_with(tmp_path, **{"a-wijk.txt": INTERVIEW, "c-kopie.txt": INTERVIEW})
    (root / "interviews" / "b-link.txt").symlink_to(root / "interviews" / "a-wijk.txt")
    corpus = read(root)
    assert [i.source for i in corpus.interviews] == ["interviews/a-wijk.txt"]
    assert len({n.speaker for n in corpus.notes}) == 1
    found = problems(corpus)
    assert "interviews/a-wijk.txt" in found["interviews/b-link.txt"]
    assert "interviews/a-wijk.txt" in found["interviews/c-kopie.txt"]


def test_a_dangling_link_is_named(tmp_path: Path) -> None:
    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW})
    (root / "interviews" / "weg.txt").symlink_to(root / "interviews" / "bestaat-niet.txt")
    assert "nergens heen" in problems(read(root))["interviews/weg.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW})
    os.mkfifo(root / "interviews" / "pijp.txt")
    found: list[Corpus] = []
    reader = threading.Thread(target=lambda: found.append(read(root)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # unblock the reader so the test run can end, then fail
        with open(root / "interviews" / "pijp.txt", "w", encoding="utf-8"):
            pass
        pytest.fail("reading blocked on a FIFO")
    assert "FIFO" in problems(found[0])["interviews/pijp.txt"]
    assert [i.source for i in found[0].interviews] == ["interviews/wijk.txt"]


def test_a_device_is_refused_on_its_stat(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="device"):
        read_checked(Path("/dev/zero"), "interviews/zero.txt", [Path("/dev")], limit=MAX_TEXT_BYTES)


def test_a_file_past_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    big = INTERVIEW * (MAX_TEXT_BYTES // len(INTERVIEW) + 10)
    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW, "alles.txt": big})
    corpus = read(root)
    assert "MB" in problems(corpus)["interviews/alles.txt"]
    assert [i.source for i in corpus.interviews] == ["interviews/wijk.txt"]


def test_invalid_utf8_among_utf8_is_reported_with_its_line_and_not_guessed(tmp_path: Path) -> None:
    """Before: decoded silently as another code page, "café" became "cafķ" or "cafÃ©"."""
    mixed = (
        INTERVIEW.encode("utf-8")
        + "Marieke Claassen: In het café – zo noemen we de pauze".encode()
        + b" \xe9\xe9n keer.\n"
    )
    root = project_with(
        tmp_path, **{"wijk.txt": INTERVIEW.replace("Marieke Claassen", "Ruud Dekker"), "mix.txt": mixed}
    )
    corpus = read(root)
    (problem,) = [p for p in corpus.problems if p.source == "interviews/mix.txt"]
    assert problem.line == 5 and "UTF-8" in problem.message
    assert [i.source for i in corpus.interviews] == ["interviews/wijk.txt"]


def test_a_file_wholly_in_windows_1252_is_read_with_a_warning_naming_the_encoding(tmp_path: Path) -> None:
    text = INTERVIEW.replace("sparren", "sparren in het café")
    root = project_with(tmp_path, **{"wijk.txt": text.encode("cp1252")})
    corpus = read(root)
    assert "café" in " ".join(n.text for n in corpus.notes)
    (problem,) = corpus.problems
    assert problem.line == 2 and "Windows-1252" in problem.message


def test_the_example_interviews_read_as_before_through_a_linked_project_folder(tmp_path: Path) -> None:
    """A project folder that is itself a link (a synced drive) is the project: its files are inside."""
    real = tmp_path / "drive" / "project"
    (real / "interviews").mkdir(parents=True)
    (real / "interviews" / "wijk.txt").write_text(INTERVIEW, encoding="utf-8")
    shutil.copy(real / "interviews" / "wijk.txt", real / "interviews" / "wijk2.md")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    corpus = read(tmp_path / "link")
    assert [i.source for i in corpus.interviews] == ["interviews/wijk.txt"]


def test_the_cache_keys_never_open_a_fifo_or_a_link_out_of_the_project(tmp_path: Path) -> None:
    """Before: the interviews' digest read what a link out of the project pointed to (a change there
    meant a new run; a huge or unreadable target, a slow or failed one)."""
    from types import SimpleNamespace

    from flows.initiative import interviews_digest
    from flows.survey import surveys_digest

    root = project_with(tmp_path, **{"wijk.txt": INTERVIEW})
    (root / "surveys").mkdir()
    os.mkfifo(root / "interviews" / "pijp.txt")
    os.mkfifo(root / "surveys" / "pijp.csv")
    outside = tmp_path / "elders.txt"
    outside.write_text(OUTSIDE_SECRET, encoding="utf-8")
    (root / "interviews" / "passwd.txt").symlink_to(outside)
    context = SimpleNamespace(root=root, project=Project(organisation=Organisation(name="Thuiszorg West")))
    keys: list[str] = []
    worker = threading.Thread(
        target=lambda: keys.extend([interviews_digest(context), surveys_digest(root)]),  # type: ignore[arg-type]
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        for fifo in (root / "interviews" / "pijp.txt", root / "surveys" / "pijp.csv"):
            with open(fifo, "w", encoding="utf-8"):
                pass
        pytest.fail("a digest waited on a FIFO")
    assert len(keys) == 2
    outside.write_text(OUTSIDE_SECRET + "more\n", encoding="utf-8")
    assert interviews_digest(context) == keys[0]  # type: ignore[arg-type]
    (root / "interviews" / "wijk.txt").write_text(INTERVIEW + "Interviewer: Dank je.\n", encoding="utf-8")
    assert interviews_digest(context) != keys[0]  # type: ignore[arg-type]
