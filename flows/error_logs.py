"""Samen's own errors, told once: by the CLI, in one line, not again by Prefect with a traceback.

When a flow raises a ``SamenError`` (a file that cannot be read, a missing approval), the flow engine
logs "Encountered exception during execution" with the whole traceback, and the CLI then prints the
error itself. Such an error is a message to the user, not a crash, so that log record is dropped; the
run's state keeps the message (the Prefect UI shows the failed run with it). Any other exception keeps
its log and traceback: that one is a bug to report.
"""

from __future__ import annotations

import logging

from artefacts.errors import SamenError

RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


class _LeaveSamenErrorsToCli(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, SamenError)


def quiet_samen_errors() -> None:
    """Install the filter on the run loggers (idempotent; logger filters outlive Prefect's handler setup)."""
    for name in RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _LeaveSamenErrorsToCli) for f in logger.filters):
            logger.addFilter(_LeaveSamenErrorsToCli())
