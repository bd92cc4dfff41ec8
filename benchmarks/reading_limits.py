"""How long reading takes for one long line, and how quickly the bad-input checks refuse a file.

    PYTHONPATH=. .venv/bin/python benchmarks/reading_limits.py

Finding names (pseudonymisation) and splitting statements grow faster than linearly with the length
of one line, so one pasted sentence repeated 20,000 times (460,000 characters) took about three
minutes to read. The limit on a line (knowledge.transcripts.MAX_LINE_CHARS) bounds that; this prints
seconds per line length up to the limit, and the time to refuse: a line past it, a 10 MB file, a
.docx that unpacks to 120 MB, and a FIFO. Prints a Markdown table.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from artefacts.project import Organisation, Project  # noqa: E402
from knowledge.ingest import read_corpus  # noqa: E402
from knowledge.pseudonymise import Pseudonymiser  # noqa: E402
from knowledge.transcripts import MAX_LINE_CHARS  # noqa: E402

SENTENCE = "Ik wil vaker collega's uit andere wijken zien. "


def project_with(root: Path, write: Callable[[Path], None]) -> Path:
    (root / "interviews").mkdir(parents=True)
    write(root / "interviews")
    return root


def one_line(chars: int) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        said = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
        text = f"Interviewer: Wat mis je?\nJan Bakker: {said}\nInterviewer: En verder?\nJan Bakker: Tijd.\n"
        (folder / "a.txt").write_text(text, encoding="utf-8")

    return write


def big_file(folder: Path) -> None:
    (folder / "dump.txt").write_text("x " * (5 * 1024 * 1024), encoding="utf-8")


def zip_bomb(folder: Path) -> None:
    package = zipfile.ZipFile(folder / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED)
    with package, package.open("word/document.xml", "w", force_zip64=True) as member:
        for _ in range(120):
            member.write(b"A" * (1024 * 1024))


def fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def seconds(write: Callable[[Path], None]) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        root = project_with(Path(tmp) / "p", write)
        project = Project(organisation=Organisation(name="Wijkteam"))
        started = time.perf_counter()
        corpus = read_corpus(root, project, Pseudonymiser(root / ".samen" / "p.json", language="nl"))
        return time.perf_counter() - started, len(corpus.notes), len(corpus.problems)


def main() -> None:
    rows: list[tuple[str, Callable[[Path], None]]] = [
        (f"one line of {chars:,} characters", one_line(chars))
        for chars in (2_500, 5_000, 10_000, MAX_LINE_CHARS - len("Jan Bakker: "))
    ]
    rows += [
        (f"one line of {MAX_LINE_CHARS * 20:,} characters (refused)", one_line(MAX_LINE_CHARS * 20)),
        ("a 10 MB file (refused)", big_file),
        ("a .docx unpacking to 120 MB (refused)", zip_bomb),
        ("a FIFO (refused)", fifo),
    ]
    print("| input | seconds | notes | problems |\n|---|---:|---:|---:|")
    for name, write in rows:
        took, notes, problems = seconds(write)
        print(f"| {name} | {took:.2f} | {notes} | {problems} |")


if __name__ == "__main__":
    main()
