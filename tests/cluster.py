"""Real ``hireflow serve`` and ``hireflow worker`` processes on loopback, the one way the tests
and benchmarks start them: the fault tests deploy as the README's production section says
(each process with its own data dir, as on its own host, sharing a PostgreSQL, a Redis and an
S3 bucket), the socket tests and ``bench/chat.py`` share one data dir (``shared_data_dir``), the
CLI and docs tests start one server on the embedded defaults."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx

from tests.servers import free_port

HIREFLOW = str(Path(sys.executable).with_name("hireflow"))


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when a host dies."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=10)


@dataclass
class Server(Process):
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    root: Path
    #: The configuration every process shares (``HIREFLOW_*``).
    env: dict[str, str]
    processes: list[Process] = field(default_factory=list)
    #: Every process uses ``root`` as its data dir (one host), rather than ``root/<name>``.
    shared_data_dir: bool = False

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _environment(self, name: str, extra: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HIREFLOW_")}
        env.update(self.env)
        # Its own disk, as on its own host, unless they share one.
        env["HIREFLOW_DATA_DIR"] = str(self.root if self.shared_data_dir else self.root / name)
        env.update(extra)
        return env

    def _spawn(self, name: str, args: list[str], extra: dict[str, str]) -> tuple[Any, Path]:
        self.root.mkdir(parents=True, exist_ok=True)
        # To a file, not a pipe nobody reads: a full pipe would stall the process's logging.
        log_path = self.root / f"{name}.log"
        handle = log_path.open("ab")
        popen = subprocess.Popen(
            [HIREFLOW, *args],
            env=self._environment(name, extra),
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        handle.close()
        return popen, log_path

    def serve(self, name: str, **extra: str) -> Server:
        port = free_port()
        popen, log_path = self._spawn(name, ["serve", "--port", str(port)], extra)
        server = Server(name=name, popen=popen, log_path=log_path, port=port)
        self.processes.append(server)
        return server

    def worker(self, name: str, **extra: str) -> Process:
        popen, log_path = self._spawn(name, ["worker"], extra)
        worker = Process(name=name, popen=popen, log_path=log_path)
        self.processes.append(worker)
        return worker

    @staticmethod
    def wait_ready(*processes: Process, timeout: float = 60) -> None:
        """Servers answer /health/ready; workers say they wait for tasks."""
        deadline = time.monotonic() + timeout
        for process in processes:
            while True:
                assert process.alive(), f"{process.name} exited:\n{process.log[-3000:]}"
                if isinstance(process, Server):
                    with contextlib.suppress(httpx.HTTPError):
                        if httpx.get(f"{process.url}/health/ready", timeout=2).status_code == 200:
                            break
                elif "waiting for tasks" in process.log:
                    break
                assert time.monotonic() < deadline, f"{process.name} not ready:\n{process.log}"
                time.sleep(0.1)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()


class Mailbox:
    """An SMTP server on loopback (aiosmtpd) that the workers deliver to.

    ``hold_next(address)`` makes it keep the next message to ``address`` unanswered until
    ``release()`` (other messages go through meanwhile): a
    message counts as delivered only once the server said 250, as with any real relay, so a
    worker killed while it waits has delivered nothing.
    """

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.accepted: list[EmailMessage] = []
        self.connections = 0
        self._hold: str | None = None
        self.holding = threading.Event()
        self._release = asyncio.Event()
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def hold_next(self, address: str) -> None:
        self._hold = address.lower()
        self.holding.clear()

    def release(self) -> None:
        """Answer the held message (with a temporary failure)."""
        self._controller.loop.call_soon_threadsafe(self._release.set)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.connections += 1
            recipients = [r.lower() for r in envelope.rcpt_tos]
            hold = self._hold is not None and self._hold in recipients
            if hold:
                self._hold = None
        if hold:
            self._release = asyncio.Event()  # on the server's own loop
            self.holding.set()
            await self._release.wait()
            return "451 4.3.0 Please try again later"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.accepted.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.accepted if address.lower() in str(m["To"]).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 30) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.05)
        raise AssertionError(f"no e-mail #{count} for {address} within {timeout}s")

    def close(self) -> None:
        self.release()
        self._controller.stop()
