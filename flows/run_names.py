"""How a phase's flow run is named and tagged in Prefect, so a reviewer sent a link knows what it is.

A run is named after the organisation and the phase in the project's language ("Sportbond Oost · Toetsen",
not "chocolate-skylark") and tagged ``samen``, ``project:<slug>`` and ``phase:<name>``: the runs of one
project are one filter in the UI, also on a server that many projects share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from artefacts.catalogue import entry
from artefacts.errors import SamenError


def slug(name: str) -> str:
    """``Sportbond Oost-Gelderland`` → ``sportbond-oost-gelderland``: ASCII, lower case, dashes."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")[:60] or "project"


def phase_label(phase: str, language: str) -> str:
    names = entry(language, "html_report.phases")
    return str(names.get(phase, phase))


def run_name(root: Path | str, phase: str) -> str:
    """The flow run's name; the phase alone when ``samen.yaml`` cannot be read (the run says why)."""
    from flows.scaffold import load_project

    try:
        project = load_project(Path(root))
    except SamenError:
        return phase
    return f"{project.organisation.name} · {phase_label(phase, project.language)}"


def flow_run_name() -> str:
    """For ``@flow(flow_run_name=...)``: Prefect calls it as the run starts, its parameters known."""
    from prefect.runtime import flow_run

    root = flow_run.parameters.get("root")
    name = str(flow_run.flow_name)
    return run_name(root, name) if root else name


def project_tags(root: Path | str, phase: str) -> list[str]:
    from flows.scaffold import load_project

    try:
        organisation = load_project(Path(root)).organisation.name
    except SamenError:
        organisation = Path(root).resolve().name
    return ["samen", f"project:{slug(organisation)}", f"phase:{phase}"]


@contextmanager
def tagged(root: Path | str, phase: str) -> Iterator[None]:
    """Flow runs started inside carry the project's and the phase's tags."""
    from prefect import tags

    with tags(*project_tags(root, phase)):
        yield
