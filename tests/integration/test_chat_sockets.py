"""The chat and notification sockets over real WebSockets, against real ``hireflow serve``
processes on loopback, on SQLite and PostgreSQL: two server processes and a worker sharing
Redis, each participant on a different process. The guide's flow (history, typing, messages at
once, read receipts, the inbox unread until read), the worker's notification on the
notifications socket, who is refused and with which close code, tokens that are forged,
expired, of an ended session or that expire while open, bad frames, the frame size limit at
its edge, and the send limit shared with REST."""

from __future__ import annotations

import asyncio
import itertools
import json
import shutil
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any, cast

import httpx
import jwt
import psycopg
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from adapters.security.jwt_tokens import ALGORITHM, derive_key
from tests.integration.cluster import SECRET_KEY, Servers, cluster
from tests.integration.conftest import STRONG, Outbox, signed_in

API = "/messaging/api/v1/conversations/"
NOTES = "/notifications/api/v1/notifications/"
SEND_LIMIT = 12
_names = itertools.count(1)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def shared_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One migrated database for the module's cluster (a copy of the session's template)."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path_factory.mktemp("chat-db") / "hireflow.sqlite3"
        shutil.copyfile(template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    server = request.getfixturevalue("postgres_server")
    template_name = request.getfixturevalue("postgres_template")
    name = f"chat_{int(time.time() * 1000) % 10_000_000}"
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template_name}")
    yield server.url(name)
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def two_servers(
    shared_database: str, redis_server: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servers]:
    data_dir = tmp_path_factory.mktemp("chat-cluster") / "var"
    # A Redis database of its own: the two databases' clusters have the same user ids, whose
    # rate-limit counters must not mix (they run one after the other: live channels do not).
    database = 5 if shared_database.startswith("sqlite") else 6
    with cluster(
        data_dir,
        shared_database,
        redis_server.url.rsplit("/", 1)[0] + f"/{database}",
        HIREFLOW_RATE_MESSAGE_SEND=f"{SEND_LIMIT}/60",
        HIREFLOW_WS_SESSION_CHECK_SECONDS="1",
    ) as started:
        yield started


@pytest.fixture
async def http(two_servers: Servers) -> AsyncIterator[list[httpx.AsyncClient]]:
    clients = [httpx.AsyncClient(base_url=base, timeout=20) for base in two_servers.servers]
    try:
        yield clients
    finally:
        for client in clients:
            await client.aclose()


async def people(cluster_: Servers, client: httpx.AsyncClient) -> dict[str, Any]:
    """A recruiter (with a job) and the candidate who applied to it; another recruiter; their
    auth headers and ids. Fresh names each time: the cluster outlives a test."""
    n = next(_names)
    outbox = Outbox(cluster_.data_dir / "outbox")
    loose = cast(Any, client)
    jane = await signed_in(
        loose, outbox, f"jane{n}", f"jane{n}@corp.io", user_type="recruiter",
        company_name=f"Tech Corp {n}", first_name="Jane", last_name="Smith",
    )  # fmt: skip
    john = await signed_in(
        loose, outbox, f"john{n}", f"john{n}@example.com", first_name="John", last_name="Doe"
    )
    carl = await signed_in(
        loose, outbox, f"carl{n}", f"carl{n}@other.io", user_type="recruiter",
        company_name=f"Other {n}",
    )  # fmt: skip
    job = await client.post("/jobs/api/v1/jobs/", json={"title": "Python Developer"}, headers=jane)
    assert job.status_code == 201, job.text
    applied = await client.post(
        "/applications/api/v1/applications/", json={"job": job.json()["id"]}, headers=john
    )
    assert applied.status_code == 201, applied.text
    found: dict[str, Any] = {"jane": jane, "john": john, "carl": carl}
    for name in ("jane", "john", "carl"):
        me = await client.get("/accounts/api/v1/users/me/", headers=found[name])
        found[f"{name}_id"] = me.json()["id"]
    started = await client.post(API, json={"participant_id": found["john_id"]}, headers=jane)
    assert started.status_code == 201, started.text
    found["cid"] = started.json()["id"]
    return found


def token_of(headers: dict[str, str]) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


def chat_url(cluster_: Servers, index: int, cid: int | str, headers: dict[str, str]) -> str:
    return f"{cluster_.ws(index)}/ws/messaging/{cid}/?token={token_of(headers)}"


def notes_url(cluster_: Servers, index: int, headers: dict[str, str]) -> str:
    return f"{cluster_.ws(index)}/ws/notifications/?token={token_of(headers)}"


async def frame(ws: ClientConnection, timeout: float = 5.0) -> dict[str, Any]:
    return dict(json.loads(await asyncio.wait_for(ws.recv(), timeout)))


