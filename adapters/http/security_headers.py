"""Security headers on every HTTP answer: JSON, pages, files and errors alike.

* ``X-Content-Type-Options: nosniff``: a browser never second-guesses the declared type
  (an uploaded file is never run as HTML or script).
* ``Content-Security-Policy`` with ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``:
  no page of ours can be framed (clickjacking). Anything that is not a page (JSON, a CV)
  also gets ``default-src 'none'; sandbox``: opened directly, it can load and run nothing.
* ``Referrer-Policy: no-referrer``: the e-mailed links carry tokens in their query string;
  no page hands its URL to another site.
* ``Cross-Origin-Opener-Policy: same-origin``, a ``Permissions-Policy`` that turns off the
  devices the site never uses, and ``Strict-Transport-Security`` when the public URL is HTTPS.
* ``Cache-Control: no-store`` on answers to a request that carried a token (personal data is
  never kept by a shared cache or the browser's disk cache), unless the handler chose one.

A header the handler set itself wins.
"""

from __future__ import annotations

from litestar.enums import ScopeType
from litestar.types import BeforeMessageSendHookHandler, Message, Scope

PAGE_POLICY = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'"
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


def security_headers(*, https: bool) -> BeforeMessageSendHookHandler:
    """The hook, as Litestar's ``before_send=[...]`` takes it: it sees every answer, those
    of routes and of the router itself (an unknown path's 404, a 405) alike."""

    async def add_headers(message: Message, scope: Scope) -> None:
        if scope["type"] != ScopeType.HTTP or message["type"] != "http.response.start":
            return
        headers = message.setdefault("headers", [])
        present = {bytes(name).lower() for name, _ in headers}
        content_type = next(
            (bytes(v).lower() for n, v in headers if bytes(n).lower() == b"content-type"), b""
        )
        policy = PAGE_POLICY if content_type.startswith(b"text/html") else DATA_POLICY
        wanted = [*COMMON, (b"content-security-policy", policy.encode())]
        if https:
            wanted.append(HSTS)
        if any(name == b"authorization" for name, _ in scope["headers"]):
            wanted.append((b"cache-control", b"no-store"))
        headers.extend((n, v) for n, v in wanted if n not in present)  # type: ignore[attr-defined]

    return add_headers
