"""Prefect flows (one module per phase), the pipeline, review, the gate and the CLI.

Importing the package first puts Prefect's and chromadb's process settings in place (see
:mod:`flows.runtime`), before anything imports them.
"""

import flows.runtime  # noqa: F401
