"""The application pipeline and notifications over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.integration.conftest import Outbox, signed_in

APPS = "/applications/api/v1/applications/"
NOTES = "/notifications/api/v1/notifications/"


@pytest.fixture
async def world(client: AsyncTestClient[Litestar], outbox: Outbox) -> dict[str, Any]:
    jane = await signed_in(
        client, outbox, "rh_jane", "jane@corp.io", user_type="recruiter", company_name="Tech Corp"
    )
    eve = await signed_in(
        client, outbox, "rh_eve", "eve@other.io", user_type="recruiter", company_name="Other Inc"
    )
    john = await signed_in(
        client, outbox, "john_doe", "john@example.com", first_name="John", last_name="Doe"
    )
    max_ = await signed_in(client, outbox, "max_dev", "max@example.com")
    job = await client.post(
        "/jobs/api/v1/jobs/", json={"title": "Senior Python Developer"}, headers=jane
    )
    assert job.status_code == 201
    return {"jane": jane, "eve": eve, "john": john, "max": max_, "job": job.json()["id"]}


async def wait_for_notifications(
    client: AsyncTestClient[Litestar], who: dict[str, str], count: int, timeout: float = 15
) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        body = (await client.get(NOTES, headers=who)).json()
        if body["count"] >= count:
            return dict(body)
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.05)


async def test_the_whole_pipeline(
    client: AsyncTestClient[Litestar], outbox: Outbox, world: dict[str, Any]
) -> None:
    john, jane = world["john"], world["jane"]
    response = await client.post(
        APPS,
        json={"job": world["job"], "cover_letter": "I am interested in this position..."},
        headers=john,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["job"] == {"id": world["job"], "title": "Senior Python Developer"}
    assert created["candidate"]["username"] == "john_doe"
    assert created["candidate"]["full_name"] == "John Doe"
    assert created["status"] == "pending"
    app_id = created["id"]
    again = await client.post(APPS, json={"job": world["job"]}, headers=john)
    assert again.status_code == 409

    # The recruiter hears about it.
    recruiter_notes = await wait_for_notifications(client, jane, 1)
    assert recruiter_notes["results"][0]["type"] == "new_application"

    listing = (await client.get(f"{APPS}job/{world['job']}/", headers=jane)).json()
    assert listing["count"] == 1
    row = listing["results"][0]
    assert row["candidate"]["username"] == "john_doe"
    assert row["match_score"] is None or 0 <= row["match_score"] <= 100  # computed in background
    assert row["test_submission"] is None
    assert row["cover_letter"] == "I am interested in this position..."

    # Skipping a stage is refused, naming what is allowed.
    response = await client.patch(
        f"{APPS}{app_id}/status/", json={"status": "accepted"}, headers=jane
    )
    assert response.status_code == 400
    assert "reviewed" in response.json()["errors"]["status"][0]

    for stage in ("reviewed", "shortlisted", "interview", "accepted"):
        response = await client.patch(
            f"{APPS}{app_id}/status/",
            json={"status": stage, "notes": f"private: {stage}"},
            headers=jane,
        )
        assert response.status_code == 200, response.text
        assert response.json()["status"] == stage
        assert response.json()["notes"] == f"private: {stage}"
    response = await client.patch(
        f"{APPS}{app_id}/status/", json={"status": "interview"}, headers=jane
    )
    assert response.status_code == 400  # from accepted, only a rejection
    assert response.json()["errors"]["status"] == [
        "An application that is accepted can move to rejected, not to interview."
    ]

    mine = (await client.get(f"{APPS}my-applications/", headers=john)).json()
    assert mine["count"] == 1
    assert mine["results"][0]["status"] == "accepted"
    assert mine["results"][0]["job"]["company"]["name"] == "Tech Corp"
    assert (await client.get(f"{APPS}my-applications/?status=pending", headers=john)).json()[
        "count"
    ] == 0

    timeline = (await client.get(f"{APPS}{app_id}/history/", headers=john)).json()["results"]
    assert [e["to_status"] for e in timeline] == [
        "pending",
        "reviewed",
        "shortlisted",
        "interview",
        "accepted",
    ]
    assert all("notes" not in e and "changed_by" not in e for e in timeline)
    history = (await client.get(f"{APPS}{app_id}/history/", headers=jane)).json()["results"]
    assert history[-1]["notes"] == "private: accepted"
    assert history[-1]["from_status"] == "interview"

    # The candidate saw every change arrive, and got e-mails for them.
    notes = await wait_for_notifications(client, john, 4)
    assert {n["type"] for n in notes["results"]} == {"application_status_changed"}
    assert notes["unread_count"] == 4
    assert any("accepted" in n["message"] for n in notes["results"])
    await outbox.wait_for("john@example.com", count=5)  # activation + 4 status e-mails
    await asyncio.sleep(0.3)
    assert len(outbox.to("john@example.com")) == 5

    first = notes["results"][0]["id"]
    response = await client.patch(f"{NOTES}{first}/read/", headers=world["max"])
    assert response.status_code == 404
    response = await client.patch(f"{NOTES}{first}/read/", headers=john)
    assert response.json()["is_read"] is True
    assert response.json()["read_at"] is not None
    unread = (await client.get(f"{NOTES}?unread_only=true", headers=john)).json()
    assert unread["count"] == 3
    marked = (await client.post(f"{NOTES}mark-all-read/", headers=john)).json()
    assert marked == {"message": "All notifications marked as read", "updated_count": 3}
    assert (await client.get(NOTES, headers=john)).json()["unread_count"] == 0
    assert (await client.get(f"{NOTES}?type=bogus", headers=john)).status_code == 400

    # An offer can still be withdrawn: accepted → rejected, in the history; then it is final.
    response = await client.patch(
        f"{APPS}{app_id}/status/", json={"status": "rejected", "notes": "budget cut"}, headers=jane
    )
    assert response.status_code == 200, response.text
    history = (await client.get(f"{APPS}{app_id}/history/", headers=jane)).json()["results"]
    assert (history[-1]["from_status"], history[-1]["to_status"]) == ("accepted", "rejected")
    response = await client.patch(
        f"{APPS}{app_id}/status/", json={"status": "accepted"}, headers=jane
    )
    assert response.status_code == 400
    assert "final" in response.json()["detail"]


async def test_refused_roles(client: AsyncTestClient[Litestar], world: dict[str, Any]) -> None:
    response = await client.post(APPS, json={"job": world["job"]}, headers=world["john"])
    app_id = response.json()["id"]
    assert (
        await client.post(APPS, json={"job": world["job"]}, headers=world["jane"])
    ).status_code == 403
    assert (await client.post(APPS, json={"job": world["job"]})).status_code == 401
    assert (await client.post(APPS, json={"job": 999999}, headers=world["max"])).status_code == 400
    # Jobs are public: a job's applicants are refused (403). An application is not: to anyone
    # but its candidate and the job's managers it does not exist (404); its candidate may see
    # it but not move it (403).
    for who, code in (("eve", 404), ("max", 404), ("john", 403)):
        response = await client.get(f"{APPS}job/{world['job']}/", headers=world[who])
        assert response.status_code == 403, who
        response = await client.patch(
            f"{APPS}{app_id}/status/", json={"status": "reviewed"}, headers=world[who]
        )
        assert response.status_code == code, who
    assert (await client.get(f"{APPS}job/{world['job']}/")).status_code == 401
    for who in ("max", "eve"):
        response = await client.get(f"{APPS}{app_id}/history/", headers=world[who])
        assert response.status_code == 404, who
        assert "cover" not in response.text
        response = await client.get(f"{APPS}{app_id}/interviews/", headers=world[who])
        assert response.status_code == 404, who
    assert (await client.get(f"{APPS}999999/history/", headers=world["max"])).status_code == 404
    assert (await client.post(f"{APPS}{app_id}/withdraw/", headers=world["max"])).status_code == 404
    assert (await client.get(f"{APPS}my-applications/", headers=world["jane"])).status_code == 403
    assert (await client.get(NOTES)).status_code == 401
    for bad in ("status=hired", "job=abc", "page=0"):
        response = await client.get(f"{APPS}my-applications/?{bad}", headers=world["john"])
        assert response.status_code == 400, bad


async def test_withdraw_and_job_deletion_cancel(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    john_app = (await client.post(APPS, json={"job": world["job"]}, headers=world["john"])).json()
    max_app = (await client.post(APPS, json={"job": world["job"]}, headers=world["max"])).json()
    response = await client.post(f"{APPS}{john_app['id']}/withdraw/", headers=world["john"])
    assert response.json()["status"] == "withdrawn"
    assert (
        await client.post(f"{APPS}{john_app['id']}/withdraw/", headers=world["john"])
    ).status_code == 409
    response = await client.patch(
        f"{APPS}{john_app['id']}/status/", json={"status": "reviewed"}, headers=world["jane"]
    )
    assert response.status_code == 400

    assert (
        await client.delete(f"/jobs/api/v1/jobs/{world['job']}/", headers=world["jane"])
    ).status_code == 204
    mine = (await client.get(f"{APPS}my-applications/", headers=world["max"])).json()
    assert mine["results"][0]["status"] == "cancelled"
    notes = await wait_for_notifications(client, world["max"], 1)
    assert "cancelled" in notes["results"][0]["message"]
    timeline = (await client.get(f"{APPS}{max_app['id']}/history/", headers=world["max"])).json()[
        "results"
    ]
    assert timeline[-1]["to_status"] == "cancelled"
    response = await client.post(APPS, json={"job": world["job"]}, headers=world["john"])
    assert response.status_code == 400  # the job no longer takes applications


async def test_concurrent_duplicate_applications_give_one(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    responses = await asyncio.gather(
        *(client.post(APPS, json={"job": world["job"]}, headers=world["john"]) for _ in range(20))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 19, [r.text for r in responses if r.status_code >= 500]
    listing = (await client.get(f"{APPS}job/{world['job']}/", headers=world["jane"])).json()
    assert listing["count"] == 1


async def test_followers_hear_about_new_jobs_and_preferences_apply(
    client: AsyncTestClient[Litestar], outbox: Outbox, world: dict[str, Any]
) -> None:
    me = await client.get("/accounts/api/v1/recruiter-profiles/me/", headers=world["jane"])
    company = me.json()["company"]["id"]
    await client.post(f"/companies/api/v1/companies/{company}/follow/", headers=world["max"])
    prefs = await client.get("/notifications/api/v1/preferences/", headers=world["max"])
    assert "job_posted" not in prefs.json()["email_types"]
    response = await client.patch(
        "/notifications/api/v1/preferences/",
        json={"email_types": ["job_posted"]},
        headers=world["max"],
    )
    assert response.status_code == 200
    bad = await client.patch(
        "/notifications/api/v1/preferences/", json={"email_types": ["spam"]}, headers=world["max"]
    )
    assert bad.status_code == 400
    await client.post("/jobs/api/v1/jobs/", json={"title": "Data Engineer"}, headers=world["jane"])
    notes = await wait_for_notifications(client, world["max"], 1)
    assert notes["results"][0]["type"] == "job_posted"
    assert "Data Engineer" in notes["results"][0]["message"]
    mail = await outbox.wait_for("max@example.com", count=2)
    assert "Data Engineer" in Outbox.text(mail)
    assert (await client.get(NOTES, headers=world["john"])).json()["count"] == 0


async def test_redelivered_event_notifies_once(
    app: Litestar, client: AsyncTestClient[Litestar], outbox: Outbox, world: dict[str, Any]
) -> None:
    """A worker that crashed after handling an event but before marking it done gets it again:
    the unique (event, user) key makes the second run a no-op — no notification, no e-mail."""
    from sqlalchemy import select, update
    from sqlalchemy.ext.asyncio import AsyncEngine

    from adapters.messaging.dramatiq_tasks import TaskSystem
    from adapters.messaging.routes import Dispatch
    from adapters.persistence.tables.outbox import outbox as outbox_table

    await client.post(APPS, json={"job": world["job"]}, headers=world["john"])
    await wait_for_notifications(client, world["jane"], 1)
    await outbox.wait_for("jane@corp.io", count=2)  # activation + new application
    engine = await app.state.dishka_container.get(AsyncEngine)
    async with engine.begin() as conn:
        task_id = (
            await conn.execute(
                select(outbox_table.c.id).where(
                    outbox_table.c.name == "notifications.new_application"
                )
            )
        ).scalar_one()
        await conn.execute(
            update(outbox_table).where(outbox_table.c.id == task_id).values(completed_at=None)
        )
    tasks = await app.state.dishka_container.get(TaskSystem)
    await tasks.publish([Dispatch(task_id, "default"), Dispatch(task_id, "default")])
    for _ in range(100):
        async with engine.connect() as conn:
            done = (
                await conn.execute(
                    select(outbox_table.c.completed_at).where(outbox_table.c.id == task_id)
                )
            ).scalar_one()
        if done is not None:
            break
        await asyncio.sleep(0.05)
    assert done is not None
    await asyncio.sleep(0.3)
    assert (await client.get(NOTES, headers=world["jane"])).json()["count"] == 1
    assert len(outbox.to("jane@corp.io")) == 2


async def test_interviews_send_calendar_invitations(
    client: AsyncTestClient[Litestar], outbox: Outbox, world: dict[str, Any]
) -> None:
    from datetime import UTC, datetime, timedelta

    from icalendar import Calendar

    jane, john = world["jane"], world["john"]
    app_id = (await client.post(APPS, json={"job": world["job"]}, headers=john)).json()["id"]
    url = f"{APPS}{app_id}/interviews/"
    starts = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    body = {
        "starts_at": starts.astimezone().isoformat(),
        "duration_minutes": 45,
        "video_link": "https://meet.example.com/abc",
        "interviewers": ["Jane Smith"],
    }
    response = await client.post(url, json=body, headers=jane)
    assert response.status_code == 409  # not at the interview stage yet
    for stage in ("reviewed", "shortlisted", "interview"):
        await client.patch(f"{APPS}{app_id}/status/", json={"status": stage}, headers=jane)
    for bad in (
        {**body, "starts_at": "2020-01-01T10:00:00+00:00"},
        {**body, "starts_at": "2030-01-01T10:00:00"},
        {**body, "duration_minutes": 2},
        {**body, "video_link": "", "location": ""},
    ):
        response = await client.post(url, json=bad, headers=jane)
        assert response.status_code == 400, bad
    assert (await client.post(url, json=body, headers=world["eve"])).status_code == 404
    assert (await client.post(url, json=body, headers=john)).status_code == 403
    response = await client.post(url, json=body, headers=jane)
    assert response.status_code == 201, response.text
    interview = response.json()
    assert interview["status"] == "scheduled"
    listed = (await client.get(url, headers=john)).json()["results"]
    assert [i["id"] for i in listed] == [interview["id"]]
    assert (await client.get(url, headers=world["max"])).status_code == 404

    async def invitations(count: int) -> list[Calendar]:
        """The calendar invitations John received, in SEQUENCE order (the worker may deliver
        concurrent events in any order; calendars order them by SEQUENCE too)."""
        for _ in range(300):
            found = [
                Calendar.from_ical(part.get_content())
                for message in outbox.to("john@example.com")
                for part in message.iter_attachments()
                if part.get_content_type() == "text/calendar"
            ]
            if len(found) >= count:
                return sorted(found, key=lambda c: int(c.walk("VEVENT")[0]["sequence"]))
            await asyncio.sleep(0.05)
        raise AssertionError(f"expected {count} invitations")

    calendar = (await invitations(1))[0]
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart") == starts
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=45)
    assert str(event["location"]) == "https://meet.example.com/abc"
    uid = str(event["uid"])
    notes = await wait_for_notifications(client, john, 4)
    assert any(n["type"] == "interview_scheduled" for n in notes["results"])

    later = starts + timedelta(days=1)
    response = await client.patch(
        f"{url}{interview['id']}/", json={"starts_at": later.isoformat()}, headers=jane
    )
    assert response.status_code == 200, response.text
    moved = (await invitations(2))[1].walk("VEVENT")[0]
    assert str(moved["uid"]) == uid
    assert int(moved["sequence"]) == 1
    assert moved.decoded("dtstart") == later

    response = await client.delete(f"{url}{interview['id']}/", headers=jane)
    assert response.json()["status"] == "cancelled"
    cancelled = (await invitations(3))[2]
    assert str(cancelled["method"]) == "CANCEL"
    assert str(cancelled.walk("VEVENT")[0]["uid"]) == uid
    assert (await client.delete(f"{url}{interview['id']}/", headers=jane)).status_code == 409


async def test_job_test_defined_taken_and_scored(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    jane, john, max_ = world["jane"], world["john"], world["max"]
    test_url = f"/jobs/api/v1/jobs/{world['job']}/test/"
    john_app = (await client.post(APPS, json={"job": world["job"]}, headers=john)).json()
    definition = {
        "title": "Python basics",
        "questions": [
            {
                "text": "Which language is Django written in?",
                "question_type": "multiple_choice",
                "choices": ["Python", "Ruby", "Go"],
                "correct_answer": "Python",
            },
            {
                "text": "2 + 2?",
                "question_type": "multiple_choice",
                "choices": ["3", "4"],
                "correct_answer": "4",
            },
            {"text": "Explain Django's ORM.", "question_type": "open_ended"},
        ],
    }
    for bad in (
        {**definition, "questions": []},
        {
            **definition,
            "questions": [
                {
                    "text": "?",
                    "question_type": "multiple_choice",
                    "choices": ["a", "b"],
                    "correct_answer": "c",
                }
            ],
        },
        {**definition, "questions": [{"text": "?", "question_type": "essay"}]},
    ):
        assert (await client.post(test_url, json=bad, headers=jane)).status_code == 400
    assert (await client.post(test_url, json=definition, headers=world["eve"])).status_code == 403
    assert (await client.post(test_url, json=definition, headers=john)).status_code == 403
    response = await client.post(test_url, json=definition, headers=jane)
    assert response.status_code == 201, response.text
    questions = response.json()["questions"]
    assert questions[0]["correct_answer"] == "Python"
    q1, q2, q3 = (q["id"] for q in questions)

    seen = (await client.get(test_url, headers=john)).json()
    assert all("correct_answer" not in q for q in seen["questions"])
    assert (await client.get(test_url, headers=max_)).status_code == 403  # never applied
    notes = await wait_for_notifications(client, john, 1)
    assert notes["results"][0]["type"] == "test_assigned"

    submit = "/applications/api/v1/test-submissions/"
    answers = [
        {"question": q1, "answer": "Python", "question_type": "multiple_choice"},
        {"question": q2, "answer": "3", "question_type": "multiple_choice"},
        {"question": q3, "answer": "Django is a web framework...", "question_type": "open_ended"},
    ]
    response = await client.post(
        submit,
        json={
            "application": john_app["id"],
            "answers": [*answers, {"question": 99999, "answer": "x"}],
        },
        headers=john,
    )
    assert response.status_code == 400
    assert (
        await client.post(
            submit, json={"application": john_app["id"], "answers": answers}, headers=max_
        )
    ).status_code == 404
    response = await client.post(
        submit, json={"application": john_app["id"], "answers": answers}, headers=john
    )
    assert response.status_code == 201, response.text
    result = response.json()
    assert (result["score"], result["total_questions"], result["correct_answers"]) == (50.0, 3, 1)
    assert result["pending_grading"] == 1
    assert (
        await client.post(
            submit, json={"application": john_app["id"], "answers": answers}, headers=john
        )
    ).status_code == 409
    # Taken: the test can no longer change.
    assert (await client.post(test_url, json=definition, headers=jane)).status_code == 409

    listing = (await client.get(f"{APPS}job/{world['job']}/", headers=jane)).json()
    assert listing["results"][0]["test_submission"] == {"id": result["id"], "score": 50.0}

    grade = f"{submit}{result['id']}/grade/"
    assert (
        await client.patch(
            grade, json={"grades": [{"question": q3, "correct": True}]}, headers=john
        )
    ).status_code == 403
    for stranger in (max_, world["eve"]):  # a submission they may not see does not exist
        assert (await client.get(f"{submit}{result['id']}/", headers=stranger)).status_code == 404
        assert (
            await client.patch(
                grade, json={"grades": [{"question": q3, "correct": True}]}, headers=stranger
            )
        ).status_code == 404
    assert (
        await client.patch(
            grade, json={"grades": [{"question": q1, "correct": False}]}, headers=jane
        )
    ).status_code == 400
    graded = await client.patch(
        grade, json={"grades": [{"question": q3, "correct": True}]}, headers=jane
    )
    assert graded.status_code == 200, graded.text
    body = graded.json()
    assert (body["score"], body["correct_answers"], body["pending_grading"]) == (66.7, 2, 0)
    own = (await client.get(f"{submit}{result['id']}/", headers=john)).json()
    assert own["score"] == 66.7
    assert "answers" not in own
