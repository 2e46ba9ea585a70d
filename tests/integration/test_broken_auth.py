"""Broken authentication, every way, on every operation that needs a token (issue 15, item 3).

The operations are taken from the route table: every handler that takes a ``CurrentUser``
(the OpenAPI document marks it ``security: bearer``). Each is asked by the caller the access
matrix lets in, with that caller's token broken one way at a time:

* forged: ``alg: none``, signed with another key, with another algorithm (HS512 with the real
  key), expired, a refresh token presented as an access token, every claim missing in turn,
  a claim this server never issues (``role: admin``: refused, see
  ``adapters/security/jwt_tokens.py`` for why), a user that does not exist, not a JWT at all;
* ended: issued before a password reset, its session logged out, its session revoked by a
  refresh-token reuse, the account disabled.

Every one is refused with 401 (a disabled account: 403, "account disabled") and a JSON
``detail``, and none of the requests changes anything in the database.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import psycopg
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from adapters.http.openapi import TOKEN_REQUIRED
from adapters.security.jwt_tokens import ALGORITHM, CLAIMS, derive_key
from bootstrap.app import create_app
from bootstrap.settings import Settings
from tests.integration.cast import API, Cast, Person, ok, wait
from tests.integration.conftest import STRONG, Outbox
from tests.integration.test_access_matrix import ROWS, Cells, Row, database_digest, key


def authenticated_operations(app: Litestar) -> set[str]:
    """Every routed operation whose handler needs a signed-in user."""
    found = set()
    for route in app.routes:
        for method, handler in getattr(route, "route_handler_map", {}).items():
            handler = handler[0] if isinstance(handler, tuple) else handler
            if method not in ("OPTIONS", "HEAD") and handler.security == TOKEN_REQUIRED:
                found.add(key(str(method), route.path_format))
    return found


def allowed_caller(row: Row) -> str:
    """The caller the matrix lets in (so a refusal can only be the token's doing)."""
    for caller, code in row.codes.items():
        if caller != "anonymous" and code[0] in "23":
            return caller
    return next(c for c in row.codes if c != "anonymous")


def claims_of(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forgeries(person: Person, secret_key: str) -> dict[str, str]:
    """The person's access token, broken every way that needs no change on the server."""
    real_key = derive_key(secret_key, "session-jwt")
    claims = claims_of(person.access)

    def signed(payload: dict[str, Any], signing_key: bytes = real_key, alg: str = ALGORITHM) -> str:
        return jwt.encode(payload, signing_key, algorithm=alg)

    past = int((datetime.now(UTC) - timedelta(minutes=1)).timestamp())
    header, payload, signature = person.access.split(".")
    none = b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    edited = b64(json.dumps({**claims, "sub": "1"}).encode())
    tokens = {
        "alg none": f"{none}.{payload}.",
        "alg none, signature kept": f"{none}.{payload}.{signature}",
        "another key": signed(
            claims, derive_key("some-other-secret-key-0123456789", "session-jwt")
        ),
        "the raw secret as key": signed(claims, secret_key.encode()),
        "another algorithm": signed(claims, real_key, "HS512"),
        "expired": signed({**claims, "exp": past, "iat": past - 3600}),
        "refresh as access": person.refresh,
        "extra claim": signed({**claims, "role": "admin"}),
        "unknown user": signed({**claims, "sub": "987654321"}),
        "another user's id": signed({**claims, "sub": str(person.id + 1)}),
        "payload edited, signature kept": f"{header}.{edited}.{signature}",
        "not a JWT": "garbage",
        "empty": "",
    }
    for claim in sorted(CLAIMS):
        tokens[f"missing {claim}"] = signed({k: v for k, v in claims.items() if k != claim})
    return tokens


def execute(database_url: str, sql: str, *params: Any) -> None:
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.split("///", 1)[1])) as conn:
            conn.execute(sql, params)
            conn.commit()
        return
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as pg:
        pg.execute(sql.replace("?", "%s"), params)


