"""Companies over HTTP: browsing, editing, the team, followers."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import Outbox, signed_in

COMPANIES = "/companies/api/v1/companies/"


async def _company_id(client: AsyncTestClient[Litestar], who: dict[str, str]) -> int:
    me = await client.get("/accounts/api/v1/recruiter-profiles/me/", headers=who)
    return int(me.json()["company"]["id"])


async def test_browse_edit_team_and_follow(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    jane = await signed_in(
        client,
        outbox,
        "rh_jane",
        "jane@corp.io",
        user_type="recruiter",
        company_name="Tech Corp",
        first_name="Jane",
        last_name="Smith",
    )
    bob = await signed_in(client, outbox, "rh_bob", "bob@corp.io", user_type="recruiter")
    eve = await signed_in(
        client, outbox, "rh_eve", "eve@other.io", user_type="recruiter", company_name="Other Inc"
    )
    zoe = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    company = await _company_id(client, jane)
    url = f"{COMPANIES}{company}/"

    edit = {
        "description": "Leading technology company specializing in AI",
        "industry": "Technology",
        "location": "Paris, France",
        "website": "https://techcorp.com",
        "employee_count": "100-500",
        "founded_year": 2010,
        "logo": "https://cdn.techcorp.com/logo.png",
    }
    for who in (eve, zoe, bob):
        assert (await client.patch(url, json=edit, headers=who)).status_code == 403
    assert (await client.patch(url, json=edit)).status_code == 401
    response = await client.patch(url, json=edit, headers=jane)
    assert response.status_code == 200, response.text
    for bad in (
        {"founded_year": 3000},
        {"website": "not a url"},
        {"employee_count": "lots"},
        {"name": ""},
        {"slug": "x"},
        {"admin_id": 5},
    ):
        response = await client.patch(url, json=bad, headers=jane)
        assert response.status_code == 400, bad

    await client.post(
        "/jobs/api/v1/jobs/",
        json={"title": "Senior Python Developer", "location": "Paris, France"},
        headers=jane,
    )
    listing = (await client.get(f"{COMPANIES}?search=technology&industry=technology")).json()
    assert listing["count"] == 1
    entry = listing["results"][0]
    assert (entry["name"], entry["slug"], entry["active_jobs_count"]) == (
        "Tech Corp",
        "tech-corp",
        1,
    )
    assert entry["employee_count"] == "100-500"
    assert (await client.get(f"{COMPANIES}?location=lyon")).json()["count"] == 0
    assert (await client.get(f"{COMPANIES}?limit=1")).json()["next"] is not None
    assert (await client.get(f"{COMPANIES}?page=0")).status_code == 400

    # Team: Bob's untouched solo company gives way; Eve's company has a job, so she cannot.
    await client.post("/jobs/api/v1/jobs/", json={"title": "Designer"}, headers=eve)
    add = f"{url}team/"
    assert (await client.post(add, json={"email": "bob@corp.io"}, headers=eve)).status_code == 403
    response = await client.post(
        add, json={"email": "bob@corp.io", "role": "HR Manager"}, headers=jane
    )
    assert response.status_code == 201, response.text
    members = {m["user"]["username"]: m for m in response.json()["team_members"]}
    assert members["rh_bob"]["role"] == "HR Manager"
    assert members["rh_jane"]["user"]["full_name"] == "Jane Smith"
    assert members["rh_jane"]["is_admin"] is True
    assert (await client.post(add, json={"email": "bob@corp.io"}, headers=jane)).status_code == 409
    assert (await client.post(add, json={"email": "eve@other.io"}, headers=jane)).status_code == 409
    assert (
        await client.post(add, json={"email": "zoe@example.com"}, headers=jane)
    ).status_code == 400
    assert (await _company_id(client, bob)) == company
    # Bob now posts for Tech Corp; Jane (admin) may edit Bob's job.
    job = (await client.post("/jobs/api/v1/jobs/", json={"title": "QA"}, headers=bob)).json()
    assert (
        await client.patch(
            f"/jobs/api/v1/jobs/{job['id']}/", json={"location": "Lyon"}, headers=jane
        )
    ).status_code == 200

    bob_id = members["rh_bob"]["user"]["id"]
    jane_id = members["rh_jane"]["user"]["id"]
    assert (await client.delete(f"{url}team/{bob_id}/", headers=bob)).status_code == 403
    assert (await client.delete(f"{url}team/{jane_id}/", headers=jane)).status_code == 409
    assert (await client.delete(f"{url}team/{bob_id}/", headers=jane)).status_code == 204
    assert (await client.delete(f"{url}team/{bob_id}/", headers=jane)).status_code == 404
    detail = (await client.get(url)).json()
    assert [m["user"]["username"] for m in detail["team_members"]] == ["rh_jane"]
    assert {j["title"] for j in detail["active_jobs"]} == {"Senior Python Developer", "QA"}
    assert (
        await client.post("/jobs/api/v1/jobs/", json={"title": "X"}, headers=bob)
    ).status_code == 403

    # Followers: candidates only, idempotent.
    follow = f"{url}follow/"
    assert (await client.post(follow, headers=jane)).status_code == 403
    assert (await client.post(follow)).status_code == 401
    assert (await client.post(follow, headers=zoe)).json() == {"following": True}
    assert (await client.post(follow, headers=zoe)).status_code == 200
    assert (await client.get(url)).json()["followers_count"] == 1
    assert (await client.delete(follow, headers=zoe)).json() == {"following": False}
    assert (await client.get(url)).json()["followers_count"] == 0
    assert (await client.post(f"{COMPANIES}99999/follow/", headers=zoe)).status_code == 404
    assert (await client.get(f"{COMPANIES}99999/")).status_code == 404
