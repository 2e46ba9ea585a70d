"""Candidate and recruiter profiles over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import io

from litestar import Litestar
from litestar.testing import AsyncTestClient
from pypdf import PdfReader

from tests.integration.conftest import Outbox, signed_in

API = "/accounts/api/v1"


async def test_candidate_builds_a_profile_and_downloads_a_cv(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    me = await signed_in(
        client, outbox, "zoe_dev", "zoe@example.com", first_name="Zoé", last_name="Martin"
    )
    response = await client.get(f"{API}/candidate-profiles/me/", headers=me)
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["user"]["username"] == "zoe_dev"
    assert profile["skills"] == [] and profile["cv_file"] is None

    response = await client.patch(
        f"{API}/candidate-profiles/me/",
        json={
            "skills": ["Python", "Django", "python", " React ", "PostgreSQL", "DJANGO"],
            "bio": "Backend developer.",
            "headline": "Senior Python Developer",
            "expected_salary_min": 55000,
            "expected_salary_max": 70000,
            "preferred_contract_types": ["full_time"],
            "remote_preference": "hybrid",
            "preferred_locations": ["Paris", "Lyon"],
            "industries": ["Technology"],
        },
        headers=me,
    )
    assert response.status_code == 200, response.text
    assert response.json()["skills"] == ["Python", "Django", "React", "PostgreSQL"]
    assert response.json()["bio"] == "Backend developer."

    work = await client.post(
        f"{API}/work-experiences/",
        json={
            "company": "Tech Corp",
            "position": "Senior Software Engineer",
            "start_date": "2020-01-01",
            "end_date": None,
            "contract_type": "full_time",
            "description": "Led development of microservices architecture...",
        },
        headers=me,
    )
    assert work.status_code == 201, work.text
    older = await client.post(
        f"{API}/work-experiences/",
        json={
            "company": "Startup",
            "position": "Developer",
            "start_date": "2016-01-01",
            "end_date": "2019-12-31",
        },
        headers=me,
    )
    assert older.status_code == 201
    education = await client.post(
        f"{API}/educations/",
        json={
            "institution": "MIT",
            "degree": "Master's in Computer Science",
            "field_of_study": "Artificial Intelligence",
            "start_date": "2018-09-01",
            "end_date": "2020-06-30",
            "gpa": 3.8,
        },
        headers=me,
    )
    assert education.status_code == 201, education.text
    project = await client.post(
        f"{API}/projects/",
        json={
            "name": "E-commerce Platform",
            "description": "Full-stack e-commerce solution...",
            "technologies": ["Django", "React", "PostgreSQL", "react"],
        },
        headers=me,
    )
    assert project.status_code == 201, project.text
    assert project.json()["technologies"] == ["Django", "React", "PostgreSQL"]

    profile = (await client.get(f"{API}/candidate-profiles/me/", headers=me)).json()
    assert [w["company"] for w in profile["work_experiences"]] == ["Tech Corp", "Startup"]
    assert profile["educations"][0]["gpa"] == 3.8
    assert profile["projects"][0]["name"] == "E-commerce Platform"
    assert profile["years_of_experience_is_derived"] is True
    assert profile["years_of_experience"] >= 10  # 2016 → today, no gap counted twice

    response = await client.post(f"{API}/candidate-profiles/me/generate-cv/", headers=me)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["message"] == "CV generated successfully"
    pdf = await client.get(body["cv_url"].replace("http://testserver.local", ""), headers=me)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in (
        "Zoé Martin",
        "Senior Software Engineer",
        "Tech Corp",
        "MIT",
        "E-commerce Platform",
        "PostgreSQL",
        "Artificial Intelligence",
    ):
        assert expected in text, expected
    profile = (await client.get(f"{API}/candidate-profiles/me/", headers=me)).json()
    assert profile["cv_file"] == body["cv_url"]


async def test_entries_validation_and_ownership(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    me = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    other = await signed_in(client, outbox, "max_dev", "max@example.com")
    bad = [
        (
            f"{API}/work-experiences/",
            {"company": "A", "position": "B", "start_date": "2021-01-01", "end_date": "2020-01-01"},
            "end_date",
        ),
        (f"{API}/educations/", {"institution": "X", "start_date": "2999-09-01"}, "start_date"),
        (f"{API}/educations/", {"institution": "X", "start_date": "2010-09-01", "gpa": 4.7}, "gpa"),
        (
            f"{API}/work-experiences/",
            {"company": "A", "position": "B", "start_date": "not-a-date"},
            "start_date",
        ),
        (f"{API}/work-experiences/", {"company": "A", "start_date": "2020-01-01"}, "position"),
        (f"{API}/projects/", {"name": "P", "url": "javascript:alert(1)"}, "url"),
    ]
    for path, body, field in bad:
        response = await client.post(path, json=body, headers=me)
        assert response.status_code == 400, (body, response.text)
        assert field in response.json()["errors"], response.json()

    created = await client.post(
        f"{API}/work-experiences/",
        json={"company": "A", "position": "B", "start_date": "2020-01-01"},
        headers=me,
    )
    entry_id = created.json()["id"]
    # Someone else's entry does not exist for them.
    for method in ("patch", "delete"):
        kwargs = {"json": {"company": "Stolen"}} if method == "patch" else {}
        response = await getattr(client, method)(
            f"{API}/work-experiences/{entry_id}/", headers=other, **kwargs
        )
        assert response.status_code == 404
    listed = await client.get(f"{API}/work-experiences/", headers=other)
    assert listed.json()["results"] == []
    # A patch that would break the rules is refused and changes nothing.
    response = await client.patch(
        f"{API}/work-experiences/{entry_id}/", json={"end_date": "2019-01-01"}, headers=me
    )
    assert response.status_code == 400
    response = await client.patch(
        f"{API}/work-experiences/{entry_id}/", json={"end_date": "2022-06-30"}, headers=me
    )
    assert response.json()["end_date"] == "2022-06-30"
    assert (
        await client.delete(f"{API}/work-experiences/{entry_id}/", headers=me)
    ).status_code == 204
    assert (await client.get(f"{API}/work-experiences/", headers=me)).json()["results"] == []


async def test_profile_roles_are_enforced(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    candidate = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    recruiter = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    assert (await client.get(f"{API}/candidate-profiles/me/", headers=recruiter)).status_code == 403
    assert (
        await client.post(
            f"{API}/work-experiences/",
            headers=recruiter,
            json={"company": "A", "position": "B", "start_date": "2020-01-01"},
        )
    ).status_code == 403
    assert (await client.get(f"{API}/recruiter-profiles/me/", headers=candidate)).status_code == 403
    assert (await client.get(f"{API}/candidate-profiles/me/")).status_code == 401
    response = await client.patch(
        f"{API}/candidate-profiles/me/", json={"reputation_score": 100}, headers=candidate
    )
    assert response.status_code == 400
    assert "reputation_score" in response.json()["errors"]


async def test_cv_upload_checks_content(client: AsyncTestClient[Litestar], outbox: Outbox) -> None:
    me = await signed_in(client, outbox, "zoe_dev", "zoe@example.com")
    other = await signed_in(client, outbox, "max_dev", "max@example.com")
    fake = await client.post(
        f"{API}/candidate-profiles/me/cv/",
        files={"cv_file": ("cv.pdf", b"MZ\x90\x00 this is an exe", "application/pdf")},
        headers=me,
    )
    assert fake.status_code == 400
    assert "cv_file" in fake.json()["errors"]
    real_pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    ok = await client.post(
        f"{API}/candidate-profiles/me/cv/",
        files={"cv_file": ("resume.bin", real_pdf, "application/octet-stream")},
        headers=me,
    )
    assert ok.status_code == 201, ok.text
    url = ok.json()["cv_url"].replace("http://testserver.local", "")
    assert (await client.get(url, headers=me)).content == real_pdf
    assert (await client.get(url, headers=other)).status_code == 403
    assert (await client.get(url)).status_code == 401
    huge = b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024) + b"\n%%EOF"
    response = await client.post(
        f"{API}/candidate-profiles/me/cv/",
        files={"cv_file": ("cv.pdf", huge, "application/pdf")},
        headers=me,
    )
    assert response.status_code in (400, 413)


async def test_recruiter_profile_counts_real_jobs(
    client: AsyncTestClient[Litestar], outbox: Outbox
) -> None:
    recruiter = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    profile = (await client.get(f"{API}/recruiter-profiles/me/", headers=recruiter)).json()
    assert profile["company"]["name"] == "Tech Corp"
    assert (profile["total_hires"], profile["active_jobs"]) == (0, 0)
    for title in ("Python Developer", "Data Engineer"):
        response = await client.post("/jobs/api/v1/jobs/", json={"title": title}, headers=recruiter)
        assert response.status_code == 201, response.text
    response = await client.patch(
        f"{API}/recruiter-profiles/me/",
        json={"hiring_needs": "Looking for senior developers...", "bio": "Experienced recruiter"},
        headers=recruiter,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["hiring_needs"] == "Looking for senior developers..."
    assert body["bio"] == "Experienced recruiter"
    assert body["active_jobs"] == 2
