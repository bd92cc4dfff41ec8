"""Which files under a project may be read, checked before anything is opened.

A link that leads out of the project (``interviews/passwd.txt`` → ``/etc/passwd``) is never read; a
link to a file inside it is read once, where the file itself is met first. FIFOs, devices, sockets
and folders are refused on their ``stat``, before ``open`` (opening a FIFO waits for a writer
forever). A file larger than the limit for its kind is refused too: nobody's interview is 50 MB.
Every refusal is an ``InputError`` naming the file and why, which readers turn into a reading warning.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from artefacts.errors import InputError
from artefacts.messages import FALLBACK, message

MB = 1024 * 1024
MAX_TEXT_BYTES = 5 * MB  # an hour of talk is about 60 KB of text
MAX_DOCX_BYTES = 50 * MB  # a Word file with photos
MAX_SURVEY_BYTES = 20 * MB


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("FIFO", "device"…), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def check_file(
    path: Path, source: str, roots: Iterable[Path], *, limit: int, language: str = FALLBACK
) -> Path:
    """The real path of ``path`` when it may be read; an InputError naming ``source`` otherwise.

    ``roots`` are the folders a file may live in once links are followed (the project, and the
    interviews folder when ``samen.yaml`` points elsewhere).
    """
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # a dangling link, a loop of links
        raise InputError(
            message(language, "link_broken"), path=source, hint=message(language, "link_hint")
        ) from exc
    if not any(real.is_relative_to(root.resolve()) for root in roots):
        raise InputError(
            message(language, "link_outside", target=real.as_posix()),
            path=source,
            hint=message(language, "link_hint"),
        )
    try:
        mode = real.stat()
    except OSError as exc:
        raise InputError(
            message(language, "cannot_open_file", reason=exc.strerror),
            path=source,
            hint=message(language, "check_permissions_hint"),
        ) from exc
    kind = special_kind(mode.st_mode)
    if kind is not None:
        raise InputError(
            message(language, "special_file", kind=kind),
            path=source,
            hint=message(language, "special_file_hint"),
        )
    if mode.st_size > limit:
        raise InputError(
            message(language, "file_too_large", size=_mb(mode.st_size), limit=_mb(limit)),
            path=source,
            hint=message(language, "file_too_large_hint"),
        )
    return real


def read_checked(
    path: Path, source: str, roots: Iterable[Path], *, limit: int, language: str = FALLBACK
) -> bytes:
    """The bytes of ``path`` after :func:`check_file`; opened without blocking and checked again."""
    real = check_file(path, source, roots, limit=limit, language=language)
    try:
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(
            message(language, "cannot_open_file", reason=exc.strerror),
            path=source,
            hint=message(language, "check_permissions_hint"),
        ) from exc
    with os.fdopen(descriptor, "rb") as handle:
        kind = special_kind(os.fstat(handle.fileno()).st_mode)  # swapped since the check?
        if kind is not None:
            raise InputError(
                message(language, "special_file", kind=kind),
                path=source,
                hint=message(language, "special_file_hint"),
            )
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            message(language, "file_too_large", size=_mb(len(data)), limit=_mb(limit)),
            path=source,
            hint=message(language, "file_too_large_hint"),
        )
    return data


def once_each(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """Each path with the earlier path that is the same file (a link to it), or None the first time."""
    seen: dict[Path, Path] = {}
    for path in paths:
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            yield path, None  # check_file says why it cannot be read
            continue
        if real in seen:
            yield path, seen[real]
            continue
        seen[real] = path
        yield path, None


def is_listed(path: Path) -> bool:
    """True for what a folder listing yields that is not itself a folder: files, links, FIFOs…"""
    try:
        return not stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


def read_settings_text(path: Path, source: str, roots: Iterable[Path], language: str = FALLBACK) -> str:
    """A settings file (``samen.yaml``, ``mapping.yaml``) as text, checked like any other file: an
    InputError naming the file (and line) for a FIFO, a link out of the project or bytes that are not
    text; an empty file is ``""`` (its reader says what is missing)."""
    from knowledge.encodings import decode_bytes

    data = read_checked(path, source, roots, limit=MAX_TEXT_BYTES, language=language)
    if not data.strip():
        return ""
    return decode_bytes(data, source, language).text


def content_digest(path: Path, roots: Iterable[Path], *, limit: int) -> bytes:
    """What keys a cache for ``path``: the hash of its bytes, or of why it may not be read (a link
    out of the project, a FIFO, a file past the limit), never opened then."""
    import hashlib

    try:
        data = read_checked(path, path.name, roots, limit=limit)
    except InputError as error:
        data = f"refused: {error}".encode()
    return hashlib.sha256(data).digest()
