"""Security headers on every answer (adapters/http/security_headers.py), and uploaded CVs
served as downloads of the type the upload checked, never rendered inline as HTML."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.integration.cast import API, Cast
from tests.integration.test_access_matrix import ROWS, Cells
from tests.integration.test_broken_auth import allowed_caller

ALWAYS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


@pytest.fixture
def http(settings: Settings, seeded_cast: Cast) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=create_app(settings)) as client:
        yield client


def assert_secured(response: httpx.Response, *, token: bool) -> None:
    where = f"{response.request.method} {response.request.url.path} ({response.status_code})"
    for name, value in ALWAYS.items():
        assert response.headers.get(name) == value, (where, name, dict(response.headers))
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy, where
    if not response.headers.get("content-type", "").startswith("text/html"):
        assert "default-src 'none'" in policy and "sandbox" in policy, (where, policy)
    # The integration settings' public URL is https://hireflow.test.
    assert response.headers["strict-transport-security"].startswith("max-age="), where
    if token:
        assert "no-store" in response.headers["cache-control"], where


def test_every_read_as_its_caller_and_every_error_carries_the_headers(
    http: TestClient[Litestar], seeded_cast: Cast, outbox: object
) -> None:
    cells = Cells(http, seeded_cast, outbox)  # type: ignore[arg-type]
    reads = [r for r in ROWS if r.method == "GET"]
    assert len(reads) > 30
    for row in reads:
        caller = allowed_caller(row)
        method, path, kwargs = cells.prepare(row, caller)
        assert_secured(http.request(method, path, **kwargs), token=caller != "anonymous")
        cells.row_done()
    for response in (
        http.get("/jobs/api/v1/jobs/987654/"),  # 404
        http.get(f"{API}/users/me/"),  # 401
        http.get("/jobs/api/v1/jobs/", params={"page": "x"}),  # 400
        http.post(f"{API}/users/", content=b"{", headers={"content-type": "application/json"}),
        http.get("/nothing/here/"),
        http.get(f"{API}/users/me/", headers={"Authorization": "Bearer forged"}),
    ):
        assert response.status_code in (400, 401, 404), response.text
        assert_secured(response, token="authorization" in response.request.headers)


def test_plain_http_deployments_send_no_hsts(settings: Settings) -> None:
    with TestClient(
        app=create_app(replace_settings(settings, public_url="http://localhost:8000"))
    ) as c:
        response = c.get("/health/")
    assert "strict-transport-security" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_cv_is_a_download_of_its_checked_type_and_html_is_refused(
    http: TestClient[Litestar], seeded_cast: Cast
) -> None:
    candidate = seeded_cast.people["candidate"]
    url = f"{API}/candidate-profiles/{candidate.id}/cv/"
    for reader in ("candidate", "recruiter", "site_admin"):
        response = http.get(url, headers=seeded_cast.headers(reader))
        assert response.status_code == 200, (reader, response.text)
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith("attachment;")
        assert response.content.startswith(b"%PDF-")
        assert_secured(response, token=True)
    # A page, a script or an SVG under a .pdf name or type is not a PDF: refused, nothing kept.
    for name, content, kind in (
        ("cv.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("cv.html", b"<!doctype html><h1>hi</h1>", "text/html"),
        ("cv.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("cv.pdf", b" %PDF-1.4 but not at the start", "application/pdf"),
    ):
        response = http.post(
            f"{API}/candidate-profiles/me/cv/",
            files={"cv_file": (name, content, kind)},
            headers=candidate.headers,
        )
        assert response.status_code == 400, (name, response.text)
        assert "cv_file" in response.json()["errors"], response.json()
        assert_secured(response, token=True)
        kept = http.get(url, headers=candidate.headers)
        assert kept.content.startswith(b"%PDF-"), "a refused upload replaced the CV"
