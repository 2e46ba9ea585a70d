"""The ``hireflow`` command as a newcomer and an operator use it."""

from __future__ import annotations

import http.client
import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.cluster import HIREFLOW, Cluster
from tests.integration.conftest import Outbox


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HIREFLOW_")}
    env.update({"HIREFLOW_DATA_DIR": str(data_dir), "HIREFLOW_PASSWORD_HASH_PROFILE": "fast"})
    env.update(extra)
    return env


def test_serve_on_embedded_defaults_just_works(tmp_path: Path) -> None:
    started = Cluster(
        tmp_path / "var", {"HIREFLOW_PASSWORD_HASH_PROFILE": "fast"}, shared_data_dir=True
    )
    server = started.serve("serve")
    base, port = server.url, server.port
    try:
        started.wait_ready(server, timeout=30)
        # An idle keep-alive connection outlives the clients' 5 s (uvicorn's default was 5 s:
        # a client reusing it at that moment got "server disconnected" in the soak).
        # Each answer is read whole (status line, headers, body: one recv may hold only part of
        # it), then the same connection is used again after the pause.
        kept = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            for pause in (0, 6):
                time.sleep(pause)
                kept.request("GET", "/health/")
                answer = kept.getresponse()
                assert (answer.status, answer.read()) == (200, b'{"status":"ok"}'), pause
                if pause == 0:
                    first_socket = kept.sock
            assert kept.sock is first_socket  # not reconnected: the server kept it open
        finally:
            kept.close()
        docs = httpx.get(f"{base}/api/docs")
        assert docs.status_code == 200
        schema = httpx.get(f"{base}/api/schema/").json()
        assert schema["openapi"].startswith("3.1")
        paths = schema["paths"]
        for path in (
            "/accounts/api/v1/auth/token/",
            "/accounts/api/v1/auth/token/refresh/",
            "/accounts/api/v1/auth/token/verify/",
            "/accounts/api/v1/auth/password-reset/",
            "/accounts/api/v1/auth/password-reset/confirm/",
            "/accounts/api/v1/users/check_email/",
            "/accounts/api/v1/users/check_username/",
            "/accounts/api/v1/users/",
            "/accounts/api/v1/users/email-verification/status/",
            "/accounts/api/v1/users/email-verification/resend/",
            "/accounts/api/v1/users/email-verification/confirm/",
            "/accounts/api/v1/users/me/",
            "/accounts/api/v1/linkedin/oauth/start/",
            "/accounts/api/v1/linkedin/oauth/callback/",
        ):
            assert path in paths, path
        token_op = paths["/accounts/api/v1/auth/token/"]["post"]
        assert {"200", "400", "401", "403", "429"} <= set(token_op["responses"])
        assert "requestBody" in token_op

        response = httpx.post(
            f"{base}/accounts/api/v1/users/",
            json={
                "username": "john_doe",
                "email": "john@example.com",
                "password": "SecurePass123!",
                "password2": "SecurePass123!",
                "first_name": "John",
                "last_name": "Doe",
                "user_type": "candidate",
            },
        )
        assert response.status_code == 201, response.text
        outbox = tmp_path / "var" / "outbox"
        deadline = time.monotonic() + 15
        while not list(outbox.glob("[!.]*.eml")):
            assert time.monotonic() < deadline, "no .eml written by the embedded worker"
            time.sleep(0.1)
        # The e-mailed link points at this server (no HIREFLOW_PUBLIC_URL) and works.
        mail = Outbox(outbox).to("john@example.com")[0]
        link = Outbox.link(mail)
        assert link.startswith(f"http://localhost:{port}/activate?token="), link
        page = httpx.get(link.replace("localhost", "127.0.0.1"))
        assert page.status_code == 200 and "confirmed" in page.text
    finally:
        started.close()


