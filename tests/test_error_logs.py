"""A Samen error raised inside a flow is told once, by the CLI; Prefect logs no traceback for it."""

from __future__ import annotations

import logging

import pytest

from artefacts.errors import InputError
from flows.error_logs import quiet_samen_errors


def _log_failure(error: Exception) -> None:
    try:
        raise error
    except Exception:
        logging.getLogger("prefect.flow_runs").error("Encountered exception during execution", exc_info=True)


@pytest.mark.filterwarnings("ignore:Logger 'prefect.flow_runs' attempted to send logs")  # no flow run here
def test_a_samen_error_is_left_to_the_cli_and_a_bug_keeps_its_traceback(caplog):
    quiet_samen_errors()
    quiet_samen_errors()  # installing twice changes nothing
    ours = [
        f for f in logging.getLogger("prefect.flow_runs").filters if type(f).__module__ == "flows.error_logs"
    ]
    assert len(ours) == 1  # Prefect may add filters of its own
    with caplog.at_level(logging.ERROR):
        _log_failure(InputError("interviews: no file could be read"))
        _log_failure(ValueError("a bug"))
    assert [r.exc_info[1].__class__.__name__ for r in caplog.records if r.exc_info] == ["ValueError"]


@pytest.mark.slow
def test_a_flow_failing_on_input_prints_no_traceback(prefect_api, capfd):
    from prefect import flow

    quiet_samen_errors()

    @flow
    def reads_nothing() -> None:
        raise InputError("interviews: none of the 1 files gave a statement")

    with pytest.raises(InputError):
        reads_nothing()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Encountered exception" not in err
