from __future__ import annotations

from typing import Protocol

import msgspec


class LinkedInIdentity(msgspec.Struct, frozen=True, kw_only=True):
    """What LinkedIn's OpenID Connect userinfo says about the person who signed in."""

    sub: str
    email: str | None = None
    email_verified: bool = False
    given_name: str = ""
    family_name: str = ""
    picture: str = ""
    locale: str | None = None


class LinkedInClient(Protocol):
    def authorization_url(self, state: str) -> str: ...

    async def identity_for_code(self, code: str) -> LinkedInIdentity:
        """Exchange the authorization code and read the user's identity.

        Raises ``core.domain.accounts.errors.LinkedInUnavailable`` when LinkedIn refuses or fails.
        """
        ...
