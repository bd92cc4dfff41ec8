"""Progress on the terminal (stderr) for steps that take more than a moment.

Tasks report through :func:`reporter`, so nothing unpicklable has to travel as a task input; the CLI
installs a rich progress display, tests and library use get a silent reporter. Inside a flow run every
step (and the end of a long one) also goes to the run's log in Prefect, so a reviewer who opens the run in
the UI sees how far the phase is, while the terminal stays as quiet as ``PREFECT_LOGGING_LEVEL`` says.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

RUN_LOGGER = "samen.progress"


@cache
def _run_log() -> logging.Logger:
    """A logger whose records go to the current flow run's log in Prefect and nowhere else."""
    from prefect.logging.handlers import APILogHandler

    logger = logging.getLogger(RUN_LOGGER)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # not to the console: the terminal has its own display
    logger.addHandler(APILogHandler())
    return logger


def to_run_log(text: str, level: int = logging.INFO) -> None:
    """``text`` in the log of the flow run this code runs in; nothing outside a run."""
    from prefect.context import FlowRunContext, TaskRunContext

    if FlowRunContext.get() is None and TaskRunContext.get() is None:
        return
    _run_log().log(level, text)


class Reporter:
    def step(self, text: str) -> None:  # a step begins
        to_run_log(text)

    def advance(self, label: str, done: int, total: int) -> None:  # part of a long step is done
        if total and done >= total:
            to_run_log(f"{label}: {done}/{total}")


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
        super().step(text)
        self.console.print(f"· {text}", highlight=False)

    def advance(self, label: str, done: int, total: int) -> None:
        super().advance(label, done, total)
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
