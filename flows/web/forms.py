"""Reading a posted form: ``application/x-www-form-urlencoded``, checked against the session's form token.

The pages post plain HTML forms (no files), so the body is parsed here with the standard library rather
than with python-multipart; a body over ``MAX_BODY`` bytes is refused.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import HTTPException
from starlette.requests import Request

from flows.web.access import SESSION_COOKIE, Access

MAX_BODY = 256 * 1024
CSRF_FIELD = "csrf"


class Form:
    """The fields of one posted form; a field given more than once keeps every value in ``all``."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def get(self, name: str, default: str = "") -> str:
        for key, value in self.pairs:
            if key == name:
                return value
        return default

    def text(self, name: str) -> str:
        return self.get(name).strip()

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name and value]


async def read_form(request: Request) -> Form:
    """The posted form, after its form token was checked: 403 without the right one, 413 when too big."""
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(status_code=413)
    form = Form(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    access: Access = request.app.state.site.access
    session = getattr(request.state, "session", "") or request.cookies.get(SESSION_COOKIE, "")
    if not access.form_token_ok(session, form.get(CSRF_FIELD)):
        raise HTTPException(status_code=403)
    return form
