"""The S3-compatible file storage against a real S3 API on loopback (moto in server mode), and
CVs through the app when ``HIREFLOW_FILE_STORAGE=s3``: written on one host, read on another."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from adapters.storage.s3 import CHUNK_BYTES, S3FileStorage
from bootstrap.app import create_app
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.ports.file_storage import FileStorageUnavailable
from tests.integration.conftest import LogLines, Outbox, signed_in
from tests.servers import S3Server, free_port

API = "/accounts/api/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _store(s3: S3Server, bucket: str, **overrides: object) -> S3FileStorage:
    options: dict[str, object] = {
        "bucket": bucket,
        "endpoint_url": s3.endpoint_url,
        "region": s3.region,
        "access_key_id": s3.access_key_id,
        "secret_access_key": s3.secret_access_key,
        "timeout_seconds": 3.0,
        **overrides,
    }
    return S3FileStorage(**options)  # type: ignore[arg-type]


async def test_files_round_trip_and_stream_in_chunks(s3_server: S3Server) -> None:
    store = _store(s3_server, s3_server.create_bucket())
    data = os.urandom(CHUNK_BYTES * 2 + 12_345)
    await store.save("cvs/7/abc.pdf", data, "application/pdf")
    assert await store.read("cvs/7/abc.pdf") == data
    found = await store.open("cvs/7/abc.pdf")
    assert found is not None
    assert (found.size, found.content_type) == (len(data), "application/pdf")
    chunks = [chunk async for chunk in found.chunks]
    assert b"".join(chunks) == data
    assert len(chunks) >= 2  # streamed, not read whole
    await store.delete("cvs/7/abc.pdf")
    assert await store.read("cvs/7/abc.pdf") is None
    assert await store.open("cvs/7/abc.pdf") is None
    await store.delete("cvs/7/abc.pdf")  # deleting what is gone is no error


async def test_prefixes_keep_deployments_apart(s3_server: S3Server) -> None:
    bucket = s3_server.create_bucket()
    staging, production = _store(s3_server, bucket, prefix="staging"), _store(s3_server, bucket)
    await staging.save("cvs/1/a.pdf", PDF, "application/pdf")
    assert await production.read("cvs/1/a.pdf") is None
    assert await production.read("staging/cvs/1/a.pdf") == PDF


@pytest.mark.parametrize("key", ["", "/etc/passwd", "cvs/../../x", "cvs//x"])
async def test_keys_are_checked(s3_server: S3Server, key: str) -> None:
    store = _store(s3_server, "any")
    with pytest.raises(ValueError, match="invalid storage key"):
        await store.save(key, PDF, "application/pdf")


async def test_an_unreachable_store_fails_fast_and_names_no_secret(
    s3_server: S3Server, app_log: LogLines
) -> None:
    away = _store(s3_server, "cvs", endpoint_url=f"http://127.0.0.1:{free_port()}")
    started = time.monotonic()
    for call in (
        away.save("cvs/1/a.pdf", PDF, "application/pdf"),
        away.read("cvs/1/a.pdf"),
        away.open("cvs/1/a.pdf"),
        away.delete("cvs/1/a.pdf"),
    ):
        with pytest.raises(FileStorageUnavailable) as caught:
            await call
        assert s3_server.secret_access_key not in str(caught.value)
    assert time.monotonic() - started < 20
    # A bucket that does not exist is a misconfiguration, not a missing file.
    with pytest.raises(FileStorageUnavailable):
        await _store(s3_server, "no-such-bucket").read("cvs/1/a.pdf")
    assert "S3 put of cvs/1/a.pdf in bucket cvs failed" in app_log.text
    assert s3_server.secret_access_key not in app_log.text
    assert s3_server.access_key_id not in app_log.text


@pytest.fixture
def s3_settings(settings: Settings, s3_server: S3Server) -> Settings:
    return replace_settings(
        settings,
        file_storage="s3",
        s3_bucket=s3_server.create_bucket(),
        s3_endpoint_url=s3_server.endpoint_url,
        s3_access_key_id=s3_server.access_key_id,
        s3_secret_access_key=s3_server.secret_access_key,
        s3_timeout_seconds=3.0,
    )


async def test_a_cv_written_on_one_host_is_read_on_another(
    s3_settings: Settings, tmp_path: Path
) -> None:
    # Two hosts: the same database and bucket, nothing shared on disk.
    other_host = replace_settings(s3_settings, data_dir=tmp_path / "other-host")
    outbox = Outbox(s3_settings.outbox_dir)
    async with (
        AsyncTestClient(app=create_app(s3_settings)) as first,
        AsyncTestClient(app=create_app(other_host)) as second,
    ):
        john = await signed_in(first, outbox, "john_doe", "john@example.com")
        jane = await signed_in(
            first, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Acme"
        )
        eve = await signed_in(
            first, outbox, "rh_eve", "eve@other.io", user_type="recruiter", company_name="Other"
        )
        job = await first.post("/jobs/api/v1/jobs/", json={"title": "Python Dev"}, headers=jane)
        applied = await first.post(
            "/applications/api/v1/applications/", json={"job": job.json()["id"]}, headers=john
        )
        assert applied.status_code == 201, applied.text

        uploaded = await first.post(
            f"{API}/candidate-profiles/me/cv/",
            files={"cv_file": ("cv.pdf", PDF, "application/pdf")},
            headers=john,
        )
        assert uploaded.status_code == 201, uploaded.text
        url = uploaded.json()["cv_url"].replace("http://testserver.local", "")
        for reader in (john, jane):  # the candidate and the recruiter they applied to
            response = await second.get(url, headers=reader)
            assert response.status_code == 200
            assert response.content == PDF
            assert response.headers["content-type"] == "application/pdf"
            assert response.headers["content-length"] == str(len(PDF))
        assert (await second.get(url, headers=eve)).status_code == 403  # access unchanged
        assert (await second.get(url)).status_code == 401
        assert not (tmp_path / "other-host" / "files").exists()
        assert not (s3_settings.data_dir / "files").exists()

        generated = await second.post(f"{API}/candidate-profiles/me/generate-cv/", headers=john)
        assert generated.status_code == 201, generated.text
        pdf = await first.get(url, headers=jane)
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF-") and pdf.content != PDF


async def test_the_store_away_is_a_503_and_keeps_the_previous_cv(
    s3_settings: Settings, s3_server: S3Server
) -> None:
    outbox = Outbox(s3_settings.outbox_dir)
    away = replace_settings(s3_settings, s3_endpoint_url=f"http://127.0.0.1:{free_port()}")
    async with (
        AsyncTestClient(app=create_app(s3_settings)) as working,
        AsyncTestClient(app=create_app(away)) as broken,
    ):
        john = await signed_in(working, outbox, "john_doe", "john@example.com")
        first = await working.post(
            f"{API}/candidate-profiles/me/cv/",
            files={"cv_file": ("cv.pdf", PDF, "application/pdf")},
            headers=john,
        )
        url = first.json()["cv_url"].replace("http://testserver.local", "")
        for method, path, kwargs in (
            ("POST", f"{API}/candidate-profiles/me/cv/", {"files": {"cv_file": ("b.pdf", PDF)}}),
            ("POST", f"{API}/candidate-profiles/me/generate-cv/", {}),
            ("GET", url, {}),
        ):
            response = await broken.request(method, path, headers=john, **kwargs)  # type: ignore[arg-type]
            assert response.status_code == 503, response.text
            assert response.headers["Retry-After"] == "5"
            assert response.json()["code"] == "service_unavailable"
            assert "file storage" in response.json()["detail"]
            assert s3_server.secret_access_key not in response.text
        # Nothing changed: the first CV is still the profile's, and still readable.
        assert (await working.get(url, headers=john)).content == PDF
