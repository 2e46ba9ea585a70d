"""Real ``hireflow serve`` / ``hireflow worker`` processes on loopback, sharing one database and
(optionally) Redis, for the socket tests and ``bench/chat.py``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.servers import free_port

HIREFLOW = str(Path(sys.executable).with_name("hireflow"))
SECRET_KEY = "socket-test-secret-key-0123456789abcdef0123"
#: Rules the tests' many sign-ups and log-ins would trip.
RELAXED_RATES = ("LOGIN", "LOGIN_ACCOUNT", "PASSWORD_RESET", "RESEND", "AVAILABILITY")


def environment(
    data_dir: Path, database_url: str, redis_url: str | None, **extra: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HIREFLOW_")}
    env.update(
        {
            "HIREFLOW_DATA_DIR": str(data_dir),
            "HIREFLOW_DATABASE_URL": database_url,
            "HIREFLOW_SECRET_KEY": SECRET_KEY,
            "HIREFLOW_PUBLIC_URL": "https://hireflow.test",
            "HIREFLOW_PASSWORD_HASH_PROFILE": "fast",
            "HIREFLOW_MATCHING_WARM_UP": "false",
            **{f"HIREFLOW_RATE_{rule}": "1000/60" for rule in RELAXED_RATES},
            **extra,
        }
    )
    if redis_url:
        env["HIREFLOW_REDIS_URL"] = redis_url
    return env


@dataclass
class Cluster:
    servers: list[str]
    data_dir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def ws(self, index: int) -> str:
        return self.servers[index].replace("http://", "ws://")


def _wait_ready(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/health/ready/", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"hireflow serve did not come up:\n{output[-4000:]}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def cluster(
    data_dir: Path, database_url: str, redis_url: str | None, servers: int = 2, **extra: str
) -> Iterator[Cluster]:
    """``servers`` serve processes and, with Redis, one worker (without, each server runs its
    embedded worker)."""
    env = environment(data_dir, database_url, redis_url, **extra)
    started = Cluster(servers=[], data_dir=data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        for index in range(servers):
            port = free_port()
            # To a file, not a pipe nobody reads: a full pipe would stall the server's logging.
            log = data_dir / f"serve-{index}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(
                    [HIREFLOW, "serve", "--host", "127.0.0.1", "--port", str(port)],
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            started.processes.append(process)
            base = f"http://127.0.0.1:{port}"
            _wait_ready(process, base, log)
            started.servers.append(base)
        if redis_url:
            with (data_dir / "worker.log").open("wb") as output:
                started.processes.append(
                    subprocess.Popen(
                        [HIREFLOW, "worker"], env=env, stdout=output, stderr=subprocess.STDOUT
                    )
                )
        yield started
    finally:
        for process in started.processes:
            _stop(process)
