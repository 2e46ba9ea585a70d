"""A local fake of LinkedIn's OpenID Connect endpoints (authorization, token, userinfo),
served over real HTTP on 127.0.0.1, behaving as LinkedIn documents them."""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse


class FakeLinkedIn:
    def __init__(self) -> None:
        self.client_id = "hireflow-test-client"
        self.client_secret = "hireflow-test-secret"
        self.next_identity: dict[str, Any] = {
            "sub": "782bbtaQ",
            "name": "Ada Lovelace",
            "given_name": "Ada",
            "family_name": "Lovelace",
            "picture": "https://media.licdn.com/dms/image/ada.jpg",
            "locale": {"country": "GB", "language": "en"},
            "email": "ada@example.com",
            "email_verified": True,
        }
        #: Answer the next token request with this HTTP status (outage simulation).
        self.fail_next_token_with: int | None = None
        self.requests: list[tuple[str, str]] = []
        self._codes: dict[str, tuple[str, dict[str, Any]]] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def auth_url(self) -> str:
        return f"{self.base_url}/oauth/v2/authorization"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth/v2/accessToken"

    @property
    def userinfo_url(self) -> str:
        return f"{self.base_url}/v2/userinfo"

    def authorize(self, redirect_uri: str, identity: dict[str, Any] | None = None) -> str:
        """The member approves: a one-time code bound to the redirect URI and identity."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = (redirect_uri, dict(identity or self.next_identity))
        return code

    def __enter__(self) -> FakeLinkedIn:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def _json(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                fake.requests.append(("GET", url.path))
                if url.path == "/oauth/v2/authorization":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    if query.get("response_type") != "code" or query.get("client_id") != (
                        fake.client_id
                    ):
                        self._json(400, {"error": "invalid_request"})
                        return
                    code = fake.authorize(query["redirect_uri"])
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query.get("state", "")})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                    return
                if url.path == "/v2/userinfo":
                    scheme, _, token = self.headers.get("Authorization", "").partition(" ")
                    with fake._lock:
                        identity = fake._tokens.get(token) if scheme == "Bearer" else None
                    if identity is None:
                        self._json(
                            401, {"serviceErrorCode": 65600, "message": "Invalid access token"}
                        )
                        return
                    self._json(200, identity)
                    return
                self._json(404, {"message": "not found"})

            def do_POST(self) -> None:
                url = urlparse(self.path)
                fake.requests.append(("POST", url.path))
                if url.path != "/oauth/v2/accessToken":
                    self._json(404, {"message": "not found"})
                    return
                if fake.fail_next_token_with is not None:
                    status, fake.fail_next_token_with = fake.fail_next_token_with, None
                    self._json(status, {"message": "Service unavailable"})
                    return
                if not self.headers.get("Content-Type", "").startswith(
                    "application/x-www-form-urlencoded"
                ):
                    self._json(400, {"error": "invalid_request"})
                    return
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if form.get("grant_type") != "authorization_code":
                    self._json(400, {"error": "unsupported_grant_type"})
                    return
                if (form.get("client_id"), form.get("client_secret")) != (
                    fake.client_id,
                    fake.client_secret,
                ):
                    self._json(401, {"error": "invalid_client"})
                    return
                with fake._lock:
                    entry = fake._codes.pop(form.get("code", ""), None)
                if entry is None or entry[0] != form.get("redirect_uri"):
                    self._json(
                        400,
                        {
                            "error": "invalid_grant",
                            "error_description": "The authorization code is invalid or used",
                        },
                    )
                    return
                token = secrets.token_urlsafe(32)
                with fake._lock:
                    fake._tokens[token] = entry[1]
                self._json(
                    200,
                    {
                        "access_token": token,
                        "expires_in": 5183999,
                        "scope": "email,openid,profile",
                        "token_type": "Bearer",
                        "id_token": "not-used-by-hireflow",
                    },
                )

        return Handler
