"""Who may use the app, and proof that a form came from the app itself.

- Without a token the app trusts the machine it runs on: ``closeloop serve``
  binds to loopback, and the Host header must name loopback too (so a web
  page can't reach the app by rebinding its own domain to 127.0.0.1).
- With a token (``CLOSELOOP_WEB_TOKEN``) every request needs it: as
  ``Authorization: Bearer TOKEN`` (scripts) or as the login cookie that the
  login form sets (browsers).
- Every form carries a CSRF token that matches a signed cookie; HTMX sends it
  as the ``X-CSRF-Token`` header. A request with an ``Origin`` from another
  site is refused outright.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

CSRF_COOKIE = "closeloop_csrf"
AUTH_COOKIE = "closeloop_auth"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:80' -> '::1'."""
    header = header.strip()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    """Signs and checks the app's cookies; knows the token, if any."""

    def __init__(self, token: str | None, secret: bytes | None = None) -> None:
        self.token = token or None
        # With a token the signing key follows from it, so a restart keeps
        # people logged in; without one, a fresh key per process is enough.
        self.secret = secret or (hashlib.sha256(b"closeloop-web:" + self.token.encode()).digest()
                                 if self.token else secrets.token_bytes(32))

    def sign(self, value: str) -> str:
        mac = hmac.new(self.secret, value.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{value}.{mac}"

    def unsign(self, signed: str | None) -> str | None:
        if not signed or "." not in signed:
            return None
        value, mac = signed.rsplit(".", 1)
        return value if hmac.compare_digest(self.sign(value).encode(), signed.encode()) else None

    # CSRF ---------------------------------------------------------------
    def new_csrf(self) -> tuple[str, str]:
        """(token for the form, value for the cookie)."""
        token = secrets.token_urlsafe(24)
        return token, self.sign(token)

    def csrf_ok(self, cookie: str | None, sent: str | None) -> bool:
        expected = self.unsign(cookie)
        return bool(expected and sent and hmac.compare_digest(expected.encode(), sent.encode()))

    # Authentication -----------------------------------------------------
    def token_ok(self, sent: str | None) -> bool:
        return bool(self.token and sent and hmac.compare_digest(sent.encode(), self.token.encode()))

    def login_cookie(self) -> str:
        return self.sign("in:" + secrets.token_urlsafe(12))

    def logged_in(self, cookie: str | None) -> bool:
        value = self.unsign(cookie)
        return bool(value and value.startswith("in:"))

    def allowed(self, authorization: str | None, cookie: str | None) -> bool:
        if self.token is None:
            return True
        if authorization and authorization.lower().startswith("bearer "):
            return self.token_ok(authorization[7:].strip())
        return self.logged_in(cookie)
