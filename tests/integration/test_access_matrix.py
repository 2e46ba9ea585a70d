"""The access matrix (``access_matrix.py``) over HTTP: every cell, on SQLite and PostgreSQL.

Each cell is one request by one caller; its status must be the table's. A refused cell
answers an error body that holds nothing of the object, and changes nothing in the database.
An operation the app routes without a row fails ``test_every_operation_has_a_row``, with the
statuses each caller gets now, ready to be checked and pasted.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.app import create_app
from bootstrap.settings import Settings, replace
from tests.integration.access_matrix import BODIES, CALLERS, MATRIX
from tests.integration.cast import (
    APPS,
    COMPANIES,
    JOB_TEST,
    JOBS,
    Cast,
    Person,
    cv_file,
    interview_body,
    join,
    login,
    ok,
    sign_up,
    unique,
    wait,
)
from tests.integration.conftest import STRONG, Outbox
from tests.integration.test_no_500 import operations

#: A path parameter not named in a row is this resource of the cast.
DEFAULT_RESOURCES = {
    "job_id": "job",
    "application_id": "application",
    "interview_id": "interview",
    "submission_id": "submission",
    "company_id": "company",
    "invitation_id": "invitation",
    "notification_id": "notification",
    "user_id": "user:candidate",
    "conversation_id": "conversation",
}
#: Keys an error body may have (``adapters/http/errors.py``): nothing of the object asked for.
ERROR_KEYS = {"detail", "code", "errors", "error"}


@dataclass
class Row:
    method: str
    template: str
    codes: dict[str, str]
    path: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    form: str | None = None
    query: str | None = None
    files: bool = False
    page: bool = False

    @property
    def operation(self) -> str:
        return f"{self.method} {self.template}"


def parse(table: str) -> list[Row]:
    rows = []
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank lines and comments (why a module's rows read as they do)
        method, template, *rest = line.split()
        codes, spec = rest[: len(CALLERS)], rest[len(CALLERS) :]
        row = Row(method, template, dict(zip(CALLERS, codes, strict=True)))
        for item in spec:
            if item.startswith("body:"):
                row.body = item.removeprefix("body:")
            elif item.startswith("form:"):
                row.form = item.removeprefix("form:")
            elif item.startswith("query:"):
                row.query = item.removeprefix("query:")
            elif item == "files:cv":
                row.files = True
            elif item == "page":
                row.page = True
            else:
                name, _, value = item.partition("=")
                assert value, f"{row.operation}: cannot read {item!r}"
                row.path[name] = value
        rows.append(row)
    return rows


ROWS = parse(MATRIX)


def key(method: str, template: str) -> str:
    return f"{method} {template.rstrip('/')}"


# --- Making each cell's request --------------------------------------------------------------


class Cells:
    """Makes the request of a row for a caller, with what the row names made fresh."""

    def __init__(self, client: TestClient[Litestar], cast: Cast, outbox: Outbox) -> None:
        self.client = client
        self.cast = cast
        self.outbox = outbox
        #: What this row made fresh: kept for the next caller until a cell is allowed (and
        #: may have used it up); a refused cell changes nothing, so the next can reuse it.
        self.made: dict[str, Any] = {}
        self.resetting: Person | None = None

    def row_done(self) -> None:
        self.made.clear()

    def cell_done(self, status: int) -> None:
        if status < 400:
            self.made.clear()

    # Fresh resources, for operations that use up what they act on.
    def fresh(self, kind: str) -> int:
        if f"fresh:{kind}" not in self.made:
            self.made[f"fresh:{kind}"] = FACTORIES[kind](self)
        return int(self.made[f"fresh:{kind}"])

    def new_job(self, *, with_test: bool = False) -> int:
        rec = self.cast.people["recruiter"].headers
        job = ok(self.client.post(JOBS, json={"title": unique("Matrix job ")}, headers=rec), 201)
        if with_test:
            ok(self.client.post(f"{JOBS}{job['id']}/test/", json=JOB_TEST, headers=rec), 201)
        return int(job["id"])

    def new_application(self, *, with_test: bool = False) -> int:
        job = self.new_job(with_test=with_test)
        cand = self.cast.people["candidate"].headers
        return int(ok(self.client.post(APPS, json={"job": job}, headers=cand), 201)["id"])

    def invitation(self) -> int:
        """A pending invitation of company A for the stranger (company B's admin)."""
        company = self.cast.ids["company"]
        admin = self.cast.people["company_admin"].headers
        response = self.client.post(
            f"{COMPANIES}{company}/team/",
            json={"email": self.cast.people["other_recruiter"].email},
            headers=admin,
        )
        if response.status_code == 201:
            return int(response.json()["id"])
        assert response.status_code == 409, response.text  # one is pending already
        pending = ok(self.client.get(f"{COMPANIES}{company}/invitations/", headers=admin), 200)
        return int(pending["results"][0]["id"])

    def member(self) -> int:
        person = sign_up(self.client, self.outbox, unique("rec_"), "recruiter")
        join(self.client, self.cast.people["company_admin"], self.cast.ids["company"], person)
        return person.id

    def entry(self, kind: str) -> int:
        cand = self.cast.people["candidate"].headers
        url = f"/accounts/api/v1/{kind}/"
        return int(ok(self.client.post(url, json=BODIES[kind], headers=cand), 201)["id"])

    # Values a body or query names with "$...".
    def value(self, name: str) -> Any:
        if name not in self.made:
            self.made[name] = self.make_value(name)
        return self.made[name]

    def make_value(self, name: str) -> Any:
        match name:
            case "password":
                return STRONG
            case "unique":
                return unique("matrix_")
            case "unique_email":
                return f"{unique('matrix_')}@example.com"
            case "slug":
                return self.cast.slug
            case "refresh":
                return login(self.client, "cand_max")[1]
            case "access":
                return login(self.client, "cand_max")[0]
            case "in_three_days":
                return (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0).isoformat()
            case "activation_token":
                return self.activation_token()
            case "reset_token":
                return self.reset_token()
            case "fresh_recruiter_email":
                return sign_up(self.client, self.outbox, unique("rec_"), "recruiter").email
            case "submission":
                job = self.new_job(with_test=True)
                cand = self.cast.people["candidate"].headers
                applied = ok(self.client.post(APPS, json={"job": job}, headers=cand), 201)
                test = ok(self.client.get(f"{JOBS}{job}/test/", headers=cand), 200)
                answers = [{"question": q["id"], "answer": "Python"} for q in test["questions"]]
                return {"application": applied["id"], "answers": answers}
            case "grades":
                rec = self.cast.people["recruiter"].headers
                test = ok(self.client.get(f"{JOBS}{self.cast.ids['job']}/test/", headers=rec))
                open_ended = [q["id"] for q in test["questions"] if not q.get("choices")]
                return {"grades": [{"question": q, "correct": True} for q in open_ended]}
        raise KeyError(f"no value for ${name}")

    def activation_token(self) -> str:
        username = unique("act_")
        email = f"{username}@example.com"
        body = {**BODIES["register"], "username": username, "email": email}
        body |= {"password": STRONG, "password2": STRONG}
        ok(self.client.post("/accounts/api/v1/users/", json=body), 201)
        return self.outbox.token(wait(lambda: self.outbox.to(email), email)[0])

    def reset_token(self) -> str:
        """A new reset link for a person of its own (using it ends that person's sessions)."""
        if self.resetting is None:
            self.resetting = sign_up(self.client, self.outbox, unique("rst_"), "candidate")
        email = self.resetting.email
        sent = len(self.outbox.to(email))
        ok(self.client.post("/accounts/api/v1/auth/password-reset/", json={"email": email}))
        return self.outbox.token(wait(lambda: self.outbox.to(email)[sent:], "reset")[0])

    def fill(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self.fill(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.fill(v) for v in value]
        if isinstance(value, str) and value.startswith("$"):
            return self.value(value[1:])
        if isinstance(value, str) and value.startswith("#"):
            return self.cast.ids[value[1:]]
        return value

    def path_value(self, row: Row, name: str) -> str:
        wanted = row.path.get(name) or DEFAULT_RESOURCES.get(name)
        if wanted is None and name == "entry_id":
            wanted = row.template.split("/")[4]  # /accounts/api/v1/<kind>/{entry_id}/
        assert wanted is not None, f"{row.operation}: say which {name} (e.g. {name}=job)"
        if wanted.startswith("fresh:"):
            return str(self.fresh(wanted.removeprefix("fresh:")))
        if wanted.startswith("$"):
            return str(self.value(wanted[1:]))
        if wanted in self.cast.ids:
            return str(self.cast.ids[wanted])
        return wanted

    def send(self, row: Row, caller: str) -> Any:
        method, path, kwargs = self.prepare(row, caller)
        return self.client.request(method, path, **kwargs)

    def prepare(self, row: Row, caller: str) -> tuple[str, str, dict[str, Any]]:
        """The request of ``row`` for ``caller``, with its fresh resources already made."""
        path = re.sub(r"\{(\w+)\}", lambda m: self.path_value(row, m.group(1)), row.template)
        if row.query:
            pairs = (p.partition("=") for p in row.query.split("&"))
            path += "?" + "&".join(f"{k}={self.fill(v)}" for k, _, v in pairs)
        kwargs: dict[str, Any] = {"headers": self.cast.headers(caller)}
        if row.body:
            kwargs["json"] = self.fill(BODIES[row.body])
        if row.form:
            kwargs["data"] = self.fill(BODIES[row.form])
        if row.files:
            kwargs["files"] = cv_file()
        return row.method, path, kwargs


FACTORIES: dict[str, Callable[[Cells], int]] = {
    "job": lambda c: c.new_job(),
    "application": lambda c: c.new_application(),
    "interview": lambda c: int(
        ok(
            c.client.post(
                f"{APPS}{c.cast.ids['application']}/interviews/",
                json=interview_body(),
                headers=c.cast.people["recruiter"].headers,
            ),
            201,
        )["id"]
    ),
    "invitation": lambda c: c.invitation(),
    "member": lambda c: c.member(),
    "work-experiences": lambda c: c.entry("work-experiences"),
    "educations": lambda c: c.entry("educations"),
    "projects": lambda c: c.entry("projects"),
}


# --- What a refused cell must not change -----------------------------------------------------

#: Written by reads and refusals alike, by design: not the caller's doing.
VOLATILE = {"alembic_version"}


def database_digest(database_url: str) -> str:
    """A digest of every row of every table (refused requests must change none), taken once
    the background work earlier cells asked for is done."""
    deadline = time.monotonic() + 30
    while _pending_tasks(database_url) and time.monotonic() < deadline:
        time.sleep(0.02)
    digest = hashlib.sha256()
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.split("///", 1)[1])) as conn:
            tables = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                    " AND name NOT LIKE '%fts%' ORDER BY name"
                )
                if name not in VOLATILE
            ]
            for table in tables:
                for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                    digest.update(repr((table, row)).encode())
        return digest.hexdigest()
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY tablename"
            )
            if name not in VOLATILE
        ]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def _pending_tasks(database_url: str) -> int:
    query = "SELECT count(*) FROM outbox WHERE completed_at IS NULL"
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.split("///", 1)[1])) as conn:
            return int(conn.execute(query).fetchone()[0])
    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://")) as pg:
        row = pg.execute(query).fetchone()
        return int(row[0]) if row else 0


