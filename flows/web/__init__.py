"""The review workspace in the browser (``samen serve``): server-rendered pages over one project's store."""

from flows.web.app import create_app

__all__ = ["create_app"]
