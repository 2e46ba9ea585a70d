"""The cast: one person of every kind the API knows, and something of each resource that
belongs to someone, made over HTTP the way users make them. The access matrix, the broken
authentication sweep and the schema fuzzing all run against it.

Who is who (the callers of ``access_matrix.py``):

* ``candidate`` applied to ``job``; their application is at the interview stage, with an
  interview and a test submission; they have a CV, a work experience, an education, a project,
  notifications, and follow company A. ``other_candidate`` has nothing to do with any of it.
* Company A: ``company_admin`` administers it; ``recruiter`` posted ``job`` (the owner);
  ``colleague`` is in the same team and posted nothing.
* Company B: ``other_recruiter`` administers it and posted ``other_job``: the stranger.
* ``ngo_manager`` and ``site_admin`` are internal accounts, made as an operator makes them
  (``hireflow users create``).

The cast is built once per database kind and copied for each test (``seeded_cast`` in
``conftest.py``): the tokens stay valid in every copy, since sessions live in the database.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient

from bootstrap.settings import Settings
from bootstrap.tools import create_internal_account
from tests.integration.conftest import STRONG, Outbox

#: Everyone the access matrix asks, in its column order.
CALLERS = (
    "anonymous",
    "candidate",
    "other_candidate",
    "recruiter",
    "colleague",
    "company_admin",
    "other_recruiter",
    "ngo_manager",
    "site_admin",
)
#: The roles the schema fuzzing runs as (issue 15: one of each kind).
ROLES = (
    "anonymous",
    "candidate",
    "recruiter",
    "company_admin",
    "other_recruiter",
    "ngo_manager",
    "site_admin",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
API = "/accounts/api/v1"
JOBS = "/jobs/api/v1/jobs/"
APPS = "/applications/api/v1/applications/"
COMPANIES = "/companies/api/v1/companies/"
_unique = itertools.count(1)


@dataclass
class Person:
    username: str
    email: str
    id: int
    access: str
    refresh: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}


@dataclass
class Cast:
    people: dict[str, Person] = field(default_factory=dict)
    #: Named resources: job, other_job, application, interview, submission, company, ...
    ids: dict[str, int] = field(default_factory=dict)
    slug: str = ""

    def headers(self, caller: str) -> dict[str, str]:
        return {} if caller == "anonymous" else self.people[caller].headers

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": {k: vars(v) for k, v in self.people.items()},
            "ids": dict(self.ids),
            "slug": self.slug,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cast:
        people = {k: Person(**v) for k, v in data["people"].items()}
        return cls(people=people, ids=dict(data["ids"]), slug=data["slug"])


def ok(response: Any, *statuses: int) -> Any:
    assert response.status_code in (statuses or (200, 201)), (
        response.request.method,
        str(response.request.url),
        response.status_code,
        response.text,
    )
    return response.json() if response.content else None


def wait(predicate: Any, what: str, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := predicate():
            return found
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout}s")


def login(client: TestClient[Litestar], username: str) -> tuple[str, str]:
    body = ok(
        client.post(f"{API}/auth/token/", json={"username": username, "password": STRONG}), 200
    )
    return body["access"], body["refresh"]


def sign_up(
    client: TestClient[Litestar], outbox: Outbox, username: str, user_type: str, **extra: Any
) -> Person:
    """Register, confirm the e-mailed link and log in, as a person would."""
    email = f"{username}@cast.example.com"
    body = {
        "username": username,
        "email": email,
        "password": STRONG,
        "password2": STRONG,
        "first_name": username.split("_")[0].title(),
        "last_name": "Cast",
        "user_type": user_type,
        **extra,
    }
    user = ok(client.post(f"{API}/users/", json=body), 201)
    mail = wait(lambda: outbox.to(email), f"activation e-mail for {email}")[0]
    token = outbox.token(mail)
    ok(client.post(f"{API}/users/email-verification/confirm/", json={"token": token}), 200)
    access, refresh = login(client, username)
    return Person(username=username, email=email, id=user["id"], access=access, refresh=refresh)


def internal(
    client: TestClient[Litestar], settings: Settings, username: str, user_type: str
) -> Person:
    email = f"{username}@cast.example.com"
    user = asyncio.run(
        create_internal_account(
            settings, username=username, email=email, password=STRONG, user_type=user_type
        )
    )
    access, refresh = login(client, username)
    return Person(
        username=username, email=email, id=user.require_id(), access=access, refresh=refresh
    )


def join(client: TestClient[Litestar], admin: Person, company: int, member: Person) -> int:
    invitation = ok(
        client.post(
            f"{COMPANIES}{company}/team/", json={"email": member.email}, headers=admin.headers
        ),
        201,
    )
    ok(
        client.post(
            f"/companies/api/v1/invitations/{invitation['id']}/accept/", headers=member.headers
        ),
        200,
    )
    return int(invitation["id"])


def company_of(client: TestClient[Litestar], who: Person) -> int:
    me = ok(client.get(f"{API}/recruiter-profiles/me/", headers=who.headers), 200)
    return int(me["company"]["id"])


JOB_TEST = {
    "title": "Python basics",
    "questions": [
        {
            "text": "Which one is a language?",
            "question_type": "multiple_choice",
            "choices": ["Python", "HTML"],
            "correct_answer": "Python",
        },
        {"text": "Explain a decorator.", "question_type": "open_ended"},
    ],
}


def interview_body(days: int = 3) -> dict[str, Any]:
    starts = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
    return {"starts_at": starts.isoformat(), "duration_minutes": 45, "location": "Paris"}


def build_cast(client: TestClient[Litestar], outbox: Outbox, settings: Settings) -> Cast:
    cast = Cast()
    p = cast.people
    p["company_admin"] = sign_up(
        client, outbox, "acme_admin", "recruiter", company_name="Acme Hiring"
    )
    p["other_recruiter"] = sign_up(
        client, outbox, "other_rec", "recruiter", company_name="Other Works"
    )
    p["recruiter"] = sign_up(client, outbox, "acme_rec", "recruiter")
    p["colleague"] = sign_up(client, outbox, "acme_col", "recruiter")
    p["candidate"] = sign_up(client, outbox, "cand_john", "candidate")
    p["other_candidate"] = sign_up(client, outbox, "cand_max", "candidate")
    p["ngo_manager"] = internal(client, settings, "ngo_nina", "ngo_manager")
    p["site_admin"] = internal(client, settings, "site_root", "admin")
    ids = cast.ids
    ids["company"] = company_of(client, p["company_admin"])
    ids["other_company"] = company_of(client, p["other_recruiter"])
    for member in ("recruiter", "colleague"):
        join(client, p["company_admin"], ids["company"], p[member])
    for who in CALLERS[1:]:
        ids[f"user:{who}"] = p[who].id
    company = ok(client.get(f"{COMPANIES}{ids['company']}/"), 200)
    cast.slug = company["slug"]

    rec, cand = p["recruiter"].headers, p["candidate"].headers
    job = {"title": "Senior Python Developer", "location": "Paris, France"}
    ids["job"] = ok(client.post(JOBS, json=job, headers=rec), 201)["id"]
    other = {"title": "Designer", "location": "Lyon"}
    ids["other_job"] = ok(client.post(JOBS, json=other, headers=p["other_recruiter"].headers))["id"]
    ok(client.post(f"{JOBS}{ids['job']}/test/", json=JOB_TEST, headers=rec), 201)

    ok(client.post(f"{API}/candidate-profiles/me/cv/", files=cv_file(), headers=cand), 201)
    for kind, body in ENTRIES.items():
        ids[kind] = ok(client.post(f"{API}/{kind}/", json=body, headers=cand), 201)["id"]
    ok(client.post(f"{COMPANIES}{ids['company']}/follow/", headers=cand), 200)
    applied = ok(client.post(APPS, json={"job": ids["job"]}, headers=cand), 201)
    ids["application"] = applied["id"]
    for stage in ("reviewed", "shortlisted", "interview"):
        ok(
            client.patch(
                f"{APPS}{ids['application']}/status/", json={"status": stage}, headers=rec
            ),
            200,
        )
    ids["interview"] = ok(
        client.post(f"{APPS}{ids['application']}/interviews/", json=interview_body(), headers=rec),
        201,
    )["id"]
    questions = ok(client.get(f"{JOBS}{ids['job']}/test/", headers=cand), 200)["questions"]
    answers = [
        {"question": questions[0]["id"], "answer": "Python"},
        {"question": questions[1]["id"], "answer": "A function wrapping a function."},
    ]
    ids["submission"] = ok(
        client.post(
            "/applications/api/v1/test-submissions/",
            json={"application": ids["application"], "answers": answers},
            headers=cand,
        ),
        201,
    )["id"]
    # A pending invitation of company A, for the stranger (who administers company B).
    ids["invitation"] = ok(
        client.post(
            f"{COMPANIES}{ids['company']}/team/",
            json={"email": p["other_recruiter"].email},
            headers=p["company_admin"].headers,
        ),
        201,
    )["id"]
    notes = wait(
        lambda: ok(client.get("/notifications/api/v1/notifications/", headers=cand), 200)[
            "results"
        ],
        "a notification for the candidate",
    )
    ids["notification"] = notes[-1]["id"]
    # Every pair is matched (two candidates, two jobs): once company B's job has its matches,
    # B's recruiter may write to the candidate too ("appears in its job matches"). Waited for,
    # so the matrix does not depend on when the background calculation ran.
    wait(
        lambda: any(
            r["candidate"]["username"] == "cand_john"
            for r in ok(
                client.get(
                    f"/matching/api/v1/job-matches/job/{ids['other_job']}/",
                    headers=p["other_recruiter"].headers,
                ),
                200,
            )["results"]
        ),
        "company B's job matched with the candidate",
    )
    # The job's recruiter writes to the applicant: a conversation of those two only.
    ids["conversation"] = ok(
        client.post(
            "/messaging/api/v1/conversations/",
            json={"participant_id": p["candidate"].id, "job_id": ids["job"], "content": "Hello"},
            headers=rec,
        ),
        201,
    )["id"]
    return cast


ENTRIES: dict[str, dict[str, Any]] = {
    "work-experiences": {
        "company": "Initech",
        "position": "Developer",
        "start_date": "2020-01-01",
        "end_date": "2023-06-30",
    },
    "educations": {"institution": "Sorbonne", "degree": "MSc", "start_date": "2015-09-01"},
    "projects": {"name": "Hireflow", "technologies": ["Python"]},
}


def cv_file() -> dict[str, tuple[str, bytes, str]]:
    return {"cv_file": ("cv.pdf", PDF, "application/pdf")}


def unique(prefix: str) -> str:
    return f"{prefix}{next(_unique)}_{int(time.time() * 1000) % 10_000_000}"
