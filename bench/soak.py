"""Soak: mixed traffic following the guide's journeys against the production topology.

    .venv/bin/python bench/soak.py                   # 10 minutes
    .venv/bin/python bench/soak.py --minutes 2 --candidates 24 --recruiters 6

Starts its own PostgreSQL and Redis on loopback (tests/servers.py), migrates, then runs two
``hireflow serve`` processes and one ``hireflow worker`` on them (as production does: no
embedded worker, rate limits and tasks through Redis, e-mails written as .eml files that the
simulated people open). Simulated recruiters register with a company, confirm the e-mailed
link, post jobs, list their applicants and move them along the pipeline, read notifications;
simulated candidates register, confirm, fill their profile, search jobs, apply, follow their
applications and notifications; new people keep arriving for the whole run. Each request goes
to one of the two servers in turn.

Prints: requests, errors (any 5xx or unexpected status: must be 0), p50/p99 per operation, the
resident memory of each process at start, after warm-up and at the end, and the PostgreSQL
connections (highest seen and at the end).
"""

from __future__ import annotations

import argparse
import asyncio
import email
import email.policy
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.persistence.migrate import upgrade
from tests.servers import free_port, start_postgres, start_redis

PASSWORD = "Soak-Lantern-Quiet-42"
API = "/accounts/api/v1"
JOBS = "/jobs/api/v1/jobs/"
APPS = "/applications/api/v1/applications/"
NOTES = "/notifications/api/v1/notifications/"
WORDS = ["Python", "Django", "Data", "Engineer", "Designer", "Paris", "Remote", "SQL", "Senior"]
TITLES = ["Python Developer", "Data Engineer", "Product Designer", "SQL Analyst", "DevOps"]
CITIES = ["Paris, France", "Lyon, France", "Berlin, Germany", "Remote"]


# --- The processes ---------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


@dataclass
class Deployment:
    env: dict[str, str]
    log_dir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: list[int] = field(default_factory=list)

    def start(self) -> None:
        hireflow = str(Path(sys.executable).with_name("hireflow"))
        for name in ("serve-1", "serve-2"):
            port = free_port()
            self._spawn(name, [hireflow, "serve", "--host", "127.0.0.1", "--port", str(port)])
            wait_port(port, self.processes[name], name)
            self.ports.append(port)
        self._spawn("worker", [hireflow, "worker"])

    def _spawn(self, name: str, args: list[str]) -> None:
        log = (self.log_dir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            args, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def rss(self) -> dict[str, int]:
        return {name: rss_kib(p.pid) for name, p in self.processes.items()}

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}")

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- The traffic -----------------------------------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())


