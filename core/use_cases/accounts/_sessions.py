"""Helpers shared by the use cases that open a session or send an account e-mail."""

from __future__ import annotations

import msgspec

from core.domain.accounts.policy import AccountsPolicy
from core.domain.accounts.user import User
from core.domain.email import SendEmail
from core.ports.action_tokens import ActionTokens
from core.ports.refresh_token_store import RefreshTokenStore
from core.ports.token_issuer import TokenIssuer


class TokenPair(msgspec.Struct, frozen=True, kw_only=True):
    access: str
    refresh: str


async def open_session(
    user: User,
    *,
    tokens: TokenIssuer,
    store: RefreshTokenStore,
    family: str | None = None,
) -> TokenPair:
    issued = tokens.issue(user_id=user.require_id(), version=user.token_version, family=family)
    if family is None:
        await store.open_family(family=issued.family, user_id=user.require_id())
    await store.add(
        jti=issued.refresh_jti,
        family=issued.family,
        user_id=user.require_id(),
        expires_at=issued.refresh_expires_at,
    )
    return TokenPair(access=issued.access, refresh=issued.refresh)


def activation_fingerprint(user: User, action_tokens: ActionTokens) -> str:
    # Bound to the address being verified: a token for an old address verifies nothing.
    return action_tokens.fingerprint("activation", user.email.casefold())


def reset_fingerprint(user: User, action_tokens: ActionTokens) -> str:
    # Bound to the current password and session version: using the token changes both, so it
    # works once; disabling the account (which bumps the version) voids it too.
    return action_tokens.fingerprint(
        "reset", user.password_hash or "", str(user.token_version), str(user.is_active)
    )


def activation_email(
    user: User, *, action_tokens: ActionTokens, policy: AccountsPolicy, locale: str
) -> SendEmail:
    token = action_tokens.make(
        purpose="activation",
        user_id=user.require_id(),
        fingerprint=activation_fingerprint(user, action_tokens),
        ttl=policy.activation_ttl,
    )
    return SendEmail(
        template="activation",
        to=user.email,
        locale=locale,
        context={
            "first_name": user.first_name,
            "username": user.username,
            "link": policy.link("activate", token),
            "hours": str(int(policy.activation_ttl.total_seconds() // 3600)),
        },
    )
