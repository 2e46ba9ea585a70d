"""Messaging over HTTP, on SQLite and PostgreSQL: the guide's flow, who is refused, the content
and rate limits at their edges, one conversation per pair under concurrent starts, pages, and
the recipient's notification and e-mail."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from tests.integration.conftest import Outbox, signed_in

API = "/messaging/api/v1/conversations/"
NOTES = "/notifications/api/v1/notifications/"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # Room for the pages below; the limit itself is tested with its own settings.
    return replace_settings(settings, rate_message_send="1000/60")


async def me(client: AsyncTestClient[Litestar], who: dict[str, str]) -> int:
    return int((await client.get("/accounts/api/v1/users/me/", headers=who)).json()["id"])


@pytest.fixture
async def world(client: AsyncTestClient[Litestar], outbox: Outbox) -> dict[str, Any]:
    return await make_world(client, outbox)


async def make_world(client: AsyncTestClient[Litestar], outbox: Outbox) -> dict[str, Any]:
    """Jane (Tech Corp) posted a job John applied to; Carl recruits for another company; Max is
    a candidate with no link to either."""
    jane = await signed_in(
        client,
        outbox,
        "recruiter_jane",
        "jane@corp.io",
        user_type="recruiter",
        company_name="Tech Corp",
        first_name="Jane",
        last_name="Smith",
    )
    carl = await signed_in(
        client, outbox, "rh_carl", "carl@other.io", user_type="recruiter", company_name="Other"
    )
    john = await signed_in(
        client, outbox, "john_doe", "john@example.com", first_name="John", last_name="Doe"
    )
    max_ = await signed_in(client, outbox, "max_dev", "max@example.com")
    job = await client.post("/jobs/api/v1/jobs/", json={"title": "Python Developer"}, headers=jane)
    assert job.status_code == 201, job.text
    applied = await client.post(
        "/applications/api/v1/applications/", json={"job": job.json()["id"]}, headers=john
    )
    assert applied.status_code == 201, applied.text
    ids = {name: await me(client, who) for name, who in [("jane", jane), ("carl", carl)]}
    ids |= {name: await me(client, who) for name, who in [("john", john), ("max", max_)]}
    return {"jane": jane, "carl": carl, "john": john, "max": max_, "job": job.json()["id"], **{
        f"{name}_id": value for name, value in ids.items()
    }}  # fmt: skip


async def test_the_guides_flow(client: AsyncTestClient[Litestar], world: dict[str, Any]) -> None:
    jane, john = world["jane"], world["john"]
    started = await client.post(
        API, json={"participant_id": world["john_id"], "job_id": world["job"]}, headers=jane
    )
    assert started.status_code == 201, started.text
    conversation = started.json()
    assert conversation["participants"] == [
        {
            "id": world["jane_id"],
            "username": "recruiter_jane",
            "full_name": "Jane Smith",
            "profile_picture": None,
        },
        {"id": world["john_id"], "username": "john_doe", "full_name": "John Doe",
         "profile_picture": None},
    ]  # fmt: skip
    assert conversation["last_message"] is None and conversation["unread_count"] == 0
    assert conversation["job_id"] == world["job"]
    cid = conversation["id"]
    # The candidate starting it too gets the same one.
    again = await client.post(API, json={"participant_id": world["jane_id"]}, headers=john)
    assert again.status_code == 200 and again.json()["id"] == cid

    sent = await client.post(
        f"{API}{cid}/messages/",
        json={"content": "  Thank you for your interest in the position.  "},
        headers=jane,
    )
    assert sent.status_code == 201, sent.text
    message = sent.json()
    assert message["content"] == "Thank you for your interest in the position."
    assert message["sender"]["id"] == world["jane_id"]
    assert message["sender"]["username"] == "recruiter_jane"
    assert (message["read_at"], message["is_read"]) == (None, False)
    assert message["created_at"].endswith("Z") or "+" in message["created_at"]

    # John's inbox shows it unread until he reads it.
    inbox = (await client.get(API, headers=john)).json()
    assert inbox["count"] == 1 and set(inbox) == {"count", "next", "previous", "results"}
    [row] = inbox["results"]
    assert (row["id"], row["unread_count"]) == (cid, 1)
    assert row["last_message"]["content"] == message["content"]
    assert row["last_message"]["sender"]["username"] == "recruiter_jane"
    assert (await client.get(f"{API}?unread_only=true", headers=john)).json()["count"] == 1
    read = (await client.get(f"{API}{cid}/messages/", headers=john)).json()
    assert read["count"] == 1
    [shown] = read["results"]
    assert shown["id"] == message["id"] and shown["is_read"] and shown["read_at"]
    assert shown["sender"]["full_name"] == "Jane Smith"
    assert (await client.get(API, headers=john)).json()["results"][0]["unread_count"] == 0
    assert (await client.get(f"{API}?unread_only=true", headers=john)).json()["count"] == 0
    # Jane sees it read.
    seen = (await client.get(f"{API}{cid}/messages/", headers=jane)).json()["results"][0]
    assert seen["is_read"] and seen["read_at"] == shown["read_at"]

    reply = await client.post(f"{API}{cid}/messages/", json={"content": "Thanks!"}, headers=john)
    assert reply.status_code == 201
    inbox = (await client.get(API, headers=jane)).json()["results"]
    assert inbox[0]["unread_count"] == 1 and inbox[0]["last_message"]["content"] == "Thanks!"
    by_user = await client.get(f"{API}?with_user=john_doe", headers=jane)
    assert by_user.json()["count"] == 1
    assert (await client.get(f"{API}?with_user={world['carl_id']}", headers=jane)).json()[
        "count"
    ] == 0


async def test_who_is_refused(client: AsyncTestClient[Litestar], world: dict[str, Any]) -> None:
    jane, carl, john, max_ = world["jane"], world["carl"], world["john"], world["max"]
    for who, other in [(carl, "john_id"), (max_, "jane_id"), (jane, "carl_id"), (john, "max_id")]:
        refused = await client.post(API, json={"participant_id": world[other]}, headers=who)
        assert refused.status_code == 403, refused.text
        assert refused.json()["code"] == "permission_denied" and refused.json()["detail"]
    unknown = await client.post(API, json={"participant_id": 987654}, headers=jane)
    assert unknown.status_code == 404 and unknown.json()["detail"] == "User not found."
    oneself = await client.post(API, json={"participant_id": world["jane_id"]}, headers=jane)
    assert oneself.status_code == 400 and "participant_id" in oneself.json()["errors"]
    for body in (
        {"participant_id": "x"},
        {"participant_id": 2**64},
        {"participant_id": 0},
        {},
        {"participant_id": world["john_id"], "surprise": 1},
        {"participant_id": world["john_id"], "job_id": 987654},
    ):
        bad = await client.post(API, json=body, headers=jane)
        assert bad.status_code == 400, (body, bad.text)
    assert (await client.post(API, json={"participant_id": 1})).status_code == 401
    assert (await client.get(API)).status_code == 401
    assert (await client.get(API, headers={"Authorization": "Bearer forged"})).status_code == 401
    assert (await client.get(API, headers=jane)).json()["count"] == 0  # nothing was made

    cid = (await client.post(API, json={"participant_id": world["john_id"]}, headers=jane)).json()[
        "id"
    ]
    for outsider in (carl, max_):
        listed = await client.get(f"{API}{cid}/messages/", headers=outsider)
        assert listed.status_code == 404 and listed.json()["detail"] == "Conversation not found."
        posted = await client.post(
            f"{API}{cid}/messages/", json={"content": "let me in"}, headers=outsider
        )
        assert posted.status_code == 404
        assert (await client.get(API, headers=outsider)).json()["count"] == 0
    for unknown_id in (cid + 1000, 2**63 - 1, 2**64):
        assert (await client.get(f"{API}{unknown_id}/messages/", headers=jane)).status_code == 404
    assert (await client.get(f"{API}{cid}/messages/")).status_code == 401
    assert (await client.get(f"{API}{cid}/messages/", headers=jane)).json()["count"] == 0


async def test_content_rules_at_their_edges(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    jane = world["jane"]
    cid = (await client.post(API, json={"participant_id": world["john_id"]}, headers=jane)).json()[
        "id"
    ]
    url = f"{API}{cid}/messages/"
    for content in ("x" * 4999, "x" * 5000, "  " + "é" * 5000 + "\n", "<script>1</script>"):
        sent = await client.post(url, json={"content": content}, headers=jane)
        assert sent.status_code == 201, sent.text
        assert sent.json()["content"] == content.strip()  # plain text, as sent
    for content, why in (
        ("x" * 5001, "no more than 5000 characters"),
        ("   \n\t", "may not be blank"),
        ("", "may not be blank"),
        ("nul\x00", "Control characters"),
    ):
        refused = await client.post(url, json={"content": content}, headers=jane)
        assert refused.status_code == 400, refused.text
        assert why in refused.json()["errors"]["content"][0]
    for body in ({}, {"content": 5}, {"content": None}, {"text": "hi"}):
        assert (await client.post(url, json=body, headers=jane)).status_code == 400
    assert (await client.get(url, headers=jane)).json()["count"] == 4
    # A refused first message starts nothing.
    refused = await client.post(
        API, json={"participant_id": world["john_id"], "content": "x" * 5001}, headers=jane
    )
    assert refused.status_code == 400


async def test_pages_come_newest_first(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    jane, john = world["jane"], world["john"]
    cid = (await client.post(API, json={"participant_id": world["john_id"]}, headers=jane)).json()[
        "id"
    ]
    for n in range(55):
        sent = await client.post(f"{API}{cid}/messages/", json={"content": f"m{n}"}, headers=jane)
        assert sent.status_code == 201
    first = (await client.get(f"{API}{cid}/messages/", headers=john)).json()
    assert first["count"] == 55 and len(first["results"]) == 50  # the guide's default: 50
    assert [m["content"] for m in first["results"][:2]] == ["m54", "m53"]
    assert first["previous"] is None and first["next"].endswith("page=2&limit=50")
    second = (await client.get(f"{API}{cid}/messages/?page=2", headers=john)).json()
    assert [m["content"] for m in second["results"]] == ["m4", "m3", "m2", "m1", "m0"]
    assert second["next"] is None
    small = (await client.get(f"{API}{cid}/messages/?limit=3&page=2", headers=john)).json()
    assert [m["content"] for m in small["results"]] == ["m51", "m50", "m49"]
    for query in ("page=0", "limit=x", "page=-1"):
        assert (await client.get(f"{API}{cid}/messages/?{query}", headers=john)).status_code == 400
    # Reading page 1 read them all.
    assert (await client.get(API, headers=john)).json()["results"][0]["unread_count"] == 0


async def test_two_starting_at_once_share_one_conversation(
    client: AsyncTestClient[Litestar], world: dict[str, Any]
) -> None:
    jane, john = world["jane"], world["john"]
    answers = await asyncio.gather(
        client.post(API, json={"participant_id": world["john_id"], "content": "Hi"}, headers=jane),
        client.post(API, json={"participant_id": world["jane_id"], "content": "Hello"}, headers=john),
        client.post(API, json={"participant_id": world["john_id"]}, headers=jane),
    )  # fmt: skip
    assert sorted(a.status_code for a in answers) == [200, 200, 201], [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    cid = answers[0].json()["id"]
    listed = (await client.get(f"{API}{cid}/messages/", headers=jane)).json()
    assert sorted(m["content"] for m in listed["results"]) == ["Hello", "Hi"]  # nothing lost


async def test_the_recipient_is_notified_and_mailed_once_per_unread_conversation(
    client: AsyncTestClient[Litestar], world: dict[str, Any], outbox: Outbox
) -> None:
    jane, john = world["jane"], world["john"]
    chosen = await client.patch(
        "/notifications/api/v1/preferences/",
        json={"email_types": ["new_message", "application_status_changed"]},
        headers=john,
    )
    assert chosen.status_code == 200, chosen.text
    cid = (await client.post(API, json={"participant_id": world["john_id"]}, headers=jane)).json()[
        "id"
    ]
    mails = len(outbox.to("john@example.com"))
    for text in ("First", "Second"):
        assert (
            await client.post(f"{API}{cid}/messages/", json={"content": text}, headers=jane)
        ).status_code == 201
    notes = await _wait(client, john, lambda b: _new_messages(b) == 2)
    newest = next(n for n in notes["results"] if n["type"] == "new_message")
    assert newest["title"] == "New message from Jane Smith"
    assert (newest["related_object_type"], newest["related_object_id"]) == ("conversation", cid)
    mail = await outbox.wait_for("john@example.com", mails + 1)
    assert "New message from Jane Smith" in str(mail["Subject"]) + Outbox.text(mail)
    await asyncio.sleep(0.5)
    assert len(outbox.to("john@example.com")) == mails + 1  # one e-mail for the two
    await client.get(f"{API}{cid}/messages/", headers=john)  # read: the next one is mailed
    await client.post(f"{API}{cid}/messages/", json={"content": "Third"}, headers=jane)
    await outbox.wait_for("john@example.com", mails + 2)
    assert _new_messages(await _wait(client, jane, lambda b: True)) == 0  # not the sender


def _new_messages(body: dict[str, Any]) -> int:
    return sum(1 for n in body["results"] if n["type"] == "new_message")


async def _wait(
    client: AsyncTestClient[Litestar], who: dict[str, str], done: Any, timeout: float = 15
) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        body = dict((await client.get(NOTES, headers=who)).json())
        if done(body):
            return body
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("limit", [3])
async def test_sending_is_rate_limited_per_user_at_its_edge(
    settings: Settings, outbox: Outbox, limit: int
) -> None:
    from bootstrap.app import create_app

    strict = replace_settings(settings, rate_message_send=f"{limit}/60")
    async with AsyncTestClient(app=create_app(strict)) as client:
        world_ = await make_world(client, outbox)
        jane, john = world_["jane"], world_["john"]
        start = await client.post(
            API, json={"participant_id": world_["john_id"], "content": "one"}, headers=jane
        )
        assert start.status_code == 201  # a first message counts
        url = f"{API}{start.json()['id']}/messages/"
        statuses = [
            (await client.post(url, json={"content": f"m{n}"}, headers=jane)).status_code
            for n in range(limit)
        ]
        assert statuses == [201] * (limit - 1) + [429]  # n-1, n allowed; n+1 refused
        throttled = await client.post(url, json={"content": "again"}, headers=jane)
        assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) > 0
        assert throttled.json()["code"] == "throttled"
        # Per user: John still writes; reading is not limited.
        assert (await client.post(url, json={"content": "me"}, headers=john)).status_code == 201
        assert (await client.get(url, headers=jane)).json()["count"] == limit + 1
