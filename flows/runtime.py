"""Process settings that must be in place before Prefect or chromadb is imported.

Import this module first in every entry point. Values already in the environment win, so a user can
point Samen at a Prefect server (PREFECT_API_URL) or change any of these.

Results are persisted (so a rerun is served from the cache), and ``project_results`` keeps them under
the project: ``<project>/.samen/results`` instead of Prefect's ``~/.prefect/storage``, where pickled
corpora and vectors of every project would pile up outside the folders they belong to.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.temporary_server import mark_this_run

RESULTS_FOLDER = Path(".samen") / "results"

DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "HF_HUB_OFFLINE": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # A fresh local database migrates first; on a busy 2-core machine that can pass the 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "true",
}


def configure() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    mark_this_run()  # a temporary Prefect server this run starts can be traced back to it


def results_dir(root: Path) -> Path:
    return Path(root).resolve() / RESULTS_FOLDER


@contextmanager
def project_results(root: Path) -> Iterator[Path]:
    """Flows run inside this block persist their (and their tasks') results, and the cache records
    that key them, in ``<root>/.samen/results``.

    It sets Prefect's ``results.local_storage_path`` for this context only (a flow resolves its result
    storage when it starts, and its tasks inherit it), so one process can run flows of several projects
    one after another. A result storage block configured on the server or in the settings wins, as it
    should for a team that shares one.
    """
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    folder = results_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    with temporary_settings(updates={PREFECT_RESULTS_LOCAL_STORAGE_PATH: folder}):
        yield folder


configure()
