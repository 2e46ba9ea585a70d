"""Access follows company membership; joining a team takes consent; names cannot impersonate;
logging out ends the session. Over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import Outbox, bearer, login, signed_in

API = "/accounts/api/v1"
COMPANIES = "/companies/api/v1/companies/"
INVITATIONS = "/companies/api/v1/invitations/"
JOBS = "/jobs/api/v1/jobs/"
APPS = "/applications/api/v1/applications/"
NOTES = "/notifications/api/v1/notifications/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def company_of(client: AsyncTestClient[Litestar], who: dict[str, str]) -> int | None:
    company = (await client.get(f"{API}/recruiter-profiles/me/", headers=who)).json()["company"]
    return None if company is None else int(company["id"])


async def join(
    client: AsyncTestClient[Litestar], admin: dict[str, str], email: str, who: dict[str, str]
) -> None:
    """``admin`` invites ``email`` to their company and ``who`` accepts."""
    company = await company_of(client, admin)
    invited = await client.post(f"{COMPANIES}{company}/team/", json={"email": email}, headers=admin)
    assert invited.status_code == 201, invited.text
    accepted = await client.post(f"{INVITATIONS}{invited.json()['id']}/accept/", headers=who)
    assert accepted.status_code == 200, accepted.text


async def notifications(client: AsyncTestClient[Litestar], who: dict[str, str]) -> list[Any]:
    return list((await client.get(NOTES, headers=who)).json()["results"])


@pytest.fixture
async def teams(client: AsyncTestClient[Litestar], outbox: Outbox) -> dict[str, Any]:
    """Jane administers Company One, Bob is in her team; Carl administers Company Two."""
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@one.io", user_type="recruiter", company_name="CompanyOne"
    )
    carl = await signed_in(
        client, outbox, "rh_carl", "carl@two.io", user_type="recruiter", company_name="CompanyTwo"
    )
    bob = await signed_in(client, outbox, "rh_bob", "bob@one.io", user_type="recruiter")
    john = await signed_in(client, outbox, "john_doe", "john@example.com")
    await join(client, jane, "bob@one.io", bob)
    return {"jane": jane, "carl": carl, "bob": bob, "john": john}


async def test_a_recruiter_who_left_keeps_nothing_of_the_company(
    client: AsyncTestClient[Litestar], outbox: Outbox, teams: dict[str, Any]
) -> None:
    jane, bob, carl, john = teams["jane"], teams["bob"], teams["carl"], teams["john"]
    job = (await client.post(JOBS, json={"title": "Python Developer"}, headers=bob)).json()["id"]
    test = {
        "title": "Python basics",
        "questions": [
            {
                "text": "Which one is a language?",
                "question_type": "multiple_choice",
                "choices": ["Python", "HTML"],
                "correct_answer": "Python",
            }
        ],
    }
    assert (await client.post(f"{JOBS}{job}/test/", json=test, headers=bob)).status_code == 201
    await client.post(
        f"{API}/candidate-profiles/me/cv/",
        files={"cv_file": ("cv.pdf", PDF, "application/pdf")},
        headers=john,
    )
    applied = await client.post(
        APPS, json={"job": job, "cover_letter": "For Company One only"}, headers=john
    )
    application = applied.json()["id"]
    john_id = applied.json()["candidate"]["id"]
    for _ in range(300):  # both managers hear about it while Bob is in the team
        if (await notifications(client, bob)) and (await notifications(client, jane)):
            break
        await asyncio.sleep(0.05)
    assert (
        await client.get(f"{API}/candidate-profiles/{john_id}/cv/", headers=bob)
    ).status_code == (200)

    # Jane removes Bob from Company One; Carl invites him to Company Two and he accepts.
    one = await company_of(client, jane)
    bob_id = (await client.get(f"{API}/users/me/", headers=bob)).json()["id"]
    assert (
        await client.delete(f"{COMPANIES}{one}/team/{bob_id}/", headers=jane)
    ).status_code == 204
    await join(client, carl, "bob@one.io", bob)

    refused = {
        "applicants": await client.get(f"{APPS}job/{job}/", headers=bob),
        "status": await client.patch(
            f"{APPS}{application}/status/", json={"status": "reviewed"}, headers=bob
        ),
        "history": await client.get(f"{APPS}{application}/history/", headers=bob),
        "define test": await client.post(f"{JOBS}{job}/test/", json=test, headers=bob),
        "read test": await client.get(f"{JOBS}{job}/test/", headers=bob),
        "matches": await client.get(f"/matching/api/v1/job-matches/job/{job}/", headers=bob),
        "recalculate": await client.post(
            "/matching/api/v1/job-matches/recalculate/", json={"job_id": job}, headers=bob
        ),
        "edit": await client.patch(f"{JOBS}{job}/", json={"title": "Mine"}, headers=bob),
        "delete": await client.delete(f"{JOBS}{job}/", headers=bob),
        "cv": await client.get(f"{API}/candidate-profiles/{john_id}/cv/", headers=bob),
    }
    for what, response in refused.items():
        assert response.status_code in (403, 404), (what, response.status_code, response.text)
        assert "For Company One only" not in response.text, what
        assert "correct_answer" not in response.text, what

    # The company keeps the job, and its admin manages it.
    assert (await client.get(f"{JOBS}{job}/")).json()["is_active"] is True
    listing = (await client.get(f"{APPS}job/{job}/", headers=jane)).json()
    assert listing["results"][0]["cover_letter"] == "For Company One only"
    moved = await client.patch(
        f"{APPS}{application}/status/", json={"status": "reviewed"}, headers=jane
    )
    assert moved.status_code == 200
    assert "correct_answer" in (await client.get(f"{JOBS}{job}/test/", headers=jane)).text

    # New applications to that job are told to the members only: Jane, not Bob.
    max_ = await signed_in(client, outbox, "max_dev", "max@x.io")
    bob_before = len(await notifications(client, bob))
    jane_before = len(await notifications(client, jane))
    assert (await client.post(APPS, json={"job": job}, headers=max_)).status_code == 201
    for _ in range(300):
        if len(await notifications(client, jane)) > jane_before:
            break
        await asyncio.sleep(0.05)
    assert len(await notifications(client, jane)) == jane_before + 1
    assert len(await notifications(client, bob)) == bob_before


async def test_joining_a_team_takes_consent_and_deletes_no_company_with_content(
    client: AsyncTestClient[Litestar], outbox: Outbox, teams: dict[str, Any]
) -> None:
    jane, carl = teams["jane"], teams["carl"]
    two = await company_of(client, carl)
    # Carl's company has a description and a follower; inviting him changes nothing for him.
    await client.patch(f"{COMPANIES}{two}/", json={"description": "We build things"}, headers=carl)
    zoe = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    await client.post(f"{COMPANIES}{two}/follow/", headers=zoe)
    one = await company_of(client, jane)
    invited = await client.post(
        f"{COMPANIES}{one}/team/", json={"email": "carl@two.io"}, headers=jane
    )
    assert invited.status_code == 201
    assert await company_of(client, carl) == two
    refused = await client.post(f"{INVITATIONS}{invited.json()['id']}/accept/", headers=carl)
    assert refused.status_code == 409
    assert "1 follower" in refused.json()["detail"]
    assert "a company profile" in refused.json()["detail"]
    detail = (await client.get(f"{COMPANIES}{two}/")).json()
    assert detail["description"] == "We build things" and detail["followers_count"] == 1
    assert await company_of(client, carl) == two
    for _ in range(300):  # he was told of the invitation
        if "team_invitation" in {n["type"] for n in await notifications(client, carl)}:
            break
        await asyncio.sleep(0.05)
    # He declines; the admin is told; the invitation is closed.
    declined = await client.post(f"{INVITATIONS}{invited.json()['id']}/decline/", headers=carl)
    assert declined.json()["status"] == "declined"
    assert (await client.get(INVITATIONS, headers=carl)).json()["results"] == []
    for _ in range(300):
        types = {n["type"] for n in await notifications(client, jane)}
        if "team_invitation_answered" in types:
            break
        await asyncio.sleep(0.05)
    assert "team_invitation_answered" in types
    assert "team_invitation" in {n["type"] for n in await notifications(client, carl)}
    # An admin may withdraw an invitation; a withdrawn one cannot be accepted.
    again = await client.post(
        f"{COMPANIES}{one}/team/", json={"email": "carl@two.io"}, headers=jane
    )
    invitation = again.json()["id"]
    assert (
        await client.delete(f"{COMPANIES}{one}/invitations/{invitation}/", headers=carl)
    ).status_code == 403
    assert (
        await client.delete(f"{COMPANIES}{one}/invitations/{invitation}/", headers=jane)
    ).status_code == 204
    assert (await client.post(f"{INVITATIONS}{invitation}/accept/", headers=carl)).status_code == (
        409
    )


async def test_a_member_leaves_and_starts_a_company_of_their_own(
    client: AsyncTestClient[Litestar], teams: dict[str, Any]
) -> None:
    jane, bob = teams["jane"], teams["bob"]
    one = await company_of(client, jane)
    bob_id = (await client.get(f"{API}/users/me/", headers=bob)).json()["id"]
    assert (await client.delete(f"{COMPANIES}{one}/team/{bob_id}/", headers=bob)).status_code == 204
    assert await company_of(client, bob) is None
    assert (await client.post(JOBS, json={"title": "X"}, headers=bob)).status_code == 403
    taken = await client.post(COMPANIES, json={"name": "companyone"}, headers=bob)
    assert taken.status_code == 400
    assert "already exists" in taken.json()["errors"]["name"][0]
    created = await client.post(COMPANIES, json={"name": "Bob Builders"}, headers=bob)
    assert created.status_code == 201, created.text
    assert created.json()["team_members"][0]["is_admin"] is True
    assert await company_of(client, bob) == created.json()["id"]
    assert (await client.post(COMPANIES, json={"name": "Other"}, headers=bob)).status_code == 409
    assert (
        await client.post(COMPANIES, json={"name": "Other"}, headers=teams["john"])
    ).status_code == (403)


async def test_company_names_cannot_impersonate(
    client: AsyncTestClient[Litestar], teams: dict[str, Any]
) -> None:
    jane, carl = teams["jane"], teams["carl"]
    two = await company_of(client, carl)
    for name in ("CompanyOne", "companyone", "  COMPANYONE "):
        response = await client.patch(f"{COMPANIES}{two}/", json={"name": name}, headers=carl)
        assert response.status_code == 400, name
        assert response.json()["errors"]["name"] == [
            "A company with this name already exists (names are compared ignoring case)."
        ]
    assert (await client.get(f"{COMPANIES}{two}/")).json()["name"] == "CompanyTwo"
    one = await company_of(client, jane)
    # A company may change the case of its own name.
    response = await client.patch(f"{COMPANIES}{one}/", json={"name": "Companyone"}, headers=jane)
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "Companyone"


async def test_logout_and_refresh_reuse_end_the_access_token(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    await signed_in(client, outbox, "john_doe", "john@example.com")
    me = f"{API}/users/me/"
    # Logout: the session's access token stops at once.
    tokens = await login(client)
    other = await login(client)  # another device: another session, untouched
    assert (await client.get(me, headers=bearer(tokens["access"]))).status_code == 200
    out = await client.post(f"{API}/auth/logout/", json={"refresh": tokens["refresh"]})
    assert out.status_code == 200
    assert (await client.get(me, headers=bearer(tokens["access"]))).status_code == 401
    verify = await client.post(f"{API}/auth/token/verify/", json={"token": tokens["access"]})
    assert verify.status_code == 401
    assert (await client.get(me, headers=bearer(other["access"]))).status_code == 200

    # Reuse of a rotated refresh token: the whole session ends, rotated tokens included.
    first = await login(client)
    rotated = (
        await client.post(f"{API}/auth/token/refresh/", json={"refresh": first["refresh"]})
    ).json()
    assert (await client.get(me, headers=bearer(rotated["access"]))).status_code == 200
    reuse = await client.post(f"{API}/auth/token/refresh/", json={"refresh": first["refresh"]})
    assert reuse.status_code == 401
    for access in (first["access"], rotated["access"]):
        assert (await client.get(me, headers=bearer(access))).status_code == 401
    assert (await client.get(me, headers=bearer(other["access"]))).status_code == 200


async def test_migration_0009_keeps_sessions_and_shared_names(
    client: AsyncTestClient[Litestar], teams: dict[str, Any], database_url: str
) -> None:
    """Sessions opened before 0009 keep working after it (ended ones stay ended), and two
    companies that already shared a name both survive it; down and up again loses nothing."""
    import sqlalchemy as sa
    from alembic import command

    from adapters.persistence.database import sync_url
    from adapters.persistence.migrate import alembic_config, upgrade

    me = f"{API}/users/me/"
    live = await login(client, "john_doe")
    ended = await login(client, "john_doe")
    await client.post(f"{API}/auth/logout/", json={"refresh": ended["refresh"]})
    command.downgrade(alembic_config(database_url), "0008_location_words_indexed")
    engine = sa.create_engine(sync_url(database_url))
    with engine.begin() as conn:
        carl_company = conn.execute(sa.text("SELECT id FROM companies WHERE name = 'CompanyTwo'"))
        twin = carl_company.scalar_one()
        conn.execute(
            sa.text("UPDATE companies SET name = 'companyone' WHERE id = :id"), {"id": twin}
        )
    upgrade(database_url)
    with engine.connect() as conn:
        keys = dict(conn.execute(sa.text("SELECT name, name_key FROM companies ORDER BY id")).all())
    engine.dispose()
    assert keys["CompanyOne"] == "companyone"
    assert keys["companyone"] == f"companyone#{twin}"
    assert (await client.get(me, headers=bearer(live["access"]))).status_code == 200
    assert (await client.get(me, headers=bearer(ended["access"]))).status_code == 401
    refreshed = await client.post(f"{API}/auth/token/refresh/", json={"refresh": live["refresh"]})
    assert refreshed.status_code == 200
    # The twin keeps its name and may edit other fields, but no company may take the name.
    carl = teams["carl"]
    kept = await client.patch(
        f"{COMPANIES}{twin}/", json={"name": "companyone", "industry": "Tech"}, headers=carl
    )
    assert kept.status_code == 200, kept.text
    taken = await client.patch(f"{COMPANIES}{twin}/", json={"name": "COMPANYONE"}, headers=carl)
    assert taken.status_code == 400
