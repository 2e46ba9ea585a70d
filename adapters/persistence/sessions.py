from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.tables import oauth_states, refresh_tokens
from core.ports.clock import Clock
from core.ports.oauth_state_store import OAuthStateStore
from core.ports.refresh_token_store import RefreshTokenStore


class SqlRefreshTokenStore(RefreshTokenStore):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, *, jti: str, family: str, user_id: int, expires_at: datetime) -> None:
        await self._session.execute(
            refresh_tokens.insert().values(
                jti=jti,
                family=family,
                user_id=user_id,
                issued_at=self._clock.now(),
                expires_at=expires_at,
            )
        )

    async def use(self, jti: str, now: datetime) -> bool:
        # One conditional UPDATE: of two concurrent refreshes with the same token, one wins.
        result = await self._session.execute(
            update(refresh_tokens)
            .where(
                refresh_tokens.c.jti == jti,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
                refresh_tokens.c.expires_at > now,
            )
            .values(used_at=now)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def is_live(self, jti: str, now: datetime) -> bool:
        row = await self._session.execute(
            select(refresh_tokens.c.jti).where(
                refresh_tokens.c.jti == jti,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
                refresh_tokens.c.expires_at > now,
            )
        )
        return row.first() is not None

    async def revoke_family(self, family: str, now: datetime) -> None:
        await self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.family == family, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def revoke_all_for_user(self, user_id: int, now: datetime) -> None:
        await self._session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


class SqlOAuthStateStore(OAuthStateStore):
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, state: str, expires_at: datetime) -> None:
        await self._session.execute(
            oauth_states.insert().values(
                state_hash=_hash(state),
                created_at=self._clock.now(),
                expires_at=expires_at,
            )
        )

    async def consume(self, state: str, now: datetime) -> bool:
        result = await self._session.execute(
            delete(oauth_states).where(
                oauth_states.c.state_hash == _hash(state), oauth_states.c.expires_at > now
            )
        )
        # Expired ones are garbage either way.
        await self._session.execute(delete(oauth_states).where(oauth_states.c.expires_at <= now))
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]