def reset_password(client: TestClient[Litestar], outbox: Outbox, person: Person) -> None:
    sent = len(outbox.to(person.email))
    ok(client.post(f"{API}/auth/password-reset/", json={"email": person.email}), 200)
    mail = wait(lambda: outbox.to(person.email)[sent:], f"reset e-mail for {person.email}")[0]
    body = {"token": outbox.token(mail), "password": STRONG + "x", "password_confirm": STRONG + "x"}
    ok(client.post(f"{API}/auth/password-reset/confirm/", json=body), 200)


def end_session(how: str, client: TestClient[Litestar], outbox: Outbox, person: Person) -> None:
    match how:
        case "issued before a password reset":
            reset_password(client, outbox, person)
        case "session logged out":
            ok(client.post(f"{API}/auth/logout/", json={"refresh": person.refresh}), 200)
        case "session revoked by a refresh reuse":
            ok(client.post(f"{API}/auth/token/refresh/", json={"refresh": person.refresh}), 200)
            reuse = client.post(f"{API}/auth/token/refresh/", json={"refresh": person.refresh})
            assert reuse.status_code == 401, reuse.text
        case _:
            raise AssertionError(how)


ENDED = (
    "issued before a password reset",
    "session logged out",
    "session revoked by a refresh reuse",
    "account disabled",
)


@pytest.fixture
def sweep_client(settings: Settings, seeded_cast: Cast) -> Any:
    with TestClient(app=create_app(settings)) as client:
        yield client


def test_the_route_table_and_the_matrix_agree_on_who_needs_a_token(
    sweep_client: TestClient[Litestar],
) -> None:
    needs_token = authenticated_operations(sweep_client.app)
    anonymous_refused = {r.operation.rstrip("/") for r in ROWS if r.codes["anonymous"] == "401"}
    assert needs_token == anonymous_refused
    assert len(needs_token) > 40  # the sweep below is not vacuous


@pytest.mark.parametrize("way", ["forged", *ENDED])
def test_broken_tokens_are_refused_on_every_authenticated_operation(
    way: str,
    sweep_client: TestClient[Litestar],
    seeded_cast: Cast,
    outbox: Outbox,
    settings: Settings,
    database_url: str,
) -> None:
    client = sweep_client
    needs_token = authenticated_operations(client.app)
    rows = [r for r in ROWS if r.operation.rstrip("/") in needs_token]
    assert len(rows) == len(needs_token)
    # Every request made first, with the real tokens (fresh resources included) ...
    cells = Cells(client, seeded_cast, outbox)
    requests = []
    for row in rows:
        caller = allowed_caller(row)
        requests.append((row, caller, cells.prepare(row, caller)))
        cells.row_done()
    # ... then the tokens broken ...
    callers = sorted({caller for _, caller, _ in requests})
    broken: dict[str, dict[str, str]] = {}
    for caller in callers:
        person = seeded_cast.people[caller]
        if way == "forged":
            broken[caller] = forgeries(person, settings.security.secret_key)
        elif way == "account disabled":
            # As an admin disables an account in the database: nothing else touched.
            execute(database_url, "UPDATE users SET is_active = ? WHERE id = ?", False, person.id)
            broken[caller] = {way: person.access}
        else:
            end_session(way, client, outbox, person)
            broken[caller] = {way: person.access}
    # ... and every operation asked with each broken token: refused, nothing changed.
    before = database_digest(database_url)
    expected = 403 if way == "account disabled" else 401
    wrong = []
    for row, caller, (method, path, kwargs) in requests:
        for name, token in broken[caller].items():
            headers = {**kwargs["headers"], "Authorization": f"Bearer {token}"}
            response = client.request(method, path, **{**kwargs, "headers": headers})
            if response.status_code != expected:
                wrong.append(
                    f"{row.operation} [{name}]: {response.status_code} {response.text[:120]}"
                )
                continue
            body = response.json()
            assert isinstance(body.get("detail"), str) and body["detail"], (row.operation, body)
            assert token not in response.text or not token, (row.operation, name)
    assert not wrong, "\n".join(wrong)
    assert database_digest(database_url) == before, f"a request with a {way} token changed data"
