"""Production on more than one host, and its faults, over real processes.

Two ``hireflow serve`` and one ``hireflow worker``, each with its own data dir (nothing shared
on disk), on a PostgreSQL, a Redis and an S3 bucket that this module starts for itself, so
that it can stop them: the guide's flows across processes, Redis stopped and started, the
database restarted under a write load, a worker killed in the middle of a task.
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import psycopg
import pytest

from tests.cluster import HIREFLOW, Cluster, Mailbox, Process, Server
from tests.integration.conftest import STRONG, Outbox
from tests.servers import PostgresServer, RedisServer, S3Server, start_postgres, start_redis

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

API = "/accounts/api/v1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LEASE_SECONDS = 4
_names = itertools.count()


@dataclass
class Deployment:
    pg: PostgresServer
    redis: RedisServer
    mailbox: Mailbox
    cluster: Cluster
    database_url: str
    first: Server
    second: Server
    worker: Process

    def restart_worker(self) -> None:
        self.worker.stop()
        self.worker = self.cluster.worker(f"worker-{next(_names)}")
        self.cluster.wait_ready(self.worker)


def _sql(url: str, statement: str, *params: Any) -> Any:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params or None)
        return cursor.fetchall() if cursor.description else []


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, s3_server: S3Server
) -> Iterator[Deployment]:
    root = tmp_path_factory.mktemp("cluster")
    try:
        pg = start_postgres(root / "db")
        redis = start_redis(root / "cache")
    except FileNotFoundError as missing:
        pytest.skip(f"{missing} (scripts/test installs PostgreSQL and Redis when run as root)")
    mailbox = Mailbox()
    cluster: Cluster | None = None
    try:
        # The README's first steps: a role, a database it owns, then the migrations as that role.
        _sql(pg.admin_url, "CREATE ROLE hireflow LOGIN PASSWORD 'cluster-db-secret'")
        _sql(pg.admin_url, "CREATE DATABASE hireflow OWNER hireflow")
        database_url = (
            f"postgresql+psycopg://hireflow:cluster-db-secret@127.0.0.1:{pg.port}/hireflow"
        )
        env = {
            "HIREFLOW_DATABASE_URL": database_url,
            "HIREFLOW_REDIS_URL": redis.url,
            "HIREFLOW_SECRET_KEY": "cluster-secret-key-shared-by-every-process-0123456789",
            "HIREFLOW_PUBLIC_URL": "https://hireflow.test",
            "HIREFLOW_EMAIL_BACKEND": "smtp",
            "HIREFLOW_SMTP_HOST": "127.0.0.1",
            "HIREFLOW_SMTP_PORT": str(mailbox.port),
            "HIREFLOW_SMTP_STARTTLS": "false",
            "HIREFLOW_FILE_STORAGE": "s3",
            "HIREFLOW_S3_BUCKET": s3_server.create_bucket(),
            "HIREFLOW_S3_ENDPOINT_URL": s3_server.endpoint_url,
            "HIREFLOW_S3_ACCESS_KEY_ID": s3_server.access_key_id,
            "HIREFLOW_S3_SECRET_ACCESS_KEY": s3_server.secret_access_key,
            "HIREFLOW_PASSWORD_HASH_PROFILE": "fast",
            "HIREFLOW_MATCHING_WARM_UP": "false",
            "HIREFLOW_OUTBOX_SWEEP_SECONDS": "0.5",
            "HIREFLOW_OUTBOX_GRACE_SECONDS": "1",
            "HIREFLOW_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
            "HIREFLOW_TASK_MIN_BACKOFF_MS": "100",
            "HIREFLOW_TASK_MAX_BACKOFF_MS": "1000",
            "HIREFLOW_TRUSTED_PROXIES": "127.0.0.1",
            "HIREFLOW_RATE_LOGIN": "100/60",
            "HIREFLOW_RATE_LOGIN_ACCOUNT": "3/300",
            "HIREFLOW_RATE_AVAILABILITY": "3/60",
            "HIREFLOW_RATE_PASSWORD_RESET": "100/60",
            "HIREFLOW_RATE_RESEND": "100/60",
        }
        cluster = Cluster(root / "hosts", env)
        cluster.root.mkdir()
        upgrade = subprocess.run(
            [HIREFLOW, "db", "upgrade"],
            env=cluster._environment("migrate", {}),
            capture_output=True,
            text=True,
            check=False,
        )
        assert upgrade.returncode == 0, upgrade.stderr
        assert "Database is up to date." in upgrade.stdout
        first, second = cluster.serve("host-a"), cluster.serve("host-b")
        worker = cluster.worker("worker-0")
        cluster.wait_ready(first, second, worker)
        yield Deployment(pg, redis, mailbox, cluster, database_url, first, second, worker)
    finally:
        if cluster is not None:
            cluster.close()
        mailbox.close()
        redis.stop()
        pg.stop()


@pytest.fixture
def live(deployment: Deployment) -> Deployment:
    """Every process up (a failed fault test must not take the next one down with it)."""
    for process in (deployment.first, deployment.second):
        assert process.alive(), process.log[-3000:]
    if not deployment.worker.alive():
        deployment.restart_worker()
    deployment.cluster.wait_ready(deployment.first, deployment.second, deployment.worker)
    return deployment


def _unique(prefix: str) -> tuple[str, str]:
    name = f"{prefix}_{next(_names)}"
    return name, f"{name}@example.com"


def _register(server: Server, username: str, email: str, **extra: Any) -> httpx.Response:
    body = {
        "username": username,
        "email": email,
        "password": STRONG,
        "password2": STRONG,
        "first_name": "Test",
        "last_name": "User",
        "user_type": "candidate",
        **extra,
    }
    return httpx.post(f"{server.url}{API}/users/", json=body, timeout=30)


def _activate(d: Deployment, confirm_on: Server, email: str) -> None:
    mail = d.mailbox.wait_for(email)
    token = parse_qs(urlparse(Outbox.link(mail)).query)["token"][0]
    response = httpx.post(
        f"{confirm_on.url}{API}/users/email-verification/confirm/", json={"token": token}
    )
    assert response.status_code == 200, response.text


def _login(server: Server, username: str, password: str = STRONG, ip: str = "") -> httpx.Response:
    headers = {"X-Forwarded-For": ip} if ip else {}
    return httpx.post(
        f"{server.url}{API}/auth/token/",
        json={"username": username, "password": password},
        headers=headers,
        timeout=30,
    )


def _bearer(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access']}"}


def _account(d: Deployment, register_on: Server, prefix: str, **extra: Any) -> tuple[str, str]:
    username, email = _unique(prefix)
    assert _register(register_on, username, email, **extra).status_code == 201
    _activate(d, d.second if register_on is d.first else d.first, email)
    return username, email


def test_the_guides_flows_across_processes(live: Deployment) -> None:
    d = live
    a, b = d.first, d.second
    john, _ = _account(d, a, "john")  # registered on A, confirmed on B
    jane, _ = _account(d, b, "jane", user_type="recruiter", company_name=f"Acme {next(_names)}")
    eve, _ = _account(d, a, "eve", user_type="recruiter", company_name=f"Other {next(_names)}")
    john_login = _login(a, john)
    john_auth = _bearer(john_login)
    jane_auth, eve_auth = _bearer(_login(b, jane)), _bearer(_login(a, eve))
    assert httpx.get(f"{b.url}{API}/users/me/", headers=john_auth).json()["username"] == john

    job = httpx.post(f"{a.url}/jobs/api/v1/jobs/", json={"title": "Python Dev"}, headers=jane_auth)
    assert job.status_code == 201, job.text
    job_id = job.json()["id"]
    applied = httpx.post(
        f"{b.url}/applications/api/v1/applications/", json={"job": job_id}, headers=john_auth
    )
    assert applied.status_code == 201, applied.text
    listing = httpx.get(
        f"{a.url}/applications/api/v1/applications/job/{job_id}/", headers=jane_auth
    )
    assert [row["candidate"]["username"] for row in listing.json()["results"]] == [john]

    # A CV uploaded through one host is downloaded through the other (shared S3 bucket).
    uploaded = httpx.post(
        f"{a.url}{API}/candidate-profiles/me/cv/",
        files={"cv_file": ("cv.pdf", PDF, "application/pdf")},
        headers=john_auth,
    )
    assert uploaded.status_code == 201, uploaded.text
    path = urlparse(uploaded.json()["cv_url"]).path
    downloaded = httpx.get(f"{b.url}{path}", headers=jane_auth)
    assert downloaded.status_code == 200
    assert downloaded.content == PDF
    assert httpx.get(f"{b.url}{path}", headers=eve_auth).status_code == 403

    # Sessions are shared: rotated on B, the old refresh token replayed on A ends the session
    # everywhere; a logout on one host ends the access token on the other.
    rotated = httpx.post(
        f"{b.url}{API}/auth/token/refresh/", json={"refresh": john_login.json()["refresh"]}
    )
    assert rotated.status_code == 200
    replay = httpx.post(
        f"{a.url}{API}/auth/token/refresh/", json={"refresh": john_login.json()["refresh"]}
    )
    assert replay.status_code == 401
    assert httpx.get(f"{b.url}{API}/users/me/", headers=john_auth).status_code == 401
    jane_login = _login(a, jane)
    out = httpx.post(f"{b.url}{API}/auth/logout/", json={"refresh": jane_login.json()["refresh"]})
    assert out.status_code == 200
    assert httpx.get(f"{a.url}{API}/users/me/", headers=_bearer(jane_login)).status_code == 401


def _check_email(server: Server, ip: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}{API}/users/check_email/",
        json={"email": "someone@example.com"},
        headers={"X-Forwarded-For": ip},
        timeout=30,
    )


def _outbox_rows(d: Deployment, emails: list[str]) -> list[tuple[Any, ...]]:
    return _sql(
        d.database_url.replace("+psycopg", ""),
        "SELECT id, attempts, completed_at FROM outbox WHERE name = 'email.deliver' "
        "AND payload LIKE ANY(%s)",
        [f"%{e}%" for e in emails],
    )


def test_redis_stopped_and_started(live: Deployment) -> None:
    d = live
    a, b = d.first, d.second
    owner, _ = _account(d, a, "owner")
    before, before_email = _account(d, b, "before")
    _, during_email = _unique("during")
    statuses: Counter[int] = Counter()
    logged_before = {process.name: len(process.log) for process in (a, b, d.worker)}

    d.redis.halt()
    try:
        # The API keeps answering: logins, registrations, every rate-limited operation.
        for server in (a, b):
            response = _login(server, owner)
            statuses[response.status_code] += 1
            assert response.status_code == 200, response.text
        # Sessions live in the database: B's token is refreshed on A, and used on B.
        refreshed = httpx.post(
            f"{a.url}{API}/auth/token/refresh/", json={"refresh": response.json()["refresh"]}
        )
        statuses[refreshed.status_code] += 1
        assert refreshed.status_code == 200, refreshed.text
        me = httpx.get(f"{b.url}{API}/users/me/", headers=_bearer(refreshed))
        assert me.json()["username"] == owner
        jobs = httpx.get(f"{b.url}/jobs/api/v1/jobs/", timeout=30)
        statuses[jobs.status_code] += 1
        assert jobs.status_code == 200, jobs.text
        response = _register(a, during_email.split("@")[0], during_email)
        assert response.status_code == 201, response.text  # its e-mail waits in the outbox
        for path, body in (
            ("auth/password-reset/", {"email": before_email}),
            ("users/email-verification/resend/", {"email": "nobody@example.com"}),
            ("users/check_username/", {"username": "free_name"}),
        ):
            response = httpx.post(f"{b.url}{API}/{path}", json=body, timeout=30)
            statuses[response.status_code] += 1
            assert response.status_code == 200, (path, response.text)
        # Limits as documented: each process counts on its own while Redis is away.
        for server in (a, b):
            answers = [_check_email(server, "203.0.113.50").status_code for _ in range(4)]
            statuses.update(answers)
            assert answers == [200, 200, 200, 429]
        for server in (a, b):
            answers = [
                _login(server, owner, "Wrong-1", "203.0.113.51").status_code for _ in range(4)
            ]
            statuses.update(answers)
            assert answers == [401, 401, 401, 429]
        assert _login(a, owner, ip="198.51.100.51").status_code == 200  # the owner elsewhere
        ready = httpx.get(f"{a.url}/health/ready")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ok", "database": "ok", "redis": "unreachable"}
        assert d.mailbox.to(during_email) == []
    finally:
        d.redis.start()
    assert 500 not in statuses

    # Back: the first request on each process is answered, then limits are shared again.
    for server in (a, b):
        assert _check_email(server, "203.0.113.60").status_code == 200
    deadline = time.monotonic() + 10
    while True:
        ip = f"203.0.113.{70 + next(_names) % 100}"
        answers = [_check_email(server, ip).status_code for server in (a, b, a, b)]
        if answers == [200, 200, 200, 429]:
            break
        assert 500 not in answers
        assert time.monotonic() < deadline, answers
        time.sleep(0.3)
    assert httpx.get(f"{b.url}/health/ready").json()["redis"] == "ok"

    # What was queued meanwhile is delivered from the outbox, and nothing runs twice.
    _activate(d, b, during_email)
    d.mailbox.wait_for(before_email, count=2)  # activation, then the password reset
    time.sleep(LEASE_SECONDS + 1)  # time for any redelivery to show up
    assert len(d.mailbox.to(during_email)) == 1
    assert len(d.mailbox.to(before_email)) == 2
    rows = _outbox_rows(d, [during_email, before_email])
    assert len(rows) == 3
    assert all(completed is not None and attempts == 1 for _, attempts, completed in rows), rows
    assert before  # used above
    for process in (a, b, d.worker):  # the outage is logged in one line per failure
        logged = process.log[logged_before[process.name] :]
        assert "Traceback" not in logged, logged[-5000:]


async def _writer(
    server: Server, prefix: str, stop: asyncio.Event, results: list[tuple[str, int, Any]]
) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        while not stop.is_set():
            username = f"{prefix}_{next(_names)}"
            body = {
                "username": username,
                "email": f"{username}@example.com",
                "password": STRONG,
                "password2": STRONG,
                "first_name": "Load",
                "last_name": "Test",
                "user_type": "candidate",
            }
            try:
                response = await client.post(f"{API}/users/", json=body)
            except httpx.HTTPError as exc:  # the connection itself failed: never acknowledged
                results.append((username, -1, repr(exc)))
                await asyncio.sleep(0.05)
                continue
            detail = (response.headers.get("retry-after"), response.text)
            results.append((username, response.status_code, detail))
            if response.status_code >= 500:
                await asyncio.sleep(0.05)


async def test_postgres_restarted_under_a_write_load(live: Deployment) -> None:
    d = live
    a, b = d.first, d.second
    logged_before = {process.name: len(process.log) for process in (a, b, d.worker)}
    stop = asyncio.Event()
    results: list[tuple[str, int, Any]] = []
    writers = [
        asyncio.create_task(_writer(server, f"load{i}", stop, results))
        for i, server in enumerate((a, b, a, b, a, b))
    ]
    async with httpx.AsyncClient(timeout=30) as probe:
        loaded_by = time.monotonic() + 30
        while sum(status == 201 for _, status, _ in results) < 10:  # under a write load
            assert time.monotonic() < loaded_by, Counter(status for _, status, _ in results)
            await asyncio.sleep(0.05)
        acknowledged_before = sum(status == 201 for _, status, _ in results)
        halting = d.pg.halt("fast")
        await asyncio.to_thread(halting.wait, 30)
        down_at = time.monotonic()
        await asyncio.sleep(1.0)
        # While it is down: 503 with a JSON detail and Retry-After, and readiness says so.
        for server in (a, b):
            ready = await probe.get(f"{server.url}/health/ready")
            assert ready.status_code == 503
            assert ready.headers["retry-after"] == "5"
            assert ready.json()["database"] == "unreachable"
        down = [r for r in results if r[1] == 503]
        assert down, "no write was attempted while the database was down"
        await asyncio.to_thread(d.pg.start)
        started_at = time.monotonic()
        # It recovers by itself: every server acknowledges writes again within seconds.
        recovered: dict[str, float] = {}
        while len(recovered) < 2:
            for server in (a, b):
                if server.name in recovered:
                    continue
                ready = await probe.get(f"{server.url}/health/ready")
                if ready.status_code == 200:
                    recovered[server.name] = time.monotonic() - started_at
            assert time.monotonic() - started_at < 15, recovered
            await asyncio.sleep(0.1)
        count_at_recovery = len(results)
        await asyncio.sleep(1.5)
        stop.set()
        await asyncio.gather(*writers)
    after = [r for r in results[count_at_recovery:] if r[1] == 201]
    assert after, "no write succeeded after the restart"

    statuses = Counter(status for _, status, _ in results)
    assert set(statuses) <= {201, 503}, (
        statuses,
        [r for r in results if r[1] not in (201, 503)][:3],
    )
    for _, _, (retry_after, text) in (r for r in results if r[1] == 503):
        assert retry_after == "5"
        assert '"code":"service_unavailable"' in text.replace(" ", ""), text
        assert "try again" in text
    acknowledged = [username for username, status, _ in results if status == 201]
    [(stored,)] = _sql(
        d.database_url.replace("+psycopg", ""),
        "SELECT count(*) FROM users WHERE username = ANY(%s)",
        acknowledged,
    )
    print(  # the fault's figures, for the report
        f"\nPostgreSQL restart under load: {len(results)} writes, {statuses[201]} acknowledged "
        f"({acknowledged_before} before the stop), {statuses[503]} answered 503, "
        f"{statuses[-1]} connection errors; down {started_at - down_at:.1f}s; ready again "
        f"after {max(recovered.values()):.2f}s; {stored} of {len(acknowledged)} acknowledged "
        "writes in the database"
    )
    assert stored == len(acknowledged)
    for process in (a, b, d.worker):  # one line per failure, and never the password
        logged = process.log[logged_before[process.name] :]
        assert "Traceback" not in logged, logged[-5000:]
        assert "cluster-db-secret" not in process.log


def test_a_worker_killed_in_the_middle_of_a_task(live: Deployment) -> None:
    d = live
    username, email = _unique("killed")
    d.mailbox.hold_next(email)
    assert _register(d.first, username, email).status_code == 201
    assert d.mailbox.holding.wait(20), d.worker.log[-3000:]  # the worker is sending it now
    [(task_id, attempts, completed)] = _outbox_rows(d, [email])
    assert (attempts, completed) == (1, None)
    claimed_at = time.monotonic()
    d.worker.kill()  # SIGKILL, in the middle of the SMTP conversation
    d.mailbox.release()  # that conversation ends without a 250: nothing was delivered
    d.restart_worker()  # another worker, on another host

    mail = d.mailbox.wait_for(email, timeout=30)
    taken_over_after = time.monotonic() - claimed_at
    assert taken_over_after >= LEASE_SECONDS - 0.5  # not before the lease ran out
    assert mail["Message-ID"].strip("<>").startswith(task_id)
    time.sleep(LEASE_SECONDS + 1)
    assert len(d.mailbox.to(email)) == 1  # its effect, once
    [(_, attempts, completed)] = _outbox_rows(d, [email])
    assert completed is not None
    assert attempts == 2
    _activate(d, d.second, email)  # and the delivered link works
    print(f"\nWorker SIGKILLed mid-task: delivered by the next one after {taken_over_after:.1f}s")
