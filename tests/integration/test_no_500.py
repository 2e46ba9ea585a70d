"""No request, however malformed, produces a 500: random JSON bodies at every operation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings

OPERATIONS = [
    ("POST", "/accounts/api/v1/auth/token/"),
    ("POST", "/accounts/api/v1/auth/token/refresh/"),
    ("POST", "/accounts/api/v1/auth/token/verify/"),
    ("POST", "/accounts/api/v1/auth/logout/"),
    ("POST", "/accounts/api/v1/auth/password-reset/"),
    ("POST", "/accounts/api/v1/auth/password-reset/confirm/"),
    ("POST", "/accounts/api/v1/users/check_email/"),
    ("POST", "/accounts/api/v1/users/check_username/"),
    ("POST", "/accounts/api/v1/users/"),
    ("POST", "/accounts/api/v1/users/email-verification/resend/"),
    ("POST", "/accounts/api/v1/users/email-verification/confirm/"),
    ("PATCH", "/accounts/api/v1/users/me/"),
    ("GET", "/accounts/api/v1/linkedin/oauth/callback/?code=x&state=y"),
]
FIELDS = [
    "username",
    "email",
    "password",
    "password2",
    "password_confirm",
    "token",
    "refresh",
    "first_name",
    "user_type",
    "bio",
    "phone",
    "company_name",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=300),
    st.sampled_from(["candidate", "recruiter", "a@b.io", "x" * 5000]),
)
values = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=6,
)
bodies = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=8),
    values,
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


@pytest.fixture
def sync_client(settings: Settings) -> Any:
    with TestClient(app=create_app(settings)) as client:
        yield client


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    op=st.sampled_from(OPERATIONS),
    body=bodies,
    auth=st.sampled_from([None, "Bearer x", "Bearer a.b.c", "Basic Zm9v", "Bearer"]),
)
def test_random_bodies_never_produce_a_500(
    sync_client: TestClient[Litestar], op: tuple[str, str], body: Any, auth: str | None
) -> None:
    method, path = op
    content = body if isinstance(body, str) else json.dumps(body)
    headers = {"Content-Type": "application/json"}
    if auth:
        headers["Authorization"] = auth
    response = sync_client.request(method, path, content=content.encode(), headers=headers)
    assert response.status_code < 500, (method, path, content[:200], response.text)
    assert isinstance(response.json().get("detail", ""), str) or response.status_code < 300
