"""Run phases in order, as far as approvals and gates allow."""

from __future__ import annotations

import flows.runtime  # noqa: F401

from pathlib import Path

from rich.console import Console

from artefacts.errors import GateError
from flows.context import ProjectContext
from flows.progress import reporting

AVAILABLE = ("initiative",)


def run_phases(project: Path, phase: str, *, console: Console | None = None) -> str:
    """Run ``phase`` (or ``all``) for the project in ``project``; return a summary for the terminal."""
    context = ProjectContext.open(project)
    phases = AVAILABLE if phase == "all" else (phase,)
    lines = []
    with reporting(console):
        for name in phases:
            if name not in AVAILABLE:
                raise GateError(f"phase '{name}' is not available yet", hint=f"available: {', '.join(AVAILABLE)}")
            if name == "initiative":
                from flows.initiative import initiative

                versions = initiative(str(context.root))
                for artefact, version in versions.items():
                    path = context.workspace.path(artefact, version, ".md")
                    lines.append(f"{artefact} v{version}: {path}")
    return "\n".join(lines)
