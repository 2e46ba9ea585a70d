"""Every refusal the accounts API promises, over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import base64
import json

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import (
    STRONG,
    Outbox,
    active_user,
    bearer,
    login,
    register,
)

API = "/accounts/api/v1"


def _error(response: object) -> dict[str, object]:
    body = response.json()  # type: ignore[attr-defined]
    assert isinstance(body.get("detail"), str) and body["detail"], body
    return dict(body)


async def test_malformed_requests_are_4xx_json(client: AsyncTestClient[Litestar]) -> None:
    cases = [
        (b"{not json", 400),
        (b"[]", 400),
        (b'{"username": 5, "password": "x"}', 400),
        (b'{"password": "x"}', 400),
        (b"", 400),
    ]
    for payload, status in cases:
        response = await client.post(
            f"{API}/auth/token/", content=payload, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == status, (payload, response.text)
        _error(response)
    response = await client.post(f"{API}/auth/token/", json={"password": "x"})
    assert _error(response)["errors"] == {"username": ["This field is required."]}
    response = await client.post(f"{API}/auth/token/", json={"username": 5, "password": "x"})
    assert "username" in _error(response)["errors"]  # type: ignore[operator]
    response = await client.get(f"{API}/auth/token/")
    assert response.status_code == 405
    _error(response)
    response = await client.get("/no/such/path/")
    assert response.status_code == 404
    _error(response)


async def test_oversized_body_is_413(client: AsyncTestClient[Litestar]) -> None:
    response = await client.post(
        f"{API}/users/",
        content=b'{"bio": "' + b"x" * 2_000_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    _error(response)


@pytest.mark.parametrize("user_type", ["admin", "ngo_manager"])
async def test_privileged_types_cannot_self_register(
    client: AsyncTestClient[Litestar], user_type: str
) -> None:
    response = await register(client, user_type=user_type)
    assert response.status_code == 400
    assert "user_type" in _error(response)["errors"]  # type: ignore[operator]
    response = await client.post(f"{API}/users/check_email/", json={"email": "john@example.com"})
    assert response.json()["available"] is True  # nothing was created


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("Ab1!", "too short"),
        ("8467302951", "entirely numeric"),
        ("password1", "too common"),
        ("john_doe_99", "too similar to the username"),
    ],
)
async def test_weak_passwords_say_which_rule(
    client: AsyncTestClient[Litestar], password: str, fragment: str
) -> None:
    response = await register(client, password=password, password2=password)
    assert response.status_code == 400
    messages = _error(response)["errors"]["password"]  # type: ignore[index]
    assert any(fragment in m for m in messages), messages


async def test_password2_mismatch(client: AsyncTestClient[Litestar]) -> None:
    response = await register(client, password2="Something-Else-99")
    assert response.status_code == 400
    assert "password2" in _error(response)["errors"]  # type: ignore[operator]


async def test_check_email_rejects_malformed(client: AsyncTestClient[Litestar]) -> None:
    for bad in ("not-an-email", "a@b", "@x.com", "john@@x.com"):
        response = await client.post(f"{API}/users/check_email/", json={"email": bad})
        assert response.status_code == 400, bad
        assert "email" in _error(response)["errors"]  # type: ignore[operator]


async def test_concurrent_case_variants_one_wins(
    client: AsyncTestClient[Litestar],
) -> None:
    responses = await asyncio.gather(
        register(client, "john_one", "John@x.com"),
        register(client, "john_two", "john@x.com"),
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 400], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 400)
    assert "email" in _error(loser)["errors"]  # type: ignore[operator]


async def test_unverified_is_401_and_disabled_is_403(
    client: AsyncTestClient[Litestar], outbox: Outbox, app: Litestar
) -> None:
    await register(client)
    response = await client.post(
        f"{API}/auth/token/", json={"username": "john_doe", "password": STRONG}
    )
    assert response.status_code == 401 and "not verified" in _error(response)["detail"]  # type: ignore[operator]
    await active_user(client, outbox, "jane_doe", "jane@example.com")
    tokens = await login(client, "jane_doe")
    await _disable(app, "jane_doe")
    response = await client.post(
        f"{API}/auth/token/", json={"username": "jane_doe", "password": STRONG}
    )
    assert response.status_code == 403
    response = await client.get(f"{API}/users/me/", headers=bearer(tokens["access"]))
    assert response.status_code in (401, 403)


async def _disable(app: Litestar, username: str) -> None:
    from sqlalchemy import update
    from sqlalchemy.ext.asyncio import AsyncEngine

    from adapters.persistence.tables.accounts import users

    engine = await app.state.dishka_container.get(AsyncEngine)
    async with engine.begin() as conn:
        await conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(is_active=False, token_version=users.c.token_version + 1)
        )


async def test_wrong_credentials_are_401(client: AsyncTestClient[Litestar], outbox: Outbox) -> None:
    await active_user(client, outbox)
    for body in (
        {"username": "john_doe", "password": "Wrong-Password-1"},
        {"username": "nobody", "password": STRONG},
    ):
        response = await client.post(f"{API}/auth/token/", json=body)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def _forge(token: str, **changes: object) -> str:
    header, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data.update(changes)
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def _alg_none(token: str) -> str:
    _, payload, _ = token.split(".")
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    return f"{header}.{payload}."


async def test_tampered_alg_none_and_wrong_type_tokens_are_401(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    await active_user(client, outbox)
    tokens = await login(client)
    bad_access = [
        _forge(tokens["access"], sub="999"),
        _alg_none(tokens["access"]),
        tokens["refresh"],
        "garbage",
    ]
    for token in bad_access:
        response = await client.get(f"{API}/users/me/", headers=bearer(token))
        assert response.status_code == 401, token
        response = await client.post(f"{API}/auth/token/verify/", json={"token": token})
        assert response.status_code == 401 or token == tokens["refresh"]
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": tokens["access"]})
    assert response.status_code == 401
    response = await client.get(f"{API}/users/me/")
    assert response.status_code == 401
    # One rule for public operations: a bad token is ignored, the caller is anonymous (as
    # check_email always did); protected operations refuse it.
    for token in bad_access:
        for path in ("/jobs/api/v1/jobs/", "/companies/api/v1/companies/"):
            response = await client.get(path, headers=bearer(token))
            assert response.status_code == 200, (path, token)
        response = await client.post(
            f"{API}/users/check_email/", json={"email": "x@y.io"}, headers=bearer(token)
        )
        assert response.status_code == 200
    response = await client.get("/jobs/api/v1/jobs/", headers={"Authorization": "Basic Zm9v"})
    assert response.status_code == 200


async def test_refresh_reuse_revokes_family_and_logout_blacklists(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    await active_user(client, outbox)
    first = await login(client)
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": first["refresh"]})
    second = response.json()
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": first["refresh"]})
    assert response.status_code == 401
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": second["refresh"]})
    assert response.status_code == 401  # the whole family is gone

    other = await login(client)
    response = await client.post(f"{API}/auth/logout/", json={"refresh": other["refresh"]})
    assert response.status_code == 200
    response = await client.post(f"{API}/auth/token/refresh/", json={"refresh": other["refresh"]})
    assert response.status_code == 401


async def test_no_account_enumeration(client: AsyncTestClient[Litestar], outbox: Outbox) -> None:
    await active_user(client, outbox)
    known = await client.post(f"{API}/auth/password-reset/", json={"email": "john@example.com"})
    unknown = await client.post(f"{API}/auth/password-reset/", json={"email": "x@example.com"})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    known = await client.post(
        f"{API}/users/email-verification/resend/", json={"email": "john@example.com"}
    )
    unknown = await client.post(
        f"{API}/users/email-verification/resend/", json={"email": "x@example.com"}
    )
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())


async def test_invalid_activation_token_uses_guide_error_shape(
    client: AsyncTestClient[Litestar],
) -> None:
    response = await client.post(
        f"{API}/users/email-verification/confirm/", json={"token": "bogus.token"}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Invalid or expired activation token"


async def test_patch_me_refuses_read_only_fields(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    await active_user(client, outbox)
    tokens = await login(client)
    for field, value in (
        ("user_type", "admin"),
        ("is_active", False),
        ("email", "evil@example.com"),
        ("id", 7),
        ("created_at", "2020-01-01"),
    ):
        response = await client.patch(
            f"{API}/users/me/", json={field: value}, headers=bearer(tokens["access"])
        )
        assert response.status_code == 400, field
        assert field in _error(response)["errors"]  # type: ignore[operator]
    me = (await client.get(f"{API}/users/me/", headers=bearer(tokens["access"]))).json()
    assert me["user_type"] == "candidate" and me["email"] == "john@example.com"
    response = await client.patch(f"{API}/users/me/", json={"bio": "x"})
    assert response.status_code == 401


async def test_email_verification_status_needs_auth(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get(f"{API}/users/email-verification/status/")
    assert response.status_code == 401


async def test_health(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/health")).json() == {"status": "ok"}
    assert (await client.get("/health/ready")).json() == {"status": "ok", "database": "ok"}
