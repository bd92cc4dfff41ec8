"""Writing state files safely: whole or not at all, and never over something that must not be overwritten.

``write_atomic`` replaces a file: the text goes to a temporary file in the same folder, is fsynced, and
``os.replace`` swaps it in, so a reader (or a crash) sees the old file or the new one, never half of one.
``write_new`` creates a file that must not exist yet (a stored artefact version): it fails with
``FileExistsError`` instead of overwriting, and a reader never sees it half-written either.
``write_once`` is ``write_new`` for a file that may exist already (then it is left as it is).
``append_lines`` adds lines to a log in one ``write`` on a file opened for appending, so lines of two
processes never interleave. ``file_lock`` holds an exclusive ``fcntl.flock`` on a lock file, for read-modify-write cycles that two
processes may run at once (the pseudonym mapping). ``sweep_leftovers`` removes the temporary files a
killed writer left behind (``.<name>.<random>.tmp``: hidden, so no reader ever takes one for the file).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{6,}\.tmp$")  # what _temporary_copy names its files


def _temporary_copy(path: Path, data: bytes) -> Path:
    """``data`` in a fsynced temporary file beside ``path`` (same folder, so same file system)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _sync_folder(folder: Path) -> None:
    """Make a rename or link in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _encode(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text as UTF-8) in one step."""
    path = Path(path)
    tmp = _temporary_copy(path, _encode(content))
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_new(path: Path, content: str | bytes) -> None:
    """Create ``path`` with ``content``; ``FileExistsError`` if it exists, and nothing is overwritten.

    The content is written and fsynced under a temporary name first, then hard-linked to ``path``
    (``link`` fails when the target exists, atomically). Where hard links are not supported, the file is
    created with ``O_EXCL`` and written in place.
    """
    path = Path(path)
    data = _encode(content)
    tmp = _temporary_copy(path, data)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network or FAT file systems)
        _write_exclusive(path, data)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


def write_once(path: Path, content: str | bytes) -> bool:
    """Write ``path`` whole if it does not exist yet (a file beside a version, never rewritten); return
    whether it was written. Unlike ``if not path.exists(): path.write_text(...)``, a crash mid-write
    leaves no half file that the next run would then take as done."""
    try:
        write_new(path, content)
    except FileExistsError:
        return False
    return True


def _write_exclusive(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def append_lines(path: Path, lines: list[str]) -> None:
    """Append ``lines`` (each without its newline) to ``path`` in one write, then fsync."""
    if not lines:
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = os.write(fd, data)
        while written < len(data):  # a short write (rare, on very large chunks): write the rest
            written += os.write(fd, data[written:])
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) until the block ends.

    POSIX ``flock``: it is released when the process exits, so a crash leaves no stale lock. On systems
    without ``fcntl`` the block runs unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def sweep_leftovers(folders: Iterable[Path], *, older_than: float = 600) -> list[Path]:
    """Remove the temporary files of writers killed before they swapped them in, under ``folders``.

    Only files named as :func:`write_atomic` and :func:`write_new` name theirs, and only those not
    touched for ``older_than`` seconds: a writer still at work keeps its file. Returns what was removed.
    """
    limit = time.time() - older_than
    removed = []
    for folder in folders:
        if not Path(folder).is_dir():
            continue
        for path in Path(folder).rglob(".*.tmp"):
            try:
                if _LEFTOVER.match(path.name) and path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
            except OSError:  # gone already, or not ours to remove: leave it
                continue
    return sorted(removed)
