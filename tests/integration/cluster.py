"""Servers for the socket tests and ``bench/chat.py``: ``hireflow serve`` processes sharing one
database, one data dir and (optionally) Redis, with one worker when there is Redis (without
it each server runs its embedded worker). Started through ``tests/cluster.py``."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.cluster import Cluster

SECRET_KEY = "socket-test-secret-key-0123456789abcdef0123"
#: Rules the tests' many sign-ups and log-ins would trip.
RELAXED_RATES = ("LOGIN", "LOGIN_ACCOUNT", "PASSWORD_RESET", "RESEND", "AVAILABILITY")


def environment(database_url: str, redis_url: str | None, **extra: str) -> dict[str, str]:
    env = {
        "HIREFLOW_DATABASE_URL": database_url,
        "HIREFLOW_SECRET_KEY": SECRET_KEY,
        "HIREFLOW_PUBLIC_URL": "https://hireflow.test",
        "HIREFLOW_PASSWORD_HASH_PROFILE": "fast",
        "HIREFLOW_MATCHING_WARM_UP": "false",
        **{f"HIREFLOW_RATE_{rule}": "1000/60" for rule in RELAXED_RATES},
        **extra,
    }
    if redis_url:
        env["HIREFLOW_REDIS_URL"] = redis_url
    return env


@dataclass
class Servers:
    #: The servers' base URLs (``http://127.0.0.1:<port>``).
    servers: list[str]
    data_dir: Path
    processes: list[subprocess.Popen[bytes]]

    def ws(self, index: int) -> str:
        return self.servers[index].replace("http://", "ws://")


@contextmanager
def cluster(
    data_dir: Path, database_url: str, redis_url: str | None, servers: int = 2, **extra: str
) -> Iterator[Servers]:
    """``servers`` serve processes and, with Redis, one worker."""
    with Cluster(
        data_dir, environment(database_url, redis_url, **extra), shared_data_dir=True
    ) as started:
        serving = [started.serve(f"serve-{index}") for index in range(servers)]
        started.wait_ready(*serving)
        if redis_url:
            started.worker("worker")
        yield Servers(
            servers=[server.url for server in serving],
            data_dir=data_dir,
            processes=[process.popen for process in started.processes],
        )
