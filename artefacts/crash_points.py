"""Named moments where a test may kill the process, to prove that a crash there loses nothing.

``SAMEN_TEST_KILL_AFTER=<point>`` makes the process kill itself when it passes ``<point>``, with SIGKILL
(or the signal named in ``SAMEN_TEST_KILL_SIGNAL``, e.g. ``TERM``). Nothing else reads these variables:
without them a crash point does nothing. The points:

- ``embedded-batch-<n>``: the n-th batch of vectors of one ``embed_documents`` call is committed to the
  content-hash cache;
- ``saved:<artefact>.json``: a new version's JSON is on disk, its rendered Markdown and audit event not
  yet.

This module imports nothing of the project, so every layer may mark its points.
"""

from __future__ import annotations

import os
import signal
import time

KILL_AFTER = "SAMEN_TEST_KILL_AFTER"
KILL_SIGNAL = "SAMEN_TEST_KILL_SIGNAL"


def crash_point(point: str) -> None:
    """Kill this process here when ``SAMEN_TEST_KILL_AFTER`` names ``point``; otherwise do nothing."""
    if os.environ.get(KILL_AFTER) != point:
        return
    name = os.environ.get(KILL_SIGNAL, "KILL").upper().removeprefix("SIG")
    os.kill(os.getpid(), getattr(signal, f"SIG{name}"))
    time.sleep(5)  # a catchable signal is handled here, on the main thread, as it would be from outside
