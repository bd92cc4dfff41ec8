"""Samen's phases as Prefect deployments, for a Prefect server with a work pool and workers.

``prefect.yaml`` (the repository's root) declares one deployment per phase, all of this flow with the phase
fixed; a worker on any machine that sees the project folder runs it. Started from the UI ("Run" on
``samen/initiative``) it asks for the project: a path on the worker's machine, absolute or relative to
``SAMEN_PROJECTS`` (the shared project storage; the worker's working directory when unset). The run is
the same as ``samen run``: skipped when nothing changed, one at a time per project, its artefacts waiting
for a person's review as always.

    prefect work-pool create samen --type process
    prefect deploy --all                      # from the repository's root
    prefect worker start --pool samen         # on each machine that runs phases
    prefect deployment run samen/initiative --param project=sportbond-oost
"""

from __future__ import annotations

import os
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from artefacts.catalogue import text
from artefacts.errors import ConfigError, SamenError
from flows.messages import language_of, message
from flows.run_names import run_name

PROJECTS_ENV = "SAMEN_PROJECTS"


def project_path(project: str) -> Path:
    """The project folder a deployment run names: absolute, or under ``SAMEN_PROJECTS``."""
    path = Path(project).expanduser()
    if not path.is_absolute():
        path = Path(os.environ.get(PROJECTS_ENV) or Path.cwd()) / path
    if not (path / "samen.yaml").is_file():
        raise ConfigError(
            message(None, "no_project"),
            path=path,
            hint=text(None, "deployments.where").format(env=PROJECTS_ENV),
        )
    return path.resolve()


def _deployment_run_name() -> str:
    parameters = flow_run.parameters
    phase = str(parameters.get("phase", "all"))
    try:
        return run_name(project_path(str(parameters.get("project", ""))), phase)
    except SamenError:
        return f"{parameters.get('project')} · {phase}"


@flow(name="samen", flow_run_name=_deployment_run_name, log_prints=False)
def samen_phase(
    project: str, phase: str = "all", wait: bool = False, timeout: int = 3600, force: bool = False
) -> str:
    """Run a phase of a project (or ``all`` as far as approvals and the gate allow) on a worker.

    Args:
        project: the project's folder on the worker's machine (absolute, or under SAMEN_PROJECTS).
        phase: initiative, concept, test, core-group, strategy, plan, launch or all.
        wait: wait at the go/no-go gate for a person's decision.
        timeout: seconds to wait at the gate.
        force: run even when nothing changed since the last run.
    """
    from flows.project_run import run_project

    root = project_path(project)  # an unknown phase is refused by run_phases, in the project's language
    logger = get_run_logger()
    outcome = run_project(
        root, phase, language=language_of(root), say=lambda line: logger.info("%s", line),
        wait=wait, timeout=timeout, queue=True, force=force,
    )  # fmt: skip
    for line in outcome.summary.splitlines():
        logger.info("%s", line)
    return outcome.summary