class Traffic:
    def __init__(self, ports: list[int], outbox: Path, stats: Stats, deadline: float) -> None:
        self.clients = [
            httpx.AsyncClient(base_url=f"http://127.0.0.1:{p}", timeout=60) for p in ports
        ]
        self.turn = 0
        self.outbox = outbox
        self.stats = stats
        self.deadline = deadline
        self.jobs: list[int] = []
        self.serial = 0
        self.read_mail: dict[Path, tuple[str, str]] = {}

    def running(self) -> bool:
        return time.monotonic() < self.deadline

    async def call(
        self, op: str, method: str, path: str, *, ok: tuple[int, ...] = (200,), **kwargs: Any
    ) -> httpx.Response | None:
        client = self.clients[self.turn % len(self.clients)]
        self.turn += 1
        started = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.stats.errors.append(f"{op}: {exc!r}")
            return None
        self.stats.latencies[op].append(time.perf_counter() - started)
        if response.status_code not in ok:
            self.stats.errors.append(f"{op}: {response.status_code} {response.text[:200]}")
            return None
        return response

    def unique(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial}_{random.randrange(10**6)}"

    async def activation_link(self, address: str) -> str | None:
        """The token of the e-mail the worker wrote for ``address`` (as its owner opens it)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for path in sorted(self.outbox.glob("[!.]*.eml")):
                if path not in self.read_mail:
                    message = email.message_from_bytes(
                        path.read_bytes(), policy=email.policy.default
                    )
                    body = message.get_body(preferencelist=("plain",))
                    text = str(body.get_content()) if body else ""  # type: ignore[attr-defined]
                    self.read_mail[path] = (str(message["To"]), text)
                to, text = self.read_mail[path]
                if address in to and (found := re.search(r"\?token=([\w.\-%]+)", text)):
                    return parse_qs(urlparse("/?token=" + found.group(1)).query)["token"][0]
            await asyncio.sleep(0.2)
        self.stats.errors.append(f"no activation e-mail for {address} within 60 s")
        return None

    async def sign_up(self, kind: str, **extra: Any) -> dict[str, str] | None:
        username = self.unique("cand_" if kind == "candidate" else "rec_")
        address = f"{username}@soak.example.com"
        body = {
            "username": username,
            "email": address,
            "password": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Soak",
            "last_name": kind.title(),
            "user_type": kind,
            **extra,
        }
        if not await self.call("register", "POST", f"{API}/users/", json=body, ok=(201,)):
            return None
        token = await self.activation_link(address)
        if token is None:
            return None
        confirm = {"token": token}
        if not await self.call(
            "confirm e-mail", "POST", f"{API}/users/email-verification/confirm/", json=confirm
        ):
            return None
        login = {"username": username, "password": PASSWORD}
        response = await self.call("login", "POST", f"{API}/auth/token/", json=login)
        if response is None:
            return None
        tokens = response.json()
        return {"Authorization": f"Bearer {tokens['access']}", "refresh": tokens["refresh"]}

    async def recruiter(self) -> None:
        while self.running():
            auth = await self.sign_up("recruiter", company_name=self.unique("Soak Works "))
            if auth is None:
                await asyncio.sleep(1)
                continue
            headers = {"Authorization": auth["Authorization"]}
            mine: list[int] = []
            for _ in range(random.randint(8, 15)):
                if not self.running():
                    return
                if len(mine) < 3 or random.random() < 0.15:
                    job = {
                        "title": random.choice(TITLES),
                        "location": random.choice(CITIES),
                        "description": "Soak test opening.",
                        "salary_min": 40000,
                        "salary_max": 70000,
                    }
                    made = await self.call(
                        "post job", "POST", JOBS, json=job, headers=headers, ok=(201,)
                    )
                    if made:
                        mine.append(made.json()["id"])
                        self.jobs.append(made.json()["id"])
                    continue
                job_id = random.choice(mine)
                listing = await self.call(
                    "job applicants", "GET", f"{APPS}job/{job_id}/", headers=headers
                )
                if listing:
                    for application in listing.json()["results"][:3]:
                        nxt = {"pending": "reviewed", "reviewed": "shortlisted"}.get(
                            application["status"]
                        )
                        if nxt:
                            await self.call(
                                "move application",
                                "PATCH",
                                f"{APPS}{application['id']}/status/",
                                json={"status": nxt, "notes": "soak"},
                                headers=headers,
                                # 409: a racing move by the same recruiter elsewhere (reload)
                                ok=(200, 409),
                            )
                await self.call("notifications", "GET", NOTES, headers=headers)
                await self.call("search jobs", "GET", JOBS, params={"search": random.choice(WORDS)})
                await asyncio.sleep(random.uniform(0.05, 0.3))

    async def candidate(self) -> None:
        while self.running():
            auth = await self.sign_up("candidate")
            if auth is None:
                await asyncio.sleep(1)
                continue
            headers = {"Authorization": auth["Authorization"]}
            await self.call(
                "edit profile",
                "PATCH",
                f"{API}/candidate-profiles/me/",
                json={"skills": random.sample(WORDS, 3), "headline": "Soak candidate"},
                headers=headers,
            )
            applied: set[int] = set()
            for _ in range(random.randint(8, 15)):
                if not self.running():
                    return
                params = {"search": random.choice(WORDS)} if random.random() < 0.6 else {}
                await self.call("search jobs", "GET", JOBS, params=params)
                fresh = [j for j in self.jobs[-200:] if j not in applied]
                if fresh and random.random() < 0.5:
                    job = random.choice(fresh)
                    applied.add(job)
                    await self.call(
                        "apply", "POST", APPS, json={"job": job}, headers=headers, ok=(201,)
                    )
                await self.call(
                    "my applications", "GET", f"{APPS}my-applications/", headers=headers
                )
                notes = await self.call("notifications", "GET", NOTES, headers=headers)
                if notes and notes.json()["results"] and random.random() < 0.3:
                    await self.call(
                        "mark all read", "POST", f"{NOTES}mark-all-read/", headers=headers
                    )
                if random.random() < 0.1:
                    refreshed = await self.call(
                        "refresh token",
                        "POST",
                        f"{API}/auth/token/refresh/",
                        json={"refresh": auth["refresh"]},
                    )
                    if refreshed:
                        auth = {
                            "Authorization": f"Bearer {refreshed.json()['access']}",
                            "refresh": refreshed.json()["refresh"],
                        }
                        headers = {"Authorization": auth["Authorization"]}
                await asyncio.sleep(random.uniform(0.05, 0.3))

    async def close(self) -> None:
        for client in self.clients:
            await client.aclose()


# --- The run ---------------------------------------------------------------------------------


def pg_connections(admin: str, database: str) -> int:
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database,)
        ).fetchone()
        return int(row[0]) if row else 0


def mib(kib: int) -> str:
    return f"{kib / 1024:7.1f} MiB"


async def drive(
    args: argparse.Namespace, deployment: Deployment, outbox: Path, admin: str, db: str
) -> tuple[Stats, dict[str, dict[str, int]], list[int]]:
    seconds = args.minutes * 60
    stats = Stats()
    traffic = Traffic(deployment.ports, outbox, stats, time.monotonic() + seconds)
    memory = {"start": deployment.rss()}
    connections: list[int] = [pg_connections(admin, db)]
    people = [traffic.recruiter() for _ in range(args.recruiters)]
    people += [traffic.candidate() for _ in range(args.candidates)]
    tasks = [asyncio.create_task(p) for p in people]
    warm_up = min(60.0, seconds / 4)
    started = time.monotonic()
    next_report = started + 30
    while not all(t.done() for t in tasks):
        await asyncio.sleep(1)
        deployment.check_alive()
        connections.append(pg_connections(admin, db))
        now = time.monotonic()
        if "after warm-up" not in memory and now - started >= warm_up:
            memory["after warm-up"] = deployment.rss()
        if now >= next_report:
            next_report += 30
            print(
                f"  {now - started:5.0f}s  {stats.requests:7d} requests  "
                f"{len(stats.errors)} errors  {connections[-1]} PostgreSQL connections",
                flush=True,
            )
    for task in tasks:
        task.result()
    memory["end"] = deployment.rss()
    await traffic.close()
    return stats, memory, connections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--candidates", type=int, default=24, help="simulated at once")
    parser.add_argument("--recruiters", type=int, default=6, help="simulated at once")
    args = parser.parse_args()
    if args.minutes <= 0 or args.candidates < 1 or args.recruiters < 1:
        parser.error("--minutes, --candidates and --recruiters must be positive")

    tmp = Path(tempfile.mkdtemp(prefix="hireflow-soak-"))
    postgres = start_postgres(tmp / "postgres")
    redis = start_redis(tmp / "redis")
    deployment: Deployment | None = None
    try:
        database = "soak"
        with psycopg.connect(postgres.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {database}")
        upgrade(postgres.url(database))
        data_dir = tmp / "data"
        env = {
            **os.environ,
            "HIREFLOW_DATABASE_URL": postgres.url(database),
            "HIREFLOW_REDIS_URL": redis.url,
            "HIREFLOW_DATA_DIR": str(data_dir),
            "HIREFLOW_SECRET_KEY": "soak-secret-key-" + os.urandom(16).hex(),
            "HIREFLOW_PUBLIC_URL": "http://127.0.0.1",
            "HIREFLOW_RATE_LIMITS_ENABLED": "false",  # one client address plays everyone
            "HIREFLOW_LOG_LEVEL": "WARNING",
        }
        (tmp / "logs").mkdir()
        deployment = Deployment(env=env, log_dir=tmp / "logs")
        deployment.start()
        time.sleep(5)  # "start" memory: every process loaded and idle, before any traffic
        print(
            f"Soak: {args.minutes:g} min, {args.candidates} candidates and {args.recruiters} "
            f"recruiters at a time, 2 x hireflow serve + 1 x hireflow worker, PostgreSQL + "
            f"Redis on loopback; {os.cpu_count()} CPU cores (shared with anything else running)",
            flush=True,
        )
        stats, memory, connections = asyncio.run(
            drive(args, deployment, data_dir / "outbox", postgres.admin_url, database)
        )
        deployment.check_alive()
        total = stats.requests
        print(
            f"\nrequests {total}   errors {len(stats.errors)}   "
            f"({total / (args.minutes * 60):.1f} req/s)"
        )
        for line in stats.errors[:20]:
            print(f"  ERROR {line}")
        print(f"\n{'operation':<18} {'count':>7} {'p50 ms':>8} {'p99 ms':>8}")
        for op, values in sorted(stats.latencies.items()):
            values.sort()
            p50 = statistics.median(values) * 1000
            p99 = values[max(0, int(len(values) * 0.99) - 1)] * 1000
            print(f"{op:<18} {len(values):>7} {p50:8.1f} {p99:8.1f}")
        print(f"\n{'resident memory':<18} {'start':>12} {'after warm-up':>14} {'end':>12}")
        for name in deployment.processes:
            row = [mib(memory[k][name]) for k in ("start", "after warm-up", "end") if k in memory]
            print(f"{name:<18} " + "  ".join(f"{v:>12}" for v in row))
        print(f"\nPostgreSQL connections: highest {max(connections)}, at the end {connections[-1]}")
        print(f"(logs: {tmp / 'logs'})")
        if stats.errors:
            sys.exit(1)
    finally:
        if deployment is not None:
            deployment.stop()
        redis.stop()
        postgres.stop()


if __name__ == "__main__":
    main()
