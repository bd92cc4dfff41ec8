"""The review workspace's app factory: ``create_app(project)`` serves one project's pages.

Starlette/FastAPI with autoescaping Jinja2 templates and a small script of our own; everything is served
from the package, nothing from outside. Every request passes the access rule (:mod:`flows.web.access`);
every review action calls the same code as the command line, so what the browser does is what
``samen approve``, ``samen needs …`` and ``samen decide`` do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from artefacts.errors import NotFoundError, SamenError
from flows.web.access import SESSION_COOKIE, TOKEN_COOKIE, Access, new_session, without_token
from flows.web.site import Site, render
from flows.web.words import say

STATIC = Path(__file__).parent / "static"
Next = Callable[[Request], Awaitable[Response]]


def create_app(
    project: Path, *, access: Access | None = None, rerun_command: list[str] | None = None
) -> FastAPI:
    """The app for the project at ``project``; ``access`` defaults to loopback without a token."""
    from flows.web.pages import artefacts, gate, needs, notes, overview, survey

    site = Site(
        root=Path(project), access=access or Access.for_bind("127.0.0.1", None), rerun_command=rerun_command
    )
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.site = site
    for module in (overview, needs, notes, artefacts, gate, survey):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next: Next) -> Response:
        return await _guarded(site, request, call_next)

    @app.exception_handler(SamenError)
    async def samen_error(request: Request, error: SamenError) -> Response:
        status = 404 if isinstance(error, NotFoundError) else 409
        return render(request, "error.html.j2", status=status, message=error.message, hint=error.hint or "")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        language = site.workspace().language
        key = {403: "web.error_403", 404: "web.error_404", 413: "web.error_413"}.get(error.status_code)
        text = say(language, key) if key else str(error.detail)
        return render(request, "error.html.j2", status=error.status_code, message=text, hint="")

    return app


async def _guarded(site: Site, request: Request, call_next: Next) -> Response:
    access = site.access
    language = site.workspace().language
    if not access.host_allowed(request):
        return PlainTextResponse(say(language, "web.host_refused"), status_code=400)
    if access.token is not None and access.token_given(request) is not None:
        if not access.query_token_ok(request):
            return PlainTextResponse(say(language, "web.token_refused"), status_code=401)
        response: Response = RedirectResponse(without_token(request), status_code=303)
        response.set_cookie(TOKEN_COOKIE, access.token, httponly=True, samesite="strict", path="/")
        return response
    if not access.token_ok(request):
        return PlainTextResponse(say(language, "web.token_needed"), status_code=401)
    session = request.cookies.get(SESSION_COOKIE)
    request.state.session = session or new_session()
    response = await call_next(request)
    if not session:
        response.set_cookie(SESSION_COOKIE, request.state.session, httponly=True, samesite="strict", path="/")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'",
    )
    return response
