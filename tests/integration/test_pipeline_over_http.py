"""The pipeline's law over HTTP: whatever sequence of status requests the recruiter and the
candidate send, the application only ever takes the guide's steps, and final stays final."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from litestar.testing import TestClient

from adapters.persistence.migrate import upgrade
from bootstrap.app import create_app
from bootstrap.settings import make_settings

ALLOWED = {
    "pending": {"reviewed", "rejected", "withdrawn"},
    "reviewed": {"shortlisted", "rejected", "withdrawn"},
    "shortlisted": {"interview", "rejected", "withdrawn"},
    "interview": {"accepted", "rejected", "withdrawn"},
}
PASSWORD = "Tr1cky-Lantern-42"
_world: dict[str, Any] = {}
_jobs = itertools.count()


def world() -> dict[str, Any]:
    """One app for every example (a fresh job per example keeps them independent)."""
    if _world:
        return _world
    root = Path(tempfile.mkdtemp(prefix="hireflow-sm-"))
    db = root / "db.sqlite3"
    upgrade(f"sqlite:///{db}")
    app = create_app(
        make_settings(
            data_dir=root / "data",
            database_url=f"sqlite+aiosqlite:///{db}",
            secret_key="state-machine-secret-key-0123456789",
            password_hash_profile="fast",
            rate_limits_enabled=False,
        )
    )
    client = TestClient(app=app)
    client.__enter__()
    headers = {}
    for name, kind in (("sm_rec", "recruiter"), ("sm_cand", "candidate")):
        client.post(
            "/accounts/api/v1/users/",
            json={
                "username": name,
                "email": f"{name}@example.com",
                "password": PASSWORD,
                "password2": PASSWORD,
                "user_type": kind,
            },
        )
        with sqlite3.connect(db) as conn:  # activate without waiting for the e-mail
            conn.execute("UPDATE users SET is_active = 1, email_verified = 1")
        tokens = client.post(
            "/accounts/api/v1/auth/token/", json={"username": name, "password": PASSWORD}
        ).json()
        headers[kind] = {"Authorization": f"Bearer {tokens['access']}"}
    _world.update(client=client, headers=headers, root=root)
    return _world


class PipelineOverHttp(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        w = world()
        self.client: TestClient[Any] = w["client"]
        self.h = w["headers"]
        job = self.client.post(
            "/jobs/api/v1/jobs/", json={"title": f"Job {next(_jobs)}"}, headers=self.h["recruiter"]
        ).json()
        app = self.client.post(
            "/applications/api/v1/applications/",
            json={"job": job["id"]},
            headers=self.h["candidate"],
        ).json()
        self.app_id = app["id"]
        self.status = "pending"
        self.seen = ["pending"]

    @rule(
        wanted=st.sampled_from(
            [
                "reviewed",
                "shortlisted",
                "interview",
                "accepted",
                "rejected",
                "pending",
                "withdrawn",
                "cancelled",
                "nonsense",
            ]
        )
    )
    def recruiter_requests(self, wanted: str) -> None:
        response = self.client.patch(
            f"/applications/api/v1/applications/{self.app_id}/status/",
            json={"status": wanted},
            headers=self.h["recruiter"],
        )
        legal = wanted in ALLOWED.get(self.status, set()) and wanted != "withdrawn"
        assert response.status_code == (200 if legal else 400), (self.status, wanted, response.text)
        if legal:
            self.status = wanted
            self.seen.append(wanted)

    @rule()
    def candidate_withdraws(self) -> None:
        response = self.client.post(
            f"/applications/api/v1/applications/{self.app_id}/withdraw/",
            headers=self.h["candidate"],
        )
        legal = self.status in ALLOWED
        assert response.status_code == (200 if legal else 409)
        if legal:
            self.status = "withdrawn"
            self.seen.append("withdrawn")

    @invariant()
    def server_agrees_and_history_is_lawful(self) -> None:
        history = self.client.get(
            f"/applications/api/v1/applications/{self.app_id}/history/", headers=self.h["recruiter"]
        ).json()["results"]
        steps = [h["to_status"] for h in history]
        assert steps == self.seen
        for before, after in itertools.pairwise(steps):
            assert after in ALLOWED.get(before, set())


PipelineOverHttp.TestCase.settings = settings(max_examples=12, stateful_step_count=8, deadline=None)
TestPipelineOverHttp = PipelineOverHttp.TestCase


def teardown_module() -> None:
    if _world:
        _world["client"].__exit__(None, None, None)
        shutil.rmtree(_world["root"], ignore_errors=True)
        _world.clear()
