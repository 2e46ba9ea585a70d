"""Sign In with LinkedIn using OpenID Connect (authorization code flow).

Endpoints as LinkedIn documents them: the authorization page, ``/oauth/v2/accessToken`` and
``/v2/userinfo``. Base URLs are configurable so the same code runs against a local fake in
tests. LinkedIn refusing the code (400 invalid_grant...) is the user's problem — a 400; LinkedIn
failing or refusing *us* (5xx, 401 invalid_client, garbage) is ours — a 502.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

import httpx

from core.domain.accounts.errors import (
    InvalidOAuthCode,
    LinkedInNotConfigured,
    LinkedInUnavailable,
)
from core.ports.linkedin import LinkedInClient, LinkedInIdentity

log = logging.getLogger(__name__)

SCOPE = "openid profile email"


class UnconfiguredLinkedIn(LinkedInClient):
    """What a server without ``HIREFLOW_LINKEDIN_CLIENT_ID`` has: every step says so (404)
    rather than sending people to LinkedIn with an empty client id."""

    def authorization_url(self, state: str) -> str:
        raise LinkedInNotConfigured()

    async def identity_for_code(self, code: str) -> LinkedInIdentity:
        raise LinkedInNotConfigured()


class LinkedInOidcClient(LinkedInClient):
    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        auth_url: str,
        token_url: str,
        userinfo_url: str,
        http: httpx.AsyncClient,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._redirect_uri = redirect_uri
        self._auth_url = auth_url
        self._token_url = token_url
        self._userinfo_url = userinfo_url
        self._http = http

    def authorization_url(self, state: str) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self._client_id,
                "redirect_uri": self._redirect_uri,
                "state": state,
                "scope": SCOPE,
            }
        )
        separator = "&" if "?" in self._auth_url else "?"
        return f"{self._auth_url}{separator}{query}"

    async def identity_for_code(self, code: str) -> LinkedInIdentity:
        access_token = await self._exchange(code)
        try:
            response = await self._http.get(
                self._userinfo_url, headers={"Authorization": f"Bearer {access_token}"}
            )
        except httpx.HTTPError as exc:
            raise LinkedInUnavailable() from exc
        if response.status_code != 200:
            log.warning("LinkedIn userinfo answered %s", response.status_code)
            raise LinkedInUnavailable()
        data = _json(response)
        sub = data.get("sub")
        if not isinstance(sub, str) or not sub:
            raise LinkedInUnavailable()
        return LinkedInIdentity(
            sub=sub,
            email=data["email"] if isinstance(data.get("email"), str) else None,
            email_verified=_truthy(data.get("email_verified")),
            given_name=str(data.get("given_name") or ""),
            family_name=str(data.get("family_name") or ""),
            picture=str(data.get("picture") or ""),
            locale=_locale(data.get("locale")),
        )

    async def _exchange(self, code: str) -> str:
        try:
            response = await self._http.post(
                self._token_url,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "client_id": self._client_id,
                    "client_secret": self._client_secret,
                    "redirect_uri": self._redirect_uri,
                },
                headers={"Accept": "application/json"},
            )
        except httpx.HTTPError as exc:
            raise LinkedInUnavailable() from exc
        if response.status_code == 400:
            raise InvalidOAuthCode()
        if response.status_code != 200:
            log.warning("LinkedIn token endpoint answered %s", response.status_code)
            raise LinkedInUnavailable()
        token = _json(response).get("access_token")
        if not isinstance(token, str) or not token:
            raise LinkedInUnavailable()
        return token


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise LinkedInUnavailable() from exc
    if not isinstance(data, dict):
        raise LinkedInUnavailable()
    return data


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


def _locale(value: object) -> str | None:
    if isinstance(value, dict):
        language, country = value.get("language"), value.get("country")
        if isinstance(language, str) and language:
            return f"{language}_{country}" if isinstance(country, str) and country else language
        return None
    return value if isinstance(value, str) and value else None