# --- The tests -------------------------------------------------------------------------------


@pytest.fixture
def matrix_client(settings: Settings, seeded_cast: Cast) -> Iterator[TestClient[Litestar]]:
    # Sign In with LinkedIn set up (its start only builds an address; the callback's unknown
    # state is refused before LinkedIn is asked), as on a site that offers it.
    configured = replace(settings, linkedin_client_id="matrix-linkedin-client")
    with TestClient(app=create_app(configured)) as client:
        yield client


def test_the_table_is_well_formed() -> None:
    seen: set[str] = set()
    for row in ROWS:
        assert row.operation not in seen, f"two rows for {row.operation}"
        seen.add(row.operation)
        assert row.template.endswith("/"), row.operation
        for caller, code in row.codes.items():
            assert re.fullmatch(r"[1-5]\d\d", code), (row.operation, caller, code)
        for name in (row.body, row.form):
            assert name is None or name in BODIES, (row.operation, name)
        for value in row.path.values():
            kind = value.removeprefix("fresh:")
            assert not value.startswith("fresh:") or kind in FACTORIES, (row.operation, kind)


def test_every_operation_has_a_row(
    matrix_client: TestClient[Litestar], seeded_cast: Cast, outbox: Outbox
) -> None:
    """A module cannot ship an operation without saying who may call it."""
    routed = {key(m, p): (m, p) for m, p, _ in operations(matrix_client.app)}
    rows = {key(r.method, r.template) for r in ROWS}
    missing = sorted(set(routed) - rows)
    stale = sorted(rows - set(routed))
    suggestions = []
    cells = Cells(matrix_client, seeded_cast, outbox)
    for name in missing:
        method, template = routed[name]
        row = Row(method, template.rstrip("/") + "/", {})
        try:
            got = [str(cells.send(row, caller).status_code) for caller in CALLERS]
        except AssertionError as exc:
            got = [f"({exc})"]
        suggestions.append(f"{method:<6} {row.template:<70} {'  '.join(got)}")
    assert not missing, (
        "Operations routed without a row in tests/integration/access_matrix.py; what each "
        "caller gets now (check each code, then add the row):\n" + "\n".join(suggestions)
    )
    assert not stale, f"rows for operations the app no longer routes: {stale}"


