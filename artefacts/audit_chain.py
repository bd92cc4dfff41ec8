"""The audit log as a hash chain: an edited, removed, inserted or forged line is found, by its number.

Every event carries its place (``seq``, from 1) and the fingerprint of the line before it (``prev``, the
SHA-256 of that line's text; the first line carries ``GENESIS``). A head file beside the log
(``audit.head``) holds the number of lines and the fingerprint of the last one, written after every
append under the same lock. So:

- a changed line breaks the next line's ``prev`` (or, for the last line, the head's fingerprint);
- a removed or inserted line breaks ``seq`` and ``prev``; lines cut off the end break the head's count;
- a line appended by hand (a well-formed approval dated 2020, say) has no valid ``prev``/``seq``, or, when
  its author recomputed them, does not match the head; and an event dated before the one before it is
  refused too.

An append writes the head twice: first naming the line about to be written (``pending``), then, with
the line on disk, counting it. A crash between the two leaves a log one line longer than the head says,
and that line is exactly the pending one: Samen's own interrupted append, accepted as such. Anything
else beyond the head's count is still refused.

This makes tampering evident to anyone who does not rewrite the whole chain and its head. For protection
against that as well, keep the head fingerprint ``samen audit verify`` prints somewhere else (a ticket,
an e-mail): a rewritten history no longer ends in it. Lines written before the chain existed (older
projects) are accepted as an unprotected prefix and reported as such; the chain starts after them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

GENESIS = "0" * 64


def fingerprint(line: str) -> str:
    """The SHA-256 of one log line's text (without its line break)."""
    return hashlib.sha256(line.rstrip("\r\n").encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Head:
    lines: int
    last: str  # fingerprint of the last line
    pending: str | None = None  # fingerprint of the line being appended, until it is counted

    @classmethod
    def read(cls, path: Path) -> Head | None:
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            pending = data.get("pending")
            return cls(
                lines=int(data["lines"]),
                last=str(data["last"]),
                pending=str(pending) if pending is not None else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(lines=-1, last="")  # unreadable: never matches, so verify names it

    def text(self) -> str:
        data: dict[str, object] = {"lines": self.lines, "last": self.last}
        if self.pending is not None:
            data["pending"] = self.pending
        return json.dumps(data) + "\n"

    def settled(self, lines: list[str]) -> Head:
        """The head as it would read had the pending append finished: when the log holds exactly one
        line more than counted, and that line is the pending one after the last one counted."""
        if self.pending is None or len(lines) != self.lines + 1 or fingerprint(lines[-1]) != self.pending:
            return self
        if self.lines and fingerprint(lines[-2]) != self.last:
            return self
        return Head(lines=len(lines), last=self.pending)


@dataclass(frozen=True)
class Break:
    """The first place the chain does not hold: the line (1-based; 0 for the head file) and why."""

    line: int
    reason: str  # a catalogue key under errors: audit_chain_*
    values: dict[str, object]


@dataclass(frozen=True)
class ChainReport:
    lines: int
    unchained: int  # lines before the chain began (written by an older version)
    head: str  # fingerprint of the last line
    problem: Break | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def check(lines: list[str], head: Head | None) -> ChainReport:
    """Check the chain of ``lines`` (the log's non-empty lines, in order) against the ``head`` file."""
    previous = None
    previous_at: datetime | None = None
    unchained = 0
    chained = 0
    for number, line in enumerate(lines, start=1):
        data = json.loads(line)
        seq, prev = data.get("seq"), data.get("prev")
        at = _moment(data.get("at"))
        if seq is None and prev is None:
            if chained:
                return _report(lines, unchained, Break(number, "audit_chain_unchained", {}))
            unchained += 1
        else:
            expected_prev = fingerprint(previous) if previous is not None else GENESIS
            if seq != number:
                return _report(
                    lines, unchained, Break(number, "audit_chain_seq", {"seq": seq, "expected": number})
                )
            if prev != expected_prev:
                return _report(lines, unchained, Break(number, "audit_chain_prev", {"before": number - 1}))
            chained += 1
        if previous_at is not None and at is not None and at < previous_at:
            return _report(
                lines, unchained, Break(number, "audit_chain_time", {"at": f"{at:%Y-%m-%d %H:%M}"})
            )
        previous, previous_at = line, at or previous_at
    if chained:
        last = fingerprint(lines[-1])
        if head is None:
            return _report(lines, unchained, Break(0, "audit_chain_no_head", {}))
        head = head.settled(lines)
        if head.lines != len(lines):
            return _report(
                lines,
                unchained,
                Break(
                    min(head.lines, len(lines)) + 1 if head.lines >= 0 else 0,
                    "audit_chain_count",
                    {"head": head.lines, "found": len(lines)},
                ),
            )
        if head.last != last:
            return _report(lines, unchained, Break(len(lines), "audit_chain_last", {}))
    return _report(lines, unchained, None)


def next_link(lines: list[str]) -> tuple[int, str]:
    """The ``seq`` and ``prev`` the next event gets after ``lines``."""
    return len(lines) + 1, fingerprint(lines[-1]) if lines else GENESIS


def _report(lines: list[str], unchained: int, problem: Break | None) -> ChainReport:
    return ChainReport(
        lines=len(lines),
        unchained=unchained,
        head=fingerprint(lines[-1]) if lines else GENESIS,
        problem=problem,
    )


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
