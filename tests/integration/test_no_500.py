"""No request, however malformed, produces a 500: random ids, query strings and JSON bodies
(huge integers, deep nesting, wrong types) at every operation the app routes, as anonymous,
with broken tokens and as real users of each role."""

from __future__ import annotations

import json
import re
import time
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings
from tests.integration.conftest import STRONG, Outbox

BIG = [2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]


def operations(app: Litestar) -> list[tuple[str, str, tuple[str, ...]]]:
    """(method, path template, query parameter names) of every routed operation."""
    found = []
    for route in app.routes:
        for method, handler in getattr(route, "route_handler_map", {}).items():
            if method in ("OPTIONS", "HEAD"):
                continue
            handler = handler[0] if isinstance(handler, tuple) else handler
            signature = getattr(handler, "parsed_fn_signature", None)
            names = tuple(
                name
                for name, param in (signature.parameters.items() if signature else [])
                if name not in ("self", "request", "data")
                and "FromDishka" not in str(param.annotation)
                and f"{{{name}}}" not in route.path_format
            )
            found.append((str(method), route.path_format, names))
    return sorted(found)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(BIG),
    st.floats(allow_nan=False),
    st.text(max_size=60),
    st.sampled_from(["candidate", "recruiter", "a@b.io", "x" * 5000, "2026-12-01T10:00:00"]),
)
values = st.recursive(
    scalars,
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=12), c, max_size=4),
    max_leaves=8,
)
FIELDS = [
    "username", "email", "password", "token", "refresh", "job", "job_id", "candidate_id",
    "application", "answers", "grades", "status", "notes", "title", "salary_min",
    "salary_max", "expected_salary_min", "category", "job_type", "company", "starts_at",
    "duration_minutes", "questions", "name", "founded_year", "skills", "email_types",
    "participant_id", "content", "role",
]  # fmt: skip
bodies = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=6),
    values,
    st.integers(min_value=200, max_value=3000).map(lambda n: "[" * n),  # deep nesting
    st.integers(min_value=200, max_value=3000).map(lambda n: '{"a":' * n),
    st.binary(max_size=120).map(lambda b: b.decode("latin-1")),
)
path_ids = st.one_of(st.integers(min_value=-5, max_value=50), st.sampled_from(BIG))
query_values = st.one_of(
    st.text(max_size=30), st.sampled_from([str(b) for b in BIG]), st.integers().map(str)
)


@pytest.fixture
def sync_client(settings: Settings) -> Any:
    with TestClient(app=create_app(settings)) as client:
        yield client


def _signed_in(client: TestClient[Litestar], outbox: Outbox, username: str, kind: str) -> str:
    email = f"{username}@example.com"
    body = {
        "username": username,
        "email": email,
        "password": STRONG,
        "password2": STRONG,
        "user_type": kind,
        "first_name": username.title(),
    }
    assert client.post("/accounts/api/v1/users/", json=body).status_code == 201
    for _ in range(300):
        if outbox.to(email):
            break
        time.sleep(0.05)
    token = outbox.token(outbox.to(email)[0])
    client.post("/accounts/api/v1/users/email-verification/confirm/", json={"token": token})
    login = client.post(
        "/accounts/api/v1/auth/token/", json={"username": username, "password": STRONG}
    )
    return f"Bearer {login.json()['access']}"


@pytest.fixture
def people(sync_client: TestClient[Litestar], outbox: Outbox) -> list[str | None]:
    recruiter = _signed_in(sync_client, outbox, "fuzz_rec", "recruiter")
    candidate = _signed_in(sync_client, outbox, "fuzz_cand", "candidate")
    # Something for ids to find: a job, an application.
    job = sync_client.post(
        "/jobs/api/v1/jobs/", json={"title": "Fuzz job"}, headers={"Authorization": recruiter}
    ).json()["id"]
    sync_client.post(
        "/applications/api/v1/applications/", json={"job": job},
        headers={"Authorization": candidate},
    )  # fmt: skip
    return [None, "Bearer x", "Bearer a.b.c", "Basic Zm9v", "Bearer", recruiter, candidate]


def test_every_operation_is_fuzzed(sync_client: TestClient[Litestar]) -> None:
    """The fuzz below covers what the app routes now: a new operation is in it at once."""
    routed = {(m, p) for m, p, _ in operations(sync_client.app)}
    assert ("GET", "/jobs/api/v1/jobs/{job_id}") in routed
    assert len(routed) > 50


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_requests_never_produce_a_500(
    sync_client: TestClient[Litestar], people: list[str | None], data: st.DataObject
) -> None:
    method, template, query_names = data.draw(st.sampled_from(operations(sync_client.app)))
    path = re.sub(r"\{[^}]+\}", lambda _: str(data.draw(path_ids)), template)
    query = data.draw(
        st.dictionaries(
            st.sampled_from(query_names) if query_names else st.just("page"),
            query_values,
            max_size=3,
        )
    )
    if query:
        path += "?" + urlencode(query)
    headers = {"Content-Type": data.draw(st.sampled_from(["application/json", "text/plain"]))}
    if auth := data.draw(st.sampled_from(people)):
        headers["Authorization"] = auth
    body = data.draw(bodies) if method in ("POST", "PATCH", "PUT") else None
    content = (
        None if body is None else (body if isinstance(body, str) else json.dumps(body)).encode()
    )
    response = sync_client.request(method, path, content=content, headers=headers)
    assert response.status_code < 500, (method, path, (content or b"")[:200], response.text)
    api = "/api/v1/" in template or template.startswith("/health")
    if response.status_code >= 400 and response.content and api:
        # Every error of the API is JSON; the pages for people (the e-mailed links' pages, the
        # docs) answer theirs in HTML.
        assert isinstance(response.json().get("detail"), str), response.text
