"""Companies over HTTP: browsing, editing, the team, followers."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import Outbox, signed_in

COMPANIES = "/companies/api/v1/companies/"
INVITATIONS = "/companies/api/v1/invitations/"


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

    # Team: an invitation, which Bob accepts; his untouched company of one gives way.
    await client.post("/jobs/api/v1/jobs/", json={"title": "Designer"}, headers=eve)
    add = f"{url}team/"
    assert (await client.post(add, json={"email": "bob@corp.io"}, headers=eve)).status_code == 403
    response = await client.post(
        add, json={"email": "bob@corp.io", "role": "HR Manager"}, headers=jane
    )
    assert response.status_code == 201, response.text
    invitation = response.json()
    assert invitation["status"] == "pending"
    assert invitation["company"]["name"] == "Tech Corp"
    assert invitation["user"]["username"] == "rh_bob"
    assert invitation["role"] == "HR Manager"
    assert (await client.post(add, json={"email": "bob@corp.io"}, headers=jane)).status_code == 409
    assert (
        await client.post(add, json={"email": "zoe@example.com"}, headers=jane)
    ).status_code == 400
    bob_old_company = await _company_id(client, bob)
    assert bob_old_company != company  # nothing changes before he accepts
    assert [i["id"] for i in (await client.get(INVITATIONS, headers=bob)).json()["results"]] == [
        invitation["id"]
    ]
    accept = f"{INVITATIONS}{invitation['id']}/accept/"
    assert (await client.post(accept, headers=eve)).status_code == 404
    response = await client.post(accept, headers=bob)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"
    assert (await client.post(accept, headers=bob)).status_code == 409
    assert (await _company_id(client, bob)) == company
    assert (await client.get(f"{COMPANIES}{bob_old_company}/")).status_code == 404
    members = {m["user"]["username"]: m for m in (await client.get(url)).json()["team_members"]}
    assert members["rh_bob"]["role"] == "HR Manager"
    assert members["rh_jane"]["user"]["full_name"] == "Jane Smith"
    assert members["rh_jane"]["is_admin"] is True
    # Eve administers a company with a job: she can be invited but cannot leave it.
    response = await client.post(add, json={"email": "eve@other.io"}, headers=jane)
    assert response.status_code == 201
    refused = await client.post(f"{INVITATIONS}{response.json()['id']}/accept/", headers=eve)
    assert refused.status_code == 409
    assert "1 job" in refused.json()["detail"]
    assert (await client.get(f"{url}invitations/", headers=jane)).json()["results"][0]["user"][
        "username"
    ] == "rh_eve"
    assert (await client.get(f"{url}invitations/", headers=eve)).status_code == 403

    # Bob now posts for Tech Corp; Jane (admin) may edit Bob's job.
    job = (await client.post("/jobs/api/v1/jobs/", json={"title": "QA"}, headers=bob)).json()
    assert (
        await client.patch(
            f"/jobs/api/v1/jobs/{job['id']}/", json={"location": "Lyon"}, headers=jane
        )
    ).status_code == 200
    bob_id = members["rh_bob"]["user"]["id"]
    jane_id = members["rh_jane"]["user"]["id"]
    assert (await client.delete(f"{url}team/{jane_id}/", headers=bob)).status_code == 403
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


async def test_the_slug_follows_a_rename_and_old_links_still_work(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", first_name="Jane",
        last_name="Smith",
    )  # fmt: skip
    company = await _company_id(client, jane)
    url = f"{COMPANIES}{company}/"
    assert (await client.get(url)).json()["slug"] == "jane-smith-s-company"
    renamed = await client.patch(url, json={"name": "Tech Corp"}, headers=jane)
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["slug"] == "tech-corp"
    job = await client.post("/jobs/api/v1/jobs/", json={"title": "QA"}, headers=jane)
    assert job.json()["slug"] == "qa-tech-corp"  # new jobs use the new slug
    for slug in ("tech-corp", "jane-smith-s-company", "TECH-CORP"):
        found = await client.get(f"{COMPANIES}by-slug/{slug}/")
        assert found.status_code == 200, slug
        assert (found.json()["id"], found.json()["slug"]) == (company, "tech-corp")
    assert (await client.get(f"{COMPANIES}by-slug/nobody/")).status_code == 404
    # The old slug is not given to anyone else: it still leads to Tech Corp.
    await signed_in(
        client, outbox, "rh_jane2", "jane2@corp.io", user_type="recruiter", first_name="Jane",
        last_name="Smith", company_name="Jane Smith's company",
    )  # fmt: skip
    assert (await client.get(f"{COMPANIES}by-slug/jane-smith-s-company/")).json()["id"] == company
    # Back to the first name: the first slug is current again.
    back = await client.patch(url, json={"name": "Jane Smith's Company"}, headers=jane)
    assert back.status_code == 400  # taken by the other company now (names are unique)
    other = await client.patch(url, json={"name": "Tech Corporation"}, headers=jane)
    assert other.json()["slug"] == "tech-corporation"
    assert (await client.get(f"{COMPANIES}by-slug/tech-corp/")).json()["id"] == company
