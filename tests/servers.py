"""Throwaway PostgreSQL and Redis servers on loopback, in a temporary folder, for the tests.

As root, PostgreSQL runs as the ``postgres`` system user (it refuses to run as root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_postgres_bin() -> Path | None:
    if found := shutil.which("pg_ctl"):
        candidate = Path(found).resolve().parent
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    for candidate in reversed(versions):
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def find_redis_server() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    host: str = "127.0.0.1"
    user: str = "postgres"

    def url(self, dbname: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{self.user}@{self.host}:{self.port}/{dbname}"

    @property
    def admin_url(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres(
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"]
            ),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start_postgres(tmpdir: Path, shared_buffers: str = "64MB") -> PostgresServer:
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries not found")
    if os.geteuid() == 0:
        # The postgres user must reach and own its directories, so they live outside
        # pytest's folders: every pytest session that starts on the machine (another
        # worktree's, say) resets /tmp/pytest-of-root to 0700, which cut a running server
        # off from its own files ("PANIC: could not open file ... pg_control").
        root = Path(tempfile.mkdtemp(prefix="hireflow-pg-"))
    else:
        root = tmpdir / "pg"
        root.mkdir(parents=True, exist_ok=True)
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", str(root)], check=True)
    init = subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = free_port()
    options = (
        f"-h 127.0.0.1 -p {port} -k {sockets} -F -c fsync=off -c synchronous_commit=off "
        f"-c full_page_writes=off -c max_connections=300 -c shared_buffers={shared_buffers}"
    )
    start = subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if start.returncode != 0:
        detail = log.read_text() if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start:\n{start.stdout}\n{start.stderr}\n{detail}")
    return PostgresServer(bin_dir=bin_dir, data_dir=data, port=port)


@dataclass
class RedisServer:
    process: subprocess.Popen[bytes]
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


def _pong(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(tmpdir: Path) -> RedisServer:
    binary = find_redis_server()
    if binary is None:
        raise FileNotFoundError("redis-server not found")
    directory = tmpdir / "redis"
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while not _pong(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    return RedisServer(process=process, port=port, directory=directory)
