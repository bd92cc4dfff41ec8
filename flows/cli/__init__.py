"""The `samen` command line: the app and its command groups (review, gate)."""

from flows.cli.app import app, main, run_cli

__all__ = ["app", "main", "run_cli"]
