"""The test phase run again after a survey-mapping correction, in the background, as ``samen run test``
would run it: a child process (Prefect's flow, its temporary API and all), its output appended line by line to
``.samen/web/rerun-test.log`` for the page to show while it runs and after. One run at a time."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from artefacts.files import append_lines

LOG = Path("web") / "rerun-test.log"
RerunState = Literal["idle", "running", "finished", "failed"]


@dataclass
class RerunStatus:
    state: RerunState
    started: str = ""
    finished: str = ""
    code: int | None = None
    log: str = ""


def default_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "flows.cli.app", "run", "test", "--project", str(root)]


class Rerun:
    """The one background run of a served project (see the module docstring)."""

    def __init__(self, root: Path, command: list[str] | None = None) -> None:
        self.root = root
        self.command = command or default_command(root)
        self.log_path = root / ".samen" / LOG
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._started = self._finished = ""
        self._lock = threading.Lock()

    def running(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def start(self) -> bool:
        """Start the run; False when one runs already."""
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                return False
            self.log_path.unlink(missing_ok=True)
            self._process = subprocess.Popen(  # noqa: S603 - our own command, no shell
                self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.root,
            )  # fmt: skip
            self._reader = threading.Thread(target=self._keep_log, args=(self._process,), daemon=True)
            self._reader.start()
            self._started, self._finished = f"{datetime.now():%H:%M:%S}", ""
            return True

    def _keep_log(self, process: subprocess.Popen[bytes]) -> None:
        """Each line the run prints, appended to the log in one write as it comes."""
        assert process.stdout is not None
        for line in process.stdout:
            append_lines(self.log_path, [line.decode("utf-8", errors="replace").rstrip("\n")])

    def wait(self, timeout: float | None = None) -> int | None:
        with self._lock:
            process, reader = self._process, self._reader
        code = process.wait(timeout) if process is not None else None
        if reader is not None:
            reader.join(timeout)
        return code

    def status(self) -> RerunStatus:
        with self._lock:
            process = self._process
            if process is None:
                return RerunStatus("idle")
            code = process.poll()
            if code is not None and self._reader is not None and self._reader.is_alive():
                code = None  # the last lines are still on their way to the log
            if code is not None and not self._finished:
                self._finished = f"{datetime.now():%H:%M:%S}"
            started, finished = self._started, self._finished
        log = (
            self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]
            if self.log_path.is_file()
            else ""
        )
        if code is None:
            return RerunStatus("running", started=started, log=log)
        return RerunStatus("finished" if code == 0 else "failed", started, finished, code, log)