def test_db_upgrade_and_create_admin(tmp_path: Path) -> None:
    env = _env(tmp_path / "var")
    result = subprocess.run(
        [HIREFLOW, "db", "upgrade"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "hireflow.sqlite3").exists()
    args = [
        HIREFLOW,
        "users",
        "create-admin",
        "--username",
        "root_admin",
        "--email",
        "admin@hireflow.test",
        "--password",
        "Quiet-Harbour-Lights-7",
    ]
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Created admin root_admin" in result.stdout
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "already exists" in result.stderr


@pytest.mark.parametrize("password", ["short", "12345678901"])
def test_create_admin_applies_password_rules(tmp_path: Path, password: str) -> None:
    env = _env(tmp_path / "var")
    subprocess.run([HIREFLOW, "db", "upgrade"], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [
            HIREFLOW,
            "users",
            "create-admin",
            "--username",
            "root_admin",
            "--email",
            "admin@hireflow.test",
            "--password",
            password,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "password" in result.stderr


def _create_admin(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    args = [HIREFLOW, "users", "create-admin", "--username", "root_admin"]
    args += ["--email", "admin@hireflow.test", "--password", "Quiet-Harbour-Lights-7", *extra]
    return subprocess.run(args, env=env, capture_output=True, text=True, check=False)


def _assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, output
    assert "Traceback" not in output
    for secret in ("Quiet-Harbour-Lights-7", "$argon2", "argon2id"):
        assert secret not in output, output


def test_create_admin_on_a_fresh_data_dir_just_works(tmp_path: Path) -> None:
    """A newcomer's first command: no `db upgrade` before it on the embedded default."""
    env = _env(tmp_path / "var")
    result = _create_admin(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Created admin root_admin" in result.stdout
    # Every failure a user can cause is one line, without a traceback or a secret in it.
    _assert_one_clear_line(_create_admin(env))  # taken
    bad = [HIREFLOW, "users", "create-admin", "--username", "x", "--email", "nope"]
    result = subprocess.run(
        [*bad, "--password", "Quiet-Harbour-Lights-7"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    _assert_one_clear_line(result)
    assert "username" in result.stderr and "email" in result.stderr
    unreachable = _env(
        tmp_path / "var2", HIREFLOW_DATABASE_URL="postgresql://nobody@127.0.0.1:1/nothing"
    )
    result = _create_admin(unreachable)
    _assert_one_clear_line(result)
    assert "Cannot reach the database" in result.stderr


def test_a_configured_database_without_tables_is_one_clear_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite3"
    env = _env(tmp_path / "var", HIREFLOW_DATABASE_URL=f"sqlite:///{empty}")
    result = _create_admin(env)
    _assert_one_clear_line(result)
    assert "hireflow db upgrade" in result.stderr


def test_help_is_plain_and_starting_is_quiet(tmp_path: Path) -> None:
    env = _env(tmp_path / "var")
    for command in ([], ["users", "create-admin"], ["serve"], ["worker"]):
        result = subprocess.run(
            [HIREFLOW, *command, "--help"], env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "<bool>" not in result.stdout and "--install-completion" not in result.stdout
    result = subprocess.run(
        [HIREFLOW, "db", "upgrade"], env=env, capture_output=True, text=True, check=True
    )
    assert "setup plugin" not in result.stdout + result.stderr


def test_users_create_makes_an_ngo_manager_and_refuses_public_types(tmp_path: Path) -> None:
    """NGO managers cannot sign up: an operator creates them, active and able to log in."""
    env = _env(tmp_path / "var")
    base = [HIREFLOW, "users", "create", "--username", "ngo_nina", "--email", "nina@ngo.test"]
    base += ["--password", "Quiet-Harbour-Lights-7"]
    result = subprocess.run(
        [*base, "--type", "ngo_manager"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Created ngo_manager ngo_nina" in result.stdout
    for refused in ("candidate", "recruiter", "superuser"):
        other = [
            a.replace("ngo_nina", f"x_{refused}").replace("nina@", f"{refused}@") for a in base
        ]
        result = subprocess.run(
            [*other, "--type", refused], env=env, capture_output=True, text=True, check=False
        )
        _assert_one_clear_line(result)
        assert "user_type" in result.stderr and "ngo_manager" in result.stderr
