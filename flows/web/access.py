"""Who may use the review workspace: the token rule, the host check and the per-session form token.

- On a loopback address (the default) nobody logs in: only this machine reaches the server. Bound to any
  other address, a token is required: ``?token=T`` once (the link ``samen serve`` prints), then a cookie.
  The token is checked on every request, static files included.
- The ``Host`` header must name the address the server listens on when that is loopback, so a web page
  elsewhere cannot read the workspace through a DNS name that points at 127.0.0.1 (DNS rebinding).
- Every POST carries a form token derived from the session cookie with a secret of this process; a page
  on another site cannot know it, so it cannot make a reviewer's browser approve or decide (CSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.requests import Request

TOKEN_COOKIE = "samen_token"
SESSION_COOKIE = "samen_session"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Access:
    """The rule for one server: the token (None: no login) and the host names it answers to."""

    token: str | None = None
    hosts: frozenset[str] | None = None  # None: any Host header (the token guards the door)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    @classmethod
    def for_bind(cls, host: str, token: str | None, extra_hosts: Iterable[str] = ()) -> Access:
        """Loopback: no token unless one is given, and only loopback Host headers. Elsewhere: a token
        always (generated when not given), any Host header."""
        if is_loopback(host):
            return cls(token=token, hosts=LOOPBACK_NAMES | {host, *extra_hosts})
        return cls(token=token or new_token(), hosts=None)

    def host_allowed(self, request: Request) -> bool:
        if self.hosts is None:
            return True
        name = request.headers.get("host", "")
        name = name.rsplit(":", 1)[0] if not name.endswith("]") else name
        return name in self.hosts

    def token_given(self, request: Request) -> str | None:
        return request.query_params.get("token")

    def token_ok(self, request: Request) -> bool:
        if self.token is None:
            return True
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        return hmac.compare_digest(cookie.encode(), self.token.encode())

    def query_token_ok(self, request: Request) -> bool:
        given = self.token_given(request) or ""
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def form_token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()[:32]

    def form_token_ok(self, session: str, given: str) -> bool:
        return bool(session) and hmac.compare_digest(self.form_token(session).encode(), given.encode())


def without_token(request: Request) -> str:
    """The URL asked for, without its ``token`` parameter (where to go once the cookie is set)."""
    rest = [(key, value) for key, value in request.query_params.multi_items() if key != "token"]
    return request.url.path + (f"?{urlencode(rest)}" if rest else "")


def new_session() -> str:
    return secrets.token_urlsafe(18)
