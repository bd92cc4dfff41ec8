"""One served project: its folder, the access rule, the templates, and what every page shares (the
reviewer's name, the flash message after an action, the form token)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request

from artefacts.errors import SamenError
from artefacts.store import Workspace
from flows.web.access import SESSION_COOKIE, Access
from flows.web.rerun import Rerun
from flows.web.words import words

REVIEWER_COOKIE = "samen_reviewer"
FLASH_COOKIE = "samen_flash"


@dataclass
class Site:
    root: Path
    access: Access = field(default_factory=Access)
    rerun_command: list[str] | None = None  # the command a survey correction runs (None: `samen run test`)

    @cached_property
    def rerun(self) -> Rerun:
        return Rerun(self.root, self.rerun_command)

    def workspace(self) -> Workspace:
        return Workspace(self.root)  # fresh per request: the files are the truth, the CLI may write too

    @cached_property
    def environment(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.PackageLoader("flows", "web/templates"),
                    jinja2.PackageLoader("artefacts", "templates"),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def reviewer(request: Request) -> str:
    return unquote(request.cookies.get(REVIEWER_COOKIE, "")).strip()[:120]


def form_token(request: Request) -> str:
    session = getattr(request.state, "session", "") or request.cookies.get(SESSION_COOKIE, "")
    return site_of(request).access.form_token(session)


def render(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    site = site_of(request)
    language = context.pop("language", None) or site.workspace().language
    flash = _read_flash(request)
    page = site.environment.get_template(template).render(
        language=language,
        w=words(language),
        csrf=form_token(request),
        reviewer=reviewer(request),
        flash=flash,
        here=request.url.path,
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    if flash is not None:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def redirect(url: str, lines: list[str] | None = None, *, kind: str = "ok") -> RedirectResponse:
    """Back to a page after an action (303: the browser GETs it), carrying what happened."""
    response = RedirectResponse(url, status_code=303)
    if lines:
        payload = json.dumps({"kind": kind, "lines": lines[:12]}, ensure_ascii=False)
        value = base64.urlsafe_b64encode(payload.encode()).decode()
        response.set_cookie(FLASH_COOKIE, value, max_age=120, path="/", httponly=True, samesite="strict")
    return response


def failed(url: str, error: SamenError) -> RedirectResponse:
    """Back to the page with the error and what to do about it, in the reviewer's view."""
    lines = [error.message] + ([error.hint] if error.hint else [])
    return redirect(url, lines, kind="error")


def _read_flash(request: Request) -> dict[str, Any] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(raw.encode()).decode())
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        return None
    return {
        "kind": "error" if data.get("kind") == "error" else "ok",
        "lines": [str(x) for x in data["lines"]],
    }


def local_path(target: str, default: str = "/") -> str:
    """``target`` when it is a path on this server (never another site: no scheme, no ``//``)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def set_reviewer(response: RedirectResponse, name: str) -> None:
    response.set_cookie(
        REVIEWER_COOKIE, quote(name.strip()[:120]), max_age=365 * 86400, path="/", samesite="strict"
    )
