"""Issue 12: text from transcripts reaches the terminal as words. Rich markup in a note prints as the
characters it is, escape sequences never reach the terminal, and Samen's own emphasis still shows."""

from __future__ import annotations

import importlib
import io
import re

from rich.table import Table

from flows.cli.console import TerminalConsole, styled

cli = importlib.import_module("flows.cli.app")  # the module: the package exports its app under that name

ATTACK = (
    "[link=http://evil.example]hier klikken[/link] [bold red]URGENT[/bold red] "
    "\x1b[2J\x1b]0;pwned\x07\x1b]8;;http://evil.example/\x1b\\over pests\x1b]8;;\x1b\\ \x9b31m"
)


SGR = re.compile(r"\x1b\[[0-9;]*m")  # colours: what the console itself adds


def _words(shown: str) -> str:
    return SGR.sub("", shown)


def _console() -> tuple[TerminalConsole, io.StringIO]:
    buffer = io.StringIO()
    return TerminalConsole(file=buffer, force_terminal=True, color_system="standard", width=200), buffer


def test_markup_in_data_prints_as_written_and_no_escape_sequence_of_it_reaches_the_terminal() -> None:
    console, buffer = _console()
    console.print(ATTACK)
    shown = buffer.getvalue()
    assert "[link=http://evil.example]hier klikken[/link]" in _words(shown)
    assert "[bold red]URGENT" in _words(shown)
    assert "\x1b]" not in shown and "\x1b[2J" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "over pests" in shown  # the words stay


def test_table_cells_from_data_are_inert_too() -> None:
    console, buffer = _console()
    table = Table("artefact", "path")
    table.add_row(ATTACK, "needs-map/v1.json")
    console.print(table)
    assert "\x1b]" not in buffer.getvalue() and "[link=" in _words(buffer.getvalue())


def test_samens_own_emphasis_is_a_style_around_inert_text() -> None:
    console, buffer = _console()
    console.print(styled("Waarschuwing:", "bold yellow", ATTACK))
    shown = buffer.getvalue()
    assert "\x1b[1;33mWaarschuwing:" in shown  # bold yellow, from Samen
    assert "\x1b]" not in shown and "[bold red]URGENT" in _words(shown)


def test_the_cli_prints_on_terminal_consoles() -> None:
    assert isinstance(cli.out, TerminalConsole) and isinstance(cli.err, TerminalConsole)
