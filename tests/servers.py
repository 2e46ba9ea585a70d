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
    #: How it was started (``pg_ctl -o``), to start it again the same way.
    options: str = ""
    log: Path | None = None

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

    def halt(self, mode: str = "fast") -> subprocess.Popen[bytes]:
        """Begin shutting the server down, keeping its data (``fast``: open sessions are
        ended, new ones refused with "the database system is shutting down"). Returns the
        running ``pg_ctl stop``: ``wait()`` on it for the server to be gone."""
        return subprocess.Popen(
            _as_postgres(
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        """Start it again after ``halt``, on the same port with the same data."""
        _pg_ctl_start(self.bin_dir, self.data_dir, self.log or self.data_dir / "log", self.options)


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
    _pg_ctl_start(bin_dir, data, log, options)
    return PostgresServer(bin_dir=bin_dir, data_dir=data, port=port, options=options, log=log)


def _pg_ctl_start(bin_dir: Path, data: Path, log: Path, options: str) -> None:
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


@dataclass
class RedisServer:
    process: subprocess.Popen[bytes]
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def halt(self) -> None:
        """Stop the server (what it held is gone: it keeps nothing on disk)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def start(self) -> None:
        """Start it again after ``halt``, on the same port."""
        self.process = _spawn_redis(self.port, self.directory)

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.directory, ignore_errors=True)


def _pong(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis(tmpdir: Path) -> RedisServer:
    if find_redis_server() is None:
        raise FileNotFoundError("redis-server not found")
    directory = tmpdir / "redis"
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    return RedisServer(process=_spawn_redis(port, directory), port=port, directory=directory)


def _spawn_redis(port: int, directory: Path) -> subprocess.Popen[bytes]:
    binary = find_redis_server()
    assert binary is not None
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
    return process


@dataclass
class S3Server:
    """moto's S3 API in server mode: a real HTTP endpoint speaking the S3 protocol."""

    process: subprocess.Popen[bytes]
    port: int
    access_key_id: str = "hireflow-test-key"
    secret_access_key: str = "hireflow-test-secret-0123456789"
    region: str = "us-east-1"

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def create_bucket(self) -> str:
        """A new, empty bucket."""
        import uuid

        import boto3

        name = f"hireflow-{uuid.uuid4().hex[:12]}"
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key_id,
            aws_secret_access_key=self.secret_access_key,
            region_name=self.region,
        )
        client.create_bucket(Bucket=name)
        client.close()
        return name

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_s3(python: str) -> S3Server:
    """``moto_server`` on loopback, run by the venv's ``python``."""
    port = free_port()
    process = subprocess.Popen(
        [python, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.1)
    return S3Server(process=process, port=port)
