"""Progress on the terminal (stderr) for steps that take more than a moment.

Tasks report through :func:`reporter`, so nothing unpicklable has to travel as a task input; the CLI
installs a rich progress display, tests and library use get a silent reporter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class Reporter:
    def step(self, text: str) -> None:  # a step begins
        pass

    def advance(self, label: str, done: int, total: int) -> None:  # part of a long step is done
        pass


class RichReporter(Reporter):
    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}

    def step(self, text: str) -> None:
        self.console.print(f"· {text}", highlight=False)

    def advance(self, label: str, done: int, total: int) -> None:
        if label not in self.tasks:
            self.progress.start()
            self.tasks[label] = self.progress.add_task(label, total=total)
        self.progress.update(self.tasks[label], completed=done, total=total)
        if done >= total:
            self.progress.remove_task(self.tasks.pop(label))
            if not self.tasks:
                self.progress.stop()


_current: list[Reporter] = [Reporter()]


def reporter() -> Reporter:
    return _current[-1]


@contextmanager
def reporting(console: Console | None) -> Iterator[Reporter]:
    chosen = RichReporter(console) if console is not None else Reporter()
    _current.append(chosen)
    try:
        yield chosen
    finally:
        _current.pop()
