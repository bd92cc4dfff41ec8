"""The consoles the CLI prints on: text from transcripts, surveys, file names and models is shown as it
reads, never acted on by the terminal.

Rich markup is off (a note that says ``[link=http://evil.example]hier[/link]`` prints those characters,
it makes no link), and control characters are taken out of every string before it is rendered: an
escape sequence in a transcript cannot clear the screen, retitle the window or hide a link behind a word
(OSC 8). Samen's own emphasis is given as styles (``styled``), not as markup in a string.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from artefacts.safe_text import terminal_text


class TerminalConsole(Console):
    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, **options)

    def render_str(self, text: str, **options: Any) -> Text:  # every str, in print and in tables
        return super().render_str(terminal_text(text), **options)


def styled(label: str, style: str, rest: str) -> Text:
    """``label`` in ``style``, then ``rest`` as plain text: Samen's emphasis, with outside text inert."""
    line = Text(terminal_text(label), style=style)
    line.append(" " + terminal_text(rest))
    return line