def test_every_cell(
    matrix_client: TestClient[Litestar],
    seeded_cast: Cast,
    outbox: Outbox,
    database_url: str,
) -> None:
    cells = Cells(matrix_client, seeded_cast, outbox)
    wrong: list[str] = []
    observed: dict[str, list[str]] = {}
    for row in ROWS:
        got = observed.setdefault(row.operation, [])
        for caller in CALLERS:
            expected = row.codes[caller]
            refused = expected[0] == "4"
            method, path, kwargs = cells.prepare(row, caller)
            before = database_digest(database_url) if refused and method != "GET" else None
            response = matrix_client.request(method, path, **kwargs)
            cells.cell_done(response.status_code)
            got.append(str(response.status_code))
            if str(response.status_code) != expected:
                wrong.append(
                    f"{row.operation} as {caller}: {response.status_code}, expected {expected}"
                    f" ({response.text[:160]})"
                )
                continue
            if refused and not row.page:
                body = response.json()
                assert set(body) <= ERROR_KEYS, (row.operation, caller, body)
                assert isinstance(body["detail"], str), (row.operation, caller, body)
            if before is not None:
                assert database_digest(database_url) == before, (
                    f"{row.operation} refused to {caller} changed the database"
                )
        cells.row_done()
    table = "\n".join(
        f"{op.split()[0]:<6} {op.split()[1]:<70} {'  '.join(codes)}"
        for op, codes in observed.items()
    )
    if target := os.environ.get("HIREFLOW_MATRIX_OBSERVED"):
        Path(target).write_text(table + "\n")  # what each cell answers now, as table rows
    assert not wrong, "\n".join(wrong)
