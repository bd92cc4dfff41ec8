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
if "SAMEN_CACHE_DIR" not in os.environ:  # the per-user embedding cache: never the real one in tests
    _user_cache = tempfile.mkdtemp(prefix="samen-test-cache-")
    os.environ["SAMEN_CACHE_DIR"] = _user_cache
    atexit.register(shutil.rmtree, _user_cache, ignore_errors=True)
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


@pytest.fixture(scope="session")
def prefect_api():
    """Prefect's test server, started once per session (it migrates a fresh database: ~25 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield
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
