"""Test-session setup: no network but loopback, quiet and local Prefect, shared fixtures."""

from __future__ import annotations

import atexit
import ipaddress
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

# Prefect and friends read these at import time: set them before anything imports prefect.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("SAMEN_PREFECT_SERVER", "temporary")  # tests never leave a resident server behind
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The per-user embedding cache: never the real one in tests. The first process that loads this file (the
# xdist controller, or pytest itself without xdist) makes it; the workers inherit it through the environment,
# so the methodology passages are embedded once per test session, not once per worker (SQLite serialises
# the two workers' writes).
if "SAMEN_CACHE_DIR" not in os.environ:
    _user_cache = tempfile.mkdtemp(prefix="samen-test-cache-")
    os.environ["SAMEN_CACHE_DIR"] = _user_cache
    atexit.register(shutil.rmtree, _user_cache, ignore_errors=True)
# A Prefect database migrated once per test session and copied wherever a test needs a fresh one: a server
# on a migrated database answers in ~4 s, on an empty one after ~10 s (the migration).
TEMPLATE_ENV = "SAMEN_TEST_PREFECT_TEMPLATE"
if TEMPLATE_ENV not in os.environ:
    _template = tempfile.mkdtemp(prefix="samen-test-prefect-")
    os.environ[TEMPLATE_ENV] = _template
    atexit.register(shutil.rmtree, _template, ignore_errors=True)
os.environ.pop("OPENAI_API_KEY", None)
os.environ.pop("OPENAI_BASE_URL", None)
os.environ.pop("SAMEN_PROVIDER", None)
os.environ.pop("SAMEN_MODEL", None)

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


class NetworkBlocked(RuntimeError):
    """Raised when a test tries to reach anything but loopback."""


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like
    host = str(address[0])
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to reach {address!r}: only 127.0.0.1 is allowed")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise NetworkBlocked(f"test tried to reach {address!r}: only 127.0.0.1 is allowed")
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def migrated_prefect_database() -> Path:
    """The session's migrated Prefect database (made by the first worker that asks, under a file lock)."""
    import fcntl
    import subprocess
    import sys

    folder = Path(os.environ[TEMPLATE_ENV])
    database = folder / "prefect.db"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not database.exists():
            env = {**os.environ, "PREFECT_HOME": str(folder / "home")}
            env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = f"sqlite+aiosqlite:///{folder / 'making.db'}"
            prefect = Path(sys.executable).parent / "prefect"
            subprocess.run(
                [str(prefect), "server", "database", "upgrade", "-y"],
                env=env, check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            (folder / "making.db").rename(database)  # whole or not at all
    return database


@pytest.fixture
def prefect_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``PREFECT_HOME`` for this test whose database is already migrated; no server configured."""
    folder = tmp_path / "prefect-home"
    folder.mkdir()
    shutil.copyfile(migrated_prefect_database(), folder / "prefect.db")
    monkeypatch.setenv("PREFECT_HOME", str(folder))
    for name in ("PREFECT_API_URL", "PREFECT_PROFILE", "SAMEN_PREFECT_SERVER", "SAMEN_PREFECT_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture(scope="session")
def prefect_api():
    """Prefect's test server, started once per session on a copy of the migrated database."""
    from prefect.testing import utilities

    own_mkdtemp = utilities.mkdtemp

    def with_migrated_database() -> str:  # the harness puts its database in the folder it makes
        folder = own_mkdtemp()
        shutil.copyfile(migrated_prefect_database(), Path(folder) / "prefect-test.db")
        return folder

    utilities.mkdtemp = with_migrated_database  # type: ignore[assignment]
    try:
        with utilities.prefect_test_harness(server_startup_timeout=180):
            yield
    finally:
        utilities.mkdtemp = own_mkdtemp  # type: ignore[assignment]
    _drain_prefect_workers()


def _drain_prefect_workers() -> None:
    """Stop Prefect's log and event workers so pytest does not wait on them at exit."""
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
        EventsWorker.drain_all(timeout=5)
    except Exception:  # noqa: BLE001 - best effort at teardown
        pass