async def frame_of(ws: ClientConnection, kind: str, timeout: float = 5.0) -> dict[str, Any]:
    """The next frame of this type (others, such as read receipts, are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        got = await frame(ws, max(0.01, deadline - time.monotonic()))
        if got["type"] == kind:
            return got


async def silent(ws: ClientConnection, kind: str, wait: float = 0.5) -> None:
    """No frame of this type arrives within ``wait``."""
    deadline = time.monotonic() + wait
    while (left := deadline - time.monotonic()) > 0:
        try:
            got = await frame(ws, left)
        except TimeoutError:
            return
        assert got["type"] != kind, got


async def close_code(ws: ClientConnection, timeout: float = 10.0) -> int:
    """Reads until the server closes the socket; its close code."""
    deadline = time.monotonic() + timeout
    try:
        while True:
            await asyncio.wait_for(ws.recv(), max(0.01, deadline - time.monotonic()))
    except ConnectionClosed as closed:
        assert closed.rcvd is not None, "closed without a close frame"
        return closed.rcvd.code


async def closed_with(url: str, **kwargs: Any) -> tuple[int, str]:
    async with connect(url, **kwargs) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
    assert closed.value.rcvd is not None
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def test_a_conversation_live_across_two_processes(
    two_servers: Servers, http: list[httpx.AsyncClient]
) -> None:
    a, b = http
    world = await people(two_servers, a)
    jane, john, cid = world["jane"], world["john"], world["cid"]
    first = await a.post(f"{API}{cid}/messages/", json={"content": "Hello before"}, headers=jane)
    assert first.status_code == 201
    async with (
        connect(chat_url(two_servers, 0, cid, jane)) as jane_a,
        connect(notes_url(two_servers, 0, john)) as john_notes,
    ):
        assert await frame(john_notes) == {"type": "subscribed"}  # listening from here on
        history = await frame(jane_a)
        assert history["type"] == "message_history"
        assert [m["content"] for m in history["messages"]] == ["Hello before"]
        assert history["messages"][0]["is_read"] is False
        # John opens the chat on the other process: he sees the history, now read, and Jane
        # is told.
        async with (
            connect(chat_url(two_servers, 1, cid, john)) as john_b,
            connect(chat_url(two_servers, 1, cid, jane)) as jane_b,
        ):
            seen = await frame(john_b)
            assert seen["type"] == "message_history" and seen["messages"][0]["is_read"] is True
            assert (await frame(jane_b))["type"] == "message_history"
            receipt = await frame_of(jane_a, "read")
            assert (receipt["reader_id"], receipt["up_to_id"]) == (
                world["john_id"],
                first.json()["id"],
            )
            # Typing goes to the other participant, with who types; it is not echoed.
            await john_b.send(json.dumps({"type": "typing", "is_typing": True}))
            typing = await frame_of(jane_a, "typing")
            assert (typing["user_id"], typing["is_typing"]) == (world["john_id"], True)
            await silent(john_b, "typing")
            # A message sent on process A reaches B at once, and every tab of the sender.
            await jane_a.send(json.dumps({"type": "chat_message", "content": "  Hello!  "}))
            pushed = await frame_of(john_b, "chat_message")
            message = pushed["message"]
            assert message["content"] == "Hello!" and message["sender"]["id"] == world["jane_id"]
            assert message["sender"]["username"].startswith("jane")
            assert (await frame_of(jane_a, "chat_message"))["message"]["id"] == message["id"]
            assert (await frame_of(jane_b, "chat_message"))["message"]["id"] == message["id"]
            # The worker (a process of its own) notified John: his notifications socket hears.
            note = await frame_of(john_notes, "notification", timeout=15)
            assert note["notification"]["type"] == "new_message"
            assert note["notification"]["related_object_id"] == cid
            # John's inbox shows it unread until he says he read it.
            inbox = (await b.get(API, headers=john)).json()["results"]
            assert [(c["id"], c["unread_count"]) for c in inbox] == [(cid, 1)]
            await john_b.send(json.dumps({"type": "read"}))
            receipt = await frame_of(jane_a, "read")
            assert receipt["up_to_id"] == message["id"]
            inbox = (await b.get(API, headers=john)).json()["results"]
            assert inbox[0]["unread_count"] == 0
            # A message sent over REST is pushed too.
            reply = await b.post(f"{API}{cid}/messages/", json={"content": "Hi!"}, headers=john)
            assert reply.status_code == 201
            assert (await frame_of(jane_a, "chat_message"))["message"]["content"] == "Hi!"
            assert (await frame_of(john_b, "chat_message"))["message"]["content"] == "Hi!"
            await john_b.send(json.dumps({"type": "ping"}))
            assert (await frame_of(john_b, "pong"))["type"] == "pong"


async def test_who_is_refused_and_with_which_code(
    two_servers: Servers, http: list[httpx.AsyncClient]
) -> None:
    a, _ = http
    world = await people(two_servers, a)
    jane, carl, cid = world["jane"], world["carl"], world["cid"]
    base = two_servers.ws(1)
    assert (await closed_with(f"{base}/ws/messaging/{cid}/"))[0] == 4401
    assert (await closed_with(f"{base}/ws/messaging/{cid}/?token=forged"))[0] == 4401
    assert (await closed_with(f"{base}/ws/notifications/?token=forged"))[0] == 4401
    code, reason = await closed_with(chat_url(two_servers, 1, cid, carl))  # not his
    assert (code, reason) == (4404, "Conversation not found.")
    for unknown in (cid + 10_000, 2**63 - 1, 2**64):
        assert (await closed_with(chat_url(two_servers, 1, unknown, jane)))[0] == 4404
    # The header works as the query string does.
    async with connect(f"{base}/ws/messaging/{cid}/", additional_headers=jane) as ws:
        assert (await frame(ws))["type"] == "message_history"
    # An expired token, and a token whose signature is not ours.
    claims = jwt.decode(token_of(jane), options={"verify_signature": False})
    key = derive_key(SECRET_KEY, "session-jwt")
    expired = jwt.encode({**claims, "exp": int(time.time()) - 5}, key, algorithm=ALGORITHM)
    assert (await closed_with(f"{base}/ws/messaging/{cid}/?token={expired}"))[0] == 4401
    other = jwt.encode(claims, b"not-our-key" * 4, algorithm=ALGORITHM)
    assert (await closed_with(f"{base}/ws/messaging/{cid}/?token={other}"))[0] == 4401
    # A token that expires while the socket is open: the server closes it.
    soon = jwt.encode({**claims, "exp": int(time.time()) + 2}, key, algorithm=ALGORITHM)
    async with connect(f"{base}/ws/notifications/?token={soon}") as ws:
        assert await frame(ws) == {"type": "subscribed"}
        with pytest.raises(ConnectionClosed) as ended:
            await asyncio.wait_for(ws.recv(), 10)
    assert ended.value.rcvd is not None and ended.value.rcvd.code == 4401
    # Logging out ends the session: the open socket is closed, and a new one refused.
    login = await _login(a, world, "jane")
    async with connect(chat_url(two_servers, 0, cid, login["headers"])) as ws:
        assert (await frame(ws))["type"] == "message_history"
        out = await a.post("/accounts/api/v1/auth/logout/", json={"refresh": login["refresh"]})
        assert out.status_code == 200
        assert await close_code(ws) == 4401
    assert (await closed_with(chat_url(two_servers, 0, cid, login["headers"])))[0] == 4401
    # The tokens in the sockets' URLs never reach the servers' logs.
    logs = "".join(p.read_text() for p in two_servers.data_dir.glob("serve-*.log"))
    assert "/ws/messaging/" in logs
    for secret in (token_of(jane), token_of(login["headers"]), expired, soon):
        assert secret not in logs


async def test_a_disabled_account_is_closed_with_4403_and_refused_after(
    two_servers: Servers, http: list[httpx.AsyncClient], shared_database: str
) -> None:
    """An account disabled while its sockets are open (an operator sets ``is_active`` false):
    the next session check closes them with 4403, and a new socket is refused with 4403 — not
    4401, which would tell the client to log in again, in vain."""
    from sqlalchemy import text

    from adapters.persistence.database import create_engine

    a, _ = http
    world = await people(two_servers, a)
    john, cid = world["john"], world["cid"]
    async with (
        connect(chat_url(two_servers, 1, cid, john)) as chat,
        connect(notes_url(two_servers, 0, john)) as notes,
    ):
        assert (await frame(chat))["type"] == "message_history"
        assert await frame(notes) == {"type": "subscribed"}
        engine = create_engine(shared_database)
        try:
            async with engine.begin() as conn:
                await conn.execute(
                    text("UPDATE users SET is_active = :no WHERE id = :id"),
                    {"no": False, "id": world["john_id"]},
                )
        finally:
            await engine.dispose()
        assert await close_code(chat) == 4403  # the session check runs every second here
        assert await close_code(notes) == 4403
    assert (await closed_with(chat_url(two_servers, 0, cid, john)))[0] == 4403
    assert (await closed_with(notes_url(two_servers, 1, john)))[0] == 4403
    # Over HTTP it is the same answer.
    me = await a.get("/accounts/api/v1/users/me/", headers=john)
    assert me.status_code == 403, me.text


async def _login(client: httpx.AsyncClient, world: dict[str, Any], who: str) -> dict[str, Any]:
    me = (await client.get("/accounts/api/v1/users/me/", headers=world[who])).json()
    tokens = await client.post(
        "/accounts/api/v1/auth/token/", json={"username": me["username"], "password": STRONG}
    )
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    return {"headers": {"Authorization": f"Bearer {body['access']}"}, "refresh": body["refresh"]}


async def test_bad_frames_are_answered_and_break_nothing(
    two_servers: Servers, http: list[httpx.AsyncClient]
) -> None:
    a, _ = http
    world = await people(two_servers, a)
    jane, john, cid = world["jane"], world["john"], world["cid"]
    async with (
        connect(chat_url(two_servers, 0, cid, jane), max_size=None) as ws,
        connect(chat_url(two_servers, 1, cid, john)) as other,
    ):
        await frame(ws)
        await frame(other)
        for bad, code in (
            ("not json", "bad_frame"),
            ("[1, 2]", "bad_frame"),
            ('{"type": 5}', "bad_frame"),
            ('{"type": "dance"}', "bad_frame"),
            ('{"type": "chat_message"}', "validation_error"),
            ('{"type": "chat_message", "content": 5}', "validation_error"),
            ('{"type": "chat_message", "content": "   "}', "validation_error"),
            (json.dumps({"type": "chat_message", "content": "x" * 5001}), "validation_error"),
            ('{"type": "typing"}', "validation_error"),
            ('{"type": "read", "up_to_id": "x"}', "validation_error"),
        ):
            await ws.send(bad)
            answer = await frame_of(ws, "error")
            assert answer["code"] == code and answer["detail"], (bad, answer)
        await ws.send(b"\x00binary")
        assert "text frames" in (await frame_of(ws, "error"))["detail"]
        # The frame limit at its edge: 64 KiB is read (and refused as too long a message),
        # one byte more closes the socket with 1009.
        for size in (65535, 65536):
            padded = '{"type": "chat_message", "content": "x"}'
            await ws.send(padded[:-1] + " " * (size - len(padded)) + "}")
            assert (await frame_of(ws, "chat_message"))["message"]["content"] == "x"
        await ws.send('{"type": "ping"' + " " * (65537 - 16) + "}")
        assert await close_code(ws) == 1009
        # The other socket is untouched and still live.
        await other.send(json.dumps({"type": "chat_message", "content": "still here"}))
        while (await frame_of(other, "chat_message"))["message"]["content"] != "still here":
            pass
    listed = (await a.get(f"{API}{cid}/messages/", headers=jane)).json()
    assert [m["content"] for m in listed["results"]] == ["still here", "x", "x"]  # nothing else


async def test_the_send_limit_is_shared_with_rest(
    two_servers: Servers, http: list[httpx.AsyncClient]
) -> None:
    a, _ = http
    world = await people(two_servers, a)
    jane, cid = world["jane"], world["cid"]
    for n in range(SEND_LIMIT - 2):
        sent = await a.post(f"{API}{cid}/messages/", json={"content": f"r{n}"}, headers=jane)
        assert sent.status_code == 201
    async with connect(chat_url(two_servers, 1, cid, jane)) as ws:
        await frame(ws)
        for n in ("n-1", "n"):
            await ws.send(json.dumps({"type": "chat_message", "content": n}))
            assert (await frame_of(ws, "chat_message"))["message"]["content"] == n
        await ws.send(json.dumps({"type": "chat_message", "content": "n+1"}))
        throttled = await frame_of(ws, "error")
        assert throttled["code"] == "throttled" and throttled["retry_after"] > 0
        await silent(ws, "chat_message")
    refused = await a.post(f"{API}{cid}/messages/", json={"content": "more"}, headers=jane)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


async def test_one_process_without_redis_pushes_the_embedded_workers_notifications(
    database_url: str, tmp_path: Path
) -> None:
    """The embedded default: no Redis, the worker runs inside `hireflow serve` (threads and
    loops of its own), and what it notifies still reaches the socket."""
    with cluster(tmp_path / "var", database_url, None, servers=1) as alone:
        async with httpx.AsyncClient(base_url=alone.servers[0], timeout=20) as client:
            world = await people(alone, client)
            jane, john, cid = world["jane"], world["john"], world["cid"]
            async with (
                connect(chat_url(alone, 0, cid, jane)) as jane_ws,
                connect(chat_url(alone, 0, cid, john)) as john_ws,
                connect(notes_url(alone, 0, john)) as john_notes,
            ):
                await frame(jane_ws)
                await frame(john_ws)
                # Only once the notifications socket says it listens can nothing be missed.
                assert await frame(john_notes) == {"type": "subscribed"}
                await jane_ws.send(json.dumps({"type": "chat_message", "content": "Alone?"}))
                got = await frame_of(john_ws, "chat_message")
                assert got["message"]["content"] == "Alone?"
                note = await frame_of(john_notes, "notification", timeout=15)
                assert note["notification"]["type"] == "new_message"
                assert note["notification"]["title"] == "New message from Jane Smith"
