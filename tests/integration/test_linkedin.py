"""Sign In with LinkedIn against a local fake of LinkedIn's documented endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from adapters.oauth.linkedin import SCOPE, LinkedInOidcClient
from bootstrap.app import create_app
from bootstrap.modules.accounts import LinkedInSettings
from bootstrap.settings import Settings
from bootstrap.settings import replace as replace_settings
from core.domain.accounts.errors import InvalidOAuthCode, LinkedInUnavailable
from tests.fakes.linkedin_server import FakeLinkedIn
from tests.integration.conftest import Outbox, active_user, bearer
from tests.servers import free_port

API = "/accounts/api/v1"
CALLBACK = "https://hireflow.test/accounts/api/v1/linkedin/oauth/callback/"


@pytest.fixture
def linkedin() -> Iterator[FakeLinkedIn]:
    with FakeLinkedIn() as fake:
        yield fake


def client_for(fake: FakeLinkedIn, http: httpx.AsyncClient, **kwargs: str) -> LinkedInOidcClient:
    options = {
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        "redirect_uri": CALLBACK,
        "auth_url": fake.auth_url,
        "token_url": fake.token_url,
        "userinfo_url": fake.userinfo_url,
    }
    options.update(kwargs)
    return LinkedInOidcClient(http=http, **options)


async def test_adapter_speaks_linkedins_protocol(linkedin: FakeLinkedIn) -> None:
    async with httpx.AsyncClient(timeout=5) as http:
        client = client_for(linkedin, http)
        url = urlparse(client.authorization_url("s-123"))
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query == {
            "response_type": "code",
            "client_id": linkedin.client_id,
            "redirect_uri": CALLBACK,
            "state": "s-123",
            "scope": SCOPE,
        }
        code = linkedin.authorize(CALLBACK)
        identity = await client.identity_for_code(code)
        assert (identity.sub, identity.email, identity.email_verified) == (
            "782bbtaQ",
            "ada@example.com",
            True,
        )
        assert (identity.given_name, identity.family_name, identity.locale) == (
            "Ada",
            "Lovelace",
            "en_GB",
        )
        with pytest.raises(InvalidOAuthCode):
            await client.identity_for_code(code)  # codes are single-use
        with pytest.raises(InvalidOAuthCode):
            await client.identity_for_code("made-up")


async def test_adapter_reports_linkedin_failures_as_unavailable(linkedin: FakeLinkedIn) -> None:
    async with httpx.AsyncClient(timeout=5) as http:
        wrong_secret = client_for(linkedin, http, client_secret="nope")
        with pytest.raises(LinkedInUnavailable):
            await wrong_secret.identity_for_code(linkedin.authorize(CALLBACK))
        linkedin.fail_next_token_with = 503
        with pytest.raises(LinkedInUnavailable):
            await client_for(linkedin, http).identity_for_code(linkedin.authorize(CALLBACK))
        closed = f"http://127.0.0.1:{free_port()}/token"
        with pytest.raises(LinkedInUnavailable):
            await client_for(linkedin, http, token_url=closed).identity_for_code("x")


@pytest.fixture
def linkedin_app(settings: Settings, linkedin: FakeLinkedIn) -> Litestar:
    return create_app(
        replace_settings(
            settings,
            linkedin_client_id=linkedin.client_id,
            linkedin_client_secret=linkedin.client_secret,
            linkedin_auth_url=linkedin.auth_url,
            linkedin_token_url=linkedin.token_url,
            linkedin_userinfo_url=linkedin.userinfo_url,
        )
    )


async def _through_linkedin(client: AsyncTestClient[Litestar]) -> str:
    """Start, let the 'browser' visit LinkedIn, and return the callback path LinkedIn sent."""
    start = await client.post(f"{API}/linkedin/oauth/start/")
    assert start.status_code == 200, start.text
    body = start.json()
    assert f"state={body['state']}" in body["authorization_url"]
    async with httpx.AsyncClient() as browser:
        approved = await browser.get(body["authorization_url"], follow_redirects=False)
    assert approved.status_code == 302
    location = urlparse(approved.headers["Location"])
    assert location.geturl().startswith(CALLBACK)
    return f"{location.path}?{location.query}"


async def test_sign_in_creates_an_active_candidate(linkedin_app: Litestar, outbox: Outbox) -> None:
    async with AsyncTestClient(app=linkedin_app) as client:
        callback = await _through_linkedin(client)
        response = await client.get(callback)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["created"] is True
        assert body["user"]["email"] == "ada@example.com"
        assert body["user"]["user_type"] == "candidate"
        assert body["user"]["is_active"] is True
        me = await client.get(f"{API}/users/me/", headers=bearer(body["access"]))
        assert me.json()["username"] == "ada"
        refreshed = await client.post(
            f"{API}/auth/token/refresh/", json={"refresh": body["refresh"]}
        )
        assert refreshed.status_code == 200
        await outbox.wait_for("ada@example.com")

        replay = await client.get(callback)  # same state again
        assert replay.status_code == 400
        assert "state" in replay.json()["errors"]
        forged = await client.get(f"{API}/linkedin/oauth/callback/?code=abc&state=forged")
        assert forged.status_code == 400
        missing = await client.get(f"{API}/linkedin/oauth/callback/")
        assert missing.status_code == 400
        denied = await client.get(
            f"{API}/linkedin/oauth/callback/?error=user_cancelled_login"
            "&error_description=The+member+declined"
        )
        assert denied.status_code == 400


async def test_sign_in_links_the_account_with_the_same_verified_email(
    linkedin_app: Litestar, outbox: Outbox
) -> None:
    async with AsyncTestClient(app=linkedin_app) as client:
        existing = await active_user(client, outbox, "ada_l", "Ada@Example.com")
        response = await client.get(await _through_linkedin(client))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["created"] is False
        assert body["user"]["id"] == existing["id"]


async def test_linkedin_outage_is_502(linkedin_app: Litestar, linkedin: FakeLinkedIn) -> None:
    async with AsyncTestClient(app=linkedin_app) as client:
        callback = await _through_linkedin(client)
        linkedin.fail_next_token_with = 503
        response = await client.get(callback)
        assert response.status_code == 502
        assert response.json()["detail"]


async def test_a_server_without_linkedin_set_up_says_so_and_stores_nothing(
    settings: Settings,
) -> None:
    """No ``HIREFLOW_LINKEDIN_CLIENT_ID``: the start answers 404 naming the way to sign in that
    works, instead of an address that sends people to LinkedIn with no client id; no OAuth
    state is kept, and a callback never reaches LinkedIn."""
    from sqlalchemy import text

    from adapters.persistence.database import create_engine

    assert not settings.group(LinkedInSettings).client_id
    async with AsyncTestClient(app=create_app(settings)) as client:
        start = await client.post(f"{API}/linkedin/oauth/start/")
        assert start.status_code == 404, start.text
        assert start.json() == {
            "detail": "Sign in with LinkedIn is not available on this server: sign in with a "
            "username or e-mail address and a password.",
            "code": "linkedin_not_configured",
        }
        callback = await client.get(f"{API}/linkedin/oauth/callback/?code=abc&state=made-up")
        assert callback.status_code == 400, callback.text
        assert callback.json()["errors"] == {
            "state": ["Invalid, expired or already used OAuth state."]
        }
    engine = create_engine(settings.effective_database_url)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM oauth_states"))).scalar() == 0
    finally:
        await engine.dispose()
