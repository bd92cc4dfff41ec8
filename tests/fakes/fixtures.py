"""Pytest fixtures around the fakes. Import them where needed (or from conftest):

    from tests.fakes.fixtures import openai_server_fixture  # noqa: F401

The fixture is named ``openai_server``; the function has another name so that test parameters called
``openai_server`` do not shadow the import (ruff F811). ``openai_server`` is kept as an alias.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.openai_server import OpenAIServer


@pytest.fixture(name="openai_server")
def openai_server_fixture() -> Iterator[OpenAIServer]:
    """A fresh loopback OpenAI-compatible server per test; push ``Reply`` objects to script it."""
    with OpenAIServer() as server:
        yield server


openai_server = openai_server_fixture
