"""One Prefect server per user that Samen starts once and every later run reuses.

Without ``PREFECT_API_URL`` Prefect starts a temporary API server in every process that runs a flow and
stops it at the end: 6–10 s before any work, every time. Instead the first ``samen run`` starts Prefect's
API (with its UI) as a detached process on 127.0.0.1 and records it in ``$PREFECT_HOME/samen-server.json``;
later runs find it there, check its health (milliseconds) and point Prefect at it. The server stops
itself after an hour without requests (``SAMEN_PREFECT_SERVER_IDLE``, seconds), or with ``samen server
stop``. Its database is Prefect's own (``$PREFECT_HOME``), migrated once.

A server the user configured wins: ``PREFECT_API_URL`` in the environment or in the active Prefect
profile. ``SAMEN_PREFECT_SERVER=temporary`` keeps Prefect's temporary server per run.

Start-up overlaps with the run's own start: :func:`start_or_reuse` spawns the server and returns at once;
:meth:`Pending.wait` waits for its health just before the first flow needs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from artefacts.errors import SamenError
from artefacts.files import write_atomic
from flows.temporary_server import alive as _alive

MODE_ENV = "SAMEN_PREFECT_SERVER"
OURS_ENV = "SAMEN_PREFECT_SERVER_URL"  # the PREFECT_API_URL that Samen set, not the user
IDLE_ENV = "SAMEN_PREFECT_SERVER_IDLE"
DEFAULT_IDLE = 3600.0
STATE_FILE = "samen-server.json"
LOCK_FILE = "samen-server.lock"
LOG_FILE = "samen-server.log"
PORTS = range(4300, 4400)
PROCESS_MODULE = "flows.resident_server_process"
START_TIMEOUT = 120.0  # a busy 2-core machine, and a fresh database to migrate first


class ServerStartError(SamenError):
    """The resident server did not become healthy."""


@dataclass(frozen=True)
class ServerInfo:
    url: str  # the API, …/api
    pid: int
    port: int
    started: str
    prefect: str  # Prefect's version, so an upgrade gets a new server
    python: str
    idle_seconds: float

    @property
    def ui(self) -> str:
        return self.url.removesuffix("/api")


@dataclass
class Pending:
    """A resident server found or just started; :meth:`wait` returns it once it answers."""

    info: ServerInfo
    started_now: bool
    process: subprocess.Popen[bytes] | None = None

    def wait(self, timeout: float = START_TIMEOUT) -> ServerInfo:
        deadline = time.monotonic() + timeout
        while not healthy(self.info.url):
            if self.process is not None and self.process.poll() is not None:
                raise ServerStartError(f"exit {self.process.returncode}", path=home() / LOG_FILE)
            if self.process is None and not _alive(self.info.pid):
                raise ServerStartError(f"process {self.info.pid} ended", path=home() / LOG_FILE)
            if time.monotonic() > deadline:
                raise ServerStartError(f"not healthy after {timeout:.0f} s", path=home() / LOG_FILE)
            time.sleep(0.1)
        return self.info


def home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def configured_api_url() -> str | None:
    """The Prefect server the user chose: ``PREFECT_API_URL``, else that of the active profile."""
    url = os.environ.get("PREFECT_API_URL")
    if url and url != os.environ.get(OURS_ENV):
        return url
    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or home() / "profiles.toml")
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


def users_own_server() -> str | None:
    """The API address of a server the user configured that is not this resident server; None otherwise."""
    configured = configured_api_url()
    state = read_state()
    return configured if configured and (state is None or configured != state.url) else None


def wanted() -> bool:
    return os.environ.get(MODE_ENV, "resident").lower() not in ("temporary", "off", "0", "false")


def start_or_reuse() -> Pending | None:
    """Point this process's Prefect at the resident server, starting it when there is none. None when the
    user configured a server or asked for Prefect's temporary one. Call before Prefect is imported."""
    if configured_api_url() or not wanted():
        return None
    with _state_lock():
        current = read_state()
        if current is not None and _alive(current.pid) and _is_ours(current.pid):
            if current.prefect == version("prefect") and current.python == sys.executable:
                _point_at(current)
                return Pending(current, started_now=False)
            stop(current)  # another Prefect or Python: its database may be migrated past what we speak
        pending = _start()
    _point_at(pending.info)
    return pending


def _point_at(info: ServerInfo) -> None:
    os.environ["PREFECT_API_URL"] = info.url
    os.environ[OURS_ENV] = info.url


def read_state() -> ServerInfo | None:
    try:
        data = json.loads((home() / STATE_FILE).read_text(encoding="utf-8"))
        return ServerInfo(**data)
    except (OSError, ValueError, TypeError):
        return None


def running() -> ServerInfo | None:
    """The resident server when it runs and answers; None otherwise."""
    info = read_state()
    if info is None or not _alive(info.pid) or not _is_ours(info.pid) or not healthy(info.url):
        return None
    return info


def stop(info: ServerInfo, grace: float = 10.0) -> bool:
    """Stop the resident server (SIGTERM, SIGKILL after ``grace`` s). True if it was running."""
    if not (_alive(info.pid) and _is_ours(info.pid)):
        _forget(info)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _alive(info.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(info.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGKILL)
    _forget(info)
    return True


def healthy(url: str, timeout: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as answer:
            return bool(answer.status == 200)
    except (OSError, ValueError):
        return False


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get(IDLE_ENV, DEFAULT_IDLE)))
    except ValueError:
        return DEFAULT_IDLE


def _start() -> Pending:
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    idle = idle_seconds()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SAMEN_RUN_PID", "PREFECT_API_URL", OURS_ENV, "PREFECT__SERVER_EPHEMERAL")
    }
    env.update(
        {
            "PREFECT_UI_ENABLED": "true",
            "PREFECT_UI_API_URL": url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PYTHONPATH": os.pathsep.join(p for p in (str(_repo_root()), env.get("PYTHONPATH", "")) if p),
        }
    )
    # the server's own output, appended (os.open: a log the child writes to, never a file Samen rewrites)
    log = os.open(folder / LOG_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", PROCESS_MODULE, "--port", str(port), "--idle", str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            env=env,
            cwd=folder,
            start_new_session=True,  # not stopped by the terminal's Ctrl-C meant for the run
        )
    finally:
        os.close(log)
    info = ServerInfo(
        url=url,
        pid=process.pid,
        port=port,
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        prefect=version("prefect"),
        python=sys.executable,
        idle_seconds=idle,
    )
    _write_state(info)
    return Pending(info, started_now=True, process=process)


def _write_state(info: ServerInfo) -> None:
    write_atomic(home() / STATE_FILE, json.dumps(asdict(info), indent=2))


def _forget(info: ServerInfo) -> None:
    current = read_state()
    if current is not None and current.pid == info.pid:
        with contextlib.suppress(FileNotFoundError):
            (home() / STATE_FILE).unlink()


@contextlib.contextmanager
def _state_lock() -> Iterator[None]:
    """Two runs that start at once start one server."""
    import fcntl

    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _free_port() -> int:
    """A free port of the range, in random order: two servers started at the same moment (for two Prefect
    homes) rarely pick the same one before either has bound it."""
    import random

    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as probe:  # the whole range is taken: any free port
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def _is_ours(pid: int) -> bool:
    try:
        return PROCESS_MODULE.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return not Path("/proc").is_dir()  # without /proc, trust the state file
